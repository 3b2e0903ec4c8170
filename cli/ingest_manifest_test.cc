#include "cli/ingest_manifest.h"

#include <gtest/gtest.h>

#include <fstream>

namespace fazhi::cli {
namespace {

namespace fs = std::filesystem;

class IngestManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) /
            ("fazhi-manifest-" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "2023");
    std::ofstream(root_ / "a.txt") << "a";
    std::ofstream(root_ / "2023/b.html") << "b";
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path Write(const std::string& csv) {
    std::ofstream(root_ / "manifest.csv", std::ios::binary) << csv;
    return root_ / "manifest.csv";
  }
  fs::path root_;
};

TEST_F(IngestManifestTest, MapsFilesRelativeToItsFolderToTheirSource) {
  auto manifest = IngestManifest::Read(
      Write("\xEF\xBB\xBF"
            "file,source_url,retrieved_time\r\n"
            "a.txt,https://www.example.gov.cn/a.html,2024-03-01T08:00:00+08:00\r\n"
            "2023/b.html,https://www.example.gov.cn/b.html,\r\n"));
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  const FileSource* a = manifest->Find(root_ / "." / "a.txt");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->source_url, "https://www.example.gov.cn/a.html");
  ASSERT_TRUE(a->retrieved_time.has_value());
  EXPECT_EQ(absl::ToUnixSeconds(*a->retrieved_time), 1709251200);
  const FileSource* b = manifest->Find(root_ / "2023/b.html");
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(b->retrieved_time.has_value());
  EXPECT_EQ(manifest->Find(root_ / "c.txt"), nullptr);
  EXPECT_TRUE(manifest->MissingFiles().empty());
}

TEST_F(IngestManifestTest, ReportsRowsNamingMissingFiles) {
  auto manifest =
      IngestManifest::Read(Write("source_url,file\nhttp://x/gone,gone.txt\nhttp://x/a,a.txt\n"));
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  std::vector<std::string> missing = manifest->MissingFiles();
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].find("row 2"), std::string::npos) << missing[0];
  EXPECT_NE(missing[0].find("gone.txt"), std::string::npos) << missing[0];
}

TEST_F(IngestManifestTest, RefusesMissingColumnsBadTimesAndTwiceListedFiles) {
  auto no_url = IngestManifest::Read(Write("file,url\na.txt,http://x\n"));
  EXPECT_EQ(no_url.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(no_url.status().message().find("source_url"), std::string::npos) << no_url.status();
  auto bad_time =
      IngestManifest::Read(Write("file,source_url,retrieved_time\na.txt,http://x,yesterday\n"));
  EXPECT_EQ(bad_time.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad_time.status().message().find("row 2"), std::string::npos) << bad_time.status();
  auto twice = IngestManifest::Read(Write("file,source_url\na.txt,http://x\n./a.txt,http://y\n"));
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(IngestManifest::Read(root_ / "none.csv").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace fazhi::cli
