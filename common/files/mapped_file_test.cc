#include "common/files/mapped_file.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

namespace fazhi {
namespace {

std::filesystem::path TempFile(std::string_view name, std::string_view contents) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << contents;
  return path;
}

TEST(MappedFileTest, MapsTheWholeFileAtAPageBoundary) {
  const std::string contents(10000, 'x');
  const std::filesystem::path path = TempFile("fazhi_mapped_file_test", contents + "end");
  absl::StatusOr<MappedFile> file = MappedFile::Open(path.string());
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->bytes(), contents + "end");
  EXPECT_EQ(reinterpret_cast<uintptr_t>(file->bytes().data()) % 4096, 0u);
  std::filesystem::remove(path);
}

TEST(MappedFileTest, MovesKeepTheMapping) {
  const std::filesystem::path path = TempFile("fazhi_mapped_file_move_test", "contents");
  absl::StatusOr<MappedFile> file = MappedFile::Open(path.string());
  ASSERT_TRUE(file.ok()) << file.status();
  const char* const data = file->bytes().data();
  MappedFile moved = *std::move(file);
  EXPECT_EQ(moved.bytes().data(), data);
  EXPECT_EQ(moved.bytes(), "contents");
  MappedFile assigned;
  assigned = std::move(moved);
  EXPECT_EQ(assigned.bytes(), "contents");
  EXPECT_TRUE(moved.bytes().empty());  // the moved-from file maps nothing, and unmaps nothing
  std::filesystem::remove(path);
}

TEST(MappedFileTest, EmptyFileHasNoBytes) {
  const std::filesystem::path path = TempFile("fazhi_mapped_file_empty_test", "");
  absl::StatusOr<MappedFile> file = MappedFile::Open(path.string());
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_TRUE(file->bytes().empty());
  std::filesystem::remove(path);
}

TEST(MappedFileTest, MissingFileIsNotFoundAndADirectoryIsRefused) {
  absl::StatusOr<MappedFile> missing = MappedFile::Open("/nonexistent/fazhi/file");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/fazhi/file"), std::string::npos);
  absl::StatusOr<MappedFile> directory =
      MappedFile::Open(std::filesystem::temp_directory_path().string());
  EXPECT_EQ(directory.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace fazhi
