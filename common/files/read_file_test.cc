#include "common/files/read_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"

namespace fazhi {
namespace {

namespace fs = std::filesystem;

fs::path TempPath(std::string_view name) { return fs::temp_directory_path() / name; }

fs::path TempFile(std::string_view name, std::string_view contents) {
  const fs::path path = TempPath(name);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << contents;
  return path;
}

TEST(ReadFileTest, ReadsTheWholeFile) {
  std::string contents;
  for (int i = 0; contents.size() < 300000; ++i) contents += "第" + std::to_string(i) + "行\n";
  const fs::path path = TempFile("fazhi_read_file_test", contents);
  absl::StatusOr<FileBytes> bytes = ReadFileBytes(path.string());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(bytes->size(), contents.size());
  EXPECT_EQ(bytes->view(), contents);
  absl::StatusOr<std::string> text = ReadFileToString(path.string());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, contents);
  fs::remove(path);
}

TEST(ReadFileTest, AnEmptyFileIsNoBytes) {
  const fs::path path = TempFile("fazhi_read_file_empty_test", "");
  absl::StatusOr<FileBytes> bytes = ReadFileBytes(path.string());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(bytes->size(), 0u);
  EXPECT_TRUE(bytes->view().empty());
  fs::remove(path);
}

TEST(ReadFileTest, AMissingFileIsNotFoundAndNamesThePath) {
  const std::string path = TempPath("fazhi_read_file_missing_test").string();
  absl::StatusOr<FileBytes> bytes = ReadFileBytes(path);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(bytes.status().message().find(path), std::string_view::npos);
  EXPECT_EQ(ReadFileToString(path).status().code(), absl::StatusCode::kNotFound);
}

TEST(ReadFileTest, AFolderIsRefused) {
  absl::StatusOr<FileBytes> bytes = ReadFileBytes(fs::temp_directory_path().string());
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().code(), absl::StatusCode::kFailedPrecondition);
}

// A pipe has no size before it ends: it is read in blocks, past the first block's 64 KiB.
TEST(ReadFileTest, APipeIsReadToItsEnd) {
  const fs::path path = TempPath("fazhi_read_file_fifo_test");
  fs::remove(path);
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  const std::string contents(200000, 'p');
  std::thread writer([&] { std::ofstream(path, std::ios::binary) << contents; });
  absl::StatusOr<FileBytes> bytes = ReadFileBytes(path.string());
  writer.join();
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(bytes->view(), contents);
  fs::remove(path);
}

TEST(ReadFileTest, AProcFileWhoseSizeIsZeroIsReadToItsEnd) {
  absl::StatusOr<std::string> status = ReadFileToString("/proc/self/status");
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_NE(status->find("VmRSS"), std::string::npos);
}

// Files only, not the folder within, in name order whatever order they were made in.
TEST(ReadFileTest, ReadsAFoldersFilesInNameOrder) {
  const fs::path dir = TempPath("fazhi_read_folder_test");
  fs::remove_all(dir);
  fs::create_directories(dir / "inner");
  std::ofstream(dir / "b.txt") << "second";
  std::ofstream(dir / "a.txt") << "first";
  std::ofstream(dir / "inner" / "c.txt") << "not read";
  absl::StatusOr<std::vector<std::string>> contents = ReadFilesInFolder(dir.string());
  ASSERT_TRUE(contents.ok()) << contents.status();
  EXPECT_EQ(*contents, (std::vector<std::string>{"first", "second"}));
  fs::remove_all(dir);
}

TEST(ReadFileTest, AMissingFolderIsNotFoundAndNamesIt) {
  absl::StatusOr<std::vector<std::string>> contents =
      ReadFilesInFolder("/nonexistent/fazhi-folder");
  ASSERT_FALSE(contents.ok());
  EXPECT_EQ(contents.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(contents.status().message().find("'/nonexistent/fazhi-folder'"), std::string::npos);
}

}  // namespace
}  // namespace fazhi
