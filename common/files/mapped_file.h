// A file's bytes mapped read-only into memory: for large data files read at every start-up (the
// division index's snapshot), whose pages then come straight from the page cache as they are
// touched, where a read first copied them all into a fresh buffer (a page fault and a copy per
// page, for pages the process may never look at).
//
//   absl::StatusOr<MappedFile> file = MappedFile::Open("build/data/divisions.snapshot");
//   if (!file.ok()) return file.status();              // NotFound for a missing file
//   std::string_view bytes = file->bytes();            // valid while `file` lives; moves keep it
//
// The mapping starts at a page boundary, so data aligned within the file is aligned in memory.
// A mapped file must not be truncated meanwhile (reading past its new end faults): replace it by
// writing another file and renaming it over (fazhi-division-snapshot does), which leaves the
// mapping with the old contents.
#ifndef FAZHI_COMMON_FILES_MAPPED_FILE_H_
#define FAZHI_COMMON_FILES_MAPPED_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace fazhi {

class MappedFile final {
 public:
  // The whole of the regular file at `path`. An empty file maps to no bytes.
  static absl::StatusOr<MappedFile> Open(const std::string& path);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return std::string_view(data_, size_); }

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}

  const char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace fazhi

#endif  // FAZHI_COMMON_FILES_MAPPED_FILE_H_
