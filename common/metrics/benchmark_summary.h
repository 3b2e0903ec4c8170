// One line per headline figure of a benchmark, in a form `./dev bench` collects from every
// benchmark's output into one table at the end: the figure, what was measured, its target and
// the peer measured beside it in the same run.
//
//   PrintSummaryLine(std::cout, {.figure = "whole path, generated reports",
//                                .measured = "63.1 MB/s per core", .target = ">= 60 MB/s",
//                                .peer = "Recognizers-Text 1.4 MB/s"});
//   // summary | whole path, generated reports | 63.1 MB/s per core | >= 60 MB/s |
//   Recognizers-Text 1.4 MB/s
#ifndef FAZHI_COMMON_METRICS_BENCHMARK_SUMMARY_H_
#define FAZHI_COMMON_METRICS_BENCHMARK_SUMMARY_H_

#include <ostream>
#include <string>

namespace fazhi::metrics {

struct SummaryLine {
  std::string figure;
  std::string measured;
  std::string target;  // "" when the figure has none (then "-")
  std::string peer;    // "" when nothing was measured beside it (then "-")
};

// The prefix ./dev bench looks for.
inline constexpr char kSummaryPrefix[] = "summary | ";

inline void PrintSummaryLine(std::ostream& out, const SummaryLine& line) {
  out << kSummaryPrefix << line.figure << " | " << line.measured << " | "
      << (line.target.empty() ? "-" : line.target) << " | " << (line.peer.empty() ? "-" : line.peer)
      << "\n"
      << std::flush;
}

}  // namespace fazhi::metrics

#endif  // FAZHI_COMMON_METRICS_BENCHMARK_SUMMARY_H_
