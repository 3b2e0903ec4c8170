#include "services/extraction/eval/evaluate.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/extraction/eval/eval_json.h"

namespace fazhi::extraction {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A file's bytes, read with read(2) into a buffer that is not zero-filled first (as a std::string
// of the file's size is) and with no ifstream (which allocates its own 8 KiB buffer per file).
struct FileBytes {
  std::unique_ptr<char[]> data;
  size_t size = 0;
  std::string_view view() const { return std::string_view(data.get(), size); }
};

absl::StatusOr<FileBytes> ReadBytes(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info;
  if (fd < 0 || ::fstat(fd, &info) != 0) {
    if (fd >= 0) ::close(fd);
    return absl::NotFoundError(absl::StrCat("cannot read '", path.string(), "'"));
  }
  FileBytes bytes;
  bytes.size = static_cast<size_t>(info.st_size);
  bytes.data = std::make_unique_for_overwrite<char[]>(bytes.size);
  size_t done = 0;
  while (done < bytes.size) {
    const ssize_t n = ::read(fd, bytes.data.get() + done, bytes.size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done != bytes.size) {
    return absl::DataLossError(absl::StrCat("cannot read all of '", path.string(), "'"));
  }
  return bytes;
}

absl::StatusOr<std::vector<fs::path>> SortedFiles(const fs::path& dir) {
  std::error_code error;
  fs::directory_iterator it(dir, error);
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("cannot list directory '", dir.string(), "': ", error.message()));
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : it) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The document NAME.* for gold NAME.json, or an empty path.
fs::path FindDocument(const std::vector<fs::path>& docs, const std::string& stem) {
  for (const fs::path& doc : docs) {
    if (doc.stem().string() == stem) return doc;
  }
  return {};
}

}  // namespace

absl::StatusOr<std::string> ExtractEvalJsonFromFile(const Extractor& extractor,
                                                    std::string_view path) {
  const fs::path file{std::string(path)};
  absl::StatusOr<FileBytes> bytes = ReadBytes(file);
  if (!bytes.ok()) return bytes.status();
  text::DecodeOptions options;
  options.file_name = file.filename().string();
  absl::StatusOr<ExtractedDocument> document = extractor.ExtractFromBytes(bytes->view(), options);
  if (!document.ok()) {
    return absl::Status(document.status().code(),
                        absl::StrCat(file.string(), ": ", document.status().message()));
  }
  return RecordToEvalJsonText(document->record, options.file_name);
}

absl::StatusOr<EvalScores> EvaluateDirectories(const Extractor& extractor,
                                               std::string_view docs_dir,
                                               std::string_view gold_dir) {
  absl::StatusOr<std::vector<fs::path>> docs = SortedFiles(fs::path(std::string(docs_dir)));
  if (!docs.ok()) return docs.status();
  absl::StatusOr<std::vector<fs::path>> golds = SortedFiles(fs::path(std::string(gold_dir)));
  if (!golds.ok()) return golds.status();
  std::vector<ScoringInput> inputs;
  std::vector<std::string> missing;
  for (const fs::path& gold_path : *golds) {
    if (gold_path.extension() != ".json") continue;
    absl::StatusOr<FileBytes> gold_text = ReadBytes(gold_path);
    if (!gold_text.ok()) return gold_text.status();
    ScoringInput input;
    input.gold = json::parse(gold_text->view(), nullptr, /*allow_exceptions=*/false);
    if (input.gold.is_discarded()) {
      return absl::InvalidArgumentError(absl::StrCat(gold_path.string(), ": not valid JSON"));
    }
    const fs::path doc = FindDocument(*docs, gold_path.stem().string());
    if (doc.empty()) {
      input.prediction = json::object();
      missing.push_back(gold_path.stem().string());
    } else {
      absl::StatusOr<FileBytes> bytes = ReadBytes(doc);
      if (!bytes.ok()) return bytes.status();
      text::DecodeOptions options;
      options.file_name = doc.filename().string();
      absl::StatusOr<ExtractedDocument> extracted =
          extractor.ExtractFromBytes(bytes->view(), options);
      if (!extracted.ok()) {
        input.prediction = json::object();
        missing.push_back(
            absl::StrCat(doc.filename().string(), " (", extracted.status().message(), ")"));
      } else {
        input.prediction = RecordToEvalJson(extracted->record, doc.filename().string());
        input.normalized_text = std::move(extracted->normalized_text);
      }
    }
    inputs.push_back(std::move(input));
  }
  // Nothing to compare must not print perfect scores.
  if (inputs.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no gold annotations (*.json) in ", std::string(gold_dir)));
  }
  if (missing.size() == inputs.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "none of the ", inputs.size(), " gold files in ", std::string(gold_dir),
        " has a readable document in ", std::string(docs_dir),
        " (documents are matched by name: 001_x.json scores 001_x.txt, .html, .pdf ...)"));
  }
  EvalScores scores = ScoreDocuments(inputs);
  for (const std::string& name : missing) {
    scores.misses.push_back({name, "document", "file", "a readable document", "none"});
  }
  return scores;
}

}  // namespace fazhi::extraction
