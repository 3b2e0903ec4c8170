// The metadata readers' search for cue words in lines (FindWord), against std::string_view::find
// in the same run, over the lines of the bundled sample reports: paragraphs of a few hundred
// bytes among headings and short lines.
#include <benchmark/benchmark.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/files/read_file.h"
#include "services/extraction/metadata/word_search.h"

namespace fazhi::extraction::metadata_search {
namespace {

// Words of the speech and title readers: three-character cues, a one-character mark, a long
// phrase, and one no report holds.
constexpr std::array<std::string_view, 6> kWords = {"我代表", "。", "政府工作报告",
                                                    "回顾",   "年", "您的位置"};

const std::vector<std::string_view>& Lines() {
  static const auto* reports =
      new std::vector<std::string>(*ReadFilesInFolder(FAZHI_SOURCE_DIR "/tests/data/corpus"));
  static const auto* lines = [] {
    auto* split = new std::vector<std::string_view>;
    for (std::string_view report : *reports) {
      for (size_t end; !report.empty(); report.remove_prefix(end + (end < report.size()))) {
        end = std::min(report.find('\n'), report.size());
        split->push_back(report.substr(0, end));
      }
    }
    return split;
  }();
  return *lines;
}

template <typename Find>
void SearchEveryLine(benchmark::State& state, Find find) {
  int64_t bytes = 0;
  for (std::string_view line : Lines()) bytes += static_cast<int64_t>(line.size() * kWords.size());
  for (auto _ : state) {
    for (std::string_view line : Lines()) {
      for (std::string_view word : kWords) benchmark::DoNotOptimize(find(line, word));
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_FindWord(benchmark::State& state) { SearchEveryLine(state, FindWord); }
BENCHMARK(BM_FindWord)->Unit(benchmark::kMicrosecond);

void BM_StringViewFind(benchmark::State& state) {
  SearchEveryLine(state,
                  [](std::string_view line, std::string_view word) { return line.find(word); });
}
BENCHMARK(BM_StringViewFind)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fazhi::extraction::metadata_search

BENCHMARK_MAIN();
