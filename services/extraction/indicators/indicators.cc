#include "services/extraction/indicators/indicators.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/text/code_points.h"
#include "services/extraction/indicators/indicator_index.h"
#include "services/extraction/indicators/landmarks.h"
#include "services/extraction/sections/sections.h"

namespace fazhi::extraction {
namespace {

using text::CharFilter;
using text::IsHan;
using text::IsSpace;

using indicator_text::Landmarks;
using indicator_text::Range;
using indicator_text::Text;

// A figure prefix (每, 不少于, 增加 ...) must end this close to the figure.
constexpr int64_t kPrefixReach = 3;
// How far back a figure's paragraph is read for a term marker: scraped pages may have no line
// breaks at all.
constexpr int64_t kMaxParagraph = 2000;

// A figure that may state an indicator, with its scope in the text.
struct Figure {
  const Quantity* quantity = nullptr;
  Range span;
  size_t unit = std::string::npos;  // index of its classifier in the set's units, npos: none
  Range sentence;
  Range clause;
  Range segment;  // the clause part between the neighbouring figures
};

// Where a figure may name its own subject: to its left back to the previous figure that stated
// an indicator (or the clause start), else to its right up to the next figure ("129件行政执法
// 案卷进行评查"). A left side naming any subject keeps the right side for the next figure
// ("行政诉讼案件8件、行政复议案件3件": 复议 belongs to 3件), and so does punctuation right after
// the figure ("信息公开44宗、行政复议120宗": 复议 is 120宗's). A figure followed by a noun counts
// that noun: only its right side can name its subject ("合法性审查等6项制度" counts 制度).
struct SubjectScope {
  Range left;
  Range right;
  bool use_right = false;
  // By indicator index: 1 when one of its subjects is in `left`, or (use_right) in `right`.
  std::vector<uint8_t> own_subject;
  bool any_named = false;  // whether own_subject marks any indicator
};

struct Candidate {
  size_t k = 0;         // the indicator's index
  Indicator indicator;  // its id, unit and evidence are filled in for the winner only
  Range evidence;
  Range sentence;  // the figure's, untrimmed
  Range clause;
  double score = 0;
  bool has_total = false;  // a total marker (共, 全县 ...) scopes the figure
};

// What earlier figures of the sentence established, per indicator group. A group is present
// in the sentence when one of its indicators was stated there.
struct GroupState {
  bool has_total = false;
  std::vector<size_t> stated;  // indexes of the group's indicators already stated in the sentence

  // Empty again, keeping the list's memory for the next sentence.
  void Reset() {
    has_total = false;
    stated.clear();
  }
  bool present() const { return !stated.empty(); }
  bool Stated(size_t k) const { return std::find(stated.begin(), stated.end(), k) != stated.end(); }
};

// The stretches of text under the report's plans part (sections.h). Every figure asks whether
// it is in one, and a long document (reports joined) has a plans part per report: they are kept
// merged and in order, so that a binary search answers.
class PlanRanges final {
 public:
  PlanRanges(const std::vector<Section>& sections, int64_t text_end) {
    for (const Span& span : PartSpans(sections, "plans", text_end)) {
      if (span.begin < span.end) ranges_.push_back(Range{span.begin, span.end});
    }
    std::sort(ranges_.begin(), ranges_.end(),
              [](const Range& a, const Range& b) { return a.begin < b.begin; });
    // Overlapping or touching stretches become one: the union, and so every answer, is the same.
    size_t kept = 0;
    for (const Range& r : ranges_) {
      if (kept > 0 && r.begin <= ranges_[kept - 1].end) {
        ranges_[kept - 1].end = std::max(ranges_[kept - 1].end, r.end);
      } else {
        ranges_[kept++] = r;
      }
    }
    ranges_.resize(kept);
  }

  bool Contains(int64_t pos) const {
    // The last stretch starting at or before pos is the only one that may hold it.
    auto after = std::upper_bound(ranges_.begin(), ranges_.end(), pos,
                                  [](int64_t p, const Range& r) { return p < r.begin; });
    return after != ranges_.begin() && pos < std::prev(after)->end;
  }

 private:
  std::vector<Range> ranges_;  // sorted, disjoint and apart
};

class Matcher final {
 public:
  Matcher(std::u32string_view text, const std::vector<Quantity>& quantities,
          const IndicatorSet& set, std::optional<int> report_year, PlanRanges plans,
          const Prescan* prescan)
      : text_(text),
        set_(set),
        markers_(set.markers()),
        report_year_(report_year),
        index_(set.index()),
        plans_(std::move(plans)),
        landmarks_(text_, index_, markers_.year_boundary, prescan) {
    figures_.reserve(quantities.size());
    const Quantity* previous = nullptr;  // neighbouring figures often share a unit
    size_t unit = std::string::npos;
    for (const Quantity& q : quantities) {
      if (q.span.begin >= 0 && q.span.end <= text_.size() && q.span.begin < q.span.end) {
        if (previous == nullptr || q.unit != previous->unit) unit = index_.UnitIndex(q.unit);
        previous = &q;
        figures_.push_back(Figure{&q, {q.span.begin, q.span.end}, unit, {}, {}, {}});
      }
    }
    // RecognizeQuantities finds figures in order: sorting them (n log n, a long document's cost)
    // is only needed when they are not. Strictly increasing starts have one sorted order.
    auto earlier = [](const Figure& a, const Figure& b) { return a.span.begin < b.span.begin; };
    auto not_before = [&](const Figure& a, const Figure& b) { return !earlier(a, b); };
    if (std::adjacent_find(figures_.begin(), figures_.end(), not_before) != figures_.end()) {
      std::sort(figures_.begin(), figures_.end(), earlier);
    }
    // A figure no indicator takes is never matched: only its span (a neighbour's segment
    // bound) matters.
    for (size_t i = 0; i < figures_.size(); ++i) {
      if (figures_[i].unit != std::string::npos) Locate(i);
    }
  }

  std::vector<Indicator> Run() {
    MatchFigures();
    MatchZeroStatements();
    std::vector<Indicator> out;
    for (const size_t i : PickJurisdictions()) {
      Candidate& best = candidates_[i];
      best.indicator.id = set_.indicators()[best.k].id;
      best.indicator.unit = set_.indicators()[best.k].unit;
      best.indicator.evidence = text_.Utf8(best.evidence);
      out.push_back(std::move(best.indicator));
    }
    return out;
  }

 private:
  void Locate(size_t i) {
    Figure& f = figures_[i];
    f.sentence = landmarks_.Sentence(f.span.begin, text_.size());
    f.clause = landmarks_.Clause(f.span.begin, text_.size());
    f.segment = f.clause;
    if (i > 0 && figures_[i - 1].span.end > f.clause.begin) {
      f.segment.begin = std::min(figures_[i - 1].span.end, f.span.begin);
    }
    if (i + 1 < figures_.size() && figures_[i + 1].span.begin < f.clause.end) {
      f.segment.end = std::max(figures_[i + 1].span.begin, f.span.end);
    }
  }

  void MatchFigures() {
    std::vector<GroupState> groups(index_.group_count());  // of the current sentence
    int64_t sentence_begin = -1;
    int64_t last_matched_end = -1;                 // of the current sentence
    bool stated_in_sentence = false;               // whether any group is present
    std::vector<std::pair<size_t, bool>> matched;  // indicator index, has_total
    SubjectScope scope;
    const std::vector<IndicatorDefinition>& indicators = set_.indicators();
    for (const Figure& f : figures_) {
      // Skipping other figures keeps the sentence resets: sentence starts never decrease.
      if (f.unit == std::string::npos) continue;
      if (f.sentence.begin != sentence_begin) {
        // Groups change only when an indicator is stated: otherwise they are empty already.
        if (stated_in_sentence) {
          for (GroupState& g : groups) g.Reset();
        }
        sentence_begin = f.sentence.begin;
        last_matched_end = -1;
        stated_in_sentence = false;
      }
      if (!Admissible(f)) continue;
      // Subjects are looked for only where a count may take the figure (rates name themselves).
      const bool takes_counts =
          index_.TakingUnit(f.unit).size() > index_.RatesTakingUnit(f.unit).size();
      if (takes_counts) {
        scope.left = {std::max(f.clause.begin, last_matched_end), f.span.begin};
        scope.right = {f.span.end, f.segment.end};
        FindSubjects(f, scope);
      }
      matched.clear();
      int64_t name_end = -1;  // RateNameEnd(f), found for the figure's first rate indicator
      // A count needs a subject the figure names or a group present in the sentence (MatchCount):
      // with neither, only the rates are tried.
      const bool counts_may_match = takes_counts && (scope.any_named || stated_in_sentence);
      for (const size_t k :
           counts_may_match ? index_.TakingUnit(f.unit) : index_.RatesTakingUnit(f.unit)) {
        const IndicatorDefinition& d = indicators[k];
        const IndicatorPlan& plan = index_.plan(k);
        if (d.kind == IndicatorKind::kRate && name_end < 0) name_end = RateNameEnd(f);
        std::optional<Candidate> c = d.kind == IndicatorKind::kRate
                                         ? MatchRate(d, plan, f, name_end)
                                         : MatchCount(k, d, plan, f, scope, groups[plan.group]);
        if (!c.has_value()) continue;
        last_matched_end = f.span.end;
        matched.emplace_back(k, c->has_total);
        Offer(k, std::move(*c));
      }
      for (const auto& [k, has_total] : matched) {
        GroupState& g = groups[index_.plan(k).group];
        g.has_total |= has_total;
        g.stated.push_back(k);
        stated_in_sentence = true;
      }
    }
  }

  // Which indicators the figure's scope names a subject of: one scan of each side for every
  // indicator's subjects at once.
  // FindSubjects, Admissible and MatchRate stay out of line: inlined into MatchFigures' loop
  // (with MatchCount) they made it 5 M instructions dearer over 400 reports.
  [[gnu::noinline]] void FindSubjects(const Figure& f, SubjectScope& scope) const {
    scope.own_subject.assign(set_.indicators().size(), 0);
    const Follower next = FollowerOf(f);
    const bool left_named = next != Follower::kNoun && MarkSubjects(scope.left, scope.own_subject);
    scope.use_right = next == Follower::kNoun || (next == Follower::kWord && !left_named);
    const bool right_named = scope.use_right && MarkSubjects(scope.right, scope.own_subject);
    scope.any_named = left_named || right_named;
  }

  // What comes right after a figure: punctuation or nothing, a word that leaves the figure to
  // what its left side names (目前, 均, 降至 ...: markers.after_figure), or a noun it counts.
  enum class Follower { kNone, kWord, kNoun };
  Follower FollowerOf(const Figure& f) const {
    int64_t pos = f.span.end;
    while (pos < f.segment.end && (IsSpace(text_.at(pos)) || IsOpeningQuote(text_.at(pos)))) ++pos;
    if (pos >= f.segment.end || !IsHan(text_.at(pos))) return Follower::kNone;
    if (!index_.after_figure_first().MayContain(text_.at(pos))) return Follower::kNoun;
    for (const std::u32string& word : markers_.after_figure) {
      if (text_.MatchAt(pos, f.segment.end, word) >= 0) return Follower::kWord;
    }
    return Follower::kNoun;
  }

  static bool IsOpeningQuote(char32_t c) {
    return c == U'“' || c == U'"' || c == U'‘' || c == U'「' || c == U'『';
  }

  // Marks the indicators with a subject inside r; whether there was any.
  bool MarkSubjects(Range r, std::vector<uint8_t>& owners) const {
    const Terms& subjects = index_.all_subjects();
    bool any = false;
    const std::u32string_view cps = text_.code_points();
    const auto end = static_cast<size_t>(r.end);
    for (size_t pos = index_.NextSubjectStart(cps, static_cast<size_t>(r.begin), end); pos < end;
         pos = index_.NextSubjectStart(cps, pos + 1, end)) {
      for (const uint32_t t : index_.SubjectsStartingWith(cps[pos])) {
        if (text_.MatchAt(static_cast<int64_t>(pos), r.end, subjects[t]) < 0) continue;
        for (const size_t k : index_.subject_owners(t)) owners[k] = 1;
        any = true;
      }
    }
    return any;
  }

  // Not inside parentheses, dated in the report year and not a goal.
  [[gnu::noinline]] bool Admissible(const Figure& f) const {
    const Landmarks::Before before = landmarks_.Scan(f.sentence.begin, f.span.begin);
    return !before.inside_parentheses && InReportYear(before) && !IsGoal(f);
  }

  // The last year named before the figure in its sentence ("2015年...") must be the report
  // year, when known.
  bool InReportYear(const Landmarks::Before& before) const {
    return !report_year_.has_value() || !before.last_year.has_value() ||
           *before.last_year == *report_year_;
  }

  std::optional<Candidate> MatchCount(size_t k, const IndicatorDefinition& d,
                                      const IndicatorPlan& plan, const Figure& f,
                                      const SubjectScope& scope, const GroupState& group) const {
    const bool own_subject = scope.own_subject[k] != 0;
    // Without an action word a figure must name its subject itself: otherwise every later
    // figure of the sentence would match.
    // An indicator already stated in the sentence is not restated by a later "of those" figure
    // ("新收88件,依法受理80件": 80 is not a second intake figure).
    const bool can_inherit = group.present() && !d.actions.empty() && !group.Stated(k);
    if (!own_subject && !can_inherit) return std::nullopt;
    if (d.needs_group_figure && !group.present()) return std::nullopt;
    // Actions distribute over an enumeration ("共发生行政诉讼案件8件、行政复议案件3件"), so the
    // whole clause before the figure counts, unless the figure's own stretch after the previous
    // figure has a verb of the group ("受理复议案件479宗、办结372宗": 372 is not 受理's); after
    // the figure only when no other figure follows.
    const bool last_in_clause = f.segment.end == f.clause.end;
    Range before{f.clause.begin, f.span.begin};
    if (f.segment.begin > f.clause.begin &&
        text_.Contains({f.segment.begin, f.span.begin}, index_.group_actions(plan.group),
                       index_.group_actions_first(plan.group))) {
      before.begin = f.segment.begin;
    }
    if (!d.actions.empty() && !HasAction(d.actions, plan.actions_first, before) &&
        !(last_in_clause && HasAction(d.actions, plan.actions_first, {f.span.end, f.clause.end}))) {
      return std::nullopt;
    }
    // Excluded words count over the same stretch as actions: what follows the figure belongs to
    // the next figure of the clause ("受理复议案件479宗、办结372宗": 办结 is not 479宗's).
    if (text_.Contains({f.clause.begin, last_in_clause ? f.clause.end : f.span.end}, d.excludes,
                       plan.excludes_first)) {
      return std::nullopt;
    }
    if (!d.requires_in_sentence.empty() && !text_.Contains(f.sentence, d.requires_in_sentence)) {
      return std::nullopt;
    }
    if (!d.subcount && text_.Contains({f.sentence.begin, f.span.begin}, markers_.subcount,
                                      index_.subcount_first())) {
      return std::nullopt;
    }
    if (IsPartial(plan, f) || HasExcludedPrefix(f)) return std::nullopt;
    const bool has_total = own_subject ? text_.Contains({f.clause.begin, f.span.end},
                                                        markers_.total, index_.total_first())
                                       : group.has_total;
    // An enumerated measure's figure (一是…) without a total is that measure's channel.
    if (d.require_total && !has_total && InMeasureItem(f)) return std::nullopt;
    return MakeCandidate(f, has_total, own_subject);
  }

  // Where a rate's name must end before the figure: linking words ("为", "达到") stripped. The
  // same for every rate indicator, so found once per figure.
  int64_t RateNameEnd(const Figure& f) const {
    int64_t end = f.span.begin;
    for (int guard = 0; guard < 3; ++guard) {
      int64_t start = end;
      if (!text_.EndsWith(end, f.segment.begin, markers_.rate_links, index_.rate_links_last(),
                          &start)) {
        break;
      }
      end = start;
    }
    return end;
  }

  // `name_end`: RateNameEnd(f).
  [[gnu::noinline]] std::optional<Candidate> MatchRate(const IndicatorDefinition& d,
                                                       const IndicatorPlan& plan, const Figure& f,
                                                       int64_t name_end) const {
    if (!text_.EndsWith(name_end, f.segment.begin, d.names, plan.names_last)) return std::nullopt;
    if (!d.requires_in_sentence.empty() && !text_.Contains(f.sentence, d.requires_in_sentence)) {
      return std::nullopt;
    }
    // A rate's kind is named in its own clause or, for a bare name (化解率), with the figure of
    // the clause before ("化解劳资纠纷8817宗,化解率99%").
    if (text_.Contains({PreviousClauseBegin(f), f.span.begin}, d.excludes, plan.excludes_first)) {
      return std::nullopt;
    }
    if (IsPartial(plan, f)) return std::nullopt;
    const bool has_total =
        text_.Contains({f.sentence.begin, f.span.end}, markers_.total, index_.total_first());
    Candidate c = MakeCandidate(f, has_total, /*own_subject=*/true);
    c.indicator.suspect |= c.indicator.value < 0 || c.indicator.value > 100;
    return c;
  }

  Candidate MakeCandidate(const Figure& f, bool has_total, bool own_subject) const {
    Candidate c;
    Indicator& ind = c.indicator;
    ind.value = f.quantity->value;
    ind.approximate = f.quantity->approximate;
    ind.bound = f.quantity->bound;
    ind.suspect = f.quantity->suspect;
    ind.span = {f.span.begin, f.span.end};
    c.evidence = text_.Trim(f.sentence);
    c.sentence = f.sentence;
    c.clause = f.clause;
    ind.evidence_span = {c.evidence.begin, c.evidence.end};
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
    for (int64_t pos : landmarks_.zero_starts()) {
      for (const std::u32string& marker : markers_.zero) {
        const int64_t end = text_.MatchAt(pos, text_.size(), marker);
        if (end < 0) continue;
        markers.push_back({pos, end});
        break;
      }
    }
    const std::vector<IndicatorDefinition>& indicators = set_.indicators();
    for (size_t k = 0; k < indicators.size(); ++k) {
      if (indicators[k].zero_subjects.empty()) continue;
      for (const Range& marker : markers) {
        std::optional<Candidate> c = MatchZeroAt(indicators[k], index_.plan(k), marker);
        if (c.has_value()) Offer(k, std::move(*c));
      }
    }
  }

  std::optional<Candidate> MatchZeroAt(const IndicatorDefinition& d, const IndicatorPlan& plan,
                                       Range marker) const {
    const Range clause = landmarks_.Clause(marker.begin, text_.size());
    // The subject must start within the gap ("暂无行政复议、行政应诉案件": 5 code points).
    Range subject{-1, -1};
    for (int64_t pos = marker.end; pos <= marker.end + markers_.zero_max_gap && subject.begin < 0;
         ++pos) {
      if (pos < clause.end && !plan.zero_subjects_first.MayContain(text_.at(pos))) continue;
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
    Figure f{nullptr, marker, std::string::npos, landmarks_.Sentence(marker.begin, text_.size()),
             clause,  clause};
    if (!InReportYear(landmarks_.Scan(f.sentence.begin, f.span.begin)) || IsGoal(f) ||
        text_.Contains({f.sentence.begin, marker.begin}, markers_.partial_sentence,
                       index_.partial_sentence_first())) {
      return std::nullopt;
    }
    Candidate c;
    Indicator& ind = c.indicator;
    ind.value = 0;
    ind.span = {marker.begin, marker.end};
    c.evidence = text_.Trim(f.sentence);
    c.sentence = f.sentence;
    c.clause = f.clause;
    ind.evidence_span = {c.evidence.begin, c.evidence.end};
    ind.confidence = 0.75;
    c.score = 0.6;  // a stated figure elsewhere wins over a zero statement
    return c;
  }

  void Offer(size_t k, Candidate c) {
    c.k = k;
    candidates_.push_back(std::move(c));
  }

  // The higher score wins, then the earlier figure.
  static bool Better(const Candidate& a, const Candidate& b) {
    return a.score > b.score + 1e-9 ||
           (a.score > b.score - 1e-9 && a.indicator.span.begin < b.indicator.span.begin);
  }

  // The indexes of the winning candidates, in indicator order: for each indicator its best
  // candidate that is neither one organ's figure nor a term's. Such a figure states nothing, as
  // a prior year's does not; the tests read clauses and sentences around the figure, so they are
  // asked of winners only (and of the next best where a winner fails them).
  std::vector<size_t> PickJurisdictions() {
    constexpr size_t kNone = std::numeric_limits<size_t>::max();
    std::vector<size_t> best(set_.indicators().size(), kNone);
    std::vector<uint8_t> ruled_out(candidates_.size(), 0);
    for (bool again = true; again;) {
      std::fill(best.begin(), best.end(), kNone);
      for (size_t i = 0; i < candidates_.size(); ++i) {
        const size_t k = candidates_[i].k;
        if (ruled_out[i] == 0 && (best[k] == kNone || Better(candidates_[i], candidates_[best[k]])))
          best[k] = i;
      }
      again = false;
      for (const size_t i : best) {
        if (i != kNone && !IsJurisdictions(candidates_[i])) {
          ruled_out[i] = 1;
          again = true;
        }
      }
    }
    std::vector<size_t> winners;
    for (const size_t i : best) {
      if (i != kNone) winners.push_back(i);
    }
    return winners;
  }

  // An action word in the figure's segment, not negated (未化解, 不予受理).
  bool HasAction(const Terms& actions, const CharFilter& first, Range segment) const {
    for (int64_t pos = segment.begin; pos < segment.end; ++pos) {
      if (!first.MayContain(text_.at(pos))) continue;
      for (const std::u32string& action : actions) {
        if (text_.MatchAt(pos, segment.end, action) < 0) continue;
        if (!text_.EndsWith(pos, segment.begin, markers_.negation, index_.negation_last()))
          return true;
      }
    }
    return false;
  }

  bool IsPartial(const IndicatorPlan& plan, const Figure& f) const {
    if (text_.Contains(f.segment, plan.partial_clause, plan.partial_clause_first)) return true;
    return text_.Contains({f.sentence.begin, f.span.begin}, markers_.partial_sentence,
                          index_.partial_sentence_first());
  }

  // 每村3名, 不少于2次, 增加5件: not a total.
  bool HasExcludedPrefix(const Figure& f) const {
    const int64_t floor = f.segment.begin;
    for (int64_t end = f.span.begin; end >= f.span.begin - kPrefixReach && end > floor; --end) {
      if (text_.EndsWith(end, floor, markers_.figure_prefix_exclude,
                         index_.figure_prefix_exclude_last())) {
        return true;
      }
    }
    return false;
  }

  // The start of the clause before the figure's, within its sentence (its own when it is first).
  int64_t PreviousClauseBegin(const Figure& f) const {
    if (f.clause.begin - 1 <= f.sentence.begin) return f.clause.begin;
    return std::max(f.sentence.begin, landmarks_.Clause(f.clause.begin - 2, text_.size()).begin);
  }

  bool IsJurisdictions(const Candidate& c) const { return !IsOrgans(c) && !InTerm(c); }

  // One organ's figure, not the government's: an organ (纪委, 法院, 市场监管局: markers.organ,
  // less the words of markers.organ_exempt) in the figure's clause before it or in the opening
  // clause of its sentence, unless the sentence names the government itself (作为被告).
  bool IsOrgans(const Candidate& c) const {
    if (markers_.organ.empty()) return false;
    const int64_t figure = c.indicator.span.begin;
    bool found = HasOrgan({c.clause.begin, figure});
    if (!found && c.sentence.begin < c.clause.begin) {
      const Range opening = landmarks_.Clause(c.sentence.begin, text_.size());
      found = HasOrgan({opening.begin, std::min(opening.end, figure)});
    }
    return found && !text_.Contains({c.sentence.begin, figure}, markers_.organ_unless);
  }

  // An organ word in r that no exemption covers (局 in 布局 or 司法局 is no organ).
  bool HasOrgan(Range r) const {
    const CharFilter& first = index_.organ_first();
    for (int64_t pos = r.begin; pos < r.end; ++pos) {
      if (!first.MayContain(text_.at(pos))) continue;
      for (size_t o = 0; o < markers_.organ.size(); ++o) {
        if (text_.MatchAt(pos, r.end, markers_.organ[o]) < 0) continue;
        bool exempt = false;
        for (const IndicatorIndex::Exemption& e : index_.organ_exemptions(o)) {
          exempt = exempt || text_.EqualsAt(pos - e.offset, markers_.organ_exempt[e.word]);
        }
        if (!exempt) return true;
      }
    }
    return false;
  }

  // After 一是/二是 ... in its sentence.
  bool InMeasureItem(const Figure& f) const {
    return text_.Contains({f.sentence.begin, f.span.begin}, markers_.measure_item,
                          index_.measure_item_first());
  }

  // A figure of a term of office or a plan period, not of the report year: a term marker
  // (五年来, 过去五年, 本届政府以来) before it in its sentence, or in the opening sentence of its
  // paragraph or of the paragraph that its dash-led item continues ("五年来,…" then
  // "——社会治理更加高效,…"), at most kMaxParagraph back (scraped pages may have no line breaks).
  bool InTerm(const Candidate& c) const {
    if (markers_.term.empty()) return false;
    const int64_t figure = c.indicator.span.begin;
    const Range sentence = c.sentence;
    if (HasTerm({sentence.begin, figure})) return true;
    const int64_t floor = figure - kMaxParagraph;
    for (int64_t begin = landmarks_.ParagraphBegin(figure); begin >= std::max<int64_t>(floor, 0);
         begin = landmarks_.ParagraphBegin(begin - 1)) {
      const Range opening = landmarks_.Sentence(begin, text_.size());
      if (opening.begin != sentence.begin &&
          HasTerm({opening.begin, std::min(opening.end, figure)}))
        return true;
      if (begin == 0 || !OpensWithDash(begin)) break;
    }
    return false;
  }

  bool HasTerm(Range r) const { return text_.Contains(r, markers_.term, index_.term_first()); }

  bool OpensWithDash(int64_t begin) const {
    while (begin < text_.size() && IsSpace(text_.at(begin))) ++begin;
    return begin < text_.size() && (text_.at(begin) == U'—' || text_.at(begin) == U'―');
  }

  // A goal: in the plans part, or after 力争/确保 in its clause.
  bool IsGoal(const Figure& f) const {
    if (plans_.Contains(f.span.begin)) return true;
    return text_.Contains({f.clause.begin, f.span.begin}, markers_.target, index_.target_first());
  }

  static constexpr double kTotalConfidence = 0.9;

  Text text_;
  const IndicatorSet& set_;
  const IndicatorMarkers& markers_;
  std::optional<int> report_year_;
  const IndicatorIndex& index_;
  PlanRanges plans_;
  Landmarks landmarks_;
  std::vector<Figure> figures_;
  std::vector<Candidate> candidates_;  // every indicator's, in the order found
};

}  // namespace

std::vector<Indicator> ExtractIndicators(std::string_view normalized_text,
                                         const std::vector<Quantity>& quantities,
                                         const IndicatorSet& set, std::optional<int> report_year,
                                         const std::vector<Section>& sections) {
  return ExtractIndicators(text::DecodeUtf8(normalized_text), quantities, set, report_year,
                           sections);
}

std::vector<Indicator> ExtractIndicators(std::u32string_view code_points,
                                         const std::vector<Quantity>& quantities,
                                         const IndicatorSet& set, std::optional<int> report_year,
                                         const std::vector<Section>& sections,
                                         const Prescan* prescan) {
  const auto text_end = static_cast<int64_t>(code_points.size());
  return Matcher(code_points, quantities, set, report_year, PlanRanges(sections, text_end), prescan)
      .Run();
}

void MarkIndicatorLandmarks(PrescanTable& table, const IndicatorSet& set) {
  Landmarks::MarkRecorded(table, set.index());
}

}  // namespace fazhi::extraction
