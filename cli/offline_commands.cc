// `fazhi extract`, `fazhi eval` and `fazhi indicators list`: the extractor and its data run
// locally on files, with no server, through the same code the extraction service runs.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/file_paths.h"
#include "cli/output.h"
#include "cli/table.h"
#include "fazhi/v1/query.pb.h"
#include "services/extraction/eval/evaluate.h"
#include "services/extraction/eval/scoring.h"
#include "services/extraction/extractor/extractor.h"

namespace fazhi::cli {
namespace {

absl::StatusOr<extraction::Extractor> LoadExtractor(const Settings& settings) {
  return extraction::Extractor::Load(extraction::ExtractorOptionsFromSettings(settings));
}

// Standard output in 1 MiB blocks when it is a file or a pipe: the records of 2,000 reports took
// 4,600 write(2) calls of 4 KiB each. A terminal keeps its line buffering. Before anything is
// written to it: setvbuf comes first.
void BufferStandardOutputInBlocks() {
  static char buffer[1 << 20];
  if (isatty(STDOUT_FILENO) == 0) std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
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

nlohmann::ordered_json TallyJson(const extraction::Tally& tally) {
  return {{"right", tally.right}, {"total", tally.total}, {"rate", tally.Rate()}};
}

nlohmann::ordered_json IndicatorTallyJson(const extraction::IndicatorTally& tally) {
  return {{"predicted", tally.predicted},
          {"predicted_right", tally.predicted_right},
          {"must_find", tally.must_find},
          {"found", tally.found},
          {"precision", tally.Precision()},
          {"recall", tally.Recall()},
          {"f1", tally.F1()}};
}

template <typename Tallies, typename ToJson>
nlohmann::ordered_json TalliesJson(const Tallies& tallies, ToJson to_json) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const auto& [name, tally] : tallies) object[name] = to_json(tally);
  return object;
}

// `eval --format json`: the scores of the table as one document; the misses with --verbose.
std::string EvalScoresJson(const extraction::EvalScores& scores, bool verbose) {
  nlohmann::ordered_json json = {
      {"documents", scores.documents},
      {"metadata", TallyJson(scores.metadata)},
      {"metadata_fields", TalliesJson(scores.metadata_fields, TallyJson)},
      {"sections", TallyJson(scores.sections)},
      {"section_fields", TalliesJson(scores.section_fields, TallyJson)},
      {"indicators", IndicatorTallyJson(scores.indicators)},
      {"indicator_ids", TalliesJson(scores.indicator_ids, IndicatorTallyJson)},
      {"quantities", TallyJson(scores.quantities)},
      {"dates", TallyJson(scores.dates)},
      {"citations", TallyJson(scores.citations)},
      {"document_numbers", TallyJson(scores.document_numbers)}};
  if (verbose) {
    nlohmann::ordered_json misses = nlohmann::ordered_json::array();
    for (const extraction::EvalMiss& miss : scores.misses) {
      misses.push_back({{"document", miss.document},
                        {"category", miss.category},
                        {"item", miss.item},
                        {"expected", miss.expected},
                        {"got", miss.got}});
    }
    json["misses"] = std::move(misses);
  }
  return DumpJson(json, true);
}

}  // namespace

int RunExtract(const Settings& settings, const CommandLine& line) {
  if (line.positional().empty()) return UsageError("extract", "name files or folders to extract");
  const std::string format = line.Option("format", "table");
  BufferStandardOutputInBlocks();
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
  if (WantsJson(line)) {
    std::cout << EvalScoresJson(*scores, line.Has("verbose")) << "\n";
  } else {
    std::cout << extraction::FormatEvalReport(*scores, line.Has("verbose"));
  }
  return 0;
}

}  // namespace fazhi::cli
