// The command table: the one place to add a command or an option.
#include "cli/commands.h"

#include <algorithm>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/output_file.h"
#include "common/compat/string_view.h"

namespace fazhi::cli {
namespace {

using Examples = std::string_view[];

// Options several commands share, declared once.
constexpr OptionSpec kFormatTableJson{"format", "FORMAT",
                                      "table (default) or json: one JSON document", "table|json"};
constexpr OptionSpec kFormatListing{
    "format", "FORMAT", "table (default), json (one JSON document) or csv", "table|json|csv"};
constexpr OptionSpec kFilter{"filter", "F",
                             "only reports matching the filter, e.g. 'report_year >= 2020'"};
constexpr OptionSpec kQuery{"query", "Q",
                            "only reports whose text matches a search query, e.g. '复议 AND 诉讼'"};
constexpr OptionSpec kPageToken{"page-token", "T",
                                "start at the page a previous call's next-page token names"};
constexpr OptionSpec kAllPages{"all", "", "fetch every page, printed as one table or document"};

constexpr OptionSpec kIngestOptions[] = {
    kFormatTableJson,
    {"timeout", "S", "give up after S seconds (default 3600)"},
    {"source-url", "URL", "the URL the one file named was retrieved from"},
    {"manifest", "FILE",
     "CSV of file,source_url[,retrieved_time] (default: each folder's manifest.csv)"}};
constexpr Examples kIngestExamples = {
    "fazhi ingest ~/scraped/", "fazhi ingest a.pdf b.html --format json",
    "fazhi ingest report.pdf --source-url https://www.gov.cn/a/report.pdf"};

constexpr OptionSpec kExtractOptions[] = {{"format", "FORMAT",
                                           "table (default) or eval-json: one JSON line per file",
                                           "table|eval-json"}};
constexpr Examples kExtractExamples = {
    "fazhi extract report.txt page.html",
    "fazhi extract --format eval-json tests/data/corpus/ > out.jsonl"};

constexpr OptionSpec kEvalOptions[] = {{"docs", "DIR", "folder of documents (walked recursively)"},
                                       {"gold", "DIR", "folder of gold annotations"},
                                       {"verbose", "", "print every miss"},
                                       kFormatTableJson};
constexpr Examples kEvalExamples = {"fazhi eval --docs tests/data/corpus --gold tests/data/gold"};

constexpr OptionSpec kGetOptions[] = {
    kFormatTableJson,
    {"view", "VIEW", "basic (default) or full: with the text and every span", "basic|full"},
    {"text", "", "only the normalized text, plain"},
    {"original", "", "the archived original bytes, unchanged"},
    kOutOption};
constexpr Examples kGetExamples = {
    "fazhi get reports/3fb70724bc004662",
    "fazhi get reports/3fb70724bc004662 --view full --format json",
    "fazhi get reports/3fb70724bc004662 --text | grep 调解",
    "fazhi get reports/3fb70724bc004662 --original --out report.pdf"};

constexpr OptionSpec kListOptions[] = {
    kFilter,
    {"order-by", "O", "name, report_year or ingest_time, optionally followed by desc"},
    {"page-size", "N", "reports per page (default 50)"},
    kPageToken,
    kAllPages,
    kFormatListing,
    kOutOption,
    kBomOption,
    kNoBomOption};
constexpr Examples kListExamples = {
    "fazhi list --filter 'province = \"四川省\" AND report_year >= 2020' --order-by 'report_year "
    "desc'",
    "fazhi list --all --format csv --out reports.csv     # opens right in Excel"};

constexpr OptionSpec kSearchOptions[] = {kFilter,
                                         {"page-size", "N", "reports per page (default 20)"},
                                         kPageToken,
                                         kAllPages,
                                         {"snippets", "N", "snippets per report (default 2)"},
                                         kFormatListing,
                                         kOutOption,
                                         kBomOption,
                                         kNoBomOption};
constexpr Examples kSearchExamples = {
    "fazhi search 调解",
    "fazhi search '行政复议 -撤销' --filter 'level = \"county\"' --all --format csv"};

constexpr OptionSpec kFacetsOptions[] = {kFilter, kQuery, kFormatTableJson};
constexpr Examples kFacetsExamples = {"fazhi facets --filter 'report_year >= 2020'",
                                      "fazhi facets --query '行政复议 -撤销'"};

constexpr OptionSpec kIndicatorsOptions[] = {
    {"year", "Y", "compare: only reports of year Y"},
    kFilter,
    {"desc", "", "compare: largest first"},
    {"limit", "N", "compare: rows per page (default 100, at most 1000)"},
    kPageToken,
    kAllPages,
    kFormatTableJson};
constexpr Examples kIndicatorsExamples = {
    "fazhi indicators list", "fazhi indicators series litigation.cases 513327",
    "fazhi indicators compare disputes.success_rate --year 2022 --desc",
    "fazhi indicators compare litigation.cases --all --format json"};
constexpr std::string_view kIndicatorsVerbs[] = {"list", "series", "compare"};

constexpr OptionSpec kExportOptions[] = {
    {"out", "FILE", "file to write (required; - is standard output)"},
    {"content", "WHAT", "reports (default) or indicators: one row per indicator value",
     "reports|indicators"},
    {"format", "FORMAT", "csv (default) or jsonl", "csv|jsonl"},
    kFilter,
    kQuery,
    kBomOption,
    kNoBomOption};
constexpr Examples kExportExamples = {
    "fazhi export --content indicators --format csv --out indicators.csv",
    "fazhi export --query '复议 AND 诉讼' --out reports.csv"};

constexpr OptionSpec kReextractOptions[] = {
    {"all", "", "every report, not only those of an older extractor, indicator list or converter"},
    kFormatTableJson};
constexpr Examples kReextractExamples = {"fazhi reextract", "fazhi reextract --all"};

constexpr OptionSpec kJobsOptions[] = {{"state", "STATE", "only jobs in this state, e.g. dead"},
                                       {"page-size", "N", "jobs per page (default 100)"},
                                       kAllPages,
                                       kFormatTableJson};
constexpr Examples kJobsExamples = {"fazhi jobs --state dead", "fazhi jobs --all --format json"};

constexpr OptionSpec kRequeueOptions[] = {{"state", "STATE", "every job in this state, e.g. dead"},
                                          kFormatTableJson};
constexpr Examples kRequeueExamples = {"fazhi requeue --state dead",
                                       "fazhi requeue reports/3fb70724bc004662"};

constexpr OptionSpec kHealthOptions[] = {
    {"addr", "HOST:PORT", "check this address instead of the three services"}, kFormatTableJson};
constexpr Examples kHealthExamples = {"fazhi health", "fazhi health --addr 127.0.0.1:50053"};

constexpr OptionSpec kWaitReadyOptions[] = {
    {"timeout", "S", "give up after S seconds (default 30)"}, kFormatTableJson};
constexpr Examples kWaitReadyExamples = {"fazhi wait-ready --timeout 30"};

constexpr OptionSpec kWaitExtractedOptions[] = {
    {"timeout", "S", "give up after S seconds (default 60)"}, kFormatTableJson};
constexpr Examples kWaitExtractedExamples = {
    "fazhi ingest dir/ && fazhi wait-extracted --timeout 120"};

constexpr Examples kHelpExamples = {"fazhi help search", "fazhi help settings"};

constexpr Examples kCompletionExamples = {"source <(fazhi completion bash)     # in ~/.bashrc",
                                          "source <(fazhi completion zsh)      # in ~/.zshrc"};
constexpr std::string_view kShells[] = {"bash", "zsh"};

constexpr CommandSpec kCommands[] = {
    {"ingest",
     "PATH...",
     "archive files and folders (walked recursively)",
     "Sends the files over one stream with a progress bar and prints how many were new, duplicates "
     "or failed. A broken stream is resumed; the same bytes are never archived twice.",
     kIngestOptions,
     kIngestExamples,
     {},
     RunIngest},
    {"extract",
     "PATH...",
     "extract files offline, no server (folders walked recursively)",
     "Runs the extractor locally on .txt .html .pdf .docx .doc .wps .png .jpg .tif files.",
     kExtractOptions,
     kExtractExamples,
     {},
     RunExtract},
    {"eval",
     "",
     "score the extractor on annotated reports",
     "Compares the extractor's output with gold annotations; the last line is a summary.",
     kEvalOptions,
     kEvalExamples,
     {},
     RunEval},
    {"get",
     "reports/ID",
     "show one report: metadata, provenance, indicators with evidence",
     "",
     kGetOptions,
     kGetExamples,
     {},
     RunGet},
    {"list",
     "",
     "list reports, a page at a time",
     "Prints a page and the token of the next one; --all fetches every page. Filters: docs/api.md, "
     "Filters.",
     kListOptions,
     kListExamples,
     {},
     RunList},
    {"search",
     "PHRASE",
     "find reports containing phrases, with highlighted snippets",
     "Phrases joined by AND (or a space), OR and NOT (a leading -), ranked by occurrences. Prints "
     "a "
     "page and the token of the next one; --all fetches every page.",
     kSearchOptions,
     kSearchExamples,
     {},
     RunSearch},
    {"facets",
     "",
     "report counts by province, level, year and kind",
     "",
     kFacetsOptions,
     kFacetsExamples,
     {},
     RunFacets},
    {"indicators", "list | series ID CODE | compare ID",
     "canonical indicators: list, series, compare",
     "list: the canonical indicators (ids, names, units) the extractor uses, offline.\n"
     "series: one indicator of one jurisdiction over the years.\n"
     "compare: one indicator across jurisdictions, with coverage and min/median/max/mean over "
     "every\n"
     "value but the suspect ones (counted apart); prints a page and the token of the next one,\n"
     "--all fetches every page.",
     kIndicatorsOptions, kIndicatorsExamples, kIndicatorsVerbs, RunIndicators},
    {"export",
     "",
     "stream reports or indicator values to a CSV or JSON Lines file",
     "",
     kExportOptions,
     kExportExamples,
     {},
     RunExport},
    {"reextract",
     "",
     "rebuild records of an older extractor, indicator list or converter",
     "",
     kReextractOptions,
     kReextractExamples,
     {},
     RunReextract},
    {"jobs",
     "",
     "extraction jobs with attempts and last error",
     "",
     kJobsOptions,
     kJobsExamples,
     {},
     RunJobs},
    {"requeue",
     "[reports/ID...]",
     "make extraction jobs due again (named, or --state dead)",
     "",
     kRequeueOptions,
     kRequeueExamples,
     {},
     RunRequeue},
    {"health",
     "",
     "grpc.health.v1 of the services (exit 1 unless all serve)",
     "",
     kHealthOptions,
     kHealthExamples,
     {},
     RunHealth},
    {"wait-ready",
     "",
     "wait until the services are serving",
     "",
     kWaitReadyOptions,
     kWaitReadyExamples,
     {},
     RunWaitReady},
    {"wait-extracted",
     "",
     "wait until no report is pending extraction",
     "",
     kWaitExtractedOptions,
     kWaitExtractedExamples,
     {},
     RunWaitExtracted},
    {"help",
     "[COMMAND | settings]",
     "help on a command, or every server setting",
     "`fazhi help COMMAND` is `fazhi COMMAND --help`.",
     {},
     kHelpExamples,
     {},
     RunHelp},
    {"completion",
     "bash | zsh",
     "print a shell completion script",
     "",
     {},
     kCompletionExamples,
     kShells,
     RunCompletion},
};

}  // namespace

std::span<const CommandSpec> AllCommands() { return kCommands; }

const CommandSpec* FindCommand(std::string_view name) {
  auto it = std::find_if(std::begin(kCommands), std::end(kCommands),
                         [&](const CommandSpec& command) { return command.name == name; });
  return it == std::end(kCommands) ? nullptr : &*it;
}

std::string UsageLine(const CommandSpec& command) {
  return absl::StrCat("usage: fazhi ", Absl(command.name), command.arguments.empty() ? "" : " ",
                      Absl(command.arguments), command.options.empty() ? "" : " [options]");
}

int UsageError(std::string_view command, absl::string_view message) {
  std::cerr << "fazhi " << command << ": " << message << "\n";
  if (const CommandSpec* spec = FindCommand(command); spec != nullptr)
    std::cerr << UsageLine(*spec) << "\n";
  std::cerr << "Try 'fazhi " << command << " --help'.\n";
  return kExitUsage;
}

}  // namespace fazhi::cli
