#include "services/query/search/phrase_index.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/text/utf8.h"

namespace fazhi::query {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "lists are read as bytes of their words");

// Lists are bit streams, least significant bit first, in 64-bit words with one zero word after
// the last bit, so a read of 64 bits never checks where the stream ends.
class BitAppender final {
 public:
  // Makes room for `most` more bits.
  BitAppender(std::vector<uint64_t>& words, uint64_t& bits, uint64_t most) : bits_(bits) {
    if (words.size() < (bits + most) / 64 + 2) words.resize((bits + most) / 64 + 2, 0);
    words_ = words.data();
  }
  void Zeros(uint64_t count) { bits_ += count; }
  // The low `count` bits of `value` (count < 64).
  void Bits(uint64_t value, int count) {
    if (count == 0) return;
    value &= (uint64_t{1} << count) - 1;
    const int offset = static_cast<int>(bits_ % 64);
    words_[bits_ / 64] |= value << offset;
    if (offset + count > 64) words_[bits_ / 64 + 1] |= value >> (64 - offset);
    bits_ += static_cast<uint64_t>(count);
  }
  // Elias gamma: as many zeros as `value` (>= 1) has bits after its top one, a one, then those
  // bits. A gap or a count of 1 is one bit.
  void Gamma(uint32_t value) {
    const int rest = 31 - __builtin_clz(value);
    Bits(uint64_t{1} << rest, rest + 1);
    Bits(value, rest);
  }
  static constexpr uint64_t kMostGamma = 63;

 private:
  uint64_t* words_;
  uint64_t& bits_;
};

// The stream from bit `at` on: at least 57 bits of it, zeros above them.
inline uint64_t Peek(const uint64_t* words, uint64_t at) {
  uint64_t window;
  std::memcpy(&window, reinterpret_cast<const uint8_t*>(words) + at / 8, sizeof(window));
  return window >> (at % 8);
}
constexpr int kPeekBits = 57;

inline uint32_t GetBits(const uint64_t* words, uint64_t& at, int count) {
  const uint64_t value = Peek(words, at) & ((uint64_t{1} << count) - 1);
  at += static_cast<uint64_t>(count);
  return static_cast<uint32_t>(value);
}

// The value of the gamma code at the start of `window` whose top one is bit `rest`.
inline uint32_t GammaValue(uint64_t window, int rest) {
  return static_cast<uint32_t>((uint64_t{1} << rest) |
                               ((window >> (rest + 1)) & ((uint64_t{1} << rest) - 1)));
}

inline uint32_t GetGamma(const uint64_t* words, uint64_t& at) {
  const uint64_t window = Peek(words, at);
  const int rest = __builtin_ctzll(window);  // at most 31
  if (2 * rest + 1 <= kPeekBits) {           // values below 2^28: one read
    at += static_cast<uint64_t>(2 * rest + 1);
    return GammaValue(window, rest);
  }
  at += static_cast<uint64_t>(rest + 1);
  return static_cast<uint32_t>((uint64_t{1} << rest) | GetBits(words, at, rest));
}

// A document entry's header: the gamma codes of its delta and count, from one read when both
// fit in it (the common case: each a few bits).
inline void GetHeader(const uint64_t* words, uint64_t& at, uint32_t& delta, uint32_t& count) {
  const uint64_t window = Peek(words, at);
  const int delta_rest = __builtin_ctzll(window);
  const int delta_bits = 2 * delta_rest + 1;
  const uint64_t after = window >> delta_bits;
  if (after != 0) {
    const int count_rest = __builtin_ctzll(after);
    const int count_bits = 2 * count_rest + 1;
    if (delta_bits + count_bits <= kPeekBits) {
      delta = GammaValue(window, delta_rest);
      count = GammaValue(after, count_rest);
      at += static_cast<uint64_t>(delta_bits + count_bits);
      return;
    }
  }
  delta = GetGamma(words, at);
  count = GetGamma(words, at);
}

// Elias-Fano of a pair's `count` positions in a document of `universe` pairs: each position's
// low bits, then its high part as unary deltas in a field of fixed length, so a reader that needs
// none of the positions steps over them at once. About log2(universe / count) + 2 bits each.
int LowBits(uint32_t universe, uint32_t count) {
  const int universe_log = 31 - __builtin_clz(universe);  // without a division: floor, ceil
  const int count_log = count == 1 ? 0 : 32 - __builtin_clz(count - 1);
  return universe_log > count_log ? universe_log - count_log : 0;
}
uint64_t HighBits(uint32_t universe, uint32_t count, int low_bits) {
  return count + ((universe - 1) >> low_bits);
}

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string codepoints;
  codepoints.reserve(text.size() / 2);
  for (size_t offset = 0; offset < text.size();) {
    text::DecodedCodepoint decoded = text::DecodeCodepoint(text, offset);
    codepoints.push_back(decoded.codepoint);
    offset += std::max(decoded.length, 1);
  }
  return codepoints;
}

// Occurrences that do not overlap, taken left to right (what replace() or a highlighter counts).
uint32_t CountNonOverlapping(const std::vector<uint32_t>& starts, uint32_t length) {
  uint32_t count = 0;
  int64_t free_from = 0;
  for (uint32_t start : starts) {
    if (start >= free_from) {
      ++count;
      free_from = static_cast<int64_t>(start) + length;
    }
  }
  return count;
}

std::vector<uint32_t> Intersect(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::vector<uint32_t> Union(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::vector<uint32_t> Difference(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

// Walks one posting list document by document, jumping by its skip entries; positions are
// decoded one at a time when asked for, and whatever is left of them is stepped over at once.
class PhraseIndex::Cursor final {
 public:
  // `doc_lengths` (code points by document) for a pair list, nullptr for a character list.
  Cursor(const Postings& postings, const uint32_t* doc_lengths)
      : words_(postings.words.data()),
        end_(postings.bits),
        skips_(postings.skips.data()),
        skips_end_(skips_ + postings.skips.size()),
        doc_lengths_(doc_lengths) {
    Next();
  }

  bool done() const { return done_; }
  uint32_t doc() const { return doc_; }
  uint32_t count() const { return count_; }
  uint64_t position_bits() const { return entry_end_ - at_; }  // of the current entry

  void Next() {
    at_ = entry_end_;
    if (at_ >= end_) {
      done_ = true;
      return;
    }
    uint32_t delta;
    GetHeader(words_, at_, delta, count_);
    doc_ += delta;  // from doc_ = -1 (wrapping) before the first
    entry_end_ = at_;
    if (doc_lengths_ == nullptr) return;
    const uint32_t universe = doc_lengths_[doc_] - 1;
    low_bits_ = LowBits(universe, count_);
    low_at_ = at_;
    high_at_ = at_ + uint64_t{count_} * static_cast<uint64_t>(low_bits_);
    entry_end_ = high_at_ + HighBits(universe, count_, low_bits_);
    high_ = 0;
    remaining_ = count_;
  }

  // Moves to the first document >= target.
  void SkipTo(uint32_t target) {
    if (done_ || doc_ >= target) return;
    // The last entry whose block starts after a document < target: nothing between is listed.
    const Skip* jump = nullptr;
    while (skips_ != skips_end_ && skips_->doc_before < target) jump = skips_++;
    if (jump != nullptr && jump->offset > at_) {
      entry_end_ = jump->offset;
      doc_ = jump->doc_before;
      Next();
    }
    while (!done_ && doc_ < target) Next();
  }

  // Calls visit(position) on the current document's positions not yet read, ascending, until it
  // returns false; the rest are stepped over by Next. (Locals, so the loop runs in registers.)
  template <typename Visit>
  void ReadPositions(Visit visit) {
    const uint64_t* const words = words_;
    const int low_bits = low_bits_;
    uint64_t low_at = low_at_;
    uint64_t high_at = high_at_;
    uint32_t high = high_;
    uint32_t remaining = remaining_;
    while (remaining > 0) {
      --remaining;
      uint64_t window = Peek(words, high_at);
      while (window == 0) {
        high += kPeekBits;
        high_at += kPeekBits;
        window = Peek(words, high_at);
      }
      const int zeros = __builtin_ctzll(window);
      high += static_cast<uint32_t>(zeros);
      high_at += static_cast<uint64_t>(zeros) + 1;
      const uint32_t position = (high << low_bits) | GetBits(words, low_at, low_bits);
      if (!visit(position)) break;
    }
    low_at_ = low_at;
    high_at_ = high_at;
    high_ = high;
    remaining_ = remaining;
  }

 private:
  const uint64_t* words_;
  uint64_t end_;
  const Skip* skips_;
  const Skip* skips_end_;
  const uint32_t* doc_lengths_;
  bool done_ = false;
  uint32_t doc_ = UINT32_MAX;
  uint32_t count_ = 0;
  uint64_t at_ = 0;         // after the current entry's header
  uint64_t entry_end_ = 0;  // where the next entry starts
  // The current entry's positions: where the next low bits and high unary are, how far up.
  int low_bits_ = 0;
  uint64_t low_at_ = 0;
  uint64_t high_at_ = 0;
  uint32_t high_ = 0;
  uint32_t remaining_ = 0;
};

// One pair of a phrase: its list and where in the phrase it starts.
struct PhraseIndex::PairCursor {
  Cursor cursor;
  uint32_t offset;
  uint32_t documents;  // in its whole list
};

int64_t PhraseIndex::CharacterNumber(char32_t codepoint) const {
  auto found = character_numbers_.find(codepoint);
  return found == character_numbers_.end() ? int64_t{-1} : int64_t{found->second};
}

uint32_t PhraseIndex::AddCharacter(char32_t codepoint) {
  auto [entry, added] =
      character_numbers_.try_emplace(codepoint, static_cast<uint32_t>(character_postings_.size()));
  if (added) {
    character_postings_.emplace_back();
    character_seen_.push_back(0);
    character_slot_.push_back(0);
  }
  return entry->second;
}

uint32_t PhraseIndex::AddPair(uint64_t key) {
  auto [entry, added] =
      pair_numbers_.try_emplace(key, static_cast<uint32_t>(pair_postings_.size()));
  if (added) {
    pair_postings_.emplace_back();
    pair_seen_.push_back(0);
    pair_slot_.push_back(0);
  }
  return entry->second;
}

uint32_t PhraseIndex::Add(std::string id, std::string_view utf8_text) {
  const uint32_t doc = size();
  std::u32string codepoints = DecodeUtf8(utf8_text);
  std::vector<uint32_t> characters(codepoints.size());
  for (size_t i = 0; i < codepoints.size(); ++i) characters[i] = AddCharacter(codepoints[i]);
  indexed_codepoints_ += static_cast<int64_t>(characters.size());
  doc_lengths_.push_back(static_cast<uint32_t>(characters.size()));
  AddCharacterCounts(doc, characters);
  AddPairPositions(doc, characters);
  auto [entry, added] = doc_by_id_.try_emplace(id, doc);
  if (!added) {
    if (retired_.empty()) retired_.resize(doc);
    retired_[entry->second] = true;
    ++retired_count_;
    entry->second = doc;
  }
  if (!retired_.empty()) retired_.push_back(false);
  ids_.push_back(std::move(id));
  return doc;
}

void PhraseIndex::DropRetired(DocCounts& hits) const {
  if (retired_count_ == 0) return;
  size_t kept = 0;
  for (size_t i = 0; i < hits.docs.size(); ++i) {
    if (retired_[hits.docs[i]]) continue;
    hits.docs[kept] = hits.docs[i];
    hits.counts[kept] = hits.counts[i];
    ++kept;
  }
  hits.docs.resize(kept);
  hits.counts.resize(kept);
}

void PhraseIndex::AddCharacterCounts(uint32_t doc, const std::vector<uint32_t>& characters) {
  std::vector<uint32_t> distinct;
  std::vector<uint32_t> counts;  // by slot
  for (uint32_t character : characters) {
    if (character_seen_[character] != doc + 1) {
      character_seen_[character] = doc + 1;
      character_slot_[character] = static_cast<uint32_t>(distinct.size());
      distinct.push_back(character);
      counts.push_back(0);
    }
    ++counts[character_slot_[character]];
  }
  for (size_t slot = 0; slot < distinct.size(); ++slot) {
    AppendDocument(character_postings_[distinct[slot]], doc, counts[slot]);
  }
}

void PhraseIndex::AppendDocument(Postings& postings, uint32_t doc, uint32_t count) {
  // Offsets are 32-bit: a list past 4 Gibit simply stops growing skips (and stays exact).
  if (postings.doc_count > 0 && postings.doc_count % kSkipInterval == 0 &&
      postings.bits <= UINT32_MAX) {
    postings.skips.push_back({postings.last_doc, static_cast<uint32_t>(postings.bits)});
  }
  BitAppender out(postings.words, postings.bits, 2 * BitAppender::kMostGamma);
  out.Gamma(postings.doc_count == 0 ? doc + 1 : doc - postings.last_doc);
  out.Gamma(count);
  postings.last_doc = doc;
  ++postings.doc_count;
}

void PhraseIndex::AppendPositions(Postings& postings, uint32_t universe, const uint32_t* positions,
                                  uint32_t count) {
  const int low_bits = LowBits(universe, count);
  const uint64_t high_bits = HighBits(universe, count, low_bits);
  BitAppender out(postings.words, postings.bits,
                  uint64_t{count} * static_cast<uint64_t>(low_bits) + high_bits);
  for (uint32_t i = 0; i < count; ++i) out.Bits(positions[i], low_bits);
  uint64_t written = 0;
  uint32_t high = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t next = positions[i] >> low_bits;
    out.Zeros(next - high);
    out.Bits(1, 1);
    written += next - high + 1;
    high = next;
  }
  out.Zeros(high_bits - written);
}

// Groups the document's pair positions by pair with a counting sort over the distinct pairs
// (positions stay ascending), then appends each pair's block to its postings.
void PhraseIndex::AddPairPositions(uint32_t doc, const std::vector<uint32_t>& characters) {
  if (characters.size() < 2) return;
  const size_t pair_count = characters.size() - 1;
  std::vector<uint32_t> numbers(pair_count);
  std::vector<uint32_t> distinct;
  std::vector<uint32_t> slot_begin;
  for (size_t i = 0; i < pair_count; ++i) {
    uint32_t number = AddPair(PairKey(characters[i], characters[i + 1]));
    numbers[i] = number;
    if (pair_seen_[number] != doc + 1) {
      pair_seen_[number] = doc + 1;
      pair_slot_[number] = static_cast<uint32_t>(distinct.size());
      distinct.push_back(number);
      slot_begin.push_back(0);
    }
    ++slot_begin[pair_slot_[number]];
  }
  // Counts to start offsets.
  uint32_t offset = 0;
  for (uint32_t& begin : slot_begin) {
    uint32_t count = begin;
    begin = offset;
    offset += count;
  }
  std::vector<uint32_t> fill = slot_begin;
  std::vector<uint32_t> positions(pair_count);
  for (size_t i = 0; i < pair_count; ++i)
    positions[fill[pair_slot_[numbers[i]]]++] = static_cast<uint32_t>(i);
  for (size_t slot = 0; slot < distinct.size(); ++slot) {
    Postings& postings = pair_postings_[distinct[slot]];
    const uint32_t count = fill[slot] - slot_begin[slot];
    AppendDocument(postings, doc, count);
    AppendPositions(postings, static_cast<uint32_t>(pair_count), &positions[slot_begin[slot]],
                    count);
  }
}

int64_t PhraseIndex::Find(std::string_view id) const {
  auto found = doc_by_id_.find(std::string(id));
  return found == doc_by_id_.end() ? int64_t{-1} : int64_t{found->second};
}

DocCounts PhraseIndex::Match(std::string_view phrase) const {
  std::u32string codepoints = DecodeUtf8(phrase);
  if (codepoints.empty()) return {};
  DocCounts hits = codepoints.size() == 1 ? MatchCharacter(codepoints[0]) : MatchPhrase(codepoints);
  DropRetired(hits);
  return hits;
}

DocCounts PhraseIndex::MatchCharacter(char32_t codepoint) const {
  DocCounts hits;
  int64_t number = CharacterNumber(codepoint);
  if (number < 0) return hits;
  const Postings& postings = character_postings_[number];
  hits.docs.reserve(postings.doc_count);
  hits.counts.reserve(postings.doc_count);
  for (Cursor cursor(postings, nullptr); !cursor.done(); cursor.Next()) {
    hits.docs.push_back(cursor.doc());
    hits.counts.push_back(cursor.count());
  }
  return hits;
}

DocCounts PhraseIndex::MatchPhrase(const std::u32string& phrase) const {
  DocCounts hits;
  const uint32_t length = static_cast<uint32_t>(phrase.size());
  // The pairs starting at 0, 2, 4, ... and the last one cover every character of the phrase.
  std::vector<uint32_t> offsets;
  for (uint32_t offset = 0; offset + 1 < length; offset += 2) offsets.push_back(offset);
  if (offsets.back() != length - 2) offsets.push_back(length - 2);

  std::vector<PairCursor> cursors;
  for (uint32_t offset : offsets) {
    int64_t first = CharacterNumber(phrase[offset]);
    int64_t second = CharacterNumber(phrase[offset + 1]);
    if (first < 0 || second < 0) return hits;
    auto number = pair_numbers_.find(PairKey(first, second));
    if (number == pair_numbers_.end()) return hits;
    const Postings& postings = pair_postings_[number->second];
    cursors.push_back({Cursor(postings, doc_lengths_.data()), offset, postings.doc_count});
  }
  // The list with the fewest documents leads the leapfrog, so the others mostly jump.
  std::stable_sort(cursors.begin(), cursors.end(), [](const PairCursor& a, const PairCursor& b) {
    return a.documents < b.documents;
  });
  // A two-character phrase of different characters cannot overlap itself: its pair count is it.
  const bool counts_are_exact = length == 2 && phrase[0] != phrase[1];

  hits.docs.reserve(cursors[0].documents);
  hits.counts.reserve(cursors[0].documents);
  std::vector<uint32_t> starts;
  uint32_t candidate = 0;
  while (true) {
    // Leapfrog: move every cursor to the largest current document until they agree.
    bool aligned = false;
    while (!aligned) {
      aligned = true;
      for (PairCursor& pair : cursors) {
        pair.cursor.SkipTo(candidate);
        if (pair.cursor.done()) return hits;
        if (pair.cursor.doc() > candidate) {
          candidate = pair.cursor.doc();
          aligned = false;
        }
      }
    }
    uint32_t count =
        counts_are_exact ? cursors[0].cursor.count() : CountInDocument(cursors, length, starts);
    if (count > 0) {
      hits.docs.push_back(candidate);
      hits.counts.push_back(count);
    }
    ++candidate;
  }
}

// The phrase's non-overlapping occurrences in the document all cursors are on. The pair with the
// fewest positions here gives the candidate starts; each other pair keeps those with it at its
// offset, decoding only until the last candidate is passed.
uint32_t PhraseIndex::CountInDocument(std::vector<PairCursor>& cursors, uint32_t length,
                                      std::vector<uint32_t>& starts) {
  size_t lead = 0;
  for (size_t i = 1; i < cursors.size(); ++i) {
    if (cursors[i].cursor.count() < cursors[lead].cursor.count()) lead = i;
  }
  const uint32_t lead_offset = cursors[lead].offset;
  starts.resize(cursors[lead].cursor.count());
  uint32_t* const begin = starts.data();
  uint32_t* end = begin;
  cursors[lead].cursor.ReadPositions([&](uint32_t position) {
    if (position >= lead_offset) *end++ = position - lead_offset;
    return true;
  });
  for (size_t i = 0; i < cursors.size() && end != begin; ++i) {
    if (i == lead) continue;
    const uint32_t offset = cursors[i].offset;
    uint32_t* kept = begin;
    uint32_t* next = begin;
    cursors[i].cursor.ReadPositions([&](uint32_t position) {
      if (position < offset) return true;
      const uint32_t start = position - offset;
      while (next != end && *next < start) ++next;
      if (next != end && *next == start) *kept++ = *next++;
      return next != end;
    });
    end = kept;
  }
  starts.resize(static_cast<size_t>(end - begin));
  return CountNonOverlapping(starts, length);
}

SearchHits PhraseIndex::Search(const QueryNode& root) const {
  absl::flat_hash_map<std::string, DocCounts> matched;
  auto match = [&](const std::string& phrase) -> const DocCounts& {
    auto found = matched.find(phrase);
    if (found == matched.end()) found = matched.emplace(phrase, Match(phrase)).first;
    return found->second;
  };
  auto all_docs = [&] {
    std::vector<uint32_t> docs;
    docs.reserve(size() - retired_count_);
    for (uint32_t doc = 0; doc < size(); ++doc) {
      if (!retired(doc)) docs.push_back(doc);
    }
    return docs;
  };

  // The matching documents: AND intersects (subtracting NOT operands), OR unites.
  std::function<std::vector<uint32_t>(const QueryNode&)> evaluate =
      [&](const QueryNode& node) -> std::vector<uint32_t> {
    using Kind = QueryNode::Kind;
    switch (node.kind) {
      case Kind::kPhrase:
        return match(node.phrase).docs;
      case Kind::kNot:
        return Difference(all_docs(), evaluate(*node.children[0]));
      case Kind::kOr: {
        std::vector<uint32_t> docs;
        for (const auto& child : node.children) docs = Union(docs, evaluate(*child));
        return docs;
      }
      case Kind::kAnd: {
        std::vector<uint32_t> docs;
        bool started = false;
        for (const auto& child : node.children) {
          if (child->kind == Kind::kNot) continue;
          docs = started ? Intersect(docs, evaluate(*child)) : evaluate(*child);
          started = true;
        }
        if (!started) docs = all_docs();
        for (const auto& child : node.children) {
          if (child->kind == Kind::kNot) docs = Difference(docs, evaluate(*child->children[0]));
        }
        return docs;
      }
    }
    return {};
  };

  SearchHits hits;
  hits.docs = evaluate(root);
  hits.ranks.assign(hits.docs.size(), 0);
  for (const std::string& phrase : PositivePhrases(root)) {
    const DocCounts& counts = match(phrase);
    size_t k = 0;
    for (size_t i = 0; i < hits.docs.size(); ++i) {
      while (k < counts.docs.size() && counts.docs[k] < hits.docs[i]) ++k;
      if (k < counts.docs.size() && counts.docs[k] == hits.docs[i])
        hits.ranks[i] += counts.counts[k];
    }
  }
  return hits;
}

void PhraseIndex::Compact() {
  for (std::vector<Postings>* lists : {&character_postings_, &pair_postings_}) {
    for (Postings& postings : *lists) {
      postings.words.shrink_to_fit();
      postings.skips.shrink_to_fit();
    }
  }
  doc_lengths_.shrink_to_fit();
}

PhraseIndexStats PhraseIndex::Stats() const {
  PhraseIndexStats stats;
  stats.documents = size() - retired_count_;
  stats.retired_documents = retired_count_;
  stats.indexed_codepoints = indexed_codepoints_;
  stats.distinct_characters = static_cast<int64_t>(character_postings_.size());
  stats.distinct_pairs = static_cast<int64_t>(pair_postings_.size());
  for (const std::vector<Postings>* lists : {&character_postings_, &pair_postings_}) {
    for (const Postings& postings : *lists) {
      stats.posting_bytes += static_cast<int64_t>(postings.words.capacity() * sizeof(uint64_t) +
                                                  postings.skips.capacity() * sizeof(Skip));
    }
  }
  stats.posting_bytes += static_cast<int64_t>(doc_lengths_.capacity() * sizeof(uint32_t));
  return stats;
}

PhraseIndexBreakdown PhraseIndex::Breakdown() const {
  PhraseIndexBreakdown bytes;
  auto list_bytes = [&](const Postings& postings, int64_t& kind) {
    kind += static_cast<int64_t>(postings.bits / 8);
    bytes.slack +=
        static_cast<int64_t>(postings.words.capacity() * sizeof(uint64_t) - postings.bits / 8);
    bytes.skips += static_cast<int64_t>(postings.skips.capacity() * sizeof(Skip));
  };
  for (const Postings& postings : character_postings_) list_bytes(postings, bytes.character_lists);
  for (const Postings& postings : pair_postings_) {
    list_bytes(postings, bytes.pair_headers);
    uint64_t position_bits = 0;
    for (Cursor cursor(postings, doc_lengths_.data()); !cursor.done(); cursor.Next()) {
      position_bits += cursor.position_bits();
    }
    bytes.pair_headers -= static_cast<int64_t>(position_bits / 8);
    bytes.pair_positions += static_cast<int64_t>(position_bits / 8);
  }
  bytes.documents = static_cast<int64_t>(
      ids_.capacity() * sizeof(std::string) + doc_by_id_.capacity() * (sizeof(std::string) + 5) +
      retired_.capacity() / 8 + doc_lengths_.capacity() * sizeof(uint32_t));
  for (const std::string& id : ids_) {
    if (id.capacity() > 15)
      bytes.documents += static_cast<int64_t>(id.capacity() + 1);  // beyond SSO
  }
  for (const auto& [id, doc] : doc_by_id_) {
    if (id.capacity() > 15) bytes.documents += static_cast<int64_t>(id.capacity() + 1);
  }
  bytes.tables = static_cast<int64_t>(character_numbers_.capacity() * (sizeof(char32_t) + 5) +
                                      pair_numbers_.capacity() * (sizeof(uint64_t) + 5) +
                                      (character_postings_.capacity() + pair_postings_.capacity()) *
                                          sizeof(Postings) +
                                      (character_seen_.capacity() + character_slot_.capacity() +
                                       pair_seen_.capacity() + pair_slot_.capacity()) *
                                          sizeof(uint32_t));
  return bytes;
}

void PhraseIndex::SaveLists(SnapshotWriter& out, const std::vector<Postings>& lists) {
  out.U64(lists.size());
  for (const Postings& postings : lists) {
    out.Vector(postings.words);
    out.U64(postings.bits);
    out.Vector(postings.skips);
    out.U32(postings.last_doc);
    out.U32(postings.doc_count);
  }
}

std::vector<PhraseIndex::Postings> PhraseIndex::LoadLists(SnapshotReader& in) {
  const uint64_t count = in.U64();
  std::vector<Postings> lists;
  for (uint64_t i = 0; i < count; ++i) {
    Postings postings;
    postings.words = in.Vector<uint64_t>();
    postings.bits = in.U64();
    postings.skips = in.Vector<Skip>();
    postings.last_doc = in.U32();
    postings.doc_count = in.U32();
    if (postings.doc_count == 0 || postings.words.size() < postings.bits / 64 + 2) {
      in.Refuse("a posting list of the wrong size");
      break;
    }
    lists.push_back(std::move(postings));
  }
  return lists;
}

// Numbers are positions in the saved arrays: characters and pairs in the order first seen.
void PhraseIndex::Save(SnapshotWriter& out) const {
  out.U32(kCoding);
  out.U64(ids_.size());
  for (const std::string& id : ids_) out.String(id);
  std::vector<uint8_t> retired(retired_.begin(), retired_.end());
  out.Vector(retired);
  out.U64(static_cast<uint64_t>(indexed_codepoints_));
  out.Vector(doc_lengths_);
  std::vector<char32_t> characters(character_numbers_.size());
  for (const auto& [codepoint, number] : character_numbers_) characters[number] = codepoint;
  out.Vector(characters);
  SaveLists(out, character_postings_);
  std::vector<uint64_t> pairs(pair_numbers_.size());
  for (const auto& [key, number] : pair_numbers_) pairs[number] = key;
  out.Vector(pairs);
  SaveLists(out, pair_postings_);
}

absl::StatusOr<PhraseIndex> PhraseIndex::Load(SnapshotReader& in) {
  if (const uint32_t coding = in.U32(); in.status().ok() && coding != kCoding) {
    return absl::FailedPreconditionError(
        absl::StrCat("the snapshot's phrase index is coded in version ", coding,
                     ", this build reads version ", kCoding));
  }
  PhraseIndex index;
  const uint64_t documents = in.U64();
  for (uint64_t doc = 0; doc < documents && in.status().ok(); ++doc) {
    index.ids_.push_back(in.String());
  }
  std::vector<uint8_t> retired = in.Vector<uint8_t>();
  index.indexed_codepoints_ = static_cast<int64_t>(in.U64());
  index.doc_lengths_ = in.Vector<uint32_t>();
  std::vector<char32_t> characters = in.Vector<char32_t>();
  index.character_postings_ = LoadLists(in);
  std::vector<uint64_t> pairs = in.Vector<uint64_t>();
  index.pair_postings_ = LoadLists(in);
  if ((!retired.empty() && retired.size() != documents) || index.doc_lengths_.size() != documents) {
    in.Refuse("document marks or lengths do not match the documents");
  }
  if (characters.size() != index.character_postings_.size() ||
      pairs.size() != index.pair_postings_.size()) {
    in.Refuse("keys do not match the posting lists");
  }
  if (!in.status().ok()) return in.status();
  for (uint32_t doc = 0; doc < index.ids_.size(); ++doc) {
    const bool is_retired = !retired.empty() && retired[doc] != 0;
    if (is_retired) {
      ++index.retired_count_;
    } else {
      index.doc_by_id_[index.ids_[doc]] = doc;
    }
  }
  index.retired_.assign(retired.begin(), retired.end());
  for (uint32_t number = 0; number < characters.size(); ++number) {
    index.character_numbers_[characters[number]] = number;
  }
  for (uint32_t number = 0; number < pairs.size(); ++number)
    index.pair_numbers_[pairs[number]] = number;
  index.character_seen_.assign(characters.size(), 0);
  index.character_slot_.assign(characters.size(), 0);
  index.pair_seen_.assign(pairs.size(), 0);
  index.pair_slot_.assign(pairs.size(), 0);
  return index;
}

}  // namespace fazhi::query
