#include "services/extraction/jurisdiction/jurisdiction.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cmath>
#include <iterator>
#include <span>

#include "absl/container/flat_hash_map.h"
#include "services/extraction/divisions/division_names.h"
#include "services/extraction/jurisdiction/jurisdiction_cues.h"
#include "services/extraction/numbers/code_points.h"

namespace fazhi::extraction {
namespace {

namespace cues = jurisdiction_cues;

enum class Source { kTitle, kIssuer, kBody };

// One division a chosen name may stand for.
struct Reading {
  int32_t division = 0;
  bool reliable = false;   // an official name, a short form with its type (通道县), or a province
  bool qualifier = false;  // names the ancestor of the next name (海原县 in 海原县三河镇)
};

// One name chosen in one segment of text: its readings are [first_reading, end_reading) of the
// resolver's one list, not a list each (a report has hundreds of names).
struct Occurrence {
  Source source = Source::kBody;
  double weight = 1;
  size_t first_reading = 0;
  size_t end_reading = 0;
};

struct Candidate {
  double title = 0;
  double issuer = 0;
  double body = 0;
  bool reliable = false;
  bool adjacent_ancestor = false;
};

bool IsReliable(const NameHit& hit, bool typed) { return !hit.is_short || typed || hit.is_province; }

bool IsReliable(const DivisionMention& m) {
  return std::any_of(m.hits.begin(), m.hits.end(), [&](const NameHit& h) { return IsReliable(h, m.typed); });
}

// Leftmost-longest names, full and typed forms first, so that 道县 inside 通道县 and noise such as
// a bare short name overlapping a real name are not read. `all` comes in order of beginning, so
// each pass's choices are disjoint and ordered: an overlap test is a binary search.
std::vector<DivisionMention> SelectMentions(std::u32string_view text, const DivisionIndex& index) {
  const std::vector<DivisionMention> all = index.FindMentions(text);
  std::vector<bool> reliable(all.size());
  for (size_t i = 0; i < all.size(); ++i) reliable[i] = IsReliable(all[i]);
  std::vector<DivisionMention> first;
  for (size_t i = 0; i < all.size(); ++i) {
    if (reliable[i] && (first.empty() || first.back().end <= all[i].begin)) first.push_back(all[i]);
  }
  auto overlaps_first = [&](const DivisionMention& m) {
    auto after = std::upper_bound(first.begin(), first.end(), m.begin,
                                  [](size_t begin, const DivisionMention& c) { return begin < c.end; });
    return after != first.end() && after->begin < m.end;
  };
  std::vector<DivisionMention> second;
  for (size_t i = 0; i < all.size(); ++i) {
    const DivisionMention& m = all[i];
    if (reliable[i] || overlaps_first(m) || (!second.empty() && m.begin < second.back().end)) continue;
    second.push_back(m);
  }
  std::vector<DivisionMention> chosen;
  chosen.reserve(first.size() + second.size());
  std::merge(first.begin(), first.end(), second.begin(), second.end(), std::back_inserter(chosen),
             [](const DivisionMention& a, const DivisionMention& b) { return a.begin < b.begin; });
  return chosen;
}

bool StartsAt(std::u32string_view text, size_t pos, std::u32string_view word) {
  return pos <= text.size() && text.substr(pos).starts_with(word);
}

bool EndsAt(std::u32string_view text, size_t end, std::u32string_view word) {
  return end <= text.size() && text.substr(0, end).ends_with(word);
}

bool OnlySpacesBetween(std::u32string_view text, size_t begin, size_t end) {
  if (end < begin) return false;
  return std::all_of(text.begin() + begin, text.begin() + end, [](char32_t c) { return c == U' ' || c == U'\t'; });
}

bool AfterSelfPhrase(std::u32string_view text, size_t begin) {
  return std::any_of(cues::kSelfPhrasePrefixes.begin(), cues::kSelfPhrasePrefixes.end(),
                     [&](std::u32string_view p) { return EndsAt(text, begin, p); });
}

// The reporter's type word as the self-references use it (县 for 通道侗族自治县, 街道 for 街道),
// as an index into kSelfReferenceTypes; -1 for none.
int TypeWord(const Division& division) {
  const std::u32string name = DecodeUtf8(division.name);
  for (size_t i = 0; i < cues::kSelfReferenceTypes.size(); ++i) {
    if (std::u32string_view(name).ends_with(cues::kSelfReferenceTypes[i])) return static_cast<int>(i);
  }
  return -1;
}

class Resolver final {
 public:
  explicit Resolver(const DivisionIndex& index) : index_(index), named_(index.divisions().size(), false) {}

  // `text` in code points: mentions and cues are compared there.
  void AddSegment(std::u32string_view text, Source source) {
    std::vector<DivisionMention> mentions = SelectMentions(text, index_);
    for (size_t i = 0; i < mentions.size(); ++i) {
      const DivisionMention& m = mentions[i];
      const DivisionMention* next =
          i + 1 < mentions.size() && OnlySpacesBetween(text, m.end, mentions[i + 1].begin) ? &mentions[i + 1] : nullptr;
      Occurrence occurrence;
      occurrence.source = source;
      if (source == Source::kBody && AfterSelfPhrase(text, m.begin)) occurrence.weight += cues::kSelfPhraseBonus;
      occurrence.first_reading = readings_.size();
      for (const NameHit& hit : m.hits) {
        const bool qualifier = next != nullptr && QualifiesNext(hit, *next);
        named_[hit.division] = true;
        readings_.push_back(Reading{hit.division, IsReliable(hit, m.typed), qualifier});
      }
      occurrence.end_reading = readings_.size();
      occurrences_.push_back(occurrence);
    }
    if (source == Source::kBody) CountSelfReferences(text);
  }

  std::optional<Jurisdiction> Resolve() {
    for (const Reading& reading : readings_) {
      if (reading.reliable) candidates_[reading.division].reliable = true;
    }
    for (const Occurrence& occurrence : occurrences_) AddWeights(occurrence);
    int32_t best = -1;
    double best_score = 0;
    double second_score = 0;
    for (const auto& [division, candidate] : candidates_) {
      if (!candidate.reliable) continue;
      double score = Score(division, candidate);
      // A tie goes to the lower level, then to the first in the official list: never to the
      // hash map's order, which changes from process to process.
      const DivisionLevel level = index_.at(division).level;
      bool better = score > best_score ||
                    (score == best_score && best >= 0 &&
                     (level > index_.at(best).level || (level == index_.at(best).level && division < best)));
      if (better) {
        second_score = std::max(second_score, best_score);
        best = division;
        best_score = score;
      } else {
        second_score = std::max(second_score, score);
      }
    }
    if (best < 0 || best_score < cues::kMinimumScore) return std::nullopt;
    Jurisdiction jurisdiction = ToJurisdiction(index_.at(best), index_);
    jurisdiction.confidence = best_score / (best_score + second_score);
    return jurisdiction;
  }

 private:
  // Whether `hit` is an ancestor of a division the next name may stand for; marks that one.
  bool QualifiesNext(const NameHit& hit, const DivisionMention& next) {
    bool qualifies = false;
    for (const NameHit& child : next.hits) {
      if (index_.IsAncestor(index_.at(hit.division), index_.at(child.division))) {
        candidates_[child.division].adjacent_ancestor = true;
        qualifies = true;
      }
    }
    return qualifies;
  }

  // At each self-reference prefix, the type word right after it.
  // A plain loop, not ScanFrom: one character in a hundred passes, and the branch predicts.
  void CountSelfReferences(std::u32string_view text) {
    for (size_t pos = 0; pos < text.size(); ++pos) {
      if (IsSelfReferencePrefixStart(text[pos])) CountSelfReferencesAt(text, pos);
    }
  }

  void CountSelfReferencesAt(std::u32string_view text, size_t pos) {
    for (std::u32string_view prefix : cues::kSelfReferencePrefixes) {
      if (!StartsAt(text, pos, prefix)) continue;
      for (size_t type = 0; type < cues::kSelfReferenceTypes.size(); ++type) {
        if (!StartsAt(text, pos + prefix.size(), cues::kSelfReferenceTypes[type])) continue;
        ++self_references_[type];
        ++total_self_references_;
      }
    }
  }

  // Without a branch per prefix: asked of every character of the body.
  static bool IsSelfReferencePrefixStart(char32_t c) {
    bool starts = false;
    for (std::u32string_view prefix : cues::kSelfReferencePrefixes) starts |= prefix.front() == c;
    return starts;
  }

  double Support(int32_t division) {
    auto cached = support_.find(division);
    if (cached != support_.end()) return cached->second;
    double support = 0;
    for (const Division* ancestor : index_.Ancestors(index_.at(division))) {
      if (named_[index_.IndexOf(*ancestor)]) support += 1;
    }
    auto candidate = candidates_.find(division);
    if (candidate != candidates_.end() && candidate->second.adjacent_ancestor) support += cues::kAdjacentAncestorSupport;
    support_[division] = support;
    return support;
  }

  // Splits an occurrence among the places its name may stand for: the best supported takes it
  // whole, the others in proportion; qualifiers and places never named in full take nothing.
  void AddWeights(const Occurrence& occurrence) {
    const std::span<const Reading> readings(readings_.data() + occurrence.first_reading,
                                            occurrence.end_reading - occurrence.first_reading);
    double best_plausibility = 0;
    for (const Reading& reading : readings) {
      if (Eligible(reading)) best_plausibility = std::max(best_plausibility, 1 + Support(reading.division));
    }
    for (const Reading& reading : readings) {
      if (!Eligible(reading)) continue;
      double weight = occurrence.weight * (1 + Support(reading.division)) / best_plausibility;
      if (!reading.reliable) weight *= cues::kBareShortNameWeight;
      Candidate& candidate = candidates_[reading.division];
      switch (occurrence.source) {
        case Source::kTitle: candidate.title += weight; break;
        case Source::kIssuer: candidate.issuer += weight; break;
        case Source::kBody: candidate.body += weight; break;
      }
    }
  }

  bool Eligible(const Reading& reading) const {
    auto candidate = candidates_.find(reading.division);
    return !reading.qualifier && candidate != candidates_.end() && candidate->second.reliable;
  }

  double Score(int32_t division, const Candidate& candidate) {
    double score = cues::kTitleWeight * std::min(1.0, candidate.title) +
                   cues::kIssuerWeight * std::min(1.0, candidate.issuer) +
                   cues::kBodyScale * std::sqrt(candidate.body);
    score *= 1 + cues::kAncestorBoost * Support(division);
    if (total_self_references_ > 0) {
      const int type = TypeWord(index_.at(division));
      double share = type < 0 ? 0 : double(self_references_[type]) / total_self_references_;
      score *= 1 + cues::kSelfReferenceBoost * share;
    }
    return score;
  }

  const DivisionIndex& index_;
  std::vector<Occurrence> occurrences_;
  std::vector<Reading> readings_;
  std::vector<bool> named_;  // per division: whether any name read names it
  absl::flat_hash_map<int32_t, Candidate> candidates_;
  absl::flat_hash_map<int32_t, double> support_;
  std::array<int, cues::kSelfReferenceTypes.size()> self_references_{};  // per type word
  int total_self_references_ = 0;
};

}  // namespace

Jurisdiction ToJurisdiction(const Division& division, const DivisionIndex& index) {
  Jurisdiction jurisdiction;
  jurisdiction.name = division.name;
  jurisdiction.code = ReportingCode(division.code);
  jurisdiction.level = std::string(DivisionLevelName(division.level));
  jurisdiction.province = index.ProvinceOf(division).name;
  if (const Division* prefecture = index.PrefectureOf(division); prefecture != nullptr) {
    jurisdiction.prefecture = prefecture->name;
  }
  if (const Division* county = index.CountyOf(division); county != nullptr) jurisdiction.county = county->name;
  return jurisdiction;
}

std::optional<Jurisdiction> ResolveJurisdiction(std::u32string_view code_points, const JurisdictionHints& hints,
                                                const DivisionIndex& index) {
  Resolver resolver(index);
  resolver.AddSegment(DecodeUtf8(hints.title), Source::kTitle);
  for (const std::string& issuer : hints.issuers) resolver.AddSegment(DecodeUtf8(issuer), Source::kIssuer);
  resolver.AddSegment(DecodeUtf8(hints.source_line), Source::kIssuer);
  resolver.AddSegment(code_points, Source::kBody);
  return resolver.Resolve();
}

std::optional<Jurisdiction> ResolveJurisdiction(std::string_view normalized_text, const JurisdictionHints& hints,
                                                const DivisionIndex& index) {
  return ResolveJurisdiction(DecodeUtf8(normalized_text), hints, index);
}

}  // namespace fazhi::extraction
