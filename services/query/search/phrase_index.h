// An in-memory positional index of report texts for exact phrase search in Chinese (no word
// segmentation): every document's character counts and the positions of every character pair.
// A phrase of any length is found by intersecting the positions of its pairs, so the answer is
// the exact set of documents containing it as a substring, with exact occurrence counts, without
// reading any text at query time.
//
//   PhraseIndex index;
//   index.Add("0a1b2c3d4e5f6a7b", "依法行政，依法治理");
//   DocCounts hits = index.Match("依法");   // hits.docs = {0}, hits.counts = {2}
//   SearchHits found = index.Search(*ParseSearchQuery("依法 -仲裁").value());
//
// Documents get dense numbers in the order they are added. Positions are code points into the
// text as given (the service indexes the normalized text, the same text snippets are cut from).
// Postings are bit streams: per document the Elias gamma codes of the document delta and the
// count (one bit each for a neighbouring document and for a single occurrence, the common cases),
// then a pair's positions Elias-Fano coded against the document's length, about
// log2(length / count) + 2 bits each, in a field whose size is known, so a reader that needs no
// positions steps over them at once. A skip entry every kSkipInterval documents lets a long list
// jump to the documents a rarer one names without decoding what lies between. About 2.15 bytes
// per code point of indexed text after Compact, everything included (docs/performance.md: the
// positions alone cost 1.5 and cannot go much below; the varint coding before took 3.3).
// A phrase is checked per document from its rarest pair there: its positions are the candidate
// starts, each other pair decodes only until the candidates are settled.
// Save and Load write and read the index through a snapshot file (snapshot_file.h).
// Not thread-safe: callers serialize Add against readers (see the query service's IndexedArchive).
#ifndef FAZHI_SERVICES_QUERY_SEARCH_PHRASE_INDEX_H_
#define FAZHI_SERVICES_QUERY_SEARCH_PHRASE_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/query/search/query_language.h"
#include "services/query/search/snapshot_file.h"

namespace fazhi::query {

// Documents in ascending order with the non-overlapping occurrences of a phrase in each.
struct DocCounts {
  std::vector<uint32_t> docs;
  std::vector<uint32_t> counts;
};

// The documents a query matches (ascending) and their rank: the summed non-overlapping
// occurrences of the query's positive phrases (those not under NOT).
struct SearchHits {
  std::vector<uint32_t> docs;
  std::vector<int64_t> ranks;
};

struct PhraseIndexStats {
  uint32_t documents = 0;          // live ones
  uint32_t retired_documents = 0;  // replaced by a newer text, still taking postings
  int64_t indexed_codepoints = 0;
  int64_t distinct_characters = 0;
  int64_t distinct_pairs = 0;
  int64_t posting_bytes = 0;  // encoded postings (capacity, not just size)
};

// Where the index's bytes go (PhraseIndex::Breakdown); capacities, not just sizes.
struct PhraseIndexBreakdown {
  int64_t character_lists = 0;  // document deltas and counts of every character
  int64_t pair_headers = 0;     // document deltas and counts of every pair
  int64_t pair_positions = 0;   // the pairs' positions in their documents
  int64_t skips = 0;            // skip entries of both kinds of lists
  int64_t slack = 0;            // words past a list's last bit (its read padding, growth room)
  int64_t documents = 0;        // ids, the id table, retired marks, lengths
  int64_t tables = 0;           // character and pair tables, list headers, Add's scratch
};

class PhraseIndex final {
 public:
  // Adds a document and returns its number. A document with the same id (a text read again
  // from its original) is replaced: its old number is retired, matching nothing from now on, and
  // the id names the new one. A retired document's postings stay until the index is rebuilt.
  uint32_t Add(std::string id, std::string_view utf8_text);

  // The number of a document by id, or -1.
  int64_t Find(std::string_view id) const;
  const std::string& id(uint32_t doc) const { return ids_[doc]; }
  // Document numbers given out, retired ones included: numbers are below size().
  uint32_t size() const { return static_cast<uint32_t>(ids_.size()); }
  bool retired(uint32_t doc) const { return !retired_.empty() && retired_[doc]; }

  // Every document containing `phrase` (UTF-8, non-empty) as a substring.
  DocCounts Match(std::string_view phrase) const;

  // Every document the query matches, ranked by its positive phrases' occurrences.
  SearchHits Search(const QueryNode& root) const;

  // Gives back the slack of the growing posting buffers (after a bulk load).
  void Compact();

  PhraseIndexStats Stats() const;
  // Decodes every list to say what its bytes hold (slow: for benchmarks and sizing).
  PhraseIndexBreakdown Breakdown() const;

  // Writes the whole index into a snapshot; Load reads one back, answering exactly as the saved
  // index did. What Load returns is to be used only once in.Finish() is OK (the checksum).
  // Load refuses (FAILED_PRECONDITION) an index saved with another kCoding.
  void Save(SnapshotWriter& out) const;
  static absl::StatusOr<PhraseIndex> Load(SnapshotReader& in);
  // The posting coding's version: raised whenever what Save writes changes.
  static constexpr uint32_t kCoding = 2;

 private:
  // Where the entry of every kSkipInterval-th document of a list starts, and the document
  // before it (its delta's base).
  struct Skip {
    uint32_t doc_before = 0;
    uint32_t offset = 0;
  };
  // Per document: Elias gamma of the document delta (from -1) and of the count; in a pair list
  // then the positions, Elias-Fano coded in the document's length (see phrase_index.cc).
  struct Postings {
    std::vector<uint64_t> words;  // the bits, and one zero word after them
    uint64_t bits = 0;
    std::vector<Skip> skips;  // offsets in bits
    uint32_t last_doc = 0;
    uint32_t doc_count = 0;
  };
  static constexpr uint32_t kSkipInterval = 64;
  static void SaveLists(SnapshotWriter& out, const std::vector<Postings>& lists);
  static std::vector<Postings> LoadLists(SnapshotReader& in);
  class Cursor;
  struct PairCursor;

  // Dense number of a character, assigned on first sight; -1 for one never indexed.
  int64_t CharacterNumber(char32_t codepoint) const;
  uint32_t AddCharacter(char32_t codepoint);
  uint32_t AddPair(uint64_t key);
  void AddCharacterCounts(uint32_t doc, const std::vector<uint32_t>& characters);
  void AddPairPositions(uint32_t doc, const std::vector<uint32_t>& characters);
  // Starts a document's entry (doc delta, count) in `postings`; positions follow.
  static void AppendDocument(Postings& postings, uint32_t doc, uint32_t count);
  // Appends a pair's ascending positions in a document of `universe` pairs.
  static void AppendPositions(Postings& postings, uint32_t universe, const uint32_t* positions,
                              uint32_t count);
  static uint64_t PairKey(uint32_t first, uint32_t second) {
    return (static_cast<uint64_t>(first) << 32) | second;
  }

  DocCounts MatchCharacter(char32_t codepoint) const;
  DocCounts MatchPhrase(const std::u32string& phrase) const;
  static uint32_t CountInDocument(std::vector<PairCursor>& cursors, uint32_t length,
                                  std::vector<uint32_t>& starts);

  // Drops retired documents (and their counts) from `hits`.
  void DropRetired(DocCounts& hits) const;

  std::vector<std::string> ids_;
  absl::flat_hash_map<std::string, uint32_t> doc_by_id_;
  std::vector<bool> retired_;  // by document number; empty until a document is replaced
  uint32_t retired_count_ = 0;
  absl::flat_hash_map<char32_t, uint32_t> character_numbers_;
  std::vector<Postings> character_postings_;  // by character number: doc delta, count
  absl::flat_hash_map<uint64_t, uint32_t> pair_numbers_;
  std::vector<Postings> pair_postings_;  // by pair number: doc delta, count, positions
  // Scratch for Add: per character or pair number, the last document it was seen in (+1) and
  // its slot among that document's distinct ones.
  std::vector<uint32_t> character_seen_, character_slot_, pair_seen_, pair_slot_;
  int64_t indexed_codepoints_ = 0;
  std::vector<uint32_t> doc_lengths_;  // code points by document: the positions' coding needs them
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SEARCH_PHRASE_INDEX_H_
