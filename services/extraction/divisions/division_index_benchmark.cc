// Loading the official list and scanning a report-sized text for division names.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/files/read_file.h"
#include "common/text/code_points.h"
#include "services/extraction/divisions/division_index.h"
#include "services/extraction/prescan/prescan.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

std::string DataDir() {
  const char* root = std::getenv("FAZHI_SOURCE_DIR");
  return std::string(root != nullptr ? root : FAZHI_SOURCE_DIR) + "/data/divisions";
}

void BM_LoadFromDirectory(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(DivisionIndex::LoadFromDirectory(DataDir()));
}
BENCHMARK(BM_LoadFromDirectory)->Unit(benchmark::kMillisecond);

// What a process's start-up costs: the list's fingerprint, and its snapshot mapped. Each round
// maps the file anew, so its pages are faulted in again, as in a new process.
void BM_LoadFromSnapshot(benchmark::State& state) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "fazhi_divisions_benchmark.snapshot";
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      << DivisionIndex::LoadFromDirectory(DataDir())->Snapshot();
  for (auto _ : state) {
    absl::StatusOr<DivisionIndex> index =
        DivisionIndex::LoadFromDirectory(DataDir(), file.string());
    if (!index.ok() || !index->from_snapshot()) state.SkipWithError("the snapshot was not read");
    benchmark::DoNotOptimize(index);
  }
  std::filesystem::remove(file);
}
BENCHMARK(BM_LoadFromSnapshot)->Unit(benchmark::kMillisecond);

const DivisionIndex& Index() {
  static const DivisionIndex index = *DivisionIndex::LoadFromDirectory(DataDir());
  return index;
}

void BM_FindMentions(benchmark::State& state) {
  std::string text;
  while (text.size() < 25000)
    text +=
        "2020年,在县委的正确领导下,海原县三河镇坚持以习近平法治思想为指导,建设平安盂县、法治盂县。";
  for (auto _ : state) benchmark::DoNotOptimize(Index().FindMentions(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_FindMentions)->Unit(benchmark::kMicrosecond);

// The bundled sample reports (tests/data/corpus): real text, whose many different characters
// and pairs the tables see as a report's scan does.
const std::vector<std::string>& Reports() {
  static const std::vector<std::string> reports = [] {
    const char* root = std::getenv("FAZHI_SOURCE_DIR");
    return *ReadFilesInFolder(std::string(root != nullptr ? root : FAZHI_SOURCE_DIR) +
                              "/tests/data/corpus");
  }();
  return reports;
}

int64_t ReportBytes() {
  int64_t bytes = 0;
  for (const std::string& report : Reports()) bytes += static_cast<int64_t>(report.size());
  return bytes;
}

// The reports one after another, as UTF-8: decoded by FindMentions.
void BM_FindMentionsInReports(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& report : Reports())
      benchmark::DoNotOptimize(Index().FindMentions(report));
  }
  state.SetBytesProcessed(state.iterations() * ReportBytes());
}
BENCHMARK(BM_FindMentionsInReports)->Unit(benchmark::kMicrosecond);

// The same reports decoded as the extractor decodes them (bytes are still UTF-8 bytes).
void BM_FindMentionsInDecodedReports(benchmark::State& state) {
  std::vector<std::u32string> decoded;
  for (const std::string& report : Reports()) decoded.push_back(DecodeUtf8(report));
  for (auto _ : state) {
    for (const std::u32string& report : decoded)
      benchmark::DoNotOptimize(Index().FindMentions(report));
  }
  state.SetBytesProcessed(state.iterations() * ReportBytes());
}
BENCHMARK(BM_FindMentionsInDecodedReports)->Unit(benchmark::kMicrosecond);

// As the extractor scans: each report decoded, with its prescan, and between two reports 2 MiB of
// other memory read (the extractor's other stages), so that the tables' lines the last report
// used are no longer all in cache: the scan's cost is then mostly its cache misses, which the
// loops above, over a few reports again and again, hardly see. Only the scans are timed. The
// reports: the folder FAZHI_BENCHMARK_REPORTS names (the 2,000 of `fazhi-corpus-gen --count 2000
// --seed 7`, say), else the bundled ones.
void BM_FindMentionsBetweenOtherWork(benchmark::State& state) {
  const char* folder = std::getenv("FAZHI_BENCHMARK_REPORTS");
  std::vector<std::u32string> decoded;
  if (folder == nullptr) {
    for (const std::string& report : Reports()) decoded.push_back(DecodeUtf8(report));
  } else if (absl::StatusOr<std::vector<std::string>> reports = ReadFilesInFolder(folder);
             reports.ok()) {
    for (const std::string& report : *reports) decoded.push_back(DecodeUtf8(report));
  } else {
    state.SkipWithError(std::string(reports.status().message()).c_str());
    return;
  }
  PrescanTable table;
  Index().MarkNameStarts(table);
  std::vector<uint64_t> other_work((size_t{2} << 20) / sizeof(uint64_t), 1);
  for (auto _ : state) {
    std::chrono::duration<double> scanning{0};
    for (const std::u32string& report : decoded) {
      for (size_t i = 0; i < other_work.size(); i += 8) benchmark::DoNotOptimize(++other_work[i]);
      const Prescan prescan(table, report);
      const auto start = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(Index().FindMentions(report, &prescan));
      scanning += std::chrono::steady_clock::now() - start;
    }
    state.SetIterationTime(scanning.count());
  }
}
BENCHMARK(BM_FindMentionsBetweenOtherWork)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fazhi::extraction

BENCHMARK_MAIN();
