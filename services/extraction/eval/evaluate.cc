#include "services/extraction/eval/evaluate.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/files/read_file.h"
#include "services/extraction/eval/eval_json.h"

namespace fazhi::extraction {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

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
  absl::StatusOr<FileBytes> bytes = ReadFileBytes(file.string());
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
    absl::StatusOr<FileBytes> gold_text = ReadFileBytes(gold_path.string());
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
      absl::StatusOr<FileBytes> bytes = ReadFileBytes(doc.string());
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
