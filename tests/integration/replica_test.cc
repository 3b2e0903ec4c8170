// The query service on a read replica: a real primary and a real streaming replica (two private
// clusters, pg_basebackup -R), ingestion and extraction writing to the primary, fazhi-query
// reading the replica through FAZHI_QUERY_DATABASE_URL. Pausing the replica's WAL replay shows
// where each side works: new reports are stored on the primary at once and answered by the
// query service only once the replica has replayed them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/testing/private_cluster.h"
#include "tests/testing/service_process.h"

namespace fazhi::testing {
namespace {

namespace fs = std::filesystem;

static constexpr std::string_view kDatabase = "fazhi";

int64_t Count(const std::string& url, const std::string& sql) {
  pqxx::connection connection(url);
  pqxx::nontransaction work(connection);
  return work.exec1(sql)[0].as<int64_t>();
}

void Exec(const std::string& url, const std::string& sql) {
  pqxx::connection connection(url);
  pqxx::nontransaction work(connection);
  work.exec(sql);
}

// Reports the query service lists, or -1 when the call fails.
int64_t ListedReports(const ServiceSuite& suite) {
  CommandResult list = RunCli(suite, {"list", "--all", "--format", "json"});
  if (list.exit_code != 0) return -1;
  return static_cast<int64_t>(nlohmann::json::parse(list.out)["reports"].size());
}

// Polls until the query service lists `expected` reports (replication is asynchronous).
bool WaitForListed(const ServiceSuite& suite, int64_t expected) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (ListedReports(suite) == expected) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

class ReplicaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto primary = PrivateCluster::Create({.fsync = false});
    ASSERT_TRUE(primary.ok()) << primary.status();
    primary_ = std::move(*primary);
    ASSERT_TRUE(primary_->CreateDatabase(std::string(kDatabase)).ok());
    auto replica = PrivateCluster::StartReplicaOf(*primary_);
    ASSERT_TRUE(replica.ok()) << replica.status();
    replica_ = std::move(*replica);
    primary_url_ = primary_->Url(std::string(kDatabase));
    replica_url_ = replica_->Url(std::string(kDatabase));
  }

  std::unique_ptr<PrivateCluster> primary_;
  std::unique_ptr<PrivateCluster> replica_;
  std::string primary_url_;
  std::string replica_url_;
};

TEST_F(ReplicaTest, QueryServiceAnswersFromTheReplicaWhileWritesGoToThePrimary) {
  ASSERT_EQ(Count(replica_url_, "SELECT count(*) FROM pg_stat_wal_receiver"), 1);
  ServiceSuite suite(primary_url_, {{"FAZHI_QUERY_DATABASE_URL", replica_url_}});
  absl::Status started = suite.StartAll();
  ASSERT_TRUE(started.ok()) << started;

  CommandResult ingest = RunCli(suite, {"ingest", SourceDir() + "/tests/data/corpus"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  ASSERT_EQ(Count(primary_url_, "SELECT count(*) FROM reports"), 5);
  ASSERT_TRUE(WaitForListed(suite, 5)) << ListedReports(suite);

  // The query service's sessions are on the replica, named, and nowhere on the primary.
  const std::string sessions = absl::StrCat(
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'fazhi-query' AND datname = "
      "'",
      std::string(kDatabase), "'");
  EXPECT_GT(Count(replica_url_, sessions), 0);
  EXPECT_EQ(Count(primary_url_, sessions), 0);

  // With replay paused, a new report is on the primary but not yet answered by the query service.
  Exec(replica_url_, "SELECT pg_wal_replay_pause()");
  fs::path extra = fs::temp_directory_path() / absl::StrCat("fazhi-replica-", getpid(), ".txt");
  {
    std::ifstream sample(
        SourceDir() + "/tests/data/corpus/" +
        fs::directory_iterator(SourceDir() + "/tests/data/corpus")->path().filename().string());
    std::ofstream out(extra);
    out << sample.rdbuf() << "\n（本报告另存一份。）\n";
  }
  CommandResult ingest_extra = RunCli(suite, {"ingest", extra.string()});
  fs::remove(extra);
  ASSERT_EQ(ingest_extra.exit_code, 0) << ingest_extra.err;
  EXPECT_EQ(Count(primary_url_, "SELECT count(*) FROM reports"), 6);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(ListedReports(suite), 5);

  Exec(replica_url_, "SELECT pg_wal_replay_resume()");
  EXPECT_TRUE(WaitForListed(suite, 6)) << ListedReports(suite);
  CommandResult search = RunCli(suite, {"search", "本报告另存一份", "--format", "json"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_NE(search.out.find("本报告另存一份"), std::string::npos) << search.out;
}

// The query service never migrates or writes: pointed at an empty database it creates nothing
// there, while its (named) sessions are open on it and not on FAZHI_DATABASE_URL.
TEST_F(ReplicaTest, QueryServiceLeavesItsDatabaseUntouched) {
  ASSERT_TRUE(primary_->CreateDatabase("empty").ok());
  std::string empty_url = primary_->Url("empty");
  std::string address = absl::StrCat("127.0.0.1:", FreePort());
  ServiceProcess query("fazhi-query", address,
                       {{"FAZHI_DATABASE_URL", primary_url_},
                        {"FAZHI_QUERY_DATABASE_URL", empty_url},
                        {"FAZHI_QUERY_ADDR", address},
                        {"FAZHI_QUERY_METRICS_ADDR", ""}});
  absl::Status started = query.Start();
  ASSERT_TRUE(started.ok()) << started << query.LogTail();
  EXPECT_EQ(Count(empty_url,
                  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                  "c.relnamespace WHERE n.nspname = 'public'"),
            0);
  const std::string sessions_on =
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'fazhi-query' AND datname = ";
  EXPECT_GT(Count(empty_url, sessions_on + "'empty'"), 0);
  EXPECT_EQ(Count(empty_url, sessions_on + "'" + std::string(kDatabase) + "'"), 0);
  EXPECT_EQ(query.Stop(), 0);
}

}  // namespace
}  // namespace fazhi::testing
