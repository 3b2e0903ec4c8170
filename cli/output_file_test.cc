#include "cli/output_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fazhi::cli {
namespace {

namespace fs = std::filesystem;

constexpr OptionSpec kOptions[] = {kOutOption, kBomOption, kNoBomOption};

TEST(WantsByteOrderMarkTest, OnlyCsvToACsvFileByDefault) {
  EXPECT_TRUE(WantsByteOrderMark("reports.csv", /*csv=*/true, false, false));
  EXPECT_TRUE(WantsByteOrderMark("/tmp/报告.CSV", true, false, false));
  EXPECT_FALSE(WantsByteOrderMark("-", true, false, false)) << "standard output feeds programs";
  EXPECT_FALSE(WantsByteOrderMark("reports.txt", true, false, false));
  EXPECT_FALSE(WantsByteOrderMark("reports.csv", /*csv=*/false, false, false))
      << "JSON is never marked";
}

TEST(WantsByteOrderMarkTest, BomAndNoBomDecide) {
  EXPECT_TRUE(WantsByteOrderMark("-", true, /*bom=*/true, false));
  EXPECT_TRUE(WantsByteOrderMark("out.txt", true, /*bom=*/true, false));
  EXPECT_FALSE(WantsByteOrderMark("reports.csv", true, false, /*no_bom=*/true));
}

std::string WriteThrough(const std::vector<std::string>& args, bool csv) {
  auto line = CommandLine::Parse(args, kOptions);
  EXPECT_TRUE(line.ok()) << line.status();
  auto out = OutputFile::Open(*line, csv);
  EXPECT_TRUE(out.ok()) << out.status();
  out->stream() << "name\r\n";
  EXPECT_TRUE(out->Close().ok());
  std::ifstream in(line->Option("out"), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(OutputFileTest, WritesTheMarkThenTheOutputToTheFile) {
  fs::path csv = fs::path(::testing::TempDir()) / "fazhi-output-file-test.csv";
  EXPECT_EQ(WriteThrough({"--out", csv.string()}, true), "\xEF\xBB\xBFname\r\n");
  EXPECT_EQ(WriteThrough({"--out", csv.string(), "--no-bom"}, true), "name\r\n");
  fs::path json = fs::path(::testing::TempDir()) / "fazhi-output-file-test.json";
  EXPECT_EQ(WriteThrough({"--out", json.string()}, false), "name\r\n");
  fs::remove(csv);
  fs::remove(json);
}

TEST(OutputFileTest, DashIsStandardOutput) {
  auto line = CommandLine::Parse({"--out", "-"}, kOptions);
  ASSERT_TRUE(line.ok());
  auto out = OutputFile::Open(*line, true);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE(out->is_stdout());
}

TEST(OutputFileTest, RefusesBomWithNoBomAndAnUnwritableFile) {
  auto both = CommandLine::Parse({"--bom", "--no-bom"}, kOptions);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(OutputFile::Open(*both, true).status().code(), absl::StatusCode::kInvalidArgument);
  auto nowhere = CommandLine::Parse({"--out", "/nonexistent/dir/x.csv"}, kOptions);
  ASSERT_TRUE(nowhere.ok());
  absl::Status status = OutputFile::Open(*nowhere, true).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("/nonexistent/dir/x.csv"), std::string::npos) << status;
}

}  // namespace
}  // namespace fazhi::cli
