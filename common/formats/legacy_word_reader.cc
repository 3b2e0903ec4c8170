#include "common/formats/legacy_word_reader.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/files/read_file.h"
#include "common/formats/docx_reader.h"

extern char** environ;

namespace fazhi::formats {
namespace {

namespace fs = std::filesystem;

// The UTF-16LE name of an OLE2 directory entry, as it appears in the file's bytes.
std::string Utf16Name(std::string_view ascii) {
  std::string name;
  for (char c : ascii) name += {c, '\0'};
  return name;
}

bool HasStream(std::string_view bytes, std::string_view name) {
  return bytes.find(Utf16Name(name)) != std::string_view::npos;
}

// A temporary folder removed with everything in it when it goes out of scope.
class ScratchFolder final {
 public:
  static absl::StatusOr<ScratchFolder> Create() {
    std::string pattern = (fs::temp_directory_path() / "fazhi-convert-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return absl::InternalError(absl::StrCat("cannot create a temporary folder: ", pattern));
    }
    return ScratchFolder(pattern);
  }
  ScratchFolder(ScratchFolder&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  ~ScratchFolder() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  explicit ScratchFolder(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

// Runs argv with no input or output, in its own process group; kills the group after `seconds`.
// Returns the exit status, or DEADLINE_EXCEEDED.
absl::StatusOr<int> RunQuietly(const std::vector<std::string>& argv, int seconds) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (int fd : {0, 1, 2}) {
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  }
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) return absl::NotFoundError(absl::StrCat("cannot run ", argv[0]));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return absl::DeadlineExceededError(
          absl::StrCat(argv[0], " took more than ", seconds, " s and was stopped"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(-pid, SIGKILL);  // anything the converter left running in its group
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

absl::Status WriteWholeFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path.string()));
  return absl::OkStatus();
}

std::string AskLibreOfficeVersion() {
  FILE* pipe = popen("soffice --version 2>/dev/null", "r");
  if (pipe == nullptr) return "";
  char line[256] = {0};
  const bool read = fgets(line, sizeof(line), pipe) != nullptr;
  pclose(pipe);
  if (!read) return "";
  // "LibreOffice 7.4.7.2 40(Build:2)" -> "LibreOffice 7.4.7.2"
  std::string_view text(line);
  const size_t second_space = text.find(' ', text.find(' ') + 1);
  return std::string(text.substr(0, std::min(second_space, text.find('\n'))));
}

}  // namespace

CompoundFileKind ClassifyCompoundFile(std::string_view bytes) {
  // Office encrypts .docx (and .doc with strong encryption) into an OLE2 "EncryptedPackage".
  if (HasStream(bytes, "EncryptedPackage") || HasStream(bytes, "EncryptionInfo")) {
    return CompoundFileKind::kEncrypted;
  }
  return HasStream(bytes, "WordDocument") ? CompoundFileKind::kWord : CompoundFileKind::kOther;
}

const std::string& LibreOfficeVersion() {
  static const std::string version = AskLibreOfficeVersion();
  return version;
}

absl::StatusOr<ConvertedText> ReadLegacyWord(std::string_view bytes,
                                             const ConvertOptions& options) {
  switch (ClassifyCompoundFile(bytes)) {
    case CompoundFileKind::kEncrypted:
      return absl::InvalidArgumentError(
          "the Office document is encrypted (password-protected); save it without a password "
          "and upload it again");
    case CompoundFileKind::kOther:
      return absl::InvalidArgumentError(
          "unsupported format: the document is a legacy Office file but not a Word document "
          "(.xls or .ppt?); only Word and WPS text documents are read");
    case CompoundFileKind::kWord:
      break;
  }
  if (!options.run_libreoffice || LibreOfficeVersion().empty()) {
    return absl::FailedPreconditionError(
        "reading .doc and .wps files needs LibreOffice, which is not installed here (Debian "
        "package libreoffice-writer-nogui); convert the file to .docx or PDF and upload that");
  }
  absl::StatusOr<ScratchFolder> scratch = ScratchFolder::Create();
  if (!scratch.ok()) return scratch.status();
  const fs::path input = scratch->path() / "document.doc";
  if (absl::Status written = WriteWholeFile(input, bytes); !written.ok()) return written;
  // Its own profile: LibreOffice allows one process per profile, and conversions run in parallel.
  absl::StatusOr<int> exit_code = RunQuietly(
      {"soffice", "-env:UserInstallation=file://" + (scratch->path() / "profile").string(),
       "--headless", "--norestore", "--convert-to", "docx", "--outdir", scratch->path().string(),
       input.string()},
      options.limits.converter_seconds);
  if (!exit_code.ok()) {
    if (absl::IsDeadlineExceeded(exit_code.status())) {
      return absl::ResourceExhaustedError(
          absl::StrCat("LibreOffice could not convert the Word file within ",
                       options.limits.converter_seconds, " s"));
    }
    return exit_code.status();
  }
  absl::StatusOr<std::string> docx = ReadFileToString((scratch->path() / "document.docx").string());
  if (!docx.ok()) {
    return absl::InvalidArgumentError(
        "the Word file cannot be read: LibreOffice could not convert it (damaged, or not a Word "
        "document)");
  }
  absl::StatusOr<ConvertedText> text = ReadDocx(*docx, options);
  if (!text.ok()) return text.status();
  text->format = "doc";
  text->converter = absl::StrCat(LibreOfficeVersion(), " + ", text->converter);
  return text;
}

}  // namespace fazhi::formats
