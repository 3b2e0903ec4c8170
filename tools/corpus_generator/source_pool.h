// The pool of report parts the corpus generator recombines: every sample report decoded,
// normalized, split into its intro, its level-1 sections (sorted by part: achievements, leaders'
// duties, problems, plans) and their blocks (a (一) subsection, or a paragraph where a section
// has none), with header chrome, attachments and the signature dropped; every paragraph compiled
// into a ParagraphTemplate against the report's own jurisdiction and year.
//
//   absl::StatusOr<SourcePool> pool = SourcePool::Load("tests/data/corpus", index);
//   pool->blocks(PartKind::kPlans).size();  // plan blocks from all samples
//
// Nothing here knows a sample: the jurisdiction is the division named most (weighted by its
// ancestors named too and by self-references such as 我县), the year the first "20xx年" of the
// header.
#ifndef FAZHI_TOOLS_CORPUS_GENERATOR_SOURCE_POOL_H_
#define FAZHI_TOOLS_CORPUS_GENERATOR_SOURCE_POOL_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/extraction/divisions/division_index.h"
#include "tools/corpus_generator/generator_words.h"
#include "tools/corpus_generator/paragraph_template.h"

namespace fazhi::corpus {

// How a block's first paragraph is numbered: (一), 一是, 1. / 1、, or not at all.
enum class MarkerKind : uint8_t { kNone, kParenChinese, kChineseShi, kArabic };

struct Block {
  MarkerKind marker = MarkerKind::kNone;
  std::string separator;                      // after an Arabic marker: "." or "、"
  std::vector<ParagraphTemplate> paragraphs;  // the first without its marker
  int source = 0;                             // index into SourcePool::sources()
};

// What the pool learnt about one sample report.
struct SourceSummary {
  std::string file;
  std::string jurisdiction;  // official name, empty when none was found
  int year = 0;
  int sections = 0;
};

// The structure of one normalized report, before compilation.
struct ReportOutline {
  struct Section {
    PartKind kind = PartKind::kAchievements;
    std::string heading;                           // without its 一、 marker
    std::vector<std::string> lead;                 // paragraphs before the first (一)
    std::vector<std::vector<std::string>> blocks;  // each a list of paragraphs
  };
  std::vector<std::string> header;  // lines before the first section
  std::vector<std::string> intro;   // prose paragraphs among them
  std::vector<Section> sections;
};

ReportOutline OutlineReport(std::string_view normalized_text);

// The jurisdiction and year a normalized report speaks for (own == nullptr when none found).
SourcePlace DetectSourcePlace(std::string_view normalized_text, const ReportOutline& outline,
                              const extraction::DivisionIndex& index);

class SourcePool final {
 public:
  // Reads every regular file of `dir` (in name order). InvalidArgument when none yields an
  // achievements section with blocks, NotFound when `dir` does not exist.
  static absl::StatusOr<SourcePool> Load(std::string_view dir,
                                         const extraction::DivisionIndex& index);

  const std::vector<ParagraphTemplate>& intros() const { return intros_; }
  const std::vector<ParagraphTemplate>& headings(PartKind kind) const {
    return headings_[static_cast<int>(kind)];
  }
  const std::vector<ParagraphTemplate>& leads(PartKind kind) const {
    return leads_[static_cast<int>(kind)];
  }
  const std::vector<Block>& blocks(PartKind kind) const { return blocks_[static_cast<int>(kind)]; }
  const std::vector<SourceSummary>& sources() const { return sources_; }

 private:
  void Add(std::string_view file, std::string_view normalized_text,
           const extraction::DivisionIndex& index);

  std::vector<ParagraphTemplate> intros_;
  std::array<std::vector<ParagraphTemplate>, 4> headings_;
  std::array<std::vector<ParagraphTemplate>, 4> leads_;
  std::array<std::vector<Block>, 4> blocks_;
  std::vector<SourceSummary> sources_;
};

}  // namespace fazhi::corpus

#endif  // FAZHI_TOOLS_CORPUS_GENERATOR_SOURCE_POOL_H_
