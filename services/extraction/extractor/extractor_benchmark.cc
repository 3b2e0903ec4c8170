// Throughput of the whole extractor, and of quantity recognition alone, over the sample reports
// (one core). Reported as bytes_per_second of normalized UTF-8 text.
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "common/files/read_file.h"
#include "common/text/normalize.h"
#include "services/extraction/extractor/extractor.h"
#include "services/extraction/indicators/indicators.h"
#include "services/extraction/quantities/quantities.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

using testing::TestExtractorOptions;

const std::vector<std::string>& NormalizedCorpus() {
  static const std::vector<std::string>* corpus = [] {
    auto* texts = new std::vector<std::string>;
    const std::vector<std::string> reports =
        *ReadFilesInFolder(FAZHI_SOURCE_DIR "/tests/data/corpus");
    for (const std::string& report : reports) texts->push_back(text::NormalizeText(report));
    return texts;
  }();
  return *corpus;
}

int64_t CorpusBytes() {
  int64_t bytes = 0;
  for (const std::string& t : NormalizedCorpus()) bytes += static_cast<int64_t>(t.size());
  return bytes;
}

void BM_ExtractWholeRecord(benchmark::State& state) {
  absl::StatusOr<Extractor> extractor = Extractor::Load(TestExtractorOptions());
  if (!extractor.ok()) {
    state.SkipWithError(std::string(extractor.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    for (const std::string& t : NormalizedCorpus()) benchmark::DoNotOptimize(extractor->Extract(t));
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_ExtractWholeRecord)->Unit(benchmark::kMillisecond);

void BM_RecognizeQuantitiesOnly(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& t : NormalizedCorpus())
      benchmark::DoNotOptimize(RecognizeQuantities(t));
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_RecognizeQuantitiesOnly)->Unit(benchmark::kMillisecond);

void BM_ExtractIndicatorsOnly(benchmark::State& state) {
  absl::StatusOr<Extractor> extractor = Extractor::Load(TestExtractorOptions());
  if (!extractor.ok()) {
    state.SkipWithError(std::string(extractor.status().message()).c_str());
    return;
  }
  std::vector<std::vector<Quantity>> quantities;
  for (const std::string& t : NormalizedCorpus()) quantities.push_back(RecognizeQuantities(t));
  for (auto _ : state) {
    for (size_t i = 0; i < quantities.size(); ++i) {
      benchmark::DoNotOptimize(ExtractIndicators(NormalizedCorpus()[i], quantities[i],
                                                 extractor->indicator_set(), 2020));
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_ExtractIndicatorsOnly)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fazhi::extraction

BENCHMARK_MAIN();
