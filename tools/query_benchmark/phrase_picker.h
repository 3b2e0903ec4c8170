// Picks search phrases of one length (in characters) from a sample of the archive's texts, by how
// many sample reports contain them: the most common one, one in about half and one in about a
// tenth of the reports, and two rare ones (in a single sample report). Only runs of CJK ideographs
// are used, so every phrase is a plain query term. Deterministic for the same sample.
//
//   std::vector<Phrase> phrases = PickPhrases(sample_texts, 2);
//   // {{"法治", "top", 300}, {"..", "half", 151}, {"..", "tenth", 30}, {"..", "rare", 1}, ...}
#ifndef FAZHI_TOOLS_QUERY_BENCHMARK_PHRASE_PICKER_H_
#define FAZHI_TOOLS_QUERY_BENCHMARK_PHRASE_PICKER_H_

#include <string>
#include <vector>

namespace fazhi::query_benchmark {

struct Phrase {
  std::string text;
  std::string kind;        // "top", "half", "tenth", "rare"
  int sample_reports = 0;  // sample texts containing it
};

std::vector<Phrase> PickPhrases(const std::vector<std::string>& sample_texts, int length);

}  // namespace fazhi::query_benchmark

#endif  // FAZHI_TOOLS_QUERY_BENCHMARK_PHRASE_PICKER_H_
