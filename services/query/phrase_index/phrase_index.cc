#include "services/query/phrase_index/phrase_index.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <iterator>
#include <utility>

#include "common/text/utf8.h"

namespace fazhi::query {
namespace {

void AppendVarint(std::vector<uint8_t>& out, uint32_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<uint8_t>(value) | 0x80);
    value >>= 7;
  }
  out.push_back(static_cast<uint8_t>(value));
}

uint32_t ReadVarint(const uint8_t*& in) {
  uint32_t byte = *in++;
  if (byte < 0x80) return byte;  // most position deltas fit one byte
  uint32_t value = byte & 0x7f;
  int shift = 7;
  do {
    byte = *in++;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
}

// Steps over `count` varints without decoding them: every varint ends in the one byte of it whose
// top bit is clear, so eight bytes at a time are counted while they end fewer than are left.
const uint8_t* SkipVarints(const uint8_t* in, const uint8_t* end, uint32_t count) {
  constexpr uint64_t kTopBits = 0x8080808080808080ull;
  while (count > 8 && end - in >= 8) {
    uint64_t word;
    std::memcpy(&word, in, sizeof(word));
    // The clear top bits, moved to the bytes' low bits and summed by one multiplication.
    uint32_t ends = static_cast<uint32_t>((((~word & kTopBits) >> 7) * 0x0101010101010101ull) >> 56);
    if (ends >= count) break;
    count -= ends;
    in += 8;
  }
  for (; count > 0; --count) {
    while (*in++ & 0x80) {
    }
  }
  return in;
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
// decoded one at a time when asked for, and whatever is left of them is stepped over.
class PhraseIndex::Cursor final {
 public:
  Cursor(const Postings& postings, bool has_positions)
      : data_(postings.bytes.data()),
        next_(data_),
        end_(data_ + postings.bytes.size()),
        skips_(postings.skips.data()),
        skips_end_(skips_ + postings.skips.size()),
        has_positions_(has_positions) {
    Next();
  }

  bool done() const { return done_; }
  uint32_t doc() const { return doc_; }
  uint32_t count() const { return count_; }

  void Next() {
    next_ = SkipVarints(next_, end_, remaining_);
    if (next_ == end_) {
      done_ = true;
      return;
    }
    const uint32_t head = ReadVarint(next_);
    doc_ += head >> 1;
    count_ = (head & 1) != 0 ? 1 : ReadVarint(next_) + 2;
    remaining_ = has_positions_ ? count_ : 0;
    position_ = 0;
  }

  // Moves to the first document >= target.
  void SkipTo(uint32_t target) {
    if (done_ || doc_ >= target) return;
    // The last entry whose block starts after a document < target: nothing between is listed.
    const Skip* jump = nullptr;
    while (skips_ != skips_end_ && skips_->doc_before < target) jump = skips_++;
    if (jump != nullptr && data_ + jump->offset > next_) {
      next_ = data_ + jump->offset;
      doc_ = jump->doc_before;
      remaining_ = 0;
      Next();
    }
    while (!done_ && doc_ < target) Next();
  }

  // Calls visit(position) on the current document's positions not yet read, ascending, until it
  // returns false; the rest are stepped over by Next. (Locals, so the loop runs in registers.)
  template <typename Visit>
  void ReadPositions(Visit visit) {
    const uint8_t* next = next_;
    uint32_t position = position_;
    uint32_t remaining = remaining_;
    while (remaining > 0) {
      --remaining;
      position += ReadVarint(next);
      if (!visit(position)) break;
    }
    next_ = next;
    position_ = position;
    remaining_ = remaining;
  }

 private:
  const uint8_t* data_;
  const uint8_t* next_;
  const uint8_t* end_;
  const Skip* skips_;
  const Skip* skips_end_;
  bool has_positions_;
  bool done_ = false;
  uint32_t doc_ = 0;
  uint32_t count_ = 0;
  uint32_t remaining_ = 0;
  uint32_t position_ = 0;
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
  auto [entry, added] = pair_numbers_.try_emplace(key, static_cast<uint32_t>(pair_postings_.size()));
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
  // Offsets are 32-bit: a list past 4 GiB simply stops growing skips (and stays exact).
  if (postings.doc_count > 0 && postings.doc_count % kSkipInterval == 0 &&
      postings.bytes.size() <= UINT32_MAX) {
    postings.skips.push_back({postings.last_doc, static_cast<uint32_t>(postings.bytes.size())});
  }
  // Most pairs occur once in a document (three entries in four): that count is the delta's low bit.
  AppendVarint(postings.bytes, (doc - postings.last_doc) << 1 | (count == 1 ? 1u : 0u));
  if (count != 1) AppendVarint(postings.bytes, count - 2);
  postings.last_doc = doc;
  ++postings.doc_count;
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
  for (size_t i = 0; i < pair_count; ++i) positions[fill[pair_slot_[numbers[i]]]++] = static_cast<uint32_t>(i);
  for (size_t slot = 0; slot < distinct.size(); ++slot) {
    Postings& postings = pair_postings_[distinct[slot]];
    AppendDocument(postings, doc, fill[slot] - slot_begin[slot]);
    uint32_t previous = 0;
    for (uint32_t k = slot_begin[slot]; k < fill[slot]; ++k) {
      AppendVarint(postings.bytes, positions[k] - previous);
      previous = positions[k];
    }
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
  for (Cursor cursor(postings, false); !cursor.done(); cursor.Next()) {
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
    cursors.push_back({Cursor(postings, true), offset, postings.doc_count});
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
    uint32_t count = counts_are_exact ? cursors[0].cursor.count()
                                      : CountInDocument(cursors, length, starts);
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

SearchHits PhraseIndex::Search(const search_index::QueryNode& root) const {
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
  std::function<std::vector<uint32_t>(const search_index::QueryNode&)> evaluate =
      [&](const search_index::QueryNode& node) -> std::vector<uint32_t> {
    using Kind = search_index::QueryNode::Kind;
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
  for (const std::string& phrase : search_index::PositivePhrases(root)) {
    const DocCounts& counts = match(phrase);
    size_t k = 0;
    for (size_t i = 0; i < hits.docs.size(); ++i) {
      while (k < counts.docs.size() && counts.docs[k] < hits.docs[i]) ++k;
      if (k < counts.docs.size() && counts.docs[k] == hits.docs[i]) hits.ranks[i] += counts.counts[k];
    }
  }
  return hits;
}

void PhraseIndex::Compact() {
  for (std::vector<Postings>* lists : {&character_postings_, &pair_postings_}) {
    for (Postings& postings : *lists) {
      postings.bytes.shrink_to_fit();
      postings.skips.shrink_to_fit();
    }
  }
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
      stats.posting_bytes += static_cast<int64_t>(postings.bytes.capacity() +
                                                  postings.skips.capacity() * sizeof(Skip));
    }
  }
  return stats;
}

void PhraseIndex::SaveLists(SnapshotWriter& out, const std::vector<Postings>& lists) {
  out.U64(lists.size());
  for (const Postings& postings : lists) {
    out.Vector(postings.bytes);
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
    postings.bytes = in.Vector<uint8_t>();
    postings.skips = in.Vector<Skip>();
    postings.last_doc = in.U32();
    postings.doc_count = in.U32();
    if (postings.bytes.empty() && postings.doc_count == 0) {  // a list is never empty
      in.Refuse("an empty posting list");
      break;
    }
    lists.push_back(std::move(postings));
  }
  return lists;
}

// Numbers are positions in the saved arrays: characters and pairs in the order first seen.
void PhraseIndex::Save(SnapshotWriter& out) const {
  out.U64(ids_.size());
  for (const std::string& id : ids_) out.String(id);
  std::vector<uint8_t> retired(retired_.begin(), retired_.end());
  out.Vector(retired);
  out.U64(static_cast<uint64_t>(indexed_codepoints_));
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
  PhraseIndex index;
  const uint64_t documents = in.U64();
  for (uint64_t doc = 0; doc < documents && in.status().ok(); ++doc) {
    index.ids_.push_back(in.String());
  }
  std::vector<uint8_t> retired = in.Vector<uint8_t>();
  index.indexed_codepoints_ = static_cast<int64_t>(in.U64());
  std::vector<char32_t> characters = in.Vector<char32_t>();
  index.character_postings_ = LoadLists(in);
  std::vector<uint64_t> pairs = in.Vector<uint64_t>();
  index.pair_postings_ = LoadLists(in);
  if (!retired.empty() && retired.size() != documents) in.Refuse("retired marks do not match the documents");
  if (characters.size() != index.character_postings_.size() || pairs.size() != index.pair_postings_.size()) {
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
  for (uint32_t number = 0; number < pairs.size(); ++number) index.pair_numbers_[pairs[number]] = number;
  index.character_seen_.assign(characters.size(), 0);
  index.character_slot_.assign(characters.size(), 0);
  index.pair_seen_.assign(pairs.size(), 0);
  index.pair_slot_.assign(pairs.size(), 0);
  return index;
}

}  // namespace fazhi::query
