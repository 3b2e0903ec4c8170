#include "services/query/phrase_index/phrase_index.h"

#include <algorithm>
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
  uint32_t value = *in & 0x7f;
  int shift = 7;
  while (*in++ & 0x80) {
    value |= static_cast<uint32_t>(*in & 0x7f) << shift;
    shift += 7;
  }
  return value;
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

// Walks one posting list document by document; positions are decoded only when asked for.
class PhraseIndex::Cursor final {
 public:
  Cursor(const Postings& postings, bool has_positions)
      : next_(postings.bytes.data()),
        end_(postings.bytes.data() + postings.bytes.size()),
        has_positions_(has_positions) {
    Next();
  }

  bool done() const { return done_; }
  uint32_t doc() const { return doc_; }
  uint32_t count() const { return count_; }

  void Next() {
    if (positions_pending_) {
      for (uint32_t i = 0; i < count_; ++i) ReadVarint(next_);
    }
    if (next_ == end_) {
      done_ = true;
      return;
    }
    doc_ += ReadVarint(next_);
    count_ = ReadVarint(next_);
    positions_pending_ = has_positions_;
  }

  void SkipTo(uint32_t target) {
    while (!done_ && doc_ < target) Next();
  }

  // The current document's positions, ascending (once per document).
  void ReadPositions(std::vector<uint32_t>& out) {
    out.clear();
    uint32_t position = 0;
    for (uint32_t i = 0; i < count_; ++i) {
      position += ReadVarint(next_);
      out.push_back(position);
    }
    positions_pending_ = false;
  }

 private:
  const uint8_t* next_;
  const uint8_t* end_;
  bool has_positions_;
  bool positions_pending_ = false;
  bool done_ = false;
  uint32_t doc_ = 0;
  uint32_t count_ = 0;
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
  doc_by_id_.emplace(id, doc);
  ids_.push_back(std::move(id));
  return doc;
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
    Postings& postings = character_postings_[distinct[slot]];
    AppendVarint(postings.bytes, doc - postings.last_doc);
    AppendVarint(postings.bytes, counts[slot]);
    postings.last_doc = doc;
    ++postings.doc_count;
  }
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
    AppendVarint(postings.bytes, doc - postings.last_doc);
    AppendVarint(postings.bytes, fill[slot] - slot_begin[slot]);
    uint32_t previous = 0;
    for (uint32_t k = slot_begin[slot]; k < fill[slot]; ++k) {
      AppendVarint(postings.bytes, positions[k] - previous);
      previous = positions[k];
    }
    postings.last_doc = doc;
    ++postings.doc_count;
  }
}

int64_t PhraseIndex::Find(std::string_view id) const {
  auto found = doc_by_id_.find(std::string(id));
  return found == doc_by_id_.end() ? int64_t{-1} : int64_t{found->second};
}

DocCounts PhraseIndex::Match(std::string_view phrase) const {
  std::u32string codepoints = DecodeUtf8(phrase);
  if (codepoints.empty()) return {};
  if (codepoints.size() == 1) return MatchCharacter(codepoints[0]);
  return MatchPhrase(codepoints);
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

  std::vector<Cursor> cursors;
  for (uint32_t offset : offsets) {
    int64_t first = CharacterNumber(phrase[offset]);
    int64_t second = CharacterNumber(phrase[offset + 1]);
    if (first < 0 || second < 0) return hits;
    auto number = pair_numbers_.find(PairKey(first, second));
    if (number == pair_numbers_.end()) return hits;
    cursors.emplace_back(pair_postings_[number->second], true);
  }
  // A two-character phrase of different characters cannot overlap itself: its pair count is it.
  const bool counts_are_exact = length == 2 && phrase[0] != phrase[1];

  std::vector<std::vector<uint32_t>> positions(cursors.size());
  std::vector<uint32_t> starts;
  std::vector<size_t> next;
  uint32_t candidate = 0;
  while (true) {
    // Leapfrog: move every cursor to the largest current document until they agree.
    bool aligned = false;
    while (!aligned) {
      aligned = true;
      for (Cursor& cursor : cursors) {
        cursor.SkipTo(candidate);
        if (cursor.done()) return hits;
        if (cursor.doc() > candidate) {
          candidate = cursor.doc();
          aligned = false;
        }
      }
    }
    uint32_t count = 0;
    if (counts_are_exact) {
      count = cursors[0].count();
    } else {
      for (size_t i = 0; i < cursors.size(); ++i) cursors[i].ReadPositions(positions[i]);
      // Phrase starts: a position of the first pair with every other pair at its offset.
      starts.clear();
      next.assign(cursors.size(), 0);
      for (uint32_t start : positions[0]) {
        bool all = true;
        for (size_t i = 1; i < cursors.size() && all; ++i) {
          const std::vector<uint32_t>& list = positions[i];
          uint32_t wanted = start + offsets[i];
          while (next[i] < list.size() && list[next[i]] < wanted) ++next[i];
          all = next[i] < list.size() && list[next[i]] == wanted;
        }
        if (all) starts.push_back(start);
      }
      count = CountNonOverlapping(starts, length);
    }
    if (count > 0) {
      hits.docs.push_back(candidate);
      hits.counts.push_back(count);
    }
    ++candidate;
  }
}

SearchHits PhraseIndex::Search(const search_index::QueryNode& root) const {
  absl::flat_hash_map<std::string, DocCounts> matched;
  auto match = [&](const std::string& phrase) -> const DocCounts& {
    auto found = matched.find(phrase);
    if (found == matched.end()) found = matched.emplace(phrase, Match(phrase)).first;
    return found->second;
  };
  auto all_docs = [&] {
    std::vector<uint32_t> docs(size());
    for (uint32_t doc = 0; doc < size(); ++doc) docs[doc] = doc;
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
  for (Postings& postings : character_postings_) postings.bytes.shrink_to_fit();
  for (Postings& postings : pair_postings_) postings.bytes.shrink_to_fit();
}

PhraseIndexStats PhraseIndex::Stats() const {
  PhraseIndexStats stats;
  stats.documents = size();
  stats.indexed_codepoints = indexed_codepoints_;
  stats.distinct_characters = static_cast<int64_t>(character_postings_.size());
  stats.distinct_pairs = static_cast<int64_t>(pair_postings_.size());
  for (const Postings& postings : character_postings_) stats.posting_bytes += postings.bytes.capacity();
  for (const Postings& postings : pair_postings_) stats.posting_bytes += postings.bytes.capacity();
  return stats;
}

}  // namespace fazhi::query
