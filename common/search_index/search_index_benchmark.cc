// Measures search latency on generated reports in a scratch PostgreSQL database: the gram
// signature index (this folder) next to a plain LIKE scan and a pg_trgm GIN index, for one-, two-
// and four-character phrases, checking that all three return the same hits.
//
//   fazhi_search_index_benchmark --db="host=127.0.0.1 port=56000 dbname=bench user=postgres" --docs=10000 --repeat=3
//
// The database is wiped (schema public dropped) and loaded with migrations 0001 and 0002. Reports
// are recombined paragraphs of tests/data/corpus (normalized), with digits and 0.3% of the
// ideographs replaced at random, so rare characters and pairs exist as in real archives.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <pqxx/pqxx>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/text/normalize.h"
#include "common/text/utf8.h"
#include "common/search_index/gram_signature.h"
#include "common/search_index/search_query.h"

namespace fazhi::search_index {
namespace {

struct Options {
  std::string db = "host=127.0.0.1 port=56000 dbname=bench user=postgres";
  int docs = 10000;
  int repeat = 3;
  bool load = true;
  int page_size = 20;
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::u32string> CorpusParagraphs() {
  std::vector<std::u32string> paragraphs;
  std::filesystem::path dir = std::filesystem::path(FAZHI_SOURCE_DIR) / "tests/data/corpus";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string text = text::NormalizeText(ReadFile(entry.path()));
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      std::u32string chars;
      for (size_t offset = 0; offset < line.size();) {
        text::DecodedCodepoint decoded = text::DecodeCodepoint({line.data(), line.size()}, offset);
        chars.push_back(decoded.codepoint);
        offset += std::max(decoded.length, 1);
      }
      if (!chars.empty()) paragraphs.push_back(std::move(chars));
    }
  }
  return paragraphs;
}

std::string Utf8(std::u32string_view chars) {
  std::string out;
  for (char32_t c : chars) text::AppendUtf8(out, c);
  return out;
}

// A report of 5,000-11,000 characters from random paragraphs with varied figures and characters.
std::string GenerateReport(const std::vector<std::u32string>& paragraphs, std::mt19937& random) {
  size_t target = 5000 + random() % 6000;
  std::u32string text;
  while (text.size() < target) {
    std::u32string paragraph = paragraphs[random() % paragraphs.size()];
    for (char32_t& c : paragraph) {
      if (c >= '0' && c <= '9' && random() % 2) c = '0' + random() % 10;
      if (c >= 0x4E00 && c <= 0x9FFF && random() % 1000 < 3) c = 0x4E00 + random() % 0x5200;
    }
    text += paragraph;
    text += U'\n';
  }
  return Utf8(text);
}

void ExecFile(pqxx::work& work, const std::string& relative) {
  work.exec(ReadFile(std::filesystem::path(FAZHI_SOURCE_DIR) / relative));
}

void Load(pqxx::connection& connection, const Options& options) {
  {
    pqxx::work work(connection);
    work.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    ExecFile(work, "deploy/migrations/0001_archive.sql");
    ExecFile(work, "deploy/migrations/0002_search_index.sql");
    work.exec("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    work.exec("DROP INDEX report_grams_grams");  // rebuilt after the bulk load, timed
    work.commit();
  }
  std::vector<std::u32string> paragraphs = CorpusParagraphs();
  std::mt19937 random(42);
  auto start = std::chrono::steady_clock::now();
  double gram_seconds = 0;
  int64_t gram_count = 0;
  const std::vector<std::string> provinces = {"四川省", "浙江省", "广东省", "河南省", "江苏省"};
  pqxx::work work(connection);
  std::vector<std::string> texts;
  for (int i = 0; i < options.docs; ++i) texts.push_back(GenerateReport(paragraphs, random));
  {
    pqxx::stream_to reports(work, "reports",
                            std::vector<std::string>{"id", "content_sha256", "original",
                                                     "original_size_bytes", "original_encoding",
                                                     "original_format", "normalized_text",
                                                     "normalizer_version", "text_length"});
    for (int i = 0; i < options.docs; ++i) {
      std::string id = absl::StrCat("r", i);
      reports << std::make_tuple(id, id, std::string(), 0, "UTF-8", "text", texts[i], "bench",
                                 text::CountCodepoints(texts[i]));
    }
    reports.complete();
  }
  {
    pqxx::stream_to records(work, "records",
                            std::vector<std::string>{"report_id", "record", "extractor_version",
                                                     "indicator_set_version", "province",
                                                     "report_year"});
    for (int i = 0; i < options.docs; ++i) {
      records << std::make_tuple(absl::StrCat("r", i), "{}", "bench", "bench",
                                 provinces[i % provinces.size()], 2018 + i % 6);
    }
    records.complete();
  }
  std::printf("generated and copied %d reports in %.1f s\n", options.docs,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  {
    pqxx::stream_to grams(work, "report_grams",
                          std::vector<std::string>{"report_id", "signature_version", "grams"});
    for (int i = 0; i < options.docs; ++i) {
      auto gram_start = std::chrono::steady_clock::now();
      std::vector<int32_t> signature = TextSignature(texts[i]);
      gram_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - gram_start).count();
      gram_count += signature.size();
      grams << std::make_tuple(absl::StrCat("r", i), std::string(kGramSignatureVersion),
                               IntArrayLiteral(signature));
    }
    grams.complete();
  }
  work.commit();
  std::printf("signatures: %.2f ms per report to compute, %.0f tokens (grams + rank tokens) per report on average\n",
              1000 * gram_seconds / options.docs, static_cast<double>(gram_count) / options.docs);
  pqxx::nontransaction plain(connection);
  auto grams_start = std::chrono::steady_clock::now();
  plain.exec("CREATE INDEX report_grams_grams ON report_grams USING gin (grams gin__int_ops)"
             " WITH (fastupdate = off)");
  std::printf("gram signature index built in %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - grams_start).count());
  auto index_start = std::chrono::steady_clock::now();
  plain.exec("CREATE INDEX reports_text_trgm ON reports USING gin (normalized_text gin_trgm_ops)");
  std::printf("pg_trgm index built in %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - index_start).count());
  plain.exec("VACUUM ANALYZE");
  pqxx::result sizes = plain.exec(
      "SELECT pg_size_pretty(pg_total_relation_size('reports')),"
      " pg_size_pretty(pg_relation_size('reports_text_trgm')),"
      " pg_size_pretty(pg_total_relation_size('report_grams') - pg_relation_size('report_grams_grams')),"
      " pg_size_pretty(pg_relation_size('report_grams_grams'))");
  std::printf("sizes: reports %s, trgm index %s, report_grams table %s, its GIN index %s\n",
              sizes[0][0].c_str(), sizes[0][1].c_str(), sizes[0][2].c_str(), sizes[0][3].c_str());
}

std::string LikePattern(std::string_view phrase) {
  std::string pattern = "%";
  for (char c : phrase) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

enum class Method { kLikeScan, kTrigram, kGrams, kRanked };
constexpr const char* kMethodNames[] = {"LIKE scan", "pg_trgm", "grams", "grams+rank"};

struct Statement {
  std::string sql;
  std::vector<std::string> params;
};

// The search page the service runs: total hit count and the top page by occurrences, with a
// filter condition on the records, as ReportReader::Search does.
Statement SearchStatement(Method method, const std::string& phrase, bool count_only, int page_size) {
  Statement statement;
  std::string where;
  std::string from = " FROM reports r JOIN records rec ON rec.report_id = r.id";
  std::string occurrences;
  if (method == Method::kGrams) {
    SearchPlan plan = *PlanSearch(absl::StrCat("\"", phrase, "\""), 1);
    statement.params = plan.params;
    if (count_only) statement.params.resize(plan.condition_params);
    where = plan.condition;
    occurrences = plan.occurrences_sql;
    from += " JOIN report_grams g ON g.report_id = r.id";
  } else {
    statement.params = {LikePattern(phrase), phrase};
    where = "r.normalized_text LIKE $1";
    occurrences =
        "((length(r.normalized_text) - length(replace(r.normalized_text, $2, ''))) / length($2))::bigint";
  }
  if (count_only) {
    statement.sql = absl::StrCat("SELECT count(*)", from, " WHERE ", where);
    if (method != Method::kGrams) statement.params.resize(1);
  } else {
    statement.sql = absl::StrCat("SELECT r.id, ", occurrences, " AS n, count(*) OVER () AS total",
                                 from, " WHERE ", where, " ORDER BY n DESC, r.id LIMIT ",
                                 page_size + 1);
  }
  return statement;
}

void Configure(pqxx::work& work, Method method) {
  if (method == Method::kLikeScan) {
    work.exec("SET LOCAL enable_bitmapscan = off");
    work.exec("SET LOCAL enable_indexscan = off");
  }
}

double RunTimed(pqxx::connection& connection, Method method, const Statement& statement,
                int64_t* total) {
  auto start = std::chrono::steady_clock::now();
  pqxx::work work(connection);
  Configure(work, method);
  pqxx::result rows = work.exec_params(statement.sql, pqxx::prepare::make_dynamic_params(statement.params));
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  *total = rows.empty() ? 0 : rows[0][rows[0].size() - 1].as<int64_t>();
  return ms;
}

using Page = std::vector<std::pair<std::string, int64_t>>;  // id, occurrences

Page ReadPage(const pqxx::result& rows) {
  Page page;
  for (const pqxx::row& row : rows) page.emplace_back(row[0].as<std::string>(), row[1].as<int64_t>());
  return page;
}

// The page of the plain plan, for checking the ranked one.
Page PlainPage(pqxx::connection& connection, const std::string& phrase, int page_size) {
  Statement statement = SearchStatement(Method::kGrams, phrase, false, page_size);
  pqxx::work work(connection);
  return ReadPage(work.exec_params(statement.sql, pqxx::prepare::make_dynamic_params(statement.params)));
}

// Total from the index, then the top page from the reports where every gram of the phrase is at
// a high count level: walk the levels down until one holds a full page whose last count is at
// least the level's floor (no report outside the level can beat it).
double RunRanked(pqxx::connection& connection, const std::string& phrase, int page_size,
                 int64_t* total, Page* page) {
  auto start = std::chrono::steady_clock::now();
  SearchPlan plan = *PlanSearch(absl::StrCat("\"", phrase, "\""), 2);
  std::vector<int32_t> grams = GramsOfPhrase(phrase).grams;
  pqxx::work work(connection);
  std::string from = " FROM reports r JOIN records rec ON rec.report_id = r.id"
                     " JOIN report_grams g ON g.report_id = r.id WHERE ";
  std::vector<std::string> count_params(plan.params.begin(), plan.params.begin() + plan.condition_params);
  count_params.insert(count_params.begin(), "");
  count_params[0] = "1";
  *total = work.exec_params(absl::StrCat("SELECT count(*)", from, "$1::int = 1 AND ", plan.condition),
                            pqxx::prepare::make_dynamic_params(count_params))[0][0].as<int64_t>();
  page->clear();
  work.exec("SET LOCAL enable_seqscan = off");  // the signatures are only ever read via GIN
  auto level_query = [&](int level) {
    std::vector<std::string> parts;
    for (int32_t gram : grams) parts.push_back(absl::StrCat("(", AtLeastLevelQuery(gram, level), ")"));
    return absl::StrJoin(parts, "&");
  };
  auto candidates = [&](int level) {
    return work.exec_params1("SELECT count(*) FROM report_grams g WHERE g.grams @@ $1::query_int",
                             level_query(level))[0].as<int64_t>();
  };
  // The highest level with more than a page of candidates (candidates shrink as levels rise).
  int low = 0;
  int high = kLevelCount - 1;
  if (*total == 0 || candidates(0) <= page_size) high = -1;
  while (low < high) {
    int middle = (low + high + 1) / 2;
    if (candidates(middle) > page_size) low = middle; else high = middle - 1;
  }
  for (int level = high; level >= 0; --level) {
    std::vector<std::string> params = plan.params;
    params.insert(params.begin(), level_query(level));
    Page ranked = ReadPage(work.exec_params(
        absl::StrCat("SELECT r.id, ", plan.occurrences_sql, " AS n", from, "g.grams @@ $1::query_int AND ",
                     plan.condition, " ORDER BY n DESC, r.id LIMIT ", page_size + 1),
        pqxx::prepare::make_dynamic_params(params)));
    if (static_cast<int>(ranked.size()) == page_size + 1 && ranked.back().second >= kLevelFloors[level]) {
      *page = std::move(ranked);
      break;
    }
  }
  if (page->empty() && *total > 0) {  // few frequent reports: rank them all
    Statement statement = SearchStatement(Method::kGrams, phrase, false, page_size);
    *page = ReadPage(work.exec_params(statement.sql, pqxx::prepare::make_dynamic_params(statement.params)));
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::vector<std::string> HitIds(pqxx::connection& connection, Method method, const std::string& phrase) {
  Statement statement = SearchStatement(method, phrase, true, 0);
  statement.sql.replace(0, std::string("SELECT count(*)").size(), "SELECT r.id");
  statement.sql += " ORDER BY r.id";
  pqxx::work work(connection);
  Configure(work, method);
  std::vector<std::string> ids;
  for (const pqxx::row& row :
       work.exec_params(statement.sql, pqxx::prepare::make_dynamic_params(statement.params))) {
    ids.push_back(row[0].as<std::string>());
  }
  return ids;
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  size_t index = std::min(values.size() - 1, static_cast<size_t>(p * values.size()));
  return values[index];
}

// Phrases of one length: fixed common ones, substrings of random reports (mostly common), and
// rare ones (characters with few reports) and one absent.
std::vector<std::string> Queries(pqxx::connection& connection, int length, std::mt19937& random) {
  std::vector<std::string> queries;
  const std::map<int, std::vector<std::string>> kCommon = {
      {1, {"法", "政"}}, {2, {"法治", "行政"}}, {4, {"依法行政", "法治政府"}}};
  queries = kCommon.at(length);
  pqxx::work work(connection);
  int docs = work.exec("SELECT count(*) FROM reports")[0][0].as<int>();
  for (int i = 0; i < 4; ++i) {
    pqxx::row row = work.exec_params1(
        "SELECT substr(normalized_text, 1 + (random() * (length(normalized_text) - $2))::int, $2)"
        " FROM reports WHERE id = $1",
        absl::StrCat("r", random() % docs), length);
    std::string phrase = row[0].as<std::string>();
    if (phrase.find('\n') == std::string::npos && phrase.find('"') == std::string::npos) queries.push_back(phrase);
  }
  // Rare: a randomly replaced ideograph with its neighbours, found in few reports.
  for (int i = 0; i < 3; ++i) {
    std::u32string rare;
    rare.push_back(0x4E00 + random() % 0x5200);
    const std::u32string tail = U"法治政";
    for (int k = 1; k < length; ++k) rare.push_back(tail[k - 1]);
    queries.push_back(Utf8(rare));
  }
  return queries;
}

[[noreturn]] void Mismatch(Method method, int64_t total, size_t expected, const std::string& query) {
  std::printf("\nMISMATCH: %s total %lld, expected %zu for '%s'\n", kMethodNames[int(method)],
              static_cast<long long>(total), expected, query.c_str());
  std::exit(1);
}

using Latencies = std::map<std::pair<int, bool>, std::vector<double>>;  // (method, count_only)

void PrintTable(const Latencies& latencies) {
  std::printf("\n  %-10s %12s %12s %12s %12s\n", "method", "count p50", "count p99", "page p50",
              "page p99");
  for (Method method : {Method::kLikeScan, Method::kTrigram, Method::kGrams, Method::kRanked}) {
    std::string cells;
    for (bool count_only : {true, false}) {
      auto found = latencies.find({int(method), count_only});
      if (found == latencies.end()) {
        absl::StrAppend(&cells, "           -            -");
        continue;
      }
      char cell[64];
      std::snprintf(cell, sizeof(cell), " %9.1f ms %9.1f ms", Percentile(found->second, 0.5),
                    Percentile(found->second, 0.99));
      absl::StrAppend(&cells, cell);
    }
    std::printf("  %-10s%s\n", kMethodNames[int(method)], cells.c_str());
  }
}

void RunLength(pqxx::connection& connection, int length, const Options& options, std::mt19937& random) {
  std::vector<std::string> queries = Queries(connection, length, random);
  Latencies latencies;
  std::printf("\n%d-character phrases (hits):", length);
  for (const std::string& query : queries) {
    std::vector<std::string> expected = HitIds(connection, Method::kLikeScan, query);
    for (Method method : {Method::kTrigram, Method::kGrams}) {
      if (HitIds(connection, method, query) != expected) Mismatch(method, -1, expected.size(), query);
    }
    std::printf(" %s(%zu)", query.c_str(), expected.size());
    Page expected_page = PlainPage(connection, query, options.page_size);
    for (int rep = 0; rep < options.repeat; ++rep) {
      for (Method method : {Method::kLikeScan, Method::kTrigram, Method::kGrams}) {
        for (bool count_only : {true, false}) {
          int64_t total = 0;
          latencies[{int(method), count_only}].push_back(RunTimed(
              connection, method, SearchStatement(method, query, count_only, options.page_size), &total));
          if (total != static_cast<int64_t>(expected.size())) Mismatch(method, total, expected.size(), query);
        }
      }
      int64_t total = 0;
      Page page;
      latencies[{int(Method::kRanked), false}].push_back(
          RunRanked(connection, query, options.page_size, &total, &page));
      if (total != static_cast<int64_t>(expected.size())) Mismatch(Method::kRanked, total, expected.size(), query);
      if (page != expected_page) {
        std::printf("\nMISMATCH: ranked page differs for '%s'\n", query.c_str());
        std::exit(1);
      }
    }
  }
  PrintTable(latencies);
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&](std::string_view name) { return std::string(arg.substr(name.size())); };
    if (arg.starts_with("--db=")) options.db = value("--db=");
    else if (arg.starts_with("--docs=")) options.docs = std::stoi(value("--docs="));
    else if (arg.starts_with("--repeat=")) options.repeat = std::stoi(value("--repeat="));
    else if (arg == "--no-load") options.load = false;
    else {
      std::fprintf(stderr, "usage: %s [--db=CONNINFO] [--docs=N] [--repeat=N] [--no-load]\n", argv[0]);
      std::exit(2);
    }
  }
  return options;
}

}  // namespace
}  // namespace fazhi::search_index

int main(int argc, char** argv) {
  using namespace fazhi::search_index;
  Options options = ParseOptions(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  pqxx::connection connection(options.db);
  if (options.load) Load(connection, options);
  std::mt19937 random(7);
  std::printf("\nlatency over %d runs per phrase; count = total hits only, page = total + top %d by"
              " occurrences; hit sets of all methods checked equal\n",
              options.repeat, options.page_size);
  for (int length : {1, 2, 4}) RunLength(connection, length, options, random);
  return 0;
}
