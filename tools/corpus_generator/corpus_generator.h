// Synthetic 法治政府建设情况报告 for benchmarks and load tests: realistic reports recombined from
// the sample reports' real paragraphs, each for a jurisdiction drawn from the official division
// list (mostly counties), a year in 2015-2024 and its own figures, written as UTF-8, GB18030 or
// UTF-16LE text or as an HTML page. A report is a pure function of (seed, sequence number), so a
// corpus can be regenerated, split or generated in parallel.
//
//   CorpusGeneratorOptions options;  // bundled samples and division list, default mix
//   options.seed = 7;
//   absl::StatusOr<CorpusGenerator> generator = CorpusGenerator::Create(options);
//   GeneratedReport report = generator->Next();
//   // report.file_name == "000000_431230_2019.txt", report.jurisdiction_name == "通道侗族自治县"
//   // report.ManifestLine() == R"({"file":"000000_431230_2019.txt","encoding":"UTF-8",...})"
//
// What varies per report: the title pattern, the header (none, 来源/发布时间, 索引号 fields), the
// intro and the blocks drawn from the pool (see source_pool.h), the renumbered section markers,
// the jurisdiction names and self-references in borrowed text (paragraph_template.h), years
// shifted to the report year, figures re-drawn, the signature (issuer(s) and a publication date
// in December of the report year or the first months of the next), the line layout, and the
// encoding and format.
#ifndef FAZHI_TOOLS_CORPUS_GENERATOR_CORPUS_GENERATOR_H_
#define FAZHI_TOOLS_CORPUS_GENERATOR_CORPUS_GENERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/extraction/divisions/division_index.h"

namespace fazhi::corpus {

class SourcePool;
struct TargetPlace;

enum class OutputKind { kUtf8Text, kGb18030Text, kUtf16Text, kHtml };

// "utf8", "gb18030", "utf16", "html".
std::string_view OutputKindName(OutputKind kind);

struct OutputShare {
  OutputKind kind = OutputKind::kUtf8Text;
  double weight = 1;
};

// 70% UTF-8 text, 15% GB18030 text, 5% UTF-16LE text with BOM, 10% HTML.
std::vector<OutputShare> DefaultOutputMix();

// "utf8,gb18030" (equal shares) or "utf8:70,gb18030:15,utf16:5,html:10". InvalidArgument names
// an unknown kind or a bad weight.
absl::StatusOr<std::vector<OutputShare>> ParseOutputMix(std::string_view spec);

struct CorpusGeneratorOptions {
  std::string source_dir = std::string(FAZHI_SOURCE_DIR) + "/tests/data/corpus";
  std::string divisions_dir = std::string(FAZHI_SOURCE_DIR) + "/data/divisions";
  uint64_t seed = 1;
  std::vector<OutputShare> mix = DefaultOutputMix();
  int first_year = 2015;
  int last_year = 2024;
};

struct GeneratedReport {
  int64_t sequence = 0;
  std::string file_name;  // {sequence:06d}_{code}_{year}.{txt|html}
  std::string bytes;      // the file's content
  OutputKind kind = OutputKind::kUtf8Text;
  std::string encoding;  // "UTF-8", "GB18030", "UTF-16LE"
  std::string format;    // "text" or "html"
  std::string title;
  std::string jurisdiction_code;   // as reports are filed: 6 digits for county level and above
  std::string division_code;       // the division list's own code (2/4/6/9 digits)
  std::string jurisdiction_name;   // official name
  std::string jurisdiction_level;  // "province", "prefecture", "county", "township"
  int report_year = 0;
  std::string published_on;  // ISO date

  // One line of manifest.jsonl (a JSON object, no newline).
  std::string ManifestLine() const;
};

class CorpusGenerator final {
 public:
  // Loads the division list and the sample reports; errors name the directory at fault.
  static absl::StatusOr<CorpusGenerator> Create(const CorpusGeneratorOptions& options);

  // The next report of the sequence (0, 1, 2, ...).
  GeneratedReport Next() { return Generate(next_sequence_++); }
  // Report number `sequence` of this seed; thread-safe.
  GeneratedReport Generate(int64_t sequence) const;

  const SourcePool& pool() const { return *pool_; }
  const extraction::DivisionIndex& divisions() const { return *divisions_; }

 private:
  struct Candidates;

  CorpusGenerator(CorpusGeneratorOptions options,
                  std::shared_ptr<const extraction::DivisionIndex> divisions,
                  std::shared_ptr<const SourcePool> pool,
                  std::shared_ptr<const Candidates> candidates);

  const extraction::Division& PickJurisdiction(uint64_t draw, uint64_t level_draw) const;
  TargetPlace MakeTarget(const extraction::Division& division, int year) const;

  CorpusGeneratorOptions options_;
  // Shared: a generator is cheap to copy and safe to use from many threads.
  std::shared_ptr<const extraction::DivisionIndex> divisions_;
  std::shared_ptr<const SourcePool> pool_;
  std::shared_ptr<const Candidates> candidates_;
  int64_t next_sequence_ = 0;
};

}  // namespace fazhi::corpus

#endif  // FAZHI_TOOLS_CORPUS_GENERATOR_CORPUS_GENERATOR_H_
