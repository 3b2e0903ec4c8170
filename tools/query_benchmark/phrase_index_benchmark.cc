// The phrase index at archive scale, without a database: builds the index over N generated reports
// (normalized as ingestion does), prints build throughput, memory and where the index's bytes go
// (PhraseIndex::Breakdown), then the latency of one-, two- and four-character searches (the
// query benchmark's phrases): wall time and the searching
// thread's CPU time (steady even on a busy machine, so runs compare), with --threads searches at
// once, next to one plain scan of the same texts in memory (std::string::find), the floor any
// text-reading method pays, which also checks the index's answer.
//
// With --snapshot=FILE the index is saved there, read back, and the searches run on what was read
// (so they also check the round trip); the save and load times are what a query replica's
// snapshot write and restart cost.
//
//   fazhi_phrase_index_benchmark --reports=100000 --repeat=5 --threads=2 --snapshot=/tmp/index
#include <malloc.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "common/compat/string_view.h"
#include "common/text/normalize.h"
#include "services/query/search/phrase_index.h"
#include "tools/corpus_generator/corpus_generator.h"
#include "tools/query_benchmark/latency.h"
#include "tools/query_benchmark/phrase_picker.h"

namespace fazhi::query {
namespace {

using Clock = std::chrono::steady_clock;
using query_benchmark::MillisSince;
using query_benchmark::Summarize;

long PeakRssMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

double ThreadCpuMillis() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Samples {
  std::vector<double> wall_ms;
  std::vector<double> cpu_ms;
  size_t hits = 0;
};

// `repeat` searches in each of `threads` threads at once.
Samples TimeSearches(const PhraseIndex& index, const QueryNode& root, int repeat, int threads) {
  std::vector<Samples> per_thread(static_cast<size_t>(threads));
  auto search = [&](Samples& samples) {
    for (int r = 0; r < repeat; ++r) {
      Clock::time_point start = Clock::now();
      double cpu_start = ThreadCpuMillis();
      samples.hits = index.Search(root).docs.size();
      samples.cpu_ms.push_back(ThreadCpuMillis() - cpu_start);
      samples.wall_ms.push_back(MillisSince(start));
    }
  };
  std::vector<std::thread> workers;
  for (Samples& samples : per_thread) workers.emplace_back(search, std::ref(samples));
  for (std::thread& worker : workers) worker.join();
  Samples all;
  all.hits = per_thread[0].hits;
  for (const Samples& samples : per_thread) {
    all.wall_ms.insert(all.wall_ms.end(), samples.wall_ms.begin(), samples.wall_ms.end());
    all.cpu_ms.insert(all.cpu_ms.end(), samples.cpu_ms.begin(), samples.cpu_ms.end());
  }
  return all;
}

int FlagValue(int argc, char** argv, std::string_view name, int fallback) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (absl::StartsWith(Absl(arg), Absl(name)) && arg.size() > name.size() &&
        arg[name.size()] == '=') {
      int value = 0;
      if (absl::SimpleAtoi(Absl(arg.substr(name.size() + 1)), &value)) return value;
    }
  }
  return fallback;
}

std::string StringFlag(int argc, char** argv, std::string_view name) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.size() > name.size() && arg.substr(0, name.size()) == name && arg[name.size()] == '=') {
      return std::string(arg.substr(name.size() + 1));
    }
  }
  return "";
}

// Saves `index` to `path` and reads it back, printing both times.
absl::StatusOr<PhraseIndex> SaveAndLoad(const PhraseIndex& index, const std::string& path) {
  constexpr uint32_t kFormat = 1;
  Clock::time_point start = Clock::now();
  absl::StatusOr<SnapshotWriter> out = SnapshotWriter::Create(path, kFormat);
  if (!out.ok()) return out.status();
  index.Save(*out);
  if (absl::Status written = out->Commit(); !written.ok()) return written;
  const double save_ms = MillisSince(start);
  start = Clock::now();
  absl::StatusOr<SnapshotReader> in = SnapshotReader::Open(path, kFormat);
  if (!in.ok()) return in.status();
  absl::StatusOr<PhraseIndex> loaded = PhraseIndex::Load(*in);
  if (!loaded.ok()) return loaded.status();
  if (absl::Status whole = in->Finish(); !whole.ok()) return whole;
  std::printf("snapshot: %.0f MB, saved in %.2f s (with fsync), loaded in %.2f s\n",
              std::filesystem::file_size(path) / 1e6, save_ms / 1000, MillisSince(start) / 1000);
  return loaded;
}

int Run(int argc, char** argv) {
  const int report_count = FlagValue(argc, argv, "--reports", 10000);
  const int repeat = FlagValue(argc, argv, "--repeat", 5);
  const int threads = std::max(1, FlagValue(argc, argv, "--threads", 1));
  corpus::CorpusGeneratorOptions options;
  options.mix = {{corpus::OutputKind::kUtf8Text, 1}};
  absl::StatusOr<corpus::CorpusGenerator> generator = corpus::CorpusGenerator::Create(options);
  if (!generator.ok()) {
    std::fprintf(stderr, "%s\n", generator.status().ToString().c_str());
    return 1;
  }
  std::vector<std::string> texts;
  int64_t text_bytes = 0;
  for (int i = 0; i < report_count; ++i) {
    texts.push_back(text::NormalizeText(generator->Next().bytes));
    text_bytes += static_cast<int64_t>(texts.back().size());
  }
  long rss_before = PeakRssMegabytes();

  PhraseIndex index;
  Clock::time_point build_start = Clock::now();
  for (int i = 0; i < report_count; ++i) index.Add(std::to_string(i), texts[i]);
  index.Compact();
  double build_ms = MillisSince(build_start);
  malloc_trim(0);
  PhraseIndexStats stats = index.Stats();
  std::printf("%d reports, %.0f MB of text, %.1f M code points\n", report_count, text_bytes / 1e6,
              stats.indexed_codepoints / 1e6);
  std::printf(
      "build: %.1f s (%.1f MB/s, %.0f reports/s); postings %.0f MB (%.2f bytes per code point); "
      "%lld characters, %lld pairs; peak RSS %ld MB (texts alone %ld MB)\n",
      build_ms / 1000, text_bytes / 1e3 / build_ms, report_count / (build_ms / 1000),
      stats.posting_bytes / 1e6,
      static_cast<double>(stats.posting_bytes) / stats.indexed_codepoints,
      static_cast<long long>(stats.distinct_characters),
      static_cast<long long>(stats.distinct_pairs), PeakRssMegabytes(), rss_before);

  PhraseIndexBreakdown bytes = index.Breakdown();
  const double per_codepoint = 1.0 / static_cast<double>(stats.indexed_codepoints);
  std::printf(
      "bytes per code point: character lists %.3f, pair headers %.3f, pair positions %.3f, "
      "skips %.3f, slack %.3f, documents %.3f, tables %.3f\n",
      bytes.character_lists * per_codepoint, bytes.pair_headers * per_codepoint,
      bytes.pair_positions * per_codepoint, bytes.skips * per_codepoint,
      bytes.slack * per_codepoint, bytes.documents * per_codepoint, bytes.tables * per_codepoint);

  if (const std::string path = StringFlag(argc, argv, "--snapshot"); !path.empty()) {
    absl::StatusOr<PhraseIndex> loaded = SaveAndLoad(index, path);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      return 1;
    }
    index = *std::move(loaded);
  }

  std::vector<std::string> sample(texts.begin(),
                                  texts.begin() + std::min<size_t>(texts.size(), 300));
  std::printf("searches: %d per phrase in each of %d thread(s)\n", repeat, threads);
  std::printf("%-8s %-6s %-12s %8s %12s %12s %12s %12s %12s\n", "length", "kind", "phrase", "hits",
              "index p50", "index p99", "cpu p50", "cpu p99", "scan");
  for (int length : {1, 2, 4}) {
    for (const query_benchmark::Phrase& phrase : query_benchmark::PickPhrases(sample, length)) {
      auto root = ParseSearchQuery(phrase.text);
      Samples samples = TimeSearches(index, **root, repeat, threads);
      Clock::time_point start = Clock::now();
      size_t scanned = 0;
      for (const std::string& text : texts) scanned += text.find(phrase.text) != std::string::npos;
      double scan_ms = MillisSince(start);
      if (scanned != samples.hits) {
        std::printf("MISMATCH for %s: index %zu, scan %zu\n", phrase.text.c_str(), samples.hits,
                    scanned);
        return 1;
      }
      query_benchmark::LatencySummary wall = Summarize(samples.wall_ms);
      query_benchmark::LatencySummary cpu = Summarize(samples.cpu_ms);
      std::printf("%-8d %-6s %-12s %8zu %9.2f ms %9.2f ms %9.2f ms %9.2f ms %9.0f ms\n", length,
                  phrase.kind.c_str(), phrase.text.c_str(), samples.hits, wall.p50_ms, wall.p99_ms,
                  cpu.p50_ms, cpu.p99_ms, scan_ms);
    }
  }
  return 0;
}

}  // namespace
}  // namespace fazhi::query

int main(int argc, char** argv) { return fazhi::query::Run(argc, argv); }
