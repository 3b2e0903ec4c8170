// Reading a stored record: ours (nlohmann::json + the message's descriptor) next to protobuf's
// JsonStringToMessage on the same JSON, a record the size a list reads (basic view) and a full one.
#include <benchmark/benchmark.h>

#include "common/archive/record_json.h"
#include "tests/testing/record_json_testing.h"

namespace fazhi {
namespace {

// The basic view: what a list or a search reads for each report.
std::string BasicJson() {
  v1::ExtractedRecord record = testing::RecordWithEveryField(2);
  record.clear_sections();
  record.clear_quantities();
  record.clear_dates();
  record.clear_citations();
  record.clear_document_numbers();
  return RecordToStoredJson(record);
}

std::string FullJson() { return RecordToStoredJson(testing::RecordWithEveryField(3)); }

using Reader = absl::StatusOr<v1::ExtractedRecord> (*)(const std::string&);

void BM_Read(benchmark::State& state, Reader read, const std::string& json) {
  for (auto _ : state) benchmark::DoNotOptimize(read(json));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * json.size()));
}

BENCHMARK_CAPTURE(BM_Read, basic_ours, &RecordFromStoredJson, BasicJson());
BENCHMARK_CAPTURE(BM_Read, basic_protobuf, &RecordFromStoredJsonWithProtobuf, BasicJson());
BENCHMARK_CAPTURE(BM_Read, full_ours, &RecordFromStoredJson, FullJson());
BENCHMARK_CAPTURE(BM_Read, full_protobuf, &RecordFromStoredJsonWithProtobuf, FullJson());

}  // namespace
}  // namespace fazhi

BENCHMARK_MAIN();
