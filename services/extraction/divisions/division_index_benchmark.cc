// Loading the official list and scanning a report-sized text for division names.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

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

void BM_FindMentions(benchmark::State& state) {
  static const DivisionIndex index = *DivisionIndex::LoadFromDirectory(DataDir());
  std::string text;
  while (text.size() < 25000) text += "2020年,在县委的正确领导下,海原县三河镇坚持以习近平法治思想为指导,建设平安盂县、法治盂县。";
  for (auto _ : state) benchmark::DoNotOptimize(index.FindMentions(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_FindMentions)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fazhi::extraction

BENCHMARK_MAIN();
