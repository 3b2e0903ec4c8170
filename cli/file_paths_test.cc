#include "cli/file_paths.h"

#include <gtest/gtest.h>

#include <fstream>

namespace fazhi::cli {
namespace {

namespace fs = std::filesystem;

class FilePathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test: CTest runs the tests of this file in parallel.
    root_ = fs::path(::testing::TempDir()) /
            ("fazhi-file-paths-" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    for (const char* file :
         {"b.txt", "a/c.pdf", "a/.gitkeep", ".git/HEAD", "a/.cache/x.txt", ".hidden.txt"}) {
      fs::create_directories((root_ / file).parent_path());
      std::ofstream(root_ / file) << "x";
    }
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(FilePathsTest, WalksFoldersRecursivelyInSortedOrderSkippingHiddenEntries) {
  int missing = 0;
  std::vector<fs::path> files = CollectFiles({root_.string()}, &missing);
  EXPECT_EQ(files, (std::vector<fs::path>{root_ / "a/c.pdf", root_ / "b.txt"}));
  EXPECT_EQ(missing, 0);
}

TEST_F(FilePathsTest, ReadsAHiddenFileNamedOnTheCommandLineAndCountsMissingOnes) {
  int missing = 0;
  std::vector<fs::path> files = CollectFiles(
      {(root_ / ".hidden.txt").string(), (root_ / "nope").string(), (root_ / "a").string()},
      &missing);
  EXPECT_EQ(files, (std::vector<fs::path>{root_ / ".hidden.txt", root_ / "a/c.pdf"}));
  EXPECT_EQ(missing, 1);
}

}  // namespace
}  // namespace fazhi::cli
