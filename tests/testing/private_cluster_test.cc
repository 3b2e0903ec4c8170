#include "tests/testing/private_cluster.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <pqxx/pqxx>

namespace fazhi::testing {
namespace {

int CountRows(const std::string& url) {
  pqxx::connection connection(url);
  pqxx::nontransaction work(connection);
  return work.exec1("SELECT count(*) FROM kept")[0].as<int>();
}

TEST(PrivateClusterTest, CommittedRowsSurviveAnImmediateRestart) {
  auto cluster = PrivateCluster::Create();
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  ASSERT_TRUE((*cluster)->CreateDatabase("durable").ok());
  std::string url = (*cluster)->Url("durable");
  {
    pqxx::connection connection(url);
    pqxx::work work(connection);
    work.exec0("CREATE TABLE kept (n int)");
    work.exec0("INSERT INTO kept SELECT generate_series(1, 100)");
    work.commit();
  }
  ASSERT_TRUE((*cluster)->Restart(PrivateCluster::StopMode::kImmediate).ok())
      << (*cluster)->LogTail();
  EXPECT_EQ(CountRows(url), 100);
}

TEST(PrivateClusterTest, ConnectionsFailWhileStoppedAndWorkAfterStart) {
  auto cluster = PrivateCluster::Create();
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  ASSERT_TRUE((*cluster)->Stop().ok());
  EXPECT_FALSE((*cluster)->running());
  EXPECT_THROW(pqxx::connection((*cluster)->Url()), pqxx::broken_connection);
  ASSERT_TRUE((*cluster)->Start().ok()) << (*cluster)->LogTail();
  pqxx::connection connection((*cluster)->Url());
  EXPECT_TRUE(connection.is_open());
}

TEST(PrivateClusterTest, DestructionRemovesTheDataDirectory) {
  std::string data_dir;
  {
    auto cluster = PrivateCluster::Create();
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    data_dir = (*cluster)->data_dir();
    EXPECT_TRUE(std::filesystem::exists(data_dir + "/PG_VERSION"));
  }
  EXPECT_FALSE(std::filesystem::exists(data_dir));
}

}  // namespace
}  // namespace fazhi::testing
