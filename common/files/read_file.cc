#include "common/files/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace fazhi {
namespace {

absl::Status ErrorOf(int error, const char* what, const std::string& path) {
  return absl::ErrnoToStatus(error, absl::StrCat(what, " '", path, "'"));
}

// Closes the descriptor whichever way the read ends.
class OpenFile final {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Reads into `buffer` until it is full or the file ends; the count read, or -1 with errno set.
ssize_t ReadUpTo(int fd, char* buffer, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, buffer + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

// Reads in growing blocks until the file ends.
absl::StatusOr<FileBytes> ReadToEnd(int fd, const std::string& path) {
  size_t capacity = 64 * 1024;
  auto data = std::make_unique_for_overwrite<char[]>(capacity);
  size_t size = 0;
  while (true) {
    const ssize_t n = ReadUpTo(fd, data.get() + size, capacity - size);
    if (n < 0) return ErrorOf(errno, "cannot read", path);
    size += static_cast<size_t>(n);
    if (size < capacity) return FileBytes(std::move(data), size);
    auto larger = std::make_unique_for_overwrite<char[]>(2 * capacity);
    std::memcpy(larger.get(), data.get(), size);
    data = std::move(larger);
    capacity *= 2;
  }
}

}  // namespace

absl::StatusOr<FileBytes> ReadFileBytes(const std::string& path) {
  const OpenFile file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.fd() < 0) return ErrorOf(errno, "cannot open", path);
  struct stat status;
  if (::fstat(file.fd(), &status) != 0) return ErrorOf(errno, "cannot read", path);
  if (S_ISDIR(status.st_mode))
    return absl::FailedPreconditionError(absl::StrCat("'", path, "' is a folder, not a file"));
  // A pipe, or a /proc file that says it is empty: its size is known only at its end.
  if (!S_ISREG(status.st_mode) || status.st_size == 0) return ReadToEnd(file.fd(), path);
  const auto size = static_cast<size_t>(status.st_size);
  auto data = std::make_unique_for_overwrite<char[]>(size);
  const ssize_t read = ReadUpTo(file.fd(), data.get(), size);
  if (read < 0) return ErrorOf(errno, "cannot read", path);
  if (static_cast<size_t>(read) != size) {
    return absl::DataLossError(absl::StrCat("'", path, "' ended before its size while being read"));
  }
  return FileBytes(std::move(data), size);
}

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  absl::StatusOr<FileBytes> bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.status();
  return std::string(bytes->view());
}

absl::StatusOr<std::vector<std::string>> ReadFilesInFolder(const std::string& dir) {
  std::vector<std::string> paths;
  std::error_code error;
  for (std::filesystem::directory_iterator entry(dir, error), end; !error && entry != end;
       entry.increment(error)) {
    if (entry->is_regular_file(error)) paths.push_back(entry->path().string());
  }
  if (error) return ErrorOf(error.value(), "cannot list", dir);
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> contents;
  contents.reserve(paths.size());
  for (const std::string& path : paths) {
    absl::StatusOr<std::string> text = ReadFileToString(path);
    if (!text.ok()) return text.status();
    contents.push_back(*std::move(text));
  }
  return contents;
}

}  // namespace fazhi
