#include "services/extraction/jurisdiction/jurisdiction.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <span>
#include <tuple>
#include <utility>

#include "common/text/code_points.h"
#include "services/extraction/divisions/division_names.h"
#include "services/extraction/jurisdiction/jurisdiction_cues.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;
using text::EncodeUtf8;
using text::ScanFrom;

namespace cues = jurisdiction_cues;

// Ordered by how surely a place there is the reporter's own: the title first, the body last.
enum class Source { kTitle = 0, kSpeaker = 1, kIssuer = 2, kHeader = 3, kBody = 4 };
constexpr int kSources = 5;
constexpr std::array<double, kSources> kOwnWeights = {cues::kTitleWeight, cues::kSpeakerWeight,
                                                      cues::kIssuerWeight, cues::kHeaderWeight, 0};

// One place a chosen name may stand for. Candidates are divisions (their index in the list) and,
// after them, functional areas (the list's size + the area's index).
struct Reading {
  int32_t candidate = 0;
  int32_t slot = 0;        // the candidate's place in the resolver's list
  bool reliable = false;   // an official or former name, a typed short form (通道县), a province
  bool qualifier = false;  // names the ancestor of the next name (海原县 in 海原县三河镇)
  bool short_form = false;  // a short name (广东, 通道县), not the official or a former one
};

// One name chosen in one segment of text: its readings are [first_reading, end_reading) of the
// resolver's one list, not a list each (a report has hundreds of names). Occurrences of a name
// with the same readings may share them (Resolver::SharedReadings); a bare name's are its
// BareName's (Resolver::BareNameOf).
struct Occurrence {
  Source source = Source::kBody;
  int32_t bare_name = -1;  // a bare name's place in the resolver's list of them, or -1
  double weight = 1;
  size_t first_reading = 0;
  size_t end_reading = 0;
  std::u32string_view written;  // the name as the text writes it
};

struct Candidate {
  int32_t id = 0;  // a division's index, or past them a functional area's
  std::array<double, kSources> weight{};
  bool reliable = false;
  bool adjacent_ancestor = false;
  bool named = false;          // a name read names it (not only a test of the name before it)
  int written_rank = 1 << 20;  // of `written`: lower is surer (source, then a full form)
  std::u32string_view written;
  double support = -1;  // Support(), once asked; -1 before
};

// A name whose every place bears it only as a bare short name (建设: 28 towns; 人民) and that
// qualifies no name right after it (建设第一, 公正文明: none of its places an ancestor). Its
// readings are added only once everything is read, and only where one of its places can count
// (Resolver::AddBareReadings): nine in ten of a report's names are such, and nearly all of them
// name no place that can.
struct BareName {
  std::span<const NameHit> hits;
  size_t first_reading = 0;  // [first_reading, end_reading): its readings, once added
  size_t end_reading = 0;
};

// A stretch of the body that names the reporter: the header, a speaker's government.
struct OwnSpan {
  size_t begin = 0;
  size_t end = 0;
  Source source = Source::kHeader;
};

bool IsReliable(const NameHit& hit) { return hit.Reliable(); }

bool IsReliable(const DivisionMention& m) {
  return (m.area >= 0 && !m.area_short) || m.any_reliable;
}

// Whether `text` from `pos` begins with `word`, compared in place: the words are a few characters,
// and a call (to memcmp, or of these) per cue word cost more than the comparison.
[[gnu::always_inline]] inline bool SameAt(std::u32string_view text, size_t pos,
                                          std::u32string_view word) {
  for (size_t i = 0; i < word.size(); ++i) {
    if (text[pos + i] != word[i]) return false;
  }
  return true;
}

// Asked of many cue words at each place a cue may begin: the first character settles most.
[[gnu::always_inline]] inline bool StartsAt(std::u32string_view text, size_t pos,
                                            std::u32string_view word) {
  if (word.empty()) return pos <= text.size();
  return pos < text.size() && text[pos] == word.front() && text.size() - pos >= word.size() &&
         SameAt(text, pos, word);
}

[[gnu::always_inline]] inline bool EndsAt(std::u32string_view text, size_t end,
                                          std::u32string_view word) {
  return end <= text.size() && end >= word.size() && SameAt(text, end - word.size(), word);
}

// A bit per character's low six bits, for a set of characters: a character whose bit is clear is
// none of them.
template <typename Chars>
constexpr uint64_t LowBits(const Chars& chars) {
  uint64_t bits = 0;
  for (char32_t c : chars) bits |= uint64_t{1} << (c & 63);
  return bits;
}

constexpr bool MayBeAmong(uint64_t low_bits, char32_t c) { return (low_bits >> (c & 63)) & 1; }

bool OnlySpacesBetween(std::u32string_view text, size_t begin, size_t end) {
  if (end < begin) return false;
  return std::all_of(text.begin() + begin, text.begin() + end,
                     [](char32_t c) { return c == U' ' || c == U'\t'; });
}

constexpr size_t kNotFound = std::u32string_view::npos;

[[gnu::noinline]] bool EndsWithSelfPhrasePrefix(std::u32string_view text, size_t end) {
  return std::any_of(cues::kSelfPhrasePrefixes.begin(), cues::kSelfPhrasePrefixes.end(),
                     [&](std::u32string_view p) { return EndsAt(text, end, p); });
}

// Asked of every name in the body: the character before it settles nearly all, as one test of a
// bit per character's low six bits (LowBits) of the prefixes' last characters tells. Inline: a
// call for that test cost more than the test.
[[gnu::always_inline]] inline bool AfterSelfPhrase(std::u32string_view text, size_t begin) {
  static constexpr uint64_t kLastBits = [] {
    std::array<char32_t, cues::kSelfPhrasePrefixes.size()> lasts{};
    for (size_t i = 0; i < lasts.size(); ++i) lasts[i] = cues::kSelfPhrasePrefixes[i].back();
    return LowBits(lasts);
  }();
  if (begin == 0 || begin > text.size() || !MayBeAmong(kLastBits, text[begin - 1])) return false;
  return EndsWithSelfPhrasePrefix(text, begin);
}

// A cue table asked of every name found: a test of the first character turns away most names (bare
// short names: 建设, 人民), then a bit per (first character, last character, length) says at once,
// for nearly every other name, that none of the words can match (the first alone does not: a typed
// name ends with a type character, as all of kWordContinuations' words begin). 256 bits, not 64:
// in 400 reports, 2,900 names then reach Find instead of 14,500.
class WordSet final {
 public:
  // Made at compile time (a constant, no guard asked at every use) over words of static storage.
  template <size_t N>
  constexpr explicit WordSet(const std::array<std::u32string_view, N>& words) : words_(words) {
    for (std::u32string_view w : words_) {
      filter_[Bit(w) / 64] |= uint64_t{1} << (Bit(w) % 64);
      first_bits_ |= uint64_t{1} << (w.front() & 63);
    }
  }
  bool Contains(std::u32string_view word) const {
    if (word.empty() || !MayBeAmong(first_bits_, word.front())) return false;
    const size_t bit = Bit(word);
    return ((filter_[bit / 64] >> (bit % 64)) & 1) != 0 && Find(word);
  }

 private:
  // The last characters first: where the filter lets a word through, its first character and
  // length are often those of several words.
  [[gnu::noinline]] bool Find(std::u32string_view word) const {
    return std::any_of(words_.begin(), words_.end(), [word](std::u32string_view w) {
      return w.size() == word.size() && w.back() == word.back() && w == word;
    });
  }
  static constexpr size_t Bit(std::u32string_view w) {
    const uint64_t key = (static_cast<uint64_t>(w.front()) << 24) ^ w.back() ^ (w.size() << 48);
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 56);
  }
  std::span<const std::u32string_view> words_;
  std::array<uint64_t, 4> filter_{};
  // A bit per low six bits of the words' first characters (LowBits): most names are bare short
  // names (建设, 人民) that end and begin with no type character, and this one test turns them away
  // before the filter's hash.
  uint64_t first_bits_ = 0;
};

constexpr WordSet kContinuations(cues::kWordContinuations);
constexpr WordSet kGenericTails(cues::kGenericTails);
constexpr WordSet kGenericNames(cues::kGenericNames);

bool IsIdeograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c >= 0x20000;
}

// Whether the mention `m` is only part of a longer word (see jurisdiction_cues.h): a type
// character continued by the next one (发展乡|村), or a short official name that takes a character
// of the word before it (示|范县, 提|高城镇) without a boundary there. `kept`: the names kept so
// far, in order of beginning.
bool IsWordFragment(std::u32string_view text, const DivisionMention& m,
                    std::span<const DivisionMention> kept) {
  if (m.end < text.size()) {
    const char32_t pair[2] = {text[m.end - 1], text[m.end]};
    if (kContinuations.Contains(std::u32string_view(pair, 2))) return true;
  }
  const size_t length = m.end - m.begin;
  if (m.begin == 0 || length > 3) return false;
  if (length == 3 && !kGenericTails.Contains(text.substr(m.begin + 1, 2))) return false;
  if (!m.any_official) return false;
  const char32_t before = text[m.begin - 1];
  if (!IsIdeograph(before) || cues::kBoundaryCharacters.find(before) != std::u32string_view::npos)
    return false;
  if (AfterSelfPhrase(text, m.begin)) return false;
  // Another name ending right here (汕尾市城区): names are at most a few dozen characters.
  for (size_t j = kept.size(); j-- > 0 && kept[j].begin + 32 > m.begin;) {
    if (kept[j].end == m.begin && IsReliable(kept[j])) return false;
  }
  return true;
}

// Leftmost-longest names, full and typed forms first, so that 道县 inside 通道县 and noise such as
// a bare short name overlapping a real name are not read; names inside longer words are dropped
// first. `all` comes in order of beginning, so each pass's choices are disjoint and ordered: an
// overlap test follows the first pass's choices with a cursor (a search of all of them for each
// name grew with a long document). A name the second pass chooses overlaps none the first chose,
// so no two chosen begin alike: in order of beginning they are `all`'s order, and the chosen are
// kept in place rather than copied out and merged.
std::vector<DivisionMention> SelectMentions(std::u32string_view text, const DivisionIndex& index,
                                            const Prescan* prescan) {
  std::vector<DivisionMention> all = index.FindMentions(text, prescan);
  const size_t found = all.size();
  enum : uint8_t { kReliable = 1, kChosen = 2 };
  std::vector<uint8_t> marks(found);  // bytes, not bits: read and written per mention
  struct Span {
    size_t begin;
    size_t end;
  };
  std::vector<Span> first;
  first.reserve(found);  // at most every mention: one allocation, not one per doubling
  // One pass drops the word fragments and makes the first pass's choices: both go in order of
  // beginning, and a fragment test asks only of the names kept before.
  size_t kept = 0;
  for (size_t i = 0; i < found; ++i) {
    if (IsWordFragment(text, all[i], std::span<const DivisionMention>(all.data(), kept))) continue;
    if (kept != i) all[kept] = all[i];  // most names are kept, where they are
    const DivisionMention& m = all[kept];
    uint8_t mark = IsReliable(m) ? kReliable : 0;
    if (mark == kReliable && (first.empty() || first.back().end <= m.begin)) {
      first.push_back(Span{m.begin, m.end});
      mark |= kChosen;
    }
    marks[kept++] = mark;
  }
  size_t after = 0;  // the first of the first pass's choices ending after the name's beginning
  auto overlaps_first = [&](const DivisionMention& m) {
    while (after < first.size() && first[after].end <= m.begin) ++after;
    return after < first.size() && first[after].begin < m.end;
  };
  // The second pass keeps what either pass chose, in place as it goes.
  size_t second_end = 0;  // the end of the last name the second pass chose, 0 before one
  bool any_second = false;
  size_t chosen = 0;
  for (size_t i = 0; i < kept; ++i) {
    const DivisionMention& m = all[i];
    if (marks[i] == 0 && !overlaps_first(m) && !(any_second && m.begin < second_end)) {
      marks[i] = kChosen;
      second_end = m.end;
      any_second = true;
    }
    if ((marks[i] & kChosen) == 0) continue;
    if (chosen != i) all[chosen] = m;
    ++chosen;
  }
  all.resize(chosen);
  return all;
}

// The reporter's type word as the self-references use it (县 for 通道侗族自治县, 街道 for 街道),
// as an index into kSelfReferenceTypes; -1 for none.
int TypeWord(std::string_view name) {
  static const std::array<std::string, cues::kSelfReferenceTypes.size()> types = [] {
    std::array<std::string, cues::kSelfReferenceTypes.size()> encoded;
    for (size_t i = 0; i < encoded.size(); ++i)
      encoded[i] = EncodeUtf8(cues::kSelfReferenceTypes[i]);
    return encoded;
  }();
  for (size_t i = 0; i < types.size(); ++i) {
    if (name.ends_with(types[i])) return static_cast<int>(i);
  }
  return -1;
}

// 省人民政府, 区政府, 自治区人民政府: the type of a government named without its place, or -1.
int OrganType(std::u32string_view text) {
  for (const cues::OrganType& organ : cues::kOrganTypes) {
    if (!text.starts_with(organ.word)) continue;
    const std::u32string_view rest = text.substr(organ.word.size());
    for (std::u32string_view tail : cues::kOrganTypeTails) {
      if (rest.starts_with(tail)) return static_cast<int>(organ.type);
    }
    return -1;
  }
  return -1;
}

// "2023年度" and the like before an organ in a title.
std::u32string_view WithoutLeadingYear(std::u32string_view text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= U'0' && text[digits] <= U'9') ++digits;
  if (digits != 4 || !StartsAt(text, digits, U"年")) return text;
  text.remove_prefix(digits + 1);
  if (text.starts_with(U"度")) text.remove_prefix(1);
  return text;
}

class Resolver final {
 public:
  explicit Resolver(const DivisionIndex& index)
      : index_(index),
        divisions_(static_cast<int32_t>(index.divisions().size())),
        candidate_ids_(index.divisions().size() + index.functional_areas().size()),
        slot_of_(SlotTable(candidate_ids_).data()) {}
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;
  ~Resolver() {
    for (const Candidate& candidate : candidates_) slot_of_[candidate.id] = -1;
  }

  // A title, issuer or source line: every name in it is the reporter's own evidence.
  void AddSegment(std::u32string_view text, Source source) {
    const int named = AddMentions(text, source, {});
    AddOrgan(source == Source::kTitle ? WithoutLeadingYear(text) : text, source, named);
  }

  // The report's text: its header and the governments its speaker represents name the reporter;
  // the rest is body. `prescan`: the extractor's of `text`, or null.
  void AddBody(std::u32string_view text, const Prescan* prescan) {
    std::vector<OwnSpan> own = HeaderLines(text);
    ScanSelfReferences(text, own, prescan);
    std::sort(own.begin(), own.end(),
              [](const OwnSpan& a, const OwnSpan& b) { return a.begin < b.begin; });
    std::vector<int> named_in(own.size(), 0);
    AddMentions(text, Source::kBody, own, &named_in, prescan);
    for (size_t i = 0; i < own.size(); ++i) {
      const std::u32string_view span = text.substr(own[i].begin, own[i].end - own[i].begin);
      AddOrgan(own[i].source == Source::kHeader ? WithoutLeadingYear(span) : span, own[i].source,
               named_in[i]);
    }
  }

  std::optional<Jurisdiction> Resolve() {
    for (const Reading& reading : readings_) {
      if (reading.reliable) candidates_[reading.slot].reliable = true;
    }
    MarkBareNamesOfOwnType(0, readings_.size());
    AddBareReadings();
    best_plausibility_.assign(readings_.size() + 1, -1);
    for (const Occurrence& occurrence : occurrences_) AddWeights(occurrence);

    // The pool: reliable, supported candidates; then those of the type the reporter names itself
    // by (我代表区人民政府), then those its own evidence names, where there are any.
    struct Scored {
      int32_t slot;
      int32_t id;
      double score;
      bool own_type;    // of the type the reporter's nameless government has
      bool strong_own;  // named by the title, the speaker or an issuer
      bool own;         // ... or by the header
    };
    std::vector<Scored> pool;
    for (int32_t slot = 0; slot < static_cast<int32_t>(candidates_.size()); ++slot) {
      Candidate& candidate = candidates_[slot];
      const int32_t id = candidate.id;
      if (!candidate.reliable || !Supported(id, candidate)) continue;
      pool.push_back(Scored{slot, id, Score(candidate), OfOwnType(id),
                            StrongOwnWeight(candidate) > 0, OwnWeight(candidate) > 0});
    }
    if (own_type_ >= 0) Narrow(pool, [](const Scored& s) { return s.own_type; });
    Narrow(pool, [](const Scored& s) { return s.strong_own; });
    Narrow(pool, [](const Scored& s) { return s.own; });

    int32_t best = -1;
    Candidate* best_candidate = nullptr;
    double best_score = 0;
    double second_score = 0;
    for (const Scored& s : pool) {
      // A tie goes to the lower level, then to the first in the official list: never to the
      // order candidates were first read in.
      bool better =
          s.score > best_score ||
          (s.score == best_score && best >= 0 &&
           (LevelOf(s.id) > LevelOf(best) || (LevelOf(s.id) == LevelOf(best) && s.id < best)));
      if (better) {
        second_score = std::max(second_score, best_score);
        best = s.id;
        best_candidate = &candidates_[s.slot];
        best_score = s.score;
      } else {
        second_score = std::max(second_score, s.score);
      }
    }
    if (IsNational(best_candidate)) return National(best_candidate);
    if (best < 0 || best_score < cues::kMinimumScore) return std::nullopt;
    if (best >= divisions_) return std::nullopt;  // a functional area: no division reports here
    const double confidence = best_score / (best_score + second_score);
    // The body alone, split between places: nothing settles it.
    if (own_type_ < 0 && OwnWeight(*best_candidate) == 0 &&
        confidence < cues::kMinimumBodyOnlyConfidence) {
      return std::nullopt;
    }
    Jurisdiction jurisdiction = ToJurisdiction(index_.at(best), index_);
    jurisdiction.confidence = confidence;
    jurisdiction.name_as_written = EncodeUtf8(best_candidate->written);
    return jurisdiction;
  }

 private:
  template <typename T, typename Keep>
  static void Narrow(std::vector<T>& pool, Keep keep) {
    if (std::any_of(pool.begin(), pool.end(), keep)) {
      pool.erase(std::remove_if(pool.begin(), pool.end(), [&](const auto& s) { return !keep(s); }),
                 pool.end());
    }
  }

  // Adds the names of `text`, each with the source of the own span it lies in (else `source`);
  // counts the reliable names in each span. Returns the number of reliable names outside the body.
  // `own` as a span, for the reason `mentions` is one below.
  int AddMentions(std::u32string_view text, Source source, std::span<const OwnSpan> own,
                  std::vector<int>* named_in = nullptr, const Prescan* prescan = nullptr) {
    const std::vector<DivisionMention> selected = SelectMentions(text, index_, prescan);
    // A span: its size is not read again (and divided by the size of a mention) at every name, as
    // the vector's was across the calls the loop makes.
    const std::span<const DivisionMention> mentions(selected);
    occurrences_.reserve(occurrences_.size() + mentions.size());
    int named = 0;
    size_t span = 0;
    bool previous_qualifies =
        false;  // the previous name stands for an ancestor of this one, right before it
    for (size_t i = 0; i < mentions.size(); ++i) {
      const DivisionMention& m = mentions[i];
      while (span < own.size() && own[span].end <= m.begin) ++span;
      const bool in_span =
          span < own.size() && own[span].begin <= m.begin && m.end <= own[span].end;
      const Source where = in_span ? own[span].source : source;
      const DivisionMention* next =
          i + 1 < mentions.size() && OnlySpacesBetween(text, m.end, mentions[i + 1].begin)
              ? &mentions[i + 1]
              : nullptr;
      const bool qualified = previous_qualifies;
      // A generic name (城区, 中心镇) in running text is a place only where an ancestor says which.
      if (where == Source::kBody || where == Source::kHeader) {
        if (!qualified && kGenericNames.Contains(text.substr(m.begin, m.end - m.begin))) {
          previous_qualifies = false;
          continue;
        }
      }
      Occurrence occurrence;
      occurrence.source = where;
      occurrence.written = text.substr(m.begin, m.end - m.begin);
      if (where == Source::kBody && AfterSelfPhrase(text, m.begin))
        occurrence.weight += cues::kSelfPhraseBonus;
      bool qualifies = false;  // any reading of this name qualifies the next
      if (m.area < 0 && !m.any_reliable && (next == nullptr || !AnyQualifies(m.hits, *next))) {
        occurrence.bare_name = BareNameOf(m.hits);
      } else if (m.area < 0 && next == nullptr) {
        std::tie(occurrence.first_reading, occurrence.end_reading) = SharedReadings(m.hits);
      } else {
        occurrence.first_reading = readings_.size();
        if (m.area >= 0) {
          const bool qualifier = next != nullptr && QualifiesNext(divisions_ + m.area, *next);
          readings_.push_back(Reading{divisions_ + m.area, SlotOf(divisions_ + m.area),
                                      !m.area_short, qualifier, m.area_short});
          qualifies |= qualifier;
        }
        qualifies |= AddReadings(m.hits, next);
        occurrence.end_reading = readings_.size();
      }
      occurrences_.push_back(occurrence);
      previous_qualifies = qualifies;
      if (where != Source::kBody && IsReliable(m)) {
        ++named;
        if (in_span && named_in != nullptr) ++(*named_in)[span];
      }
    }
    return named;
  }

  // A reading per place that bears the name; whether any qualifies `next` (null where no name
  // follows right after). Out of line: inlined in AddMentions, its locals lived on the stack.
  [[gnu::noinline]] bool AddReadings(std::span<const NameHit> hits, const DivisionMention* next) {
    bool qualifies = false;
    for (const NameHit& hit : hits) {
      const int32_t slot = SlotOf(hit.division);
      candidates_[slot].named = true;
      const bool qualifier = next != nullptr && QualifiesNext(hit.division, hit.level, *next);
      readings_.push_back(Reading{hit.division, slot, IsReliable(hit), qualifier, hit.is_short});
      qualifies |= qualifier;
    }
    return qualifies;
  }

  // Whether a place of `hits` qualifies `next` (QualifiesNext, which marks it): where none does,
  // the name's readings are those it has where no name follows.
  bool AnyQualifies(std::span<const NameHit> hits, const DivisionMention& next) {
    return std::any_of(hits.begin(), hits.end(), [&](const NameHit& hit) {
      return QualifiesNext(hit.division, hit.level, next);
    });
  }

  // The readings of a name that no name follows right after (none qualifies): added at its first
  // such occurrence, and the same for every later one. A report names the same places again and
  // again (城关镇, and words that are a township's short name: 建设, 人民): most readings were
  // repeats, each taken apart again by the scoring. `hits` begins where no other name's do.
  std::pair<size_t, size_t> SharedReadings(std::span<const NameHit> hits) {
    SharedList& shared = shared_readings_[SharedSlot(hits.data())];
    if (shared.hits != hits.data()) {
      shared.hits = hits.data();
      shared.first = readings_.size();
      AddReadings(hits, nullptr);
      shared.end = readings_.size();
    }
    return {shared.first, shared.end};
  }

  // A bare name's place in bare_names_, added at its first occurrence (as SharedReadings shares
  // readings). Its readings wait for Resolve; but a place other than a township may be an ancestor
  // that Support and AncestorNamed ask about, and is marked named at once.
  int32_t BareNameOf(std::span<const NameHit> hits) {
    SharedBareName& shared = shared_bare_names_[SharedSlot(hits.data())];
    if (shared.hits != hits.data()) {
      shared.hits = hits.data();
      shared.bare_name = static_cast<int32_t>(bare_names_.size());
      bare_names_.push_back(BareName{hits});
      for (const NameHit& hit : hits) {
        if (hit.level != DivisionLevel::kTownship) candidates_[SlotOf(hit.division)].named = true;
      }
    }
    return shared.bare_name;
  }

  // Gives readings to each bare name one of whose places can count: is reliable (named in full
  // elsewhere), or becomes so as a bare name of the reporter's own type. The readings of any other
  // would change nothing: AddWeights gives weight to reliable places only, and only a reliable
  // reading or the reporter's own type makes a place reliable. Its places stay named (Named).
  void AddBareReadings() {
    for (BareName& bare : bare_names_) {
      if (!AnyPlaceCanCount(bare.hits)) continue;
      bare.first_reading = readings_.size();
      AddReadings(bare.hits, nullptr);
      bare.end_reading = readings_.size();
      MarkBareNamesOfOwnType(bare.first_reading, bare.end_reading);
    }
  }

  bool AnyPlaceCanCount(std::span<const NameHit> hits) const {
    const bool own_type = own_type_ >= 0;  // asked once, not of every place
    return std::any_of(hits.begin(), hits.end(), [&](const NameHit& hit) {
      const int32_t slot = slot_of_[hit.division];
      return (slot >= 0 && candidates_[slot].reliable) ||
             (own_type && BareNameOfOwnType(hit.division));
    });
  }

  // Readings [first, end) that are bare short names of the reporter's own type (BareNameOfOwnType)
  // make their places reliable.
  void MarkBareNamesOfOwnType(size_t first, size_t end) {
    if (own_type_ < 0) return;
    for (size_t i = first; i < end; ++i) {
      const Reading& reading = readings_[i];
      if (!reading.reliable && BareNameOfOwnType(reading.candidate))
        candidates_[reading.slot].reliable = true;
    }
  }

  // A name's place in shared_readings_ and shared_bare_names_: its hits' address, hashed.
  static size_t SharedSlot(const NameHit* hits) {
    const uint64_t key = reinterpret_cast<uintptr_t>(hits) / sizeof(NameHit);
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - kSharedSlotBits));
  }

  // The header: the short lines the text opens with (title, banner, the congress it was read to),
  // each an own span without its indentation; only the first when no longer line follows.
  static std::vector<OwnSpan> HeaderLines(std::u32string_view text) {
    std::vector<OwnSpan> lines;
    size_t pos = 0;
    while (pos < text.size() && lines.size() < static_cast<size_t>(cues::kHeaderMaxLines)) {
      // wmemchr, not a loop over each character: the line that ends the header is often a
      // paragraph of hundreds.
      size_t end = text::FindCodePoint(text, U'\n', pos);
      if (end == std::u32string_view::npos) end = text.size();
      size_t begin = pos;
      while (begin < end && (text[begin] == U' ' || text[begin] == U'\t')) ++begin;
      pos = end + 1;
      if (begin == end) continue;
      if (end - begin > static_cast<size_t>(cues::kHeaderMaxLineLength)) return lines;
      lines.push_back(OwnSpan{begin, end, Source::kHeader});
    }
    // Six short lines and then more: still a header. Short lines to the end: a title at most.
    if (pos >= text.size() && lines.size() > 1) lines.resize(1);
    return lines;
  }

  // A national organ at the start of a segment naming no division (国务院; not 国家税务总局深圳市
  // 税务局), or a government named by its type alone (省人民政府).
  void AddOrgan(std::u32string_view text, Source source, int named) {
    const double weight = kOwnWeights[static_cast<int>(source)];
    if (named == 0) {
      if (size_t organ = index_.NationalOrganLength(text); organ > 0 && weight > national_weight_) {
        national_weight_ = weight;
        national_written_ = text.substr(0, organ);
      }
    }
    if (named == 0 && source != Source::kHeader) {
      if (int type = OrganType(text); type >= 0 && weight > own_type_weight_) {
        own_type_ = type;
        own_type_word_ = EncodeUtf8(cues::kSelfReferenceTypes[type]);
        own_type_weight_ = weight;
      }
    }
  }

  // `best`: the best place's candidate, or null.
  bool IsNational(const Candidate* best) const {
    if (national_weight_ > 0) {
      if (best == nullptr) return true;
      const Candidate& c = *best;
      const double named =
          std::max({c.weight[0] > 0 ? kOwnWeights[0] : 0, c.weight[1] > 0 ? kOwnWeights[1] : 0,
                    c.weight[2] > 0 ? kOwnWeights[2] : 0, c.weight[3] > 0 ? kOwnWeights[3] : 0});
      return national_weight_ >= named;
    }
    // The body alone: only where no own evidence names anyone or any type.
    if (own_type_ >= 0 || (best != nullptr && OwnWeight(*best) > 0)) return false;
    return national_references_ >= cues::kNationalMinimumReferences &&
           national_references_ >= cues::kNationalDominance * total_self_references_;
  }

  std::optional<Jurisdiction> National(Candidate* best) {
    Jurisdiction jurisdiction;
    jurisdiction.name = std::string(kNationalName);
    jurisdiction.level = std::string(kNationalLevel);
    jurisdiction.name_as_written = EncodeUtf8(national_written_);
    // Scored as a place is: own evidence, the body's self-references, their share.
    const double share =
        double(national_references_) / std::max(1, national_references_ + total_self_references_);
    const double national =
        (national_weight_ + cues::kBodyScale * std::sqrt(national_references_)) *
        (1 + cues::kSelfReferenceBoost * share);
    const double other = best != nullptr ? Score(*best) : 0;
    jurisdiction.confidence = national / (national + other);
    return jurisdiction;
  }

  // Whether the name `ancestor` stands for an ancestor of a place `next` may stand for; marks it.
  // Inline: asked of every place of a name right before another, most of them townships that
  // qualify nothing (建设 before 第一).
  [[gnu::always_inline]] bool QualifiesNext(int32_t ancestor, const DivisionMention& next) {
    if (ancestor >= divisions_) return false;
    return QualifiesNext(ancestor, index_.at(ancestor).level, next);
  }
  // The same of a division of that level: a place of a name passes its hit's (NameHit::level),
  // not read from the list.
  [[gnu::always_inline]] bool QualifiesNext(int32_t ancestor, DivisionLevel level,
                                            const DivisionMention& next) {
    // A township is no division's parent, and most places a name stands for are townships (建设,
    // 人民): their children need not be looked for among the next name's places.
    const bool township = level == DivisionLevel::kTownship;
    if (township && next.area < 0) return false;
    return QualifiesNextAt(ancestor, township, next);
  }

  [[gnu::noinline]] bool QualifiesNextAt(int32_t ancestor, bool township,
                                         const DivisionMention& next) {
    bool qualifies = false;
    if (!township) {
      for (const NameHit& child : next.hits) {
        if (index_.IsAncestor(ancestor, child.division)) {
          candidates_[SlotOf(child.division)].adjacent_ancestor = true;
          qualifies = true;
        }
      }
    }
    if (next.area >= 0) {
      const Division& within = index_.at(index_.functional_areas()[next.area].within);
      if (&index_.at(ancestor) == &within || index_.IsAncestor(index_.at(ancestor), within)) {
        candidates_[SlotOf(divisions_ + next.area)].adjacent_ancestor = true;
        qualifies = true;
      }
    }
    return qualifies;
  }

  // At each self-reference prefix, the type word right after it; 我国, 全国; and at 我代表, the
  // government the speaker represents (an own span). About one character in a hundred starts a
  // prefix: they are the positions the prescan marked kSelfReference (MarkSelfReferenceStarts);
  // without one, each prefix character is found by text::FindCodePoint (wmemchr), the positions
  // taken in order.
  void ScanSelfReferences(std::u32string_view text, std::vector<OwnSpan>& own,
                          const Prescan* prescan) {
    if (prescan != nullptr && prescan->size() == text.size()) {
      prescan->ForEachMarked(kSelfReference,
                             [&](size_t pos) { ScanSelfReferencesAt(text, pos, own); });
      return;
    }
    std::array<size_t, cues::kSelfReferencePrefixes.size()> next;
    for (size_t i = 0; i < next.size(); ++i)
      next[i] = text::FindCodePoint(text, cues::kSelfReferencePrefixes[i].front());
    for (size_t pos = *std::min_element(next.begin(), next.end()); pos != kNotFound;
         pos = *std::min_element(next.begin(), next.end())) {
      ScanSelfReferencesAt(text, pos, own);
      for (size_t i = 0; i < next.size(); ++i) {
        if (next[i] == pos)
          next[i] = text::FindCodePoint(text, cues::kSelfReferencePrefixes[i].front(), pos + 1);
      }
    }
  }

  void ScanSelfReferencesAt(std::u32string_view text, size_t pos, std::vector<OwnSpan>& own) {
    // The first character of each type word: after most prefixes, none of them (我们, 全面), as
    // one test of a bit per character's low six bits tells.
    static constexpr auto kTypeFirsts = [] {
      std::array<char32_t, cues::kSelfReferenceTypes.size()> firsts{};
      for (size_t i = 0; i < firsts.size(); ++i) firsts[i] = cues::kSelfReferenceTypes[i].front();
      return firsts;
    }();
    static constexpr uint64_t kTypeFirstBits = LowBits(kTypeFirsts);
    // Every cue below reads the character after `pos` (a type word after a one-character prefix,
    // 国 of 我国, 代 of 我代表): where it is none of theirs (我们, 全面, 本次: most places),
    // nothing here matches. Not asked where a cue would match without it (one character, or none).
    static constexpr auto kNextFilter = [] {
      struct {
        uint64_t bits = 0;
        bool usable = true;
      } filter;
      const auto second_of = [&filter](std::u32string_view cue) {
        if (cue.size() < 2) filter.usable = false;
        if (cue.size() >= 2) filter.bits |= uint64_t{1} << (cue[1] & 63);
      };
      for (std::u32string_view prefix : cues::kSelfReferencePrefixes) {
        if (prefix.size() == 1) {
          filter.bits |= kTypeFirstBits;
        } else {
          second_of(prefix);
        }
      }
      for (std::u32string_view national : cues::kNationalSelfReferences) second_of(national);
      second_of(cues::kSpeakerCue);
      return filter;
    }();
    if (kNextFilter.usable &&
        (pos + 1 >= text.size() || !MayBeAmong(kNextFilter.bits, text[pos + 1]))) {
      return;
    }
    for (std::u32string_view prefix : cues::kSelfReferencePrefixes) {
      if (!StartsAt(text, pos, prefix)) continue;
      const size_t after = pos + prefix.size();
      if (after >= text.size() || !MayBeAmong(kTypeFirstBits, text[after])) continue;
      for (size_t type = 0; type < kTypeFirsts.size(); ++type) {
        if (kTypeFirsts[type] != text[after] ||
            !StartsAt(text, after, cues::kSelfReferenceTypes[type]))
          continue;
        ++self_references_[type];
        ++total_self_references_;
      }
    }
    for (std::u32string_view national : cues::kNationalSelfReferences) {
      if (StartsAt(text, pos, national)) ++national_references_;
    }
    if (StartsAt(text, pos, cues::kSpeakerCue)) {
      const size_t begin = pos + cues::kSpeakerCue.size();
      const size_t limit = std::min(text.size(), begin + cues::kSpeakerMaxLength);
      size_t end = begin;
      static constexpr uint64_t kStopBits = LowBits(cues::kSpeakerStops);
      const auto stops = [&](char32_t c) {
        return MayBeAmong(kStopBits, c) && cues::kSpeakerStops.find(c) != std::u32string_view::npos;
      };
      while (end < limit && !stops(text[end])) ++end;
      const std::u32string_view speaker = text.substr(begin, end - begin);
      const bool government =
          std::any_of(cues::kGovernmentWords.begin(), cues::kGovernmentWords.end(),
                      [&](std::u32string_view w) { return speaker.find(w) != speaker.npos; });
      if (government && end > begin) own.push_back(OwnSpan{begin, end, Source::kSpeaker});
    }
  }

  // A table of -1 per candidate id, kept by the thread: a report reads hundreds of candidates,
  // a hash map of them cost more than the scoring, and a new table per report would be 180 KB
  // to fill. Each resolver leaves it as it found it.
  static std::vector<int32_t>& SlotTable(size_t size) {
    thread_local std::vector<int32_t> table;
    if (table.size() < size) table.resize(size, -1);
    return table;
  }

  // The candidate `id`'s place in candidates_, added unread where it has none.
  int32_t SlotOf(int32_t id) {
    int32_t& slot = slot_of_[id];
    if (slot < 0) {
      slot = static_cast<int32_t>(candidates_.size());
      candidates_.emplace_back().id = id;
    }
    return slot;
  }

  const Division& DivisionOf(int32_t id) const {
    return id < divisions_ ? index_.at(id)
                           : index_.at(index_.functional_areas()[id - divisions_].within);
  }

  // Levels order ties; a functional area ranks below the division it lies in.
  int LevelOf(int32_t id) const {
    return static_cast<int>(DivisionOf(id).level) + (id < divisions_ ? 0 : 1);
  }

  int TypeOf(int32_t id) const {
    return TypeWord(id < divisions_ ? index_.at(id).name
                                    : index_.functional_areas()[id - divisions_].name);
  }

  // Whether any name read names the division: a township that only bare names name (BareNameOf)
  // is looked for among them.
  bool Named(int32_t division) const {
    const int32_t slot = slot_of_[division];
    if (slot >= 0 && candidates_[slot].named) return true;
    return index_.at(division).level == DivisionLevel::kTownship && NamedByBareName(division);
  }

  // Asked only of a township that is an ancestor or holds a functional area: none in the list.
  [[gnu::noinline]] bool NamedByBareName(int32_t division) const {
    return std::any_of(bare_names_.begin(), bare_names_.end(), [division](const BareName& bare) {
      return std::any_of(bare.hits.begin(), bare.hits.end(),
                         [division](const NameHit& hit) { return hit.division == division; });
    });
  }

  // Asked once everything is read (what is named and adjacent_ancestor are final), and kept.
  double Support(Candidate& candidate) {
    if (candidate.support >= 0) return candidate.support;
    const int32_t id = candidate.id;
    double support = 0;
    const int32_t division = index_.IndexOf(DivisionOf(id));
    if (id >= divisions_ && Named(division)) support += 1;
    index_.ForEachAncestor(division, [&](int32_t ancestor) {
      if (Named(ancestor)) support += 1;
    });
    if (candidate.adjacent_ancestor) support += cues::kAdjacentAncestorSupport;
    candidate.support = support;
    return support;
  }

  // A township or county counts only where its own evidence names it, an ancestor stands right
  // before it, or an ancestor is named somewhere (for a township, its county or prefecture: a
  // province alone does not say which): thousands of them bear names that are also words or
  // parts of words (发展乡, 城镇街道, 高港区 in 提高港口).
  bool Supported(int32_t id, const Candidate& candidate) const {
    if (id >= divisions_ || index_.at(id).level < DivisionLevel::kCounty) return true;
    if (OwnWeight(candidate) > 0 || candidate.adjacent_ancestor) return true;
    return AncestorNamed(id, /*province_counts=*/index_.at(id).level != DivisionLevel::kTownship);
  }

  // Whether an ancestor of the division `id` is named anywhere (placeholders never are).
  bool AncestorNamed(int32_t id, bool province_counts) const {
    for (int32_t p = index_.at(id).parent; p >= 0; p = index_.at(p).parent) {
      if (Named(p) && (province_counts || index_.at(p).level != DivisionLevel::kProvince))
        return true;
    }
    return false;
  }

  // A report that calls its government by type alone (我代表区人民政府) often calls itself by its
  // bare short name too (盐田, never 盐田区): such a name counts for a place of that type whose
  // ancestor is named.
  bool BareNameOfOwnType(int32_t id) const {
    return id < divisions_ && OfOwnType(id) && AncestorNamed(id, true);
  }

  // Whether the candidate's name ends with the reporter's own type word (asked of many names: a
  // comparison of bytes, not TypeOf).
  bool OfOwnType(int32_t id) const {
    if (own_type_ < 0) return false;
    return (id < divisions_ ? index_.at(id).name : index_.functional_areas()[id - divisions_].name)
        .ends_with(own_type_word_);
  }

  // The title, the speaker and the issuers: surer than the header.
  static double StrongOwnWeight(const Candidate& candidate) {
    double own = 0;
    for (Source s : {Source::kTitle, Source::kSpeaker, Source::kIssuer}) {
      own +=
          kOwnWeights[static_cast<int>(s)] * std::min(1.0, candidate.weight[static_cast<int>(s)]);
    }
    return own;
  }

  static double OwnWeight(const Candidate& candidate) {
    double own = 0;
    for (int s = 0; s < kSources; ++s) own += kOwnWeights[s] * std::min(1.0, candidate.weight[s]);
    return own;
  }

  // Splits an occurrence among the places its name may stand for: the best supported takes it
  // whole, the others in proportion; qualifiers and places never named in full take nothing.
  void AddWeights(const Occurrence& occurrence) {
    size_t first = occurrence.first_reading;
    size_t end = occurrence.end_reading;
    if (occurrence.bare_name >= 0) {
      first = bare_names_[occurrence.bare_name].first_reading;
      end = bare_names_[occurrence.bare_name].end_reading;
    }
    const std::span<const Reading> readings(readings_.data() + first, end - first);
    // A list is known by its first reading: two lists that begin alike are one list, shared, as
    // long as none is empty.
    if (readings.empty()) return;
    double& best_plausibility = best_plausibility_[first];
    if (best_plausibility < 0) {
      best_plausibility = 0;
      for (const Reading& reading : readings) {
        if (Eligible(reading))
          best_plausibility = std::max(best_plausibility, 1 + Support(candidates_[reading.slot]));
      }
    }
    if (best_plausibility == 0) return;  // no reading eligible: often so for bare short names
    const int source = static_cast<int>(occurrence.source);
    for (const Reading& reading : readings) {
      if (!Eligible(reading)) continue;
      Candidate& candidate = candidates_[reading.slot];
      double weight = occurrence.weight * (1 + Support(candidate)) / best_plausibility;
      if (!reading.reliable) weight *= cues::kBareShortNameWeight;
      candidate.weight[source] += weight;
      const int rank = 3 * source + (!reading.reliable ? 2 : reading.short_form ? 1 : 0);
      if (rank < candidate.written_rank) {
        candidate.written_rank = rank;
        candidate.written = occurrence.written;
      }
    }
  }

  bool Eligible(const Reading& reading) const {
    return !reading.qualifier && candidates_[reading.slot].reliable;
  }

  double Score(Candidate& candidate) {
    const int32_t id = candidate.id;
    double score = OwnWeight(candidate) +
                   cues::kBodyScale * std::sqrt(candidate.weight[static_cast<int>(Source::kBody)]);
    score *= 1 + cues::kAncestorBoost * Support(candidate);
    if (total_self_references_ > 0) {
      const int type = TypeOf(id);
      double share = type < 0 ? 0 : double(self_references_[type]) / total_self_references_;
      score *= 1 + cues::kSelfReferenceBoost * share;
    }
    return score;
  }

  const DivisionIndex& index_;
  const int32_t divisions_;  // candidates from here on are functional areas
  std::vector<Occurrence> occurrences_;
  std::vector<Reading> readings_;
  // Per list of readings (by its first), the best plausibility of its eligible readings, 0 for
  // none, -1 before asked: occurrences that share the list (SharedReadings) share the answer.
  std::vector<double> best_plausibility_;
  // Per name (its hits' beginning), its readings where nothing qualifies: [first, end). One slot
  // per hashed name, the last name to take it kept: a report names a few hundred, and a name
  // that finds its slot taken adds its readings again (the same readings, only more of them). A
  // hash map cost more to ask than adding the readings of a name of a few places again.
  struct SharedList {
    const NameHit* hits = nullptr;
    size_t first = 0;
    size_t end = 0;
  };
  static constexpr int kSharedSlotBits = 8;
  std::array<SharedList, size_t{1} << kSharedSlotBits> shared_readings_{};
  std::vector<BareName> bare_names_;
  // Per hashed name, the last bare name to take the slot: as shared_readings_.
  struct SharedBareName {
    const NameHit* hits = nullptr;
    int32_t bare_name = 0;
  };
  std::array<SharedBareName, size_t{1} << kSharedSlotBits> shared_bare_names_{};
  // In the order first read; slot_of_ finds one by id once per reading, not at every question
  // the scoring asks of it.
  std::vector<Candidate> candidates_;
  const size_t candidate_ids_;  // divisions and functional areas
  // Per candidate id: its place in candidates_, or -1. The thread's table, which does not grow
  // while a resolver lives: its data, not the vector, spares a load at every reading.
  int32_t* const slot_of_;
  std::array<int, cues::kSelfReferenceTypes.size()> self_references_{};  // per type word
  int total_self_references_ = 0;
  int national_references_ = 0;
  int own_type_ = -1;  // the type a nameless government of the reporter's has (区人民政府)
  std::string own_type_word_;  // its type word in UTF-8
  double own_type_weight_ = 0;
  double national_weight_ = 0;  // the surest source naming a national organ as the reporter
  std::u32string_view national_written_;
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
  if (const Division* county = index.CountyOf(division); county != nullptr)
    jurisdiction.county = county->name;
  jurisdiction.name_as_written = division.name;
  return jurisdiction;
}

void MarkSelfReferenceStarts(PrescanTable& table) {
  table.Mark(kSelfReference, [](char32_t c) {
    return std::any_of(cues::kSelfReferencePrefixes.begin(), cues::kSelfReferencePrefixes.end(),
                       [c](std::u32string_view prefix) { return prefix.front() == c; });
  });
}

std::optional<Jurisdiction> ResolveJurisdiction(std::u32string_view code_points,
                                                const JurisdictionHints& hints,
                                                const DivisionIndex& index,
                                                const Prescan* prescan) {
  // The decoded hints outlive the resolver: it keeps views of the names as written.
  std::vector<std::u32string> segments;
  segments.reserve(hints.issuers.size() + 2);
  segments.push_back(DecodeUtf8(hints.title));
  for (const std::string& issuer : hints.issuers) segments.push_back(DecodeUtf8(issuer));
  segments.push_back(DecodeUtf8(hints.source_line));
  Resolver resolver(index);
  resolver.AddSegment(segments.front(), Source::kTitle);
  for (size_t i = 1; i < segments.size(); ++i) resolver.AddSegment(segments[i], Source::kIssuer);
  resolver.AddBody(code_points, prescan);
  return resolver.Resolve();
}

std::optional<Jurisdiction> ResolveJurisdiction(std::string_view normalized_text,
                                                const JurisdictionHints& hints,
                                                const DivisionIndex& index) {
  return ResolveJurisdiction(DecodeUtf8(normalized_text), hints, index);
}

}  // namespace fazhi::extraction
