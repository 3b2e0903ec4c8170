// Issue 19, "tools that fit people's habits", end to end: the real `fazhi` CLI against the real
// services. `get --text` and `get --original` give back the text and the archived bytes; CSV to a
// .csv file opens right in Excel; ingest records where documents came from and names each
// report; a connection that fails says why; settings' flags work after the command.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/text/sha256.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "tests/integration/running_services.h"
#include "tests/integration/sample_reports.h"
#include "tests/testing/service_process.h"

namespace fazhi::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class CliIoTest : public RunningServicesTest {
 protected:
  static void SetUpTestSuite() { StartServices({}); }
  static void TearDownTestSuite() { StopServices(); }

  void SetUp() override {
    RunningServicesTest::SetUp();
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat("fazhi-cli-io-", getpid(), "-",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A sample report made new by a line of its own (each test archives its own documents).
  std::string NewDocument(const std::string& note) const {
    return samples_->front().bytes + "\n附记:" + note + "。\n";
  }

  v1::Report GetReport(const std::string& name) {
    v1::GetReportRequest request;
    request.set_name(name);
    request.set_view(v1::REPORT_VIEW_FULL);
    v1::Report report;
    grpc::Status status = query_->GetReport(Context().get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }

  // `fazhi ingest ARGS --format json`, parsed.
  nlohmann::json IngestJson(std::vector<std::string> args, int expected_exit = 0) {
    args.insert(args.begin(), "ingest");
    args.insert(args.end(), {"--format", "json"});
    CommandResult result = RunCli(*suite_, args);
    EXPECT_EQ(result.exit_code, expected_exit) << result.out << result.err;
    return nlohmann::json::parse(result.out);
  }

  fs::path dir_;
};

TEST_F(CliIoTest, GetOriginalGivesBackTheArchivedBytesAndGetTextTheNormalizedText) {
  const std::string gb18030 = ConvertFromUtf8(NewDocument("原件取回"), "GB18030");
  ASSERT_NE(gb18030, NewDocument("原件取回")) << "the test needs bytes that are not UTF-8";
  const fs::path file = dir_ / "gbk.txt";
  std::ofstream(file, std::ios::binary) << gb18030;
  nlohmann::json ingested = IngestJson({file.string()});
  const std::string name = ingested["documents"][0]["name"];
  ASSERT_THAT(name, StartsWith("reports/"));

  const fs::path copy = dir_ / "copy.txt";
  CommandResult to_file = RunCli(*suite_, {"get", name, "--original", "--out", copy.string()});
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(text::Sha256Hex(ReadFile(copy)), text::Sha256Hex(gb18030));
  CommandResult to_stdout = RunCli(*suite_, {"get", "--original", name});
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  EXPECT_EQ(text::Sha256Hex(to_stdout.out), text::Sha256Hex(gb18030));
  CommandResult dash = RunCli(*suite_, {"get", name, "--original", "--out", "-"});
  EXPECT_EQ(text::Sha256Hex(dash.out), text::Sha256Hex(gb18030));

  CommandResult text = RunCli(*suite_, {"get", name, "--text"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, GetReport(name).text());
  EXPECT_THAT(text.out, HasSubstr("附记:原件取回。"));

  CommandResult both = RunCli(*suite_, {"get", name, "--text", "--original"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("--text or --original"));
  CommandResult missing = RunCli(*suite_, {"get", "reports/0000000000000000", "--original"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("NOT_FOUND"));
}

TEST_F(CliIoTest, IngestRecordsTheSourceUrlOfAFileAndGetShowsIt) {
  const fs::path file = dir_ / "report.txt";
  std::ofstream(file) << NewDocument("来源网址");
  const std::string url = "https://www.example.gov.cn/art/2024/3/1/art_1.html";
  CommandResult ingested = RunCli(*suite_, {"ingest", file.string(), "--source-url", url});
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  // The table names the new report beside its file.
  EXPECT_THAT(ingested.out, HasSubstr(file.string()));
  EXPECT_THAT(ingested.out, HasSubstr("new"));
  size_t at = ingested.out.find("reports/");
  ASSERT_NE(at, std::string::npos) << ingested.out;
  const std::string name = ingested.out.substr(at, ingested.out.find(' ', at) - at);
  EXPECT_EQ(GetReport(name).provenance().source_url(), url);
  CommandResult shown = RunCli(*suite_, {"get", name});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr(url));

  CommandResult again = RunCli(*suite_, {"ingest", file.string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr(name));
  EXPECT_THAT(again.out, HasSubstr("duplicate"));

  CommandResult folder = RunCli(*suite_, {"ingest", dir_.string(), "--source-url", url});
  EXPECT_EQ(folder.exit_code, 2);
  EXPECT_THAT(folder.err, HasSubstr("manifest.csv"));
}

// A file that cannot be read fails with the reason the read gave, and is not sent: the files
// around it are ingested. /proc/self/mem is a regular file whose read at offset 0 fails even for
// root (the tests run as root, for whom no permission bits refuse a read).
TEST_F(CliIoTest, AFileThatCannotBeReadFailsWithItsReadErrorAndTheOthersAreIngested) {
  std::ofstream(dir_ / "a.txt") << NewDocument("读不出甲");
  std::ofstream(dir_ / "b.txt") << NewDocument("读不出乙");
  const std::string unreadable = "/proc/self/mem";
  nlohmann::json ingested = IngestJson(
      {(dir_ / "a.txt").string(), unreadable, (dir_ / "b.txt").string()}, /*expected_exit=*/1);
  EXPECT_EQ(ingested["new"], 2) << ingested.dump();
  EXPECT_EQ(ingested["failed"], 1);
  for (const nlohmann::json& document : ingested["documents"]) {
    if (document["file"] != unreadable) {
      EXPECT_EQ(document["result"], "new") << document.dump();
      continue;
    }
    EXPECT_EQ(document["result"], "failed");
    EXPECT_THAT(document["error"].get<std::string>(), HasSubstr("'/proc/self/mem'"));
    EXPECT_THAT(document["error"].get<std::string>(), Not(HasSubstr("empty")));
  }
}

TEST_F(CliIoTest, AFoldersManifestGivesEachFileItsSourceAndRowsWithoutAFileAreReported) {
  fs::create_directories(dir_ / "2023");
  std::ofstream(dir_ / "a.txt") << NewDocument("清单甲");
  std::ofstream(dir_ / "2023/b.txt") << NewDocument("清单乙");
  std::ofstream(dir_ / "c.pdf") << "%PDF-1.5 broken";
  std::ofstream(dir_ / "manifest.csv")
      << "file,source_url,retrieved_time\r\n"
      << "a.txt,https://www.example.gov.cn/a.html,2024-03-01T08:00:00+08:00\r\n"
      << "2023/b.txt,https://www.example.gov.cn/b.html,\r\n"
      << "gone.txt,https://www.example.gov.cn/gone.html,\r\n";
  nlohmann::json ingested = IngestJson({dir_.string()}, /*expected_exit=*/1);
  EXPECT_EQ(ingested["files"], 3) << "the manifest is no document";
  EXPECT_EQ(ingested["new"], 2);
  EXPECT_EQ(ingested["failed"], 1);
  ASSERT_EQ(ingested["manifest_problems"].size(), 1u);
  EXPECT_THAT(ingested["manifest_problems"][0].get<std::string>(), HasSubstr("gone.txt"));
  std::map<std::string, nlohmann::json> by_file;
  for (const nlohmann::json& document : ingested["documents"]) by_file[document["file"]] = document;
  const nlohmann::json& a = by_file[(dir_ / "a.txt").string()];
  ASSERT_EQ(a["result"], "new") << ingested.dump();
  v1::Report report_a = GetReport(a["name"]);
  EXPECT_EQ(report_a.provenance().source_url(), "https://www.example.gov.cn/a.html");
  EXPECT_EQ(report_a.provenance().retrieved_time().seconds(), 1709251200);
  const nlohmann::json& b = by_file[(dir_ / "2023/b.txt").string()];
  ASSERT_EQ(b["result"], "new") << ingested.dump();
  v1::Report report_b = GetReport(b["name"]);
  EXPECT_EQ(report_b.provenance().source_url(), "https://www.example.gov.cn/b.html");
  EXPECT_FALSE(report_b.provenance().has_retrieved_time());
  const nlohmann::json& c = by_file[(dir_ / "c.pdf").string()];
  EXPECT_EQ(c["result"], "failed");
  EXPECT_FALSE(c["error"].get<std::string>().empty());

  // A broken manifest stops the ingest before anything is sent.
  std::ofstream(dir_ / "manifest.csv") << "file,url\r\na.txt,https://x\r\n";
  CommandResult broken = RunCli(*suite_, {"ingest", dir_.string()});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_THAT(broken.err, HasSubstr("source_url"));
}

TEST_F(CliIoTest, CsvWrittenToACsvFileStartsWithAByteOrderMark) {
  std::ofstream(dir_ / "r.txt") << NewDocument("表格");
  IngestJson({(dir_ / "r.txt").string()});
  const fs::path csv = dir_ / "reports.csv";
  for (std::string command : {"list", "search"}) {
    std::vector<std::string> args = {command, "--format", "csv", "--out", csv.string()};
    if (command == "search") args.insert(args.begin() + 1, "表格");
    CommandResult marked = RunCli(*suite_, args);
    ASSERT_EQ(marked.exit_code, 0) << marked.err;
    EXPECT_THAT(ReadFile(csv), StartsWith(absl::StrCat(kByteOrderMark, "name,"))) << command;
    EXPECT_EQ(marked.out, "") << "the data went to the file";
    args.push_back("--no-bom");
    ASSERT_EQ(RunCli(*suite_, args).exit_code, 0);
    EXPECT_THAT(ReadFile(csv), StartsWith("name,")) << command;
  }
  CommandResult to_stdout = RunCli(*suite_, {"list", "--format", "csv", "--out", "-"});
  EXPECT_THAT(to_stdout.out, StartsWith("name,")) << "standard output has no mark by default";
  CommandResult forced = RunCli(*suite_, {"list", "--format", "csv", "--bom"});
  EXPECT_THAT(forced.out, StartsWith(absl::StrCat(kByteOrderMark, "name,")));
  const fs::path json = dir_ / "reports.csv.json";
  ASSERT_EQ(RunCli(*suite_, {"list", "--format", "json", "--out", json.string()}).exit_code, 0);
  EXPECT_THAT(ReadFile(json), StartsWith("{"));
  CommandResult exported = RunCli(*suite_, {"export", "--out", "-"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_THAT(exported.out, Not(StartsWith(kByteOrderMark)));
  EXPECT_THAT(exported.err, HasSubstr("rows to standard output"))
      << "the summary is not part of the data";
  CommandResult both = RunCli(*suite_, {"list", "--format", "csv", "--bom", "--no-bom"});
  EXPECT_EQ(both.exit_code, 2);
}

TEST_F(CliIoTest, SettingsFlagsWorkAfterTheCommandName) {
  Environment elsewhere = suite_->environment();
  elsewhere["FAZHI_QUERY_ADDR"] = "127.0.0.1:1";
  CommandResult spaced = RunBinary(
      "fazhi", {"list", "--query-addr", suite_->query_addr, "--format", "json"}, elsewhere);
  EXPECT_EQ(spaced.exit_code, 0) << spaced.err;
  CommandResult joined =
      RunBinary("fazhi", {"search", "法治", "--query-addr=" + suite_->query_addr}, elsewhere);
  EXPECT_EQ(joined.exit_code, 0) << joined.err;
  CommandResult no_value = RunBinary("fazhi", {"list", "--query-addr"}, elsewhere);
  EXPECT_EQ(no_value.exit_code, 2);
  EXPECT_THAT(no_value.err, HasSubstr("--query-addr needs a value"));
}

TEST_F(CliIoTest, AConnectionThatFailsSaysWhy) {
  const std::string nobody = absl::StrCat("127.0.0.1:", FreePort());
  CommandResult refused = RunCli(*suite_, {"--query-addr", nobody, "list"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr(absl::StrCat("connection refused at ", nobody,
                                                  ": is fazhi-query running?")));
  EXPECT_THAT(refused.err, HasSubstr("FAZHI_QUERY_ADDR"));
  CommandResult ingest_refused =
      RunCli(*suite_, {"--ingestion-addr", nobody, "ingest", SourceDir() + "/tests/data/corpus"});
  EXPECT_EQ(ingest_refused.exit_code, 1);
  EXPECT_THAT(ingest_refused.err, HasSubstr("is fazhi-ingestion running?"));
  CommandResult requeue =
      RunCli(*suite_, {"--extraction-addr", nobody, "requeue", "--state", "dead"});
  EXPECT_EQ(requeue.exit_code, 1);
  EXPECT_THAT(requeue.err, HasSubstr("UNAVAILABLE: connection refused at"));

  CommandResult unresolvable = RunCli(
      *suite_, {"get", "reports/0000000000000000", "--query-addr", "no-such-host.invalid:50053"});
  EXPECT_EQ(unresolvable.exit_code, 1);
  EXPECT_THAT(unresolvable.err, HasSubstr("cannot resolve the host of no-such-host.invalid:50053"));

  // A TLS client meets the plaintext services.
  const std::string make_ca =
      absl::StrCat("cd ", dir_.string(), " && openssl req -x509 -newkey rsa:2048 -nodes",
                   " -days 1 -keyout ca.key -out ca.pem -subj /CN=fazhi-test-ca >/dev/null 2>&1");
  ASSERT_EQ(std::system(make_ca.c_str()), 0) << make_ca;
  Environment tls = suite_->environment();
  tls["FAZHI_TLS_CA"] = (dir_ / "ca.pem").string();
  CommandResult mismatch = RunBinary("fazhi", {"list"}, tls);
  EXPECT_EQ(mismatch.exit_code, 1);
  EXPECT_THAT(mismatch.err, HasSubstr(absl::StrCat("the server at ", suite_->query_addr,
                                                   " speaks plaintext gRPC, not TLS")));
}

}  // namespace
}  // namespace fazhi::testing
