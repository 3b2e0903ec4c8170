#include "services/extraction/indicators/indicators.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <utility>

#include "services/extraction/numbers/code_points.h"

namespace fazhi::extraction {
namespace {

// Sentences longer than this are cut: scraped pages sometimes have no punctuation at all.
constexpr int64_t kMaxSentence = 400;
// A figure prefix (每, 不少于, 增加 ...) must end this close to the figure.
constexpr int64_t kPrefixReach = 3;

struct Range {
  int64_t begin = 0;
  int64_t end = 0;
};

// Inline with a fast "no" for the Han block and everything up to the full-width forms (U+FF01
// on): asked of every character around every figure.
inline bool IsSentenceBreak(char32_t c) {
  if (c >= 0x4E00 && c <= 0xFF00) return false;
  return c == U'。' || c == U'；' || c == U';' || c == U'！' || c == U'？' || c == U'!' ||
         c == U'?' || c == U'\n' || c == U'\r';
}

inline bool IsClauseBreak(char32_t c) {
  if (c >= 0x4E00 && c <= 0xFF00) return false;
  return IsSentenceBreak(c) || c == U',' || c == U'，' || c == U':' || c == U'：';
}

// ASCII only, as the year rules have always read them (code_points.h's IsDigit also takes
// full-width digits).
bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// The first characters of a list of terms: a position whose character starts none of them is
// passed over without trying each term.
template <typename List>
CharFilter FirstChars(const List& terms) {
  CharFilter first;
  for (const auto& term : terms) {
    const std::u32string_view t(term);
    if (t.empty()) {
      first.AddAll();  // an empty term matches anywhere
    } else {
      first.Add(t[0]);
    }
  }
  return first;
}

// The code-point text with the searches the rules need. Terms match across stray spaces
// ("矛盾 纠纷" matches 矛盾纠纷), since scraping breaks words.
class Text final {
 public:
  explicit Text(std::u32string_view cps) : cps_(cps) {}

  int64_t size() const { return static_cast<int64_t>(cps_.size()); }
  char32_t at(int64_t i) const { return cps_[static_cast<size_t>(i)]; }

  // End of `term` matched at `pos` (spaces inside the text skipped), or -1.
  int64_t MatchAt(int64_t pos, int64_t limit, std::u32string_view term) const {
    int64_t i = pos;
    for (size_t j = 0; j < term.size(); ++j) {
      while (j > 0 && i < limit && IsSpace(at(i))) ++i;
      if (i >= limit || at(i) != term[j]) return -1;
      ++i;
    }
    return i;
  }

  // First occurrence of any term inside [r.begin, r.end), or {-1, -1}. `terms`: Terms, or any
  // list of code-point strings; `first`: FirstChars(terms).
  template <typename List>
  Range Find(Range r, const List& terms, const CharFilter& first) const {
    for (int64_t pos = r.begin; pos < r.end; ++pos) {
      if (!first.MayContain(at(pos))) continue;
      for (const auto& term : terms) {
        const int64_t end = MatchAt(pos, r.end, term);
        if (end >= 0) return {pos, end};
      }
    }
    return {-1, -1};
  }

  template <typename List>
  bool Contains(Range r, const List& terms) const {
    return Find(r, terms, FirstChars(terms)).begin >= 0;
  }
  // For a long list asked about again and again: its filter made once by the caller.
  template <typename List>
  bool Contains(Range r, const List& terms, const CharFilter& first) const {
    return Find(r, terms, first).begin >= 0;
  }

  // Whether one of `terms` ends exactly at `end` (spaces before `end` skipped).
  bool EndsWith(int64_t end, int64_t floor, const Terms& terms, int64_t* start = nullptr) const {
    while (end > floor && IsSpace(at(end - 1))) --end;
    for (const std::u32string& term : terms) {
      const int64_t begin = end - static_cast<int64_t>(term.size());
      if (begin < floor) continue;
      if (cps_.substr(begin, term.size()) == term) {
        if (start != nullptr) *start = begin;
        return true;
      }
    }
    return false;
  }

  // Lambdas, not function pointers, so that the test per character is inlined.
  Range Sentence(int64_t pos) const {
    return Around(pos, [](char32_t c) { return IsSentenceBreak(c); });
  }
  Range Clause(int64_t pos) const {
    return Around(pos, [](char32_t c) { return IsClauseBreak(c); });
  }

  std::string Utf8(Range r) const {
    return ToUtf8(cps_.substr(r.begin, r.end - r.begin));
  }

  Range Trim(Range r) const {
    while (r.begin < r.end && IsSpace(at(r.begin))) ++r.begin;
    while (r.end > r.begin && IsSpace(at(r.end - 1))) --r.end;
    return r;
  }

 private:
  template <typename IsBreak>
  Range Around(int64_t pos, IsBreak is_break) const {
    Range r{pos, pos};
    while (r.begin > 0 && pos - r.begin < kMaxSentence && !is_break(at(r.begin - 1))) --r.begin;
    while (r.end < size() && r.end - pos < kMaxSentence && !is_break(at(r.end))) ++r.end;
    return r;
  }

  std::u32string_view cps_;
};

// A figure that may state an indicator, with its scope in the text.
struct Figure {
  const Quantity* quantity = nullptr;
  Range span;
  Range sentence;
  Range clause;
  Range segment;  // the clause part between the neighbouring figures
};

// Where a figure may name its own subject: to its left back to the previous figure that stated
// an indicator (or the clause start), else to its right up to the next figure ("129件行政执法
// 案卷进行评查"). A left side naming any subject keeps the right side for the next figure
// ("行政诉讼案件8件、行政复议案件3件": 复议 belongs to 3件).
struct SubjectScope {
  Range left;
  Range right;
  bool use_right = false;
};

struct Candidate {
  Indicator indicator;
  double score = 0;
  bool has_total = false;  // a total marker (共, 全县 ...) scopes the figure
};

// What earlier figures of the sentence established, per indicator group.
struct GroupState {
  bool has_total = false;
  std::vector<std::string> ids;  // indicators of the group already stated in the sentence
};

// The stretches of text under the report's plans part: from a top-level (or paragraph-opened)
// plans heading to the next top-level heading of another part.
std::vector<Range> PlanRanges(const std::vector<Section>& sections) {
  std::vector<Range> ranges;
  constexpr std::string_view kPlans = "plans";
  for (size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].level > 1 || sections[i].part != kPlans) continue;
    Range r{sections[i].span.begin, std::numeric_limits<int64_t>::max()};
    for (size_t j = i + 1; j < sections.size(); ++j) {
      if (sections[j].level <= 1 && sections[j].part != kPlans) {
        r.end = sections[j].span.begin;
        break;
      }
    }
    ranges.push_back(r);
  }
  return ranges;
}

class Matcher final {
 public:
  Matcher(std::u32string_view text, const std::vector<Quantity>& quantities,
          const IndicatorSet& set, std::optional<int> report_year, std::vector<Range> plans)
      : text_(text), set_(set), markers_(set.markers()), report_year_(report_year),
        plans_(std::move(plans)) {
    for (const Quantity& q : quantities) {
      if (q.span.begin >= 0 && q.span.end <= text_.size() && q.span.begin < q.span.end) {
        figures_.push_back(Figure{&q, {q.span.begin, q.span.end}, {}, {}, {}});
      }
    }
    std::sort(figures_.begin(), figures_.end(),
              [](const Figure& a, const Figure& b) { return a.span.begin < b.span.begin; });
    for (size_t i = 0; i < figures_.size(); ++i) Locate(i);
    for (const IndicatorDefinition& d : set.indicators()) {
      all_subjects_.insert(all_subjects_.end(), d.subjects.begin(), d.subjects.end());
      subjects_first_.push_back(FirstChars(d.subjects));
    }
    all_subjects_first_ = FirstChars(all_subjects_);
  }

  std::vector<Indicator> Run() {
    MatchFigures();
    MatchZeroStatements();
    std::vector<Indicator> out;
    for (const IndicatorDefinition& d : set_.indicators()) {
      auto it = best_.find(d.id);
      if (it != best_.end()) out.push_back(std::move(it->second.indicator));
    }
    return out;
  }

 private:
  void Locate(size_t i) {
    Figure& f = figures_[i];
    f.sentence = text_.Sentence(f.span.begin);
    f.clause = text_.Clause(f.span.begin);
    f.segment = f.clause;
    if (i > 0 && figures_[i - 1].span.end > f.clause.begin) {
      f.segment.begin = std::min(figures_[i - 1].span.end, f.span.begin);
    }
    if (i + 1 < figures_.size() && figures_[i + 1].span.begin < f.clause.end) {
      f.segment.end = std::max(figures_[i + 1].span.begin, f.span.end);
    }
  }

  void MatchFigures() {
    std::map<std::string, GroupState> groups;  // of the current sentence
    int64_t sentence_begin = -1;
    int64_t last_matched_end = -1;  // of the current sentence
    for (const Figure& f : figures_) {
      if (f.sentence.begin != sentence_begin) {
        groups.clear();
        sentence_begin = f.sentence.begin;
        last_matched_end = -1;
      }
      if (InsideParentheses(f) || !InReportYear(f) || IsGoal(f)) continue;
      SubjectScope scope;
      scope.left = {std::max(f.clause.begin, last_matched_end), f.span.begin};
      scope.right = {f.span.end, f.segment.end};
      scope.use_right = !text_.Contains(scope.left, all_subjects_, all_subjects_first_);
      std::map<std::string, GroupState> matched;
      for (const IndicatorDefinition& d : set_.indicators()) {
        if (!HasUnit(d, *f.quantity)) continue;
        std::optional<Candidate> c = d.kind == IndicatorKind::kRate ? MatchRate(d, f)
                                                                    : MatchCount(d, f, scope, groups);
        if (!c.has_value()) continue;
        last_matched_end = f.span.end;
        matched[d.group].has_total |= c->has_total;
        matched[d.group].ids.push_back(d.id);
        Offer(d.id, std::move(*c));
      }
      for (const auto& [group, state] : matched) {
        groups[group].has_total |= state.has_total;
        groups[group].ids.insert(groups[group].ids.end(), state.ids.begin(), state.ids.end());
      }
    }
  }

  std::optional<Candidate> MatchCount(const IndicatorDefinition& d, const Figure& f,
                                      const SubjectScope& scope,
                                      const std::map<std::string, GroupState>& groups) const {
    const CharFilter& first = subjects_first_[static_cast<size_t>(&d - set_.indicators().data())];
    const bool own_subject = text_.Contains(scope.left, d.subjects, first) ||
                             (scope.use_right && text_.Contains(scope.right, d.subjects, first));
    auto inherited = groups.find(d.group);
    // Without an action word a figure must name its subject itself: otherwise every later
    // figure of the sentence would match.
    // An indicator already stated in the sentence is not restated by a later "of those" figure
    // ("新收88件,依法受理80件": 80 is not a second intake figure).
    const bool can_inherit = inherited != groups.end() && !d.actions.empty() &&
                             std::find(inherited->second.ids.begin(), inherited->second.ids.end(),
                                       d.id) == inherited->second.ids.end();
    if (!own_subject && !can_inherit) return std::nullopt;
    if (d.needs_group_figure && inherited == groups.end()) return std::nullopt;
    // Actions distribute over an enumeration ("共发生行政诉讼案件8件、行政复议案件3件"), so the
    // whole clause before the figure counts; after it only when no other figure follows.
    const bool last_in_clause = f.segment.end == f.clause.end;
    if (!d.actions.empty() && !HasAction(d.actions, {f.clause.begin, f.span.begin}) &&
        !(last_in_clause && HasAction(d.actions, {f.span.end, f.clause.end}))) {
      return std::nullopt;
    }
    if (text_.Contains(f.clause, d.excludes)) return std::nullopt;
    if (!d.subcount && text_.Contains({f.sentence.begin, f.span.begin}, markers_.subcount)) {
      return std::nullopt;
    }
    if (IsPartial(d, f) || HasExcludedPrefix(f)) return std::nullopt;
    const bool has_total = own_subject ? text_.Contains({f.clause.begin, f.span.end}, markers_.total)
                                       : inherited->second.has_total;
    if (d.require_total && !has_total) return std::nullopt;
    return MakeCandidate(d, f, has_total, own_subject);
  }

  std::optional<Candidate> MatchRate(const IndicatorDefinition& d, const Figure& f) const {
    // Strip linking words ("为", "达到") between the rate's name and its figure.
    int64_t end = f.span.begin;
    for (int guard = 0; guard < 3; ++guard) {
      int64_t start = end;
      if (!text_.EndsWith(end, f.segment.begin, markers_.rate_links, &start)) break;
      end = start;
    }
    if (!text_.EndsWith(end, f.segment.begin, d.names)) return std::nullopt;
    if (!d.requires_in_sentence.empty() && !text_.Contains(f.sentence, d.requires_in_sentence)) {
      return std::nullopt;
    }
    if (IsPartial(d, f)) return std::nullopt;
    const bool has_total = text_.Contains({f.sentence.begin, f.span.end}, markers_.total);
    Candidate c = MakeCandidate(d, f, has_total, /*own_subject=*/true);
    c.indicator.suspect |= c.indicator.value < 0 || c.indicator.value > 100;
    return c;
  }

  Candidate MakeCandidate(const IndicatorDefinition& d, const Figure& f, bool has_total,
                          bool own_subject) const {
    Candidate c;
    Indicator& ind = c.indicator;
    ind.id = d.id;
    ind.value = f.quantity->value;
    ind.unit = d.unit;
    ind.approximate = f.quantity->approximate;
    ind.suspect = f.quantity->suspect;
    ind.span = {f.span.begin, f.span.end};
    const Range evidence = text_.Trim(f.sentence);
    ind.evidence = text_.Utf8(evidence);
    ind.evidence_span = {evidence.begin, evidence.end};
    ind.confidence = Confidence(has_total, own_subject);
    c.score = ind.confidence;
    c.has_total = has_total;
    return c;
  }

  static double Confidence(bool has_total, bool own_subject) {
    double confidence = 0.7;
    if (has_total) confidence = kTotalConfidence;
    if (!own_subject) confidence -= 0.05;
    return confidence;
  }

  // Zero statements: "暂无行政复议、行政应诉案件", "未发生行政诉讼案件".
  void MatchZeroStatements() {
    // The zero markers are found once; each indicator then tries every one of them.
    std::vector<Range> markers;
    const CharFilter first = FirstChars(markers_.zero);
    for (int64_t pos = 0; pos < text_.size(); ++pos) {
      if (!first.MayContain(text_.at(pos))) continue;
      for (const std::u32string& marker : markers_.zero) {
        const int64_t end = text_.MatchAt(pos, text_.size(), marker);
        if (end < 0) continue;
        markers.push_back({pos, end});
        break;
      }
    }
    for (const IndicatorDefinition& d : set_.indicators()) {
      if (d.zero_subjects.empty()) continue;
      for (const Range& marker : markers) {
        std::optional<Candidate> c = MatchZeroAt(d, marker);
        if (c.has_value()) Offer(d.id, std::move(*c));
      }
    }
  }

  std::optional<Candidate> MatchZeroAt(const IndicatorDefinition& d, Range marker) const {
    const Range clause = text_.Clause(marker.begin);
    // The subject must start within the gap ("暂无行政复议、行政应诉案件": 5 code points).
    Range subject{-1, -1};
    for (int64_t pos = marker.end; pos <= marker.end + markers_.zero_max_gap && subject.begin < 0;
         ++pos) {
      for (const std::u32string& term : d.zero_subjects) {
        const int64_t end = text_.MatchAt(pos, clause.end, term);
        if (end >= 0) {
          subject = {pos, end};
          break;
        }
      }
    }
    if (subject.begin < 0) return std::nullopt;
    if (!text_.Contains({subject.end, clause.end}, markers_.zero_nouns)) return std::nullopt;
    if (text_.Contains({marker.end, clause.end}, markers_.zero_exclude)) return std::nullopt;
    Figure f{nullptr, marker, text_.Sentence(marker.begin), clause, clause};
    if (!InReportYear(f) || IsGoal(f) || text_.Contains({f.sentence.begin, marker.begin},
                                           markers_.partial_sentence)) {
      return std::nullopt;
    }
    Candidate c;
    Indicator& ind = c.indicator;
    ind.id = d.id;
    ind.value = 0;
    ind.unit = d.unit;
    ind.span = {marker.begin, marker.end};
    const Range evidence = text_.Trim(f.sentence);
    ind.evidence = text_.Utf8(evidence);
    ind.evidence_span = {evidence.begin, evidence.end};
    ind.confidence = 0.75;
    c.score = 0.6;  // a stated figure elsewhere wins over a zero statement
    return c;
  }

  void Offer(const std::string& id, Candidate c) {
    auto it = best_.find(id);
    if (it == best_.end()) {
      best_.emplace(id, std::move(c));
      return;
    }
    const bool better = c.score > it->second.score + 1e-9 ||
                        (c.score > it->second.score - 1e-9 &&
                         c.indicator.span.begin < it->second.indicator.span.begin);
    if (better) it->second = std::move(c);
  }

  static bool HasUnit(const IndicatorDefinition& d, const Quantity& q) {
    return std::find(d.units.begin(), d.units.end(), q.unit) != d.units.end();
  }

  // An action word in the figure's segment, not negated (未化解, 不予受理).
  bool HasAction(const Terms& actions, Range segment) const {
    const CharFilter first = FirstChars(actions);
    for (int64_t pos = segment.begin; pos < segment.end; ++pos) {
      if (!first.MayContain(text_.at(pos))) continue;
      for (const std::u32string& action : actions) {
        if (text_.MatchAt(pos, segment.end, action) < 0) continue;
        if (!text_.EndsWith(pos, segment.begin, markers_.negation)) return true;
      }
    }
    return false;
  }

  bool IsPartial(const IndicatorDefinition& d, const Figure& f) const {
    for (const std::u32string& marker : markers_.partial_clause) {
      if (std::find(d.ignore_partial.begin(), d.ignore_partial.end(), marker) !=
          d.ignore_partial.end()) {
        continue;
      }
      if (text_.Contains(f.segment, std::span<const std::u32string>(&marker, 1))) return true;
    }
    return text_.Contains({f.sentence.begin, f.span.begin}, markers_.partial_sentence);
  }

  // 每村3名, 不少于2次, 增加5件: not a total.
  bool HasExcludedPrefix(const Figure& f) const {
    const int64_t floor = f.segment.begin;
    for (int64_t end = f.span.begin; end >= f.span.begin - kPrefixReach && end > floor; --end) {
      if (text_.EndsWith(end, floor, markers_.figure_prefix_exclude)) return true;
    }
    return false;
  }

  // A goal: in the plans part, or after 力争/确保 in its clause.
  bool IsGoal(const Figure& f) const {
    for (const Range& r : plans_) {
      if (f.span.begin >= r.begin && f.span.begin < r.end) return true;
    }
    return text_.Contains({f.clause.begin, f.span.begin}, markers_.target);
  }

  bool InsideParentheses(const Figure& f) const {
    int depth = 0;
    for (int64_t i = f.sentence.begin; i < f.span.begin; ++i) {
      const char32_t c = text_.at(i);
      if (c == U'(' || c == U'（') ++depth;
      if ((c == U')' || c == U'）') && depth > 0) --depth;
    }
    return depth > 0;
  }

  // The last year named before the figure in its sentence ("2015年...") must be the report
  // year. Years inside 《》 titles, in ranges ("2015-2020年") and bounding a period ("2021年12月
  // 以前") do not date the figure.
  bool InReportYear(const Figure& f) const {
    if (!report_year_.has_value()) return true;
    std::optional<int> last_year;
    int title_depth = 0;
    for (int64_t i = f.sentence.begin; i + 4 < f.span.begin; ++i) {
      const char32_t c = text_.at(i);
      if (c == U'《') ++title_depth;
      if (c == U'》' && title_depth > 0) --title_depth;
      if (title_depth > 0) continue;
      const std::optional<int> year = YearAt(i, f.span.begin);
      if (year.has_value()) last_year = year;
    }
    return !last_year.has_value() || *last_year == *report_year_;
  }

  std::optional<int> YearAt(int64_t i, int64_t limit) const {
    if (!IsAsciiDigit(text_.at(i))) return std::nullopt;  // most characters: settled here
    if (i > 0 && (IsAsciiDigit(text_.at(i - 1)) || text_.at(i - 1) == U'-' ||
                  text_.at(i - 1) == U'—' || text_.at(i - 1) == U'~')) {
      return std::nullopt;
    }
    int year = 0;
    for (int k = 0; k < 4; ++k) {
      if (!IsAsciiDigit(text_.at(i + k))) return std::nullopt;
      year = year * 10 + static_cast<int>(text_.at(i + k) - U'0');
    }
    if (text_.at(i + 4) != U'年' || year < 1949 || year > 2100) return std::nullopt;
    // Skip the rest of the date ("年12月31日", "年度", "年底") before looking for 以前/以来.
    int64_t j = i + 5;
    while (j < limit && (IsAsciiDigit(text_.at(j)) || text_.at(j) == U'月' || text_.at(j) == U'日' ||
                         text_.at(j) == U'度' || text_.at(j) == U'底' || text_.at(j) == U'末' ||
                         IsSpace(text_.at(j)))) {
      ++j;
    }
    for (const std::u32string& word : markers_.year_boundary) {
      if (text_.MatchAt(j, limit, word) >= 0) return std::nullopt;
    }
    return year;
  }

  static constexpr double kTotalConfidence = 0.9;

  Text text_;
  const IndicatorSet& set_;
  const IndicatorMarkers& markers_;
  std::optional<int> report_year_;
  std::vector<Range> plans_;
  std::vector<std::u32string_view> all_subjects_;
  CharFilter all_subjects_first_;
  std::vector<CharFilter> subjects_first_;  // per indicator, asked of every figure
  std::vector<Figure> figures_;
  std::map<std::string, Candidate> best_;
};

}  // namespace

std::vector<Indicator> ExtractIndicators(std::string_view normalized_text,
                                         const std::vector<Quantity>& quantities,
                                         const IndicatorSet& set,
                                         std::optional<int> report_year,
                                         const std::vector<Section>& sections) {
  return ExtractIndicators(ToCodepoints(normalized_text), quantities, set, report_year, sections);
}

std::vector<Indicator> ExtractIndicators(std::u32string_view code_points,
                                         const std::vector<Quantity>& quantities,
                                         const IndicatorSet& set,
                                         std::optional<int> report_year,
                                         const std::vector<Section>& sections) {
  return Matcher(code_points, quantities, set, report_year, PlanRanges(sections)).Run();
}

}  // namespace fazhi::extraction
