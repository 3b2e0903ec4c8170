// `fazhi extract` and `fazhi eval`: the extractor run locally on files, with no server, through
// the same code the extraction service runs.
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/file_paths.h"
#include "cli/output.h"
#include "cli/table.h"
#include "services/extraction/eval/evaluate.h"
#include "services/extraction/extractor/extractor.h"

namespace fazhi::cli {
namespace {

absl::StatusOr<extraction::Extractor> LoadExtractor(const Settings& settings) {
  return extraction::Extractor::Load(extraction::ExtractorOptionsFromSettings(settings));
}

void PrintExtractSummary(const std::string& path, const nlohmann::json& eval) {
  const nlohmann::json& metadata = eval["metadata"];
  const nlohmann::json& jurisdiction = metadata["jurisdiction"];
  Table table({"FIELD", "VALUE"});
  table.AddRow({"file", path});
  table.AddRow({"title", metadata["title"].is_string() ? metadata["title"].get<std::string>() : "-"});
  table.AddRow({"report year", metadata["report_year"].dump()});
  table.AddRow({"jurisdiction", jurisdiction.is_object()
                                    ? absl::StrCat(jurisdiction.value("name", ""), " (",
                                                   jurisdiction.value("code", ""), ")")
                                    : "-"});
  table.AddRow({"published on", metadata["published_on"].is_string()
                                    ? metadata["published_on"].get<std::string>() : "-"});
  table.AddRow({"quantities", std::to_string(eval["quantities"].size())});
  table.AddRow({"dates", std::to_string(eval["dates"].size())});
  table.AddRow({"citations", std::to_string(eval["citations"].size())});
  std::cout << table.Render();
  Table indicators({"INDICATOR", "VALUE", "UNIT", "EVIDENCE"});
  for (const auto& [id, indicator] : eval["indicators"].items()) {
    indicators.AddRow({id, indicator["value"].dump(), indicator.value("unit", ""),
                       TruncateToWidth(indicator.value("evidence", ""), 60)});
  }
  std::cout << "\n" << indicators.Render() << "\n";
}

}  // namespace

int RunExtract(const Settings& settings, const Args& args) {
  absl::StatusOr<CommandLine> line = CommandLine::Parse(args, {"format"});
  if (!line.ok()) return ReportError(line.status(), 2);
  std::string format = line->Option("format", "table");
  if (line->positional().empty() || (format != "table" && format != "eval-json")) {
    std::cerr << "usage: fazhi extract PATH... [--format table|eval-json]   (folders recursively;\n"
                 "       .txt .html .pdf .docx .doc .wps .png .jpg .tif)\n";
    return 2;
  }
  absl::StatusOr<extraction::Extractor> extractor = LoadExtractor(settings);
  if (!extractor.ok()) return ReportError(extractor.status());
  int failures = 0;
  for (const std::filesystem::path& file : CollectFiles(line->positional(), &failures)) {
    const std::string path = file.string();
    absl::StatusOr<nlohmann::json> eval = extraction::ExtractEvalJsonFromFile(*extractor, path);
    if (!eval.ok()) {
      std::cerr << "fazhi: " << path << ": " << eval.status().message() << "\n";
      ++failures;
      continue;
    }
    if (format == "eval-json") {
      std::cout << eval->dump() << "\n";
    } else {
      PrintExtractSummary(path, *eval);
    }
  }
  return failures > 0 ? 1 : 0;
}

int RunEval(const Settings& settings, const Args& args) {
  absl::StatusOr<CommandLine> line = CommandLine::Parse(args, {"docs", "gold"}, {"verbose"});
  if (!line.ok()) return ReportError(line.status(), 2);
  if (!line->Has("docs") || !line->Has("gold")) {
    std::cerr << "usage: fazhi eval --docs DIR --gold DIR [--verbose]\n";
    return 2;
  }
  absl::StatusOr<extraction::Extractor> extractor = LoadExtractor(settings);
  if (!extractor.ok()) return ReportError(extractor.status());
  absl::StatusOr<extraction::EvalScores> scores =
      extraction::EvaluateDirectories(*extractor, line->Option("docs"), line->Option("gold"));
  if (!scores.ok()) return ReportError(scores.status());
  std::cout << extraction::FormatEvalReport(*scores, line->Has("verbose"));
  return 0;
}

}  // namespace fazhi::cli
