// Loading the official list and scanning a report-sized text for division names.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "services/extraction/divisions/division_index.h"

namespace fazhi::extraction {
namespace {

std::string DataDir() {
  const char* root = std::getenv("FAZHI_SOURCE_DIR");
  return std::string(root != nullptr ? root : FAZHI_SOURCE_DIR) + "/data/divisions";
}

void BM_LoadFromDirectory(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(DivisionIndex::LoadFromDirectory(DataDir()));
}
BENCHMARK(BM_LoadFromDirectory)->Unit(benchmark::kMillisecond);

const DivisionIndex& Index() {
  static const DivisionIndex index = *DivisionIndex::LoadFromDirectory(DataDir());
  return index;
}

void BM_FindMentions(benchmark::State& state) {
  std::string text;
  while (text.size() < 25000) text += "2020年,在县委的正确领导下,海原县三河镇坚持以习近平法治思想为指导,建设平安盂县、法治盂县。";
  for (auto _ : state) benchmark::DoNotOptimize(Index().FindMentions(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_FindMentions)->Unit(benchmark::kMicrosecond);

// The bundled sample reports (tests/data/corpus), one after another: real text, whose many
// different characters and pairs the tables see as a report's scan does.
void BM_FindMentionsInReports(benchmark::State& state) {
  const char* root = std::getenv("FAZHI_SOURCE_DIR");
  const std::filesystem::path dir = std::string(root != nullptr ? root : FAZHI_SOURCE_DIR) + "/tests/data/corpus";
  std::vector<std::string> reports;
  size_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    reports.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += reports.back().size();
  }
  for (auto _ : state) {
    for (const std::string& report : reports) benchmark::DoNotOptimize(Index().FindMentions(report));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_FindMentionsInReports)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fazhi::extraction

BENCHMARK_MAIN();
