// A snapshot file: a binary file of one format version, written atomically (a temporary file,
// fsync, rename over the old one, fsync of the folder) and read back only if it is whole: a
// truncated or corrupt file (CRC-32 over everything) or one of another format version is refused
// with a message saying which, so the caller rebuilds instead of trusting it.
//
//   absl::StatusOr<SnapshotWriter> out = SnapshotWriter::Create("/var/lib/fazhi/index", kFormat);
//   out->U64(documents);
//   out->Vector(postings);            // any vector of trivially copyable values
//   absl::Status written = out->Commit();
//
//   absl::StatusOr<SnapshotReader> in = SnapshotReader::Open("/var/lib/fazhi/index", kFormat);
//   uint64_t documents = in->U64();
//   std::vector<uint8_t> postings = in->Vector<uint8_t>();
//   absl::Status whole = in->Finish();  // check before using anything read
//
// Reads past the end or of implausible lengths return empty values and make Finish fail
// (DATA_LOSS), so a reader reads everything first and checks once. Values are in the host's byte
// order; a file from a host of the other order is refused as being of another format.
#ifndef FAZHI_SERVICES_QUERY_SEARCH_SNAPSHOT_FILE_H_
#define FAZHI_SERVICES_QUERY_SEARCH_SNAPSHOT_FILE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace fazhi::query {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePointer = std::unique_ptr<std::FILE, FileCloser>;

class SnapshotWriter final {
 public:
  // Starts `path`.tmp; the file at `path` stays as it was until Commit.
  static absl::StatusOr<SnapshotWriter> Create(std::string path, uint32_t format_version);

  void U32(uint32_t value) { Raw(&value, sizeof(value)); }
  void U64(uint64_t value) { Raw(&value, sizeof(value)); }
  void String(std::string_view value);
  template <typename T>
  void Vector(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    U64(values.size());
    Raw(values.data(), values.size() * sizeof(T));
  }

  // Appends the checksum, syncs the file and renames it over `path`. The first write error, if
  // any, is returned instead (and the temporary file removed).
  absl::Status Commit();

 private:
  SnapshotWriter(std::string path, FilePointer file)
      : path_(std::move(path)), file_(std::move(file)) {}
  void Raw(const void* data, size_t size);

  std::string path_;
  FilePointer file_;
  uint32_t crc_ = 0;
  absl::Status status_;
};

class SnapshotReader final {
 public:
  // NOT_FOUND when there is no file; FAILED_PRECONDITION when it is of another format version.
  static absl::StatusOr<SnapshotReader> Open(const std::string& path, uint32_t format_version);

  uint32_t U32() { return Value<uint32_t>(); }
  uint64_t U64() { return Value<uint64_t>(); }
  std::string String();
  template <typename T>
  std::vector<T> Vector() {
    static_assert(std::is_trivially_copyable_v<T>);
    const uint64_t count = U64();
    std::vector<T> values;
    if (!Fits(count, sizeof(T))) return values;
    values.resize(count);
    Raw(values.data(), count * sizeof(T));
    return values;
  }

  // The first problem met so far (the checksum is checked only by Finish).
  const absl::Status& status() const { return status_; }
  // Marks the file corrupt (a value read is impossible); Finish reports `problem`.
  void Refuse(std::string_view problem);
  // OK when everything was read, nothing is left over and the checksum matches; DATA_LOSS naming
  // the file and what is wrong with it otherwise.
  absl::Status Finish();

 private:
  SnapshotReader(std::string path, FilePointer file, uint64_t payload)
      : path_(std::move(path)), file_(std::move(file)), left_(payload) {}
  template <typename T>
  T Value() {
    T value{};
    Raw(&value, sizeof(value));
    return value;
  }
  // Whether `count` values of `size` bytes can still be in the file (else refuses it).
  bool Fits(uint64_t count, size_t size);
  void Raw(void* data, size_t size);

  std::string path_;
  FilePointer file_;
  uint64_t left_;  // payload bytes not read yet (the checksum follows them)
  uint32_t crc_ = 0;
  absl::Status status_;
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SEARCH_SNAPSHOT_FILE_H_
