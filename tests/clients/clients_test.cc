// The Python and Node clients, installed as packages into a clean temporary folder (pip --target;
// npm pack, then npm install of the tarball), against the real services over TLS with bearer
// tokens: each client's conformance script (clients/{python/conformance.py,node/conformance.js})
// ingests (one document and over a stream), extracts posted text, reads an original, lists,
// searches, counts facets (with and without a search query), exports (with and without one), lists
// indicators and pages through a comparison, and its JSON must agree with what the C++ CLI answers
// for the same calls: the same report names, jurisdiction, totals, facet counts, match counts,
// comparison rows and values, and the right exceptions for an unknown report and a malformed
// filter. The examples run from the installed packages too, and every service answers server
// reflection v1.
#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_certificates.h"
#include "tests/testing/test_database.h"

namespace fazhi::testing {
namespace {

using nlohmann::json;

constexpr char kSearchPhrase[] = "法治";  // the subject of every report in the archive
constexpr char kFacetQuery[] = "疫情";    // a query only some reports of the archive match
constexpr char kBadFilter[] = "no_such_field = 1";
constexpr char kMissingReport[] = "reports/0000000000000000";
constexpr int kClientPageSize = 2;  // small, so that every listing takes several pages
// The clients and the CLI ingest, so their token is a writer's (a writer may read too).
constexpr char kClientToken[] = "writer-3e8a5c1f9b7d2046";
constexpr char kServiceToken[] = "service-7d2b9e4f1a6c0358";  // ingestion → extraction

std::string ShellQuote(const std::string& word) {
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Runs a program that is not one of ours (python3, node) with extra environment variables; its
// stderr goes to a file whose text is returned in `err`.
CommandResult RunProgram(const std::vector<std::string>& argv, const Environment& environment) {
  std::string err_path =
      std::filesystem::temp_directory_path() / ("fazhi-clients-" + std::to_string(getpid()));
  std::string command = "env";
  for (const auto& [name, value] : environment) command += " " + ShellQuote(name + "=" + value);
  for (const std::string& word : argv) command += " " + ShellQuote(word);
  command += " 2>" + ShellQuote(err_path);
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.out.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  result.err.assign(std::istreambuf_iterator<char>(err), {});
  std::filesystem::remove(err_path);
  return result;
}

// proto3 JSON writes int64 as strings and leaves out zero values.
int64_t Int(const json& object, const std::string& key) {
  if (!object.contains(key)) return 0;
  const json& value = object[key];
  return value.is_string() ? std::stoll(value.get<std::string>()) : value.get<int64_t>();
}

double Number(const json& object, const std::string& key) {
  return object.contains(key) ? object[key].get<double>() : 0.0;
}

std::string Text(const json& object, const std::string& key) {
  return object.contains(key) ? object[key].get<std::string>() : "";
}

// One indicator row as both sides report it: (report, year, value, unit).
using IndicatorRow = std::tuple<std::string, int64_t, double, std::string>;

IndicatorRow RowOf(const json& value) {
  return {Text(value, "report"), Int(value, "report_year"), Number(value, "value"),
          Text(value, "unit")};
}

std::vector<IndicatorRow> RowsOf(const json& values) {
  std::vector<IndicatorRow> rows;
  for (const json& value : values) rows.push_back(RowOf(value));
  return rows;
}

// What the C++ CLI answers, gathered once.
struct CliAnswers {
  std::vector<std::string> list_names;
  int64_t list_total = 0;
  std::string ingested_file;  // a sample file, and the report and hash the archive has for it
  std::string ingested_name;
  std::string ingested_sha256;
  std::string ingested_jurisdiction_code;  // of the ingested report, as `get` shows it
  std::string ingested_jurisdiction_name;
  int64_t facets_total = 0;
  std::map<std::string, std::map<std::string, int64_t>> facet_counts;  // field -> value -> count
  int64_t facets_with_query_total = 0;                                 // for kFacetQuery
  std::map<std::string, std::map<std::string, int64_t>> facet_counts_with_query;
  int64_t facet_query_search_total = 0;           // reports `search kFacetQuery` finds
  std::vector<std::string> indicator_ids;         // of data/indicators/indicators.json
  std::map<std::string, int64_t> search_matches;  // name -> match count
  int64_t search_total = 0;
  std::string indicator_id;
  std::string jurisdiction_code;
  std::vector<IndicatorRow> series;
  std::vector<IndicatorRow> compare_rows;
  int64_t compare_report_count = 0;
  int64_t compare_stating_count = 0;
  std::string bad_filter_error;
};

class ClientsTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    cli_ = new CliAnswers();  // first: after a failed set-up the tests fail on empty answers
    dir_ = new std::string(std::filesystem::temp_directory_path() /
                           ("fazhi-client-packages-" + std::to_string(getpid())));
    std::filesystem::create_directories(*dir_);
    absl::Status certificates = MakeTestCertificates(*dir_);
    ASSERT_TRUE(certificates.ok()) << certificates;
    database_ = new TestDatabase();
    suite_ = new ServiceSuite(
        database_->url(),
        {{"FAZHI_TLS_CERT", *dir_ + "/server.pem"},
         {"FAZHI_TLS_KEY", *dir_ + "/server.key"},
         {"FAZHI_TLS_CA", *dir_ + "/ca.pem"},
         {"FAZHI_TOKENS", std::string("writer ") + kClientToken + "; writer " + kServiceToken},
         {"FAZHI_SERVICE_TOKEN", kServiceToken},
         {"FAZHI_TOKEN", kClientToken}});
    absl::Status started = suite_->StartAll();
    ASSERT_TRUE(started.ok()) << started;
    InstallPythonPackage();
    InstallNodePackage();
    std::string corpus = SourceDir() + "/tests/data/corpus";
    CommandResult ingest = RunCli(*suite_, {"ingest", corpus});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    CommandResult extracted = RunCli(*suite_, {"wait-extracted", "--timeout", "120"});
    ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
    GatherCliAnswers(corpus);
  }

  static void TearDownTestSuite() {
    delete cli_;
    delete suite_;
    delete database_;
    if (dir_ != nullptr) std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  // `pip install --target` into dir/python: the package built from clients/python (stubs
  // generated by its setup.py), without the repository on the path.
  static void InstallPythonPackage() {
    CommandResult pip = RunProgram(
        {FAZHI_PYTHON3, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", *dir_ + "/python", SourceDir() + "/clients/python"},
        {});
    ASSERT_EQ(pip.exit_code, 0) << pip.err;
    CopyScripts(SourceDir() + "/clients/python", ".py", *dir_ + "/python-scripts");
  }

  // `npm pack` of clients/node, installed into dir/node with the dependencies the repository's
  // node_modules holds (npm ci by ./dev), offline; scripts require it as 'fazhi-client'.
  static void InstallNodePackage() {
    std::string node_dir = *dir_ + "/node";
    std::filesystem::create_directories(node_dir);
    CommandResult pack =
        RunProgram({"sh", "-c",
                    "cd " + ShellQuote(SourceDir() + "/clients/node") +
                        " && npm pack --silent --pack-destination " + ShellQuote(*dir_)},
                   {});
    ASSERT_EQ(pack.exit_code, 0) << pack.err;
    std::filesystem::copy(SourceDir() + "/clients/node/node_modules", node_dir + "/node_modules",
                          std::filesystem::copy_options::recursive);
    std::filesystem::remove(node_dir + "/node_modules/.package-lock.json");
    CommandResult install =
        RunProgram({"sh", "-c",
                    "cd " + ShellQuote(node_dir) +
                        " && npm install --offline --no-save --no-audit --no-fund --silent " +
                        ShellQuote(*dir_ + "/fazhi-client-1.0.0.tgz")},
                   {});
    ASSERT_EQ(install.exit_code, 0) << install.err;
    ASSERT_TRUE(
        std::filesystem::exists(node_dir + "/node_modules/fazhi-client/proto/fazhi/v1/query.proto"))
        << "the package does not carry its protos";
    CopyScripts(SourceDir() + "/clients/node", ".js", node_dir);
  }

  // The conformance script and the examples of a client, copied out of the repository so that
  // they can only import the installed package.
  static void CopyScripts(const std::string& client_dir, const std::string& extension,
                          const std::string& to) {
    std::filesystem::create_directories(to);
    std::filesystem::copy_file(client_dir + "/conformance" + extension,
                               to + "/conformance" + extension);
    for (const auto& example : std::filesystem::directory_iterator(client_dir + "/examples")) {
      if (example.path().extension() == extension) {
        std::filesystem::copy_file(example.path(), to + "/" + example.path().filename().string());
      }
    }
  }

  // What a client gets: the suite's addresses, its CA and a token; Python finds the package on
  // PYTHONPATH only.
  static Environment ClientEnvironment(const std::string& language) {
    Environment environment = {{"FAZHI_INGESTION_ADDR", suite_->ingestion_addr},
                               {"FAZHI_EXTRACTION_ADDR", suite_->extraction_addr},
                               {"FAZHI_QUERY_ADDR", suite_->query_addr},
                               {"FAZHI_TLS_CA", *dir_ + "/ca.pem"},
                               {"FAZHI_TOKEN", kClientToken}};
    if (language == "python") environment["PYTHONPATH"] = *dir_ + "/python";
    return environment;
  }

  // python3 or node running one of the copied scripts.
  static std::vector<std::string> ScriptCommand(const std::string& language,
                                                const std::string& script) {
    return language == "python"
               ? std::vector<std::string>{FAZHI_PYTHON3,
                                          *dir_ + "/python-scripts/" + script + ".py"}
               : std::vector<std::string>{FAZHI_NODE, *dir_ + "/node/" + script + ".js"};
  }

  static json Cli(const std::vector<std::string>& args) {
    CommandResult result = RunCli(*suite_, args);
    EXPECT_EQ(result.exit_code, 0) << args[0] << ": " << result.err;
    return result.exit_code == 0 ? json::parse(result.out) : json::object();
  }

  static void GatherCliAnswers(const std::string& corpus) {
    // `list --all --format json` prints one ListReportsResponse, every page's reports, on one line.
    CommandResult list =
        RunCli(*suite_, {"list", "--all", "--format", "json", "--page-size", "100"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    std::istringstream lines(list.out);
    for (std::string line; std::getline(lines, line);) {
      json page = json::parse(line);
      cli_->list_total = Int(page, "total_size");
      for (const json& report : page.value("reports", json::array())) {
        cli_->list_names.push_back(report["name"]);
        std::string file_name = Text(report["provenance"], "file_name");
        if (cli_->ingested_file.empty() && !file_name.empty()) {
          cli_->ingested_file = corpus + "/" + file_name;
          cli_->ingested_name = report["name"];
          cli_->ingested_sha256 = Text(report["provenance"], "content_sha256");
        }
      }
    }
    ASSERT_GT(cli_->list_names.size(), static_cast<size_t>(kClientPageSize))
        << "too few reports to page";

    json report = Cli({"get", cli_->ingested_name, "--format", "json"});
    json jurisdiction = report.value("record", json::object())
                            .value("metadata", json::object())
                            .value("jurisdiction", json::object());
    cli_->ingested_jurisdiction_code = Text(jurisdiction, "code");
    cli_->ingested_jurisdiction_name = Text(jurisdiction, "name");

    json facets = Cli({"facets", "--format", "json"});
    cli_->facets_total = Int(facets, "total_size");
    cli_->facet_counts = FacetCounts(facets);
    json facets_with_query = Cli({"facets", "--query", kFacetQuery, "--format", "json"});
    cli_->facets_with_query_total = Int(facets_with_query, "total_size");
    cli_->facet_counts_with_query = FacetCounts(facets_with_query);
    cli_->facet_query_search_total =
        Int(Cli({"search", kFacetQuery, "--format", "json", "--page-size", "1"}), "total_size");
    ASSERT_GT(cli_->facet_query_search_total, 0) << kFacetQuery << " matches no report";
    ASSERT_LT(cli_->facet_query_search_total, cli_->list_total)
        << kFacetQuery << " matches every report: it would not tell a query from none";

    json search = Cli({"search", kSearchPhrase, "--format", "json", "--page-size", "200"});
    cli_->search_total = Int(search, "total_size");
    for (const json& hit : search.value("hits", json::array())) {
      cli_->search_matches[hit["report"]["name"]] = Int(hit, "match_count");
    }
    ASSERT_GT(cli_->search_matches.size(), static_cast<size_t>(kClientPageSize));

    ChooseIndicator();
    ASSERT_FALSE(cli_->indicator_id.empty())
        << "no indicator is stated by more than a client page of reports, one with a jurisdiction";
    json series = Cli(
        {"indicators", "series", cli_->indicator_id, cli_->jurisdiction_code, "--format", "json"});
    cli_->series = RowsOf(series.value("points", json::array()));

    CommandResult bad = RunCli(*suite_, {"list", "--filter", kBadFilter});
    EXPECT_NE(bad.exit_code, 0);
    cli_->bad_filter_error = bad.err;
  }

  static std::map<std::string, std::map<std::string, int64_t>> FacetCounts(const json& response) {
    std::map<std::string, std::map<std::string, int64_t>> counts;
    for (const json& facet : response.value("facets", json::array())) {
      for (const json& count : facet.value("counts", json::array())) {
        counts[Text(facet, "field")][Text(count, "value")] = Int(count, "count");
      }
    }
    return counts;
  }

  // The first indicator of the indicator list that more reports state than fit on one client page
  // (so that the comparison pages), one of them for a resolved jurisdiction: whatever the archive
  // holds, not a value known in advance.
  static void ChooseIndicator() {
    std::ifstream file(SourceDir() + "/data/indicators/indicators.json");
    json indicators = json::parse(file);
    for (const json& indicator : indicators["indicators"]) {
      std::string id = indicator["id"];
      cli_->indicator_ids.push_back(id);
      if (!cli_->indicator_id.empty()) continue;
      json compared = Cli({"indicators", "compare", id, "--desc", "--all", "--format", "json"});
      json rows = compared.value("rows", json::array());
      if (rows.size() <= static_cast<size_t>(kClientPageSize)) continue;
      auto with_code = std::find_if(rows.begin(), rows.end(), [](const json& row) {
        return row.contains("jurisdiction") && !Text(row["jurisdiction"], "code").empty();
      });
      if (with_code == rows.end()) continue;
      cli_->indicator_id = id;
      cli_->jurisdiction_code = Text((*with_code)["jurisdiction"], "code");
      cli_->compare_rows = RowsOf(rows);
      cli_->compare_report_count = Int(compared["summary"], "report_count");
      cli_->compare_stating_count = Int(compared["summary"], "stating_count");
    }
  }

  // The conformance script's JSON for the language under test, run once per language.
  static const json& ClientAnswers(const std::string& language) {
    static std::map<std::string, json> answers;
    auto found = answers.find(language);
    if (found != answers.end()) return found->second;
    std::vector<std::string> argv = ScriptCommand(language, "conformance");
    argv.insert(argv.end(),
                {"--ingest", cli_->ingested_file, "--search", kSearchPhrase, "--facet-query",
                 kFacetQuery, "--page-size", std::to_string(kClientPageSize), "--indicator",
                 cli_->indicator_id, "--code", cli_->jurisdiction_code, "--missing", kMissingReport,
                 "--bad-filter", kBadFilter});
    CommandResult result = RunProgram(argv, ClientEnvironment(language));
    EXPECT_EQ(result.exit_code, 0) << language << " client failed:\n" << result.err;
    json parsed = json::parse(result.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(parsed.is_discarded()) << language << " printed no JSON:\n"
                                        << result.out << result.err;
    return answers[language] = parsed.is_discarded() ? json::object() : parsed;
  }

  const json& Answers() { return ClientAnswers(GetParam()); }

  static std::string* dir_;
  static TestDatabase* database_;
  static ServiceSuite* suite_;
  static CliAnswers* cli_;
};

std::string* ClientsTest::dir_ = nullptr;
TestDatabase* ClientsTest::database_ = nullptr;
ServiceSuite* ClientsTest::suite_ = nullptr;
CliAnswers* ClientsTest::cli_ = nullptr;

TEST_P(ClientsTest, IngestingAnArchivedFileReturnsItsReportAsDuplicate) {
  const json& ingest = Answers()["ingest"];
  EXPECT_EQ(ingest["name"], cli_->ingested_name);
  EXPECT_EQ(ingest["content_sha256"], cli_->ingested_sha256);
  EXPECT_EQ(ingest["duplicate"], true);
}

TEST_P(ClientsTest, StreamedIngestOfAnArchivedFileAnswersItsReportAsDuplicate) {
  const json& streamed = Answers()["ingest_stream"];
  ASSERT_EQ(streamed.size(), 1u) << streamed;
  EXPECT_EQ(streamed[0]["index"].get<int64_t>(), 0);
  EXPECT_EQ(streamed[0]["error_code"].get<int64_t>(), 0);
  EXPECT_EQ(streamed[0]["name"], cli_->ingested_name);
  EXPECT_EQ(streamed[0]["duplicate"], true);
}

TEST_P(ClientsTest, OriginalHasTheBytesThatWereIngested) {
  const json& original = Answers()["original"];
  EXPECT_EQ(original["content_sha256"], cli_->ingested_sha256);
  EXPECT_EQ(original["file_name"], std::filesystem::path(cli_->ingested_file).filename().string());
}

TEST_P(ClientsTest, ListIndicatorsHasEveryIndicatorOfTheIndicatorList) {
  EXPECT_EQ(Answers()["indicators"].get<std::vector<std::string>>(), cli_->indicator_ids);
}

TEST_P(ClientsTest, ReportHasTheJurisdictionTheCliShows) {
  const json& report = Answers()["report"];
  EXPECT_FALSE(cli_->ingested_jurisdiction_name.empty())
      << cli_->ingested_name << " has no jurisdiction";
  EXPECT_EQ(report["jurisdiction_code"], cli_->ingested_jurisdiction_code);
  EXPECT_EQ(report["jurisdiction_name"], cli_->ingested_jurisdiction_name);
}

// ExtractionService through the client: the extractor reads the posted file as it read the
// archived one.
TEST_P(ClientsTest, ExtractTextFindsTheJurisdictionOfTheArchivedRecord) {
  const json& extracted = Answers()["extract_text"];
  EXPECT_EQ(extracted["jurisdiction_code"], cli_->ingested_jurisdiction_code);
  EXPECT_EQ(extracted["jurisdiction_name"], cli_->ingested_jurisdiction_name);
  EXPECT_EQ(extracted["has_text"], true);
}

TEST_P(ClientsTest, FacetsHaveTheCliCountsAndCountEveryReport) {
  const json& facets = Answers()["facets"];
  EXPECT_EQ(facets["total_size"].get<int64_t>(), cli_->list_total);
  std::map<std::string, std::map<std::string, int64_t>> counts;
  for (const auto& [field, values] : facets["counts"].items()) {
    int64_t reports = 0;
    for (const auto& [value, count] : values.items())
      reports += counts[field][value] = count.get<int64_t>();
    EXPECT_EQ(reports, cli_->list_total)
        << "the " << field << " counts do not add up to every report";
  }
  EXPECT_EQ(counts, cli_->facet_counts);
  EXPECT_TRUE(counts.count("province")) << facets;
}

TEST_P(ClientsTest, FacetsWithAQueryHaveTheCliCountsAndCountOnlyMatchingReports) {
  const json& facets = Answers()["facets_with_query"];
  EXPECT_EQ(facets["total_size"].get<int64_t>(), cli_->facets_with_query_total);
  EXPECT_EQ(facets["total_size"].get<int64_t>(), cli_->facet_query_search_total);
  std::map<std::string, std::map<std::string, int64_t>> counts;
  for (const auto& [field, values] : facets["counts"].items()) {
    for (const auto& [value, count] : values.items()) counts[field][value] = count.get<int64_t>();
  }
  EXPECT_EQ(counts, cli_->facet_counts_with_query);
  EXPECT_NE(counts, cli_->facet_counts) << "the query changed no count";
}

TEST_P(ClientsTest, ExportWithAQueryStreamsOneLineForEveryMatchingReport) {
  const json& exported = Answers()["export_with_query"];
  EXPECT_EQ(exported["lines"].get<int64_t>(), cli_->facet_query_search_total);
  EXPECT_EQ(exported["total_rows"].get<int64_t>(), cli_->facet_query_search_total);
}

TEST_P(ClientsTest, ExportStreamsOneJsonLineForEveryListedReport) {
  const json& exported = Answers()["export"];
  EXPECT_EQ(exported["lines"].get<int64_t>(), cli_->list_total);
  EXPECT_EQ(exported["total_rows"].get<int64_t>(), cli_->list_total);
}

TEST_P(ClientsTest, ExampleRunsFromTheInstalledPackageOverTls) {
  std::vector<std::string> argv = ScriptCommand(GetParam(), "search_archive");
  argv.insert(argv.end(), {kSearchPhrase, cli_->ingested_file});
  CommandResult result = RunProgram(argv, ClientEnvironment(GetParam()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find(cli_->ingested_name + " (duplicate)"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(std::to_string(cli_->list_total) + " reports: "), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("as expected: NOT_FOUND"), std::string::npos) << result.out;
}

TEST_P(ClientsTest, ListingPagesThroughEveryReportInTheCliOrder) {
  const json& list = Answers()["list"];
  EXPECT_EQ(list["names"].get<std::vector<std::string>>(), cli_->list_names);
  EXPECT_EQ(list["total_size"].get<int64_t>(), cli_->list_total);
}

TEST_P(ClientsTest, SearchPagesThroughTheCliHitsMostMatchesFirst) {
  const json& search = Answers()["search"];
  std::map<std::string, int64_t> matches;
  int64_t previous = INT64_MAX;
  for (const json& hit : search["hits"]) {
    int64_t count = hit["match_count"];
    EXPECT_LE(count, previous) << "hits out of order at " << hit["name"];
    previous = count;
    EXPECT_TRUE(matches.emplace(hit["name"], count).second)
        << "hit repeated across pages: " << hit["name"];
  }
  EXPECT_EQ(matches, cli_->search_matches);
  EXPECT_EQ(search["total_size"].get<int64_t>(), cli_->search_total);
}

TEST_P(ClientsTest, IndicatorSeriesHasTheCliValues) {
  EXPECT_FALSE(cli_->series.empty()) << cli_->indicator_id << " " << cli_->jurisdiction_code;
  EXPECT_EQ(RowsOf(Answers()["series"]), cli_->series);
}

TEST_P(ClientsTest, IndicatorComparisonPagesThroughEveryCliRowWithTheCoverage) {
  const json& compare = Answers()["compare"];
  EXPECT_EQ(compare["first_page_rows"].get<int64_t>(), kClientPageSize)
      << "the first page is not one client page";
  std::vector<IndicatorRow> rows = RowsOf(compare["rows"]);
  std::vector<IndicatorRow> expected = cli_->compare_rows;
  EXPECT_TRUE(std::is_sorted(
      rows.begin(), rows.end(),
      [](const IndicatorRow& a, const IndicatorRow& b) { return std::get<2>(a) > std::get<2>(b); }))
      << "rows are not largest first";
  std::sort(rows.begin(), rows.end());  // ties may come in either order
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(compare["report_count"].get<int64_t>(), cli_->compare_report_count);
  EXPECT_EQ(compare["stating_count"].get<int64_t>(), cli_->compare_stating_count);
}

TEST_P(ClientsTest, UnknownReportRaisesNotFound) {
  const json& error = Answers()["errors"]["not_found"];
  EXPECT_EQ(error["exception"], "NotFoundError");
  EXPECT_EQ(error["code"], "NOT_FOUND");
  EXPECT_NE(error["message"].get<std::string>().find(kMissingReport), std::string::npos) << error;
}

TEST_P(ClientsTest, MalformedFilterRaisesInvalidArgumentWithTheServersMessage) {
  const json& error = Answers()["errors"]["bad_filter"];
  EXPECT_EQ(error["exception"], "InvalidArgumentError");
  EXPECT_EQ(error["code"], "INVALID_ARGUMENT");
  std::string message = error["message"];
  EXPECT_NE(message.find("no_such_field"), std::string::npos) << message;
  EXPECT_NE(cli_->bad_filter_error.find(message), std::string::npos)
      << "the CLI said: " << cli_->bad_filter_error;
}

TEST_P(ClientsTest, ClientWithoutATokenIsUnauthenticated) {
  Environment environment = ClientEnvironment(GetParam());
  environment.erase("FAZHI_TOKEN");
  std::vector<std::string> argv = ScriptCommand(GetParam(), "search_archive");
  argv.push_back(kSearchPhrase);
  CommandResult result = RunProgram(argv, environment);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("UNAUTHENTICATED"), std::string::npos) << result.err;
}

INSTANTIATE_TEST_SUITE_P(Languages, ClientsTest, ::testing::Values("python", "node"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// A reflection v1 client (grpcurl and newer tools ask v1 first) lists each service's API, over TLS
// and without a token: reflection is open. (Run once per language, as the suite is theirs.)
TEST_P(ClientsTest, EveryServiceListsItsServicesOverReflectionV1) {
  const std::map<std::string, std::string> expected = {
      {suite_->ingestion_addr, "fazhi.v1.IngestionService"},
      {suite_->extraction_addr, "fazhi.v1.ExtractionService"},
      {suite_->query_addr, "fazhi.v1.QueryService"}};
  for (const auto& [address, service] : expected) {
    auto stub = grpc::reflection::v1::ServerReflection::NewStub(suite_->Channel(address, ""));
    grpc::ClientContext context;
    auto stream = stub->ServerReflectionInfo(&context);
    grpc::reflection::v1::ServerReflectionRequest request;
    request.set_list_services("");
    ASSERT_TRUE(stream->Write(request));
    stream->WritesDone();
    grpc::reflection::v1::ServerReflectionResponse response;
    ASSERT_TRUE(stream->Read(&response)) << address;
    grpc::Status finished = stream->Finish();
    ASSERT_TRUE(finished.ok()) << finished.error_message();
    std::set<std::string> names;
    for (const auto& listed : response.list_services_response().service())
      names.insert(listed.name());
    EXPECT_TRUE(names.count(service)) << address;
    EXPECT_TRUE(names.count("grpc.reflection.v1.ServerReflection")) << address;
    EXPECT_TRUE(names.count("grpc.reflection.v1alpha.ServerReflection")) << address;
  }
}

}  // namespace
}  // namespace fazhi::testing
