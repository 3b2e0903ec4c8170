// `fazhi extract`, `fazhi eval` and `fazhi indicators list`: the extractor and its data run
// locally on files, with no server, through the same code the extraction service runs.
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/file_paths.h"
#include "cli/output.h"
#include "cli/table.h"
#include "fazhi/v1/query.pb.h"
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
  table.AddRow(
      {"title", metadata["title"].is_string() ? metadata["title"].get<std::string>() : "-"});
  table.AddRow({"report year", metadata["report_year"].dump()});
  table.AddRow({"jurisdiction", jurisdiction.is_object()
                                    ? absl::StrCat(jurisdiction.value("name", ""), " (",
                                                   jurisdiction.value("code", ""), ")")
                                    : "-"});
  table.AddRow({"published on", metadata["published_on"].is_string()
                                    ? metadata["published_on"].get<std::string>()
                                    : "-"});
  table.AddRow({"quantities", std::to_string(eval["quantities"].size())});
  table.AddRow({"dates", std::to_string(eval["dates"].size())});
  table.AddRow({"citations", std::to_string(eval["citations"].size())});
  std::cout << table.Render();
  // Spans are [begin, end] in the eval format.
  auto span = [](const nlohmann::json& pair) {
    v1::Span out;
    if (pair.is_array() && pair.size() == 2 && pair[0].is_number() && pair[1].is_number()) {
      out.set_begin(pair[0].get<int64_t>());
      out.set_end(pair[1].get<int64_t>());
    }
    return out;
  };
  Table indicators({"INDICATOR", "VALUE", "UNIT", "EVIDENCE"});
  for (const auto& [id, indicator] : eval["indicators"].items()) {
    const nlohmann::json& value = indicator["value"];
    indicators.AddRow(
        {id,
         value.is_number()
             ? IndicatorValueCell(value.get<double>(), indicator.value("approximate", false),
                                  indicator.value("suspect", false))
             : value.dump(),
         indicator.value("unit", ""),
         EvidenceCell(indicator.value("evidence", ""), span(indicator["evidence_span"]),
                      span(indicator["span"]), 60)});
  }
  std::cout << "\n" << indicators.Render() << "\n";
}

}  // namespace

int RunExtract(const Settings& settings, const CommandLine& line) {
  if (line.positional().empty()) return UsageError("extract", "name files or folders to extract");
  const std::string format = line.Option("format", "table");
  absl::StatusOr<extraction::Extractor> extractor = LoadExtractor(settings);
  if (!extractor.ok()) return ReportError(extractor.status());
  int failures = 0;
  for (const std::filesystem::path& file : CollectFiles(line.positional(), &failures)) {
    const std::string path = file.string();
    absl::StatusOr<std::string> eval = extraction::ExtractEvalJsonFromFile(*extractor, path);
    if (!eval.ok()) {
      std::cerr << "fazhi: " << eval.status().message() << "\n";  // it names the file
      ++failures;
      continue;
    }
    if (format == "eval-json") {
      eval->push_back('\n');
      std::cout << *eval;
    } else {
      PrintExtractSummary(path, nlohmann::json::parse(*eval));
    }
  }
  return failures > 0 ? 1 : 0;
}

int RunIndicatorsList(const Settings& settings, const CommandLine& line) {
  if (line.positional().size() != 1)
    return UsageError("indicators", "list takes no more arguments");
  absl::StatusOr<extraction::Extractor> extractor = LoadExtractor(settings);
  if (!extractor.ok()) return ReportError(extractor.status());
  const extraction::IndicatorSet& set = extractor->indicator_set();
  // The shape of the query service's ListIndicators, so the JSON is the API's.
  v1::ListIndicatorsResponse list;
  list.set_indicator_set_version(set.version());
  Table table({"ID", "NAME", "UNIT", "GROUP"});
  for (const extraction::IndicatorDefinition& indicator : set.indicators()) {
    v1::IndicatorInfo* info = list.add_indicators();
    info->set_id(indicator.id);
    info->set_name(indicator.name);
    info->set_unit(indicator.unit);
    info->set_group(indicator.group);
    table.AddRow({indicator.id, indicator.name, indicator.unit, indicator.group});
  }
  if (WantsJson(line)) {
    std::cout << ToJson(list, true) << "\n";
  } else {
    std::cout << table.Render() << set.indicators().size() << " indicators (" << set.version()
              << ")\n";
  }
  return 0;
}

int RunEval(const Settings& settings, const CommandLine& line) {
  if (!line.Has("docs") || !line.Has("gold"))
    return UsageError("eval", "--docs DIR and --gold DIR are required");
  absl::StatusOr<extraction::Extractor> extractor = LoadExtractor(settings);
  if (!extractor.ok()) return ReportError(extractor.status());
  absl::StatusOr<extraction::EvalScores> scores =
      extraction::EvaluateDirectories(*extractor, line.Option("docs"), line.Option("gold"));
  if (!scores.ok()) return ReportError(scores.status());
  std::cout << extraction::FormatEvalReport(*scores, line.Has("verbose"));
  return 0;
}

}  // namespace fazhi::cli
