// Loading the official list and scanning a report-sized text for division names.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/files/read_file.h"
#include "common/text/code_points.h"
#include "services/extraction/divisions/division_index.h"

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

}  // namespace
}  // namespace fazhi::extraction

BENCHMARK_MAIN();
