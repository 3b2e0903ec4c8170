#include "services/query/search/snapshot_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace fazhi::query {
namespace {

constexpr char kMagic[8] = {'F', 'A', 'Z', 'H', 'I', 'S', 'N', 'P'};
constexpr uint32_t kByteOrderMark = 0x01020304;
constexpr size_t kBufferBytes = 1 << 20;

uint32_t Crc(uint32_t crc, const void* data, size_t size) {
  const auto* bytes = static_cast<const Bytef*>(data);
  while (size > 0) {  // zlib takes 32-bit lengths
    const uInt chunk = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
    crc = static_cast<uint32_t>(crc32(crc, bytes, chunk));
    bytes += chunk;
    size -= chunk;
  }
  return crc;
}

std::string ErrnoText() { return std::strerror(errno); }

absl::Status SyncFolderOf(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string folder = parent.empty() ? std::string(".") : parent.string();
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0)
    return absl::InternalError(
        absl::StrCat("snapshot: cannot open folder ", folder, ": ", ErrnoText()));
  const int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0)
    return absl::InternalError(
        absl::StrCat("snapshot: cannot sync folder ", folder, ": ", ErrnoText()));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SnapshotWriter> SnapshotWriter::Create(std::string path, uint32_t format_version) {
  const std::string temporary = path + ".tmp";
  FilePointer file(std::fopen(temporary.c_str(), "wb"));
  if (file == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("snapshot: cannot write ", temporary, ": ", ErrnoText()));
  }
  std::setvbuf(file.get(), nullptr, _IOFBF, kBufferBytes);
  SnapshotWriter writer(std::move(path), std::move(file));
  writer.Raw(kMagic, sizeof(kMagic));
  writer.U32(kByteOrderMark);
  writer.U32(format_version);
  return writer;
}

void SnapshotWriter::String(std::string_view value) {
  U64(value.size());
  Raw(value.data(), value.size());
}

void SnapshotWriter::Raw(const void* data, size_t size) {
  if (!status_.ok() || size == 0) return;
  crc_ = Crc(crc_, data, size);
  if (std::fwrite(data, 1, size, file_.get()) != size) {
    status_ = absl::ResourceExhaustedError(
        absl::StrCat("snapshot: cannot write ", path_, ".tmp: ", ErrnoText()));
  }
}

absl::Status SnapshotWriter::Commit() {
  const std::string temporary = path_ + ".tmp";
  const uint32_t crc = crc_;
  Raw(&crc, sizeof(crc));
  if (status_.ok() && (std::fflush(file_.get()) != 0 || ::fsync(fileno(file_.get())) != 0)) {
    status_ = absl::ResourceExhaustedError(
        absl::StrCat("snapshot: cannot sync ", temporary, ": ", ErrnoText()));
  }
  if (std::fclose(file_.release()) != 0 && status_.ok()) {
    status_ = absl::ResourceExhaustedError(
        absl::StrCat("snapshot: cannot close ", temporary, ": ", ErrnoText()));
  }
  if (status_.ok() && std::rename(temporary.c_str(), path_.c_str()) != 0) {
    status_ = absl::InternalError(
        absl::StrCat("snapshot: cannot rename ", temporary, " to ", path_, ": ", ErrnoText()));
  }
  if (!status_.ok()) {
    std::remove(temporary.c_str());
    return status_;
  }
  return SyncFolderOf(path_);  // the rename itself survives a crash only once its folder is synced
}

absl::StatusOr<SnapshotReader> SnapshotReader::Open(const std::string& path,
                                                    uint32_t format_version) {
  FilePointer file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat("snapshot: no file ", path));
    return absl::FailedPreconditionError(
        absl::StrCat("snapshot: cannot read ", path, ": ", ErrnoText()));
  }
  std::setvbuf(file.get(), nullptr, _IOFBF, kBufferBytes);
  struct stat info {};
  if (::fstat(fileno(file.get()), &info) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("snapshot: cannot read ", path, ": ", ErrnoText()));
  }
  const uint64_t size = static_cast<uint64_t>(info.st_size);
  constexpr uint64_t kHeader = sizeof(kMagic) + 2 * sizeof(uint32_t);
  constexpr uint64_t kTrailer = sizeof(uint32_t);
  if (size < kHeader + kTrailer) {
    return absl::DataLossError(absl::StrCat("snapshot ", path, ": truncated (", size, " bytes)"));
  }
  SnapshotReader reader(path, std::move(file), size - kTrailer);
  char magic[sizeof(kMagic)] = {};
  reader.Raw(magic, sizeof(magic));
  const uint32_t byte_order = reader.U32();
  const uint32_t version = reader.U32();
  if (std::memcmp(magic, kMagic, sizeof(kMagic)) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("snapshot ", path, ": not a fazhi snapshot file"));
  }
  if (byte_order != kByteOrderMark || version != format_version) {
    return absl::FailedPreconditionError(absl::StrCat("snapshot ", path, ": format version ",
                                                      version, ", this build reads version ",
                                                      format_version));
  }
  return reader;
}

std::string SnapshotReader::String() {
  const uint64_t size = U64();
  std::string value;
  if (!Fits(size, 1)) return value;
  value.resize(size);
  Raw(value.data(), size);
  return value;
}

void SnapshotReader::Refuse(std::string_view problem) {
  if (status_.ok())
    status_ = absl::DataLossError(absl::StrCat("snapshot ", path_, ": ", std::string(problem)));
}

bool SnapshotReader::Fits(uint64_t count, size_t size) {
  if (status_.ok() && count <= left_ / size) return true;
  Refuse(absl::StrCat("truncated or corrupt (a length of ", count, " where ", left_,
                      " bytes are left)"));
  return false;
}

void SnapshotReader::Raw(void* data, size_t size) {
  if (!status_.ok() || size == 0) return;
  if (size > left_ || std::fread(data, 1, size, file_.get()) != size) {
    Refuse("truncated (ends inside a value)");
    std::memset(data, 0, size);
    return;
  }
  left_ -= size;
  crc_ = Crc(crc_, data, size);
}

absl::Status SnapshotReader::Finish() {
  if (!status_.ok()) return status_;
  if (left_ != 0)
    return absl::DataLossError(absl::StrCat("snapshot ", path_, ": ", left_, " bytes left unread"));
  uint32_t stored = 0;
  if (std::fread(&stored, 1, sizeof(stored), file_.get()) != sizeof(stored)) {
    return absl::DataLossError(absl::StrCat("snapshot ", path_, ": truncated (no checksum)"));
  }
  if (stored != crc_) {
    return absl::DataLossError(absl::StrCat("snapshot ", path_, ": corrupt (checksum mismatch)"));
  }
  return absl::OkStatus();
}

}  // namespace fazhi::query
