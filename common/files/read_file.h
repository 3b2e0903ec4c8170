// A whole file read into memory: report files and small settings files, read once and dropped.
//
//   absl::StatusOr<FileBytes> bytes = ReadFileBytes("report.txt");
//   if (!bytes.ok()) return bytes.status();          // NotFound, PermissionDenied, ... from errno
//   Decode(bytes->view());
//   absl::StatusOr<std::string> text = ReadFileToString("tokens.txt");  // for a string to keep
//   absl::StatusOr<std::vector<std::string>> reports = ReadFilesInFolder("tests/data/corpus");
//
// ReadFileBytes reads with read(2) into a buffer that is not zero-filled first (as a std::string
// of the file's size is) and through no ifstream (which allocates a buffer of its own per file):
// `fazhi extract` reads thousands of files. A regular file is read in one call of its size;
// anything else (a pipe, /dev/stdin, a file under /proc that says it is empty) until its end. For
// large files read at every start-up, map them instead (MappedFile).
#ifndef FAZHI_COMMON_FILES_READ_FILE_H_
#define FAZHI_COMMON_FILES_READ_FILE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi {

class FileBytes final {
 public:
  FileBytes() = default;
  FileBytes(std::unique_ptr<char[]> data, size_t size) : data_(std::move(data)), size_(size) {}

  std::string_view view() const { return std::string_view(data_.get(), size_); }
  size_t size() const { return size_; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
};

// The whole of the file at `path`. A folder is FailedPrecondition; a file that ends before the
// size it had when opened, DataLoss.
absl::StatusOr<FileBytes> ReadFileBytes(const std::string& path);

// The same, as a string of its own.
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

// Every regular file directly in the folder `dir`, in the order of their names (a benchmark's
// corpus). A missing folder is NotFound; the first file that cannot be read, its error.
absl::StatusOr<std::vector<std::string>> ReadFilesInFolder(const std::string& dir);

}  // namespace fazhi

#endif  // FAZHI_COMMON_FILES_READ_FILE_H_
