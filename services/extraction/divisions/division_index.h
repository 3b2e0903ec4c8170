// The official list of administrative divisions (统计用区划代码), loaded from the four CSV files
// in data/divisions, with lookups by code, official name and short name, the parent chain, and a
// scan that finds every division name occurring in a text.
//
//   absl::StatusOr<DivisionIndex> index = DivisionIndex::LoadFromDirectory("data/divisions");
//   const Division* tongdao = index->FindByCode("431230");          // 通道侗族自治县
//   index->FindByShortName("通道县");                                // {通道侗族自治县}
//   index->FindByName("三河镇").size();                               // 9
//   for (const DivisionMention& m : index->FindMentions(text)) ...  // 海原县, 三河镇, 三河 ...
//   index->FindMentions(U"海原县三河镇")                              // the same, in code points
//   index->FindMentions(U"坪山新区")          // a former name: one hit, 坪山区, `former`
//   index->FindMentions(U"大鹏新区")          // a functional area: no hit, `area` set
//   index->NationalOrganLength(U"国务院关于…") // 3: an organ of the State Council begins it
//
// Placeholder prefectures (市辖区 and 县 under the province-level cities, 省直辖县级行政区划) are
// kept in the list but are skipped by `Ancestors`, and `PrefectureOf` a district of a
// province-level city is that city itself (北京市海淀区 -> prefecture 北京市), while a county
// directly under a province has no prefecture (仙桃市 -> none).
//
// Three optional files beside the list (data/divisions/README.md gives their sources) hold what
// the list does not: former names of divisions (坪山新区 -> 坪山区), functional areas that are no
// division (大鹏新区, inside 龙岗区), and the national organs that report for the whole country.
#ifndef FAZHI_SERVICES_EXTRACTION_DIVISIONS_DIVISION_INDEX_H_
#define FAZHI_SERVICES_EXTRACTION_DIVISIONS_DIVISION_INDEX_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/files/mapped_file.h"
#include "services/extraction/divisions/key_table.h"
#include "services/extraction/divisions/stored_array.h"
#include "services/extraction/prescan/prescan.h"

namespace fazhi::extraction {

enum class DivisionLevel : uint8_t { kProvince = 0, kPrefecture = 1, kCounty = 2, kTownship = 3 };

// "province", "prefecture", "county", "township".
std::string_view DivisionLevelName(DivisionLevel level);

// The code reports are filed under: 6 digits for county level and above (a prefecture's 4-digit
// and a province's 2-digit code padded with zeros: "3418" -> "341800", "51" -> "510000", as the
// gold annotations and most users write them), 9 for townships.
std::string ReportingCode(std::string_view code);

// Its code and name are views of the index's text (in its snapshot's mapping, or copied from the
// CSV lists): valid as long as the index. Copied into strings of their own, 45,000 divisions'
// were the largest part of a start-up from the snapshot.
struct Division {
  std::string_view code;  // 2, 4, 6 or 9 digits
  std::string_view name;  // official name
  DivisionLevel level = DivisionLevel::kProvince;
  // Index of the parent in `DivisionIndex::divisions()`, -1 for provinces: always below the
  // division's own, as a parent is read before its children (LoadFromDirectory looks it up among
  // the rows already read).
  int32_t parent = -1;
  bool placeholder = false;  // 市辖区, 县, 省直辖县级行政区划: a grouping, not a place
};

// One name of a division: its official name, one of its short names, or a former name.
struct NameHit {
  int32_t division = 0;  // index into `DivisionIndex::divisions()`
  bool is_short = false;
  // The division's level, kept here: scans ask it of every hit (Reliable, and the resolver of
  // every bare name's places), where divisions() is a random read of a 45,000-entry table.
  DivisionLevel level = DivisionLevel::kProvince;
  // The name keeps this division's own type word: official and former names that end with a
  // suffix, and short forms such as 通道县 (通道侗族自治县) or 管城区 (管城回族区). Not 城镇 (short
  // for 城镇街道) nor 大市 (大市镇), which only end like a type.
  bool typed = false;
  bool former = false;  // a name the division had before (坪山新区 for 坪山区), not in the list

  // The official name (not a short or former one).
  bool Official() const { return !is_short && !former; }
  // A name that surely means this division: not a bare short name (隆阳) but an official or former
  // name, a typed short form (通道县) or a province's short name (广东).
  bool Reliable() const { return !is_short || typed || level == DivisionLevel::kProvince; }
};
static_assert(sizeof(NameHit) == 8);  // a mention's hits are read one after another: 8 to a word

// A functional area (新区, 开发区 ...) that the official list has no code for: a name that is no
// division, and the division it lies in (大鹏新区 in 龙岗区).
struct FunctionalArea {
  std::string name;
  int32_t within = 0;  // index into `DivisionIndex::divisions()`
};

// A division name found in a text: [begin, end) in bytes of UTF-8 text or in code points of
// decoded text (as the text was given), and every division that bears it.
// `typed` when the name ends with a type suffix or its generic form (通道县, 甘孜州; not 通道; see
// NameHit::typed for the same asked of each division). A functional area's name has its index in
// `functional_areas()` as `area` (and no hits, unless a short form such as 大鹏 is also a
// division's: 大鹏街道); `area_short` for such a short form. `any_official` and `any_reliable`:
// whether NameHit::Official or NameHit::Reliable holds for any of `hits` (kept per name: the
// resolver asks them of every mention, more than once).
struct DivisionMention {
  size_t begin = 0;
  size_t end = 0;
  std::span<const NameHit> hits;
  bool typed = false;
  bool any_official = false;
  bool any_reliable = false;
  int32_t area = -1;
  bool area_short = false;
};

class DivisionIndex final {
 public:
  static constexpr std::string_view kProvincesFile = "provinces.csv";
  static constexpr std::string_view kPrefecturesFile = "cities.csv";
  static constexpr std::string_view kCountiesFile = "areas.csv";
  static constexpr std::string_view kTownshipsFile = "streets.csv";
  // Optional: read when present.
  static constexpr std::string_view kFormerNamesFile = "former_names.csv";
  static constexpr std::string_view kFunctionalAreasFile = "functional_areas.csv";
  static constexpr std::string_view kNationalOrgansFile = "national_organs.csv";

  // Reads the four CSV files from `dir`, and the optional ones. NotFound names a missing file;
  // InvalidArgument names the file and line of a malformed row, an unknown parent code, a former
  // name whose code now bears another name, or a functional area the list has as a division.
  //
  // With `snapshot_file` (a file `Snapshot()` wrote: build/data/divisions.snapshot, made at build
  // time by fazhi-division-snapshot) made from these very files, the index is read from it instead
  // of being derived again: the file is mapped, and its large tables are used in place; a
  // missing, stale or damaged snapshot is passed over.
  static absl::StatusOr<DivisionIndex> LoadFromDirectory(std::string_view dir,
                                                         std::string_view snapshot_file = {});

  // The whole index as bytes for LoadFromDirectory's `snapshot_file`, marked with a fingerprint
  // of the files it was loaded from (division_snapshot.cc).
  std::string Snapshot() const;
  // Whether LoadFromDirectory read the index from its snapshot.
  bool from_snapshot() const { return from_snapshot_; }

  DivisionIndex(DivisionIndex&&) = default;
  DivisionIndex& operator=(DivisionIndex&&) = default;

  const std::vector<Division>& divisions() const { return divisions_; }
  const Division& at(int32_t index) const { return divisions_[index]; }

  // nullptr when no division has that code.
  const Division* FindByCode(std::string_view code) const;
  int32_t IndexOf(const Division& division) const;

  const std::vector<FunctionalArea>& functional_areas() const { return functional_areas_; }

  // The length in code points of the longest national organ name (国务院, 司法部, 中华人民共和国
  // 司法部) that `text` begins with; 0 for none.
  size_t NationalOrganLength(std::u32string_view text) const;

  // Divisions whose official name is `name` (三河镇: nine of them).
  std::vector<const Division*> FindByName(std::string_view name) const;
  // Divisions with `name` among their short names (甘孜州, 甘孜 -> 甘孜藏族自治州).
  std::vector<const Division*> FindByShortName(std::string_view name) const;
  // Every name (official and short) of every division bearing `name`.
  std::span<const NameHit> Lookup(std::string_view name) const;

  // The parent chain, nearest first, without placeholders: 三河镇 -> 海原县, 中卫市,
  // 宁夏回族自治区.
  std::vector<const Division*> Ancestors(const Division& division) const;
  // The same by index, each passed to `visit(index)` in turn: no vector for a caller that only
  // looks at each (the resolver, for every candidate it scores).
  template <typename Visit>
  void ForEachAncestor(int32_t division, Visit visit) const {
    for (int32_t p = divisions_[division].parent; p >= 0; p = divisions_[p].parent) {
      if (!divisions_[p].placeholder) visit(p);
    }
  }
  bool IsAncestor(const Division& ancestor, const Division& division) const {
    return IsAncestor(IndexOf(ancestor), IndexOf(division));
  }
  // The same by index. Inline: the resolver asks it of every place a name right before another
  // may stand for. Parents' indices fall along the chain, so the walk stops below `ancestor`: at
  // once for most places asked (a township asked of a county's or another township's places).
  bool IsAncestor(int32_t ancestor, int32_t division) const {
    int32_t p = divisions_[division].parent;
    while (p > ancestor) p = divisions_[p].parent;
    return p == ancestor && p >= 0;
  }

  // The province of a division (itself for a province).
  const Division& ProvinceOf(const Division& division) const;
  // The prefecture for output: the real one; the province-level city for its districts; nullptr
  // for provinces and for county-level units directly under a province.
  const Division* PrefectureOf(const Division& division) const;
  // The county of a township; nullptr otherwise.
  const Division* CountyOf(const Division& division) const;

  // Every occurrence of every name in `text` (overlapping and nested ones included: the names
  // `Lookup` knows, and functional areas'), in order of their beginning, longer first. One walk
  // down a code-point trie per position that may begin a name: linear in the text times the longest
  // name. Offsets in code points. With the extractor's `prescan` of `text` (marked by
  // MarkNameStarts), only the positions it marked kDivisionNameStart are looked at.
  std::vector<DivisionMention> FindMentions(std::u32string_view text,
                                            const Prescan* prescan = nullptr) const;
  // The same over UTF-8 (decoded first), offsets in bytes.
  std::vector<DivisionMention> FindMentions(std::string_view text) const;
  // Marks kDivisionNameStart on every character a name may begin with.
  void MarkNameStarts(PrescanTable& table) const;

 private:
  static constexpr int32_t kNoNode = -1;
  static constexpr char32_t kDirectFirst = 0x10000;  // first code points indexed by array
  static constexpr int kStartFilterBits = 20;        // 128 KiB; ~2% false hits at 24k pairs

  // One slot of the pair table: the trie node reached by two BMP characters (key: first << 16 |
  // second), or kNoNode for an empty slot, and a filter of that node's children's characters
  // (ChildBits, division_index.cc): a walk from it reads nothing but this slot unless a name goes
  // on, and nine walks in ten end there.
  struct PairSlot {
    uint32_t key = 0;
    int32_t node = kNoNode;
    uint64_t children = 0;
  };

  DivisionIndex() = default;
  // Nullopt unless `snapshot`'s bytes are a snapshot of files with this fingerprint. The index
  // keeps the mapping: its tables view it.
  static std::optional<DivisionIndex> FromSnapshot(MappedFile snapshot, uint64_t fingerprint);
  // Of the contents of every file LoadFromDirectory reads (or their absence).
  static uint64_t FilesFingerprint(std::string_view dir);
  // by_code_'s key of a code.
  static uint64_t CodeKey(std::string_view code);
  int32_t AddName(std::string_view name, int32_t division, bool is_short, bool typed, bool former);
  int32_t AddNameEntry(std::string_view name);
  // The id of a name, or kNoNode.
  int32_t FindNameId(std::string_view name) const;
  // Copies the divisions' codes and names into division_text_ and views them there.
  void KeepDivisionText();
  void BuildNameIndex();
  void FlattenHits();
  std::span<const NameHit> HitsOf(int32_t name) const {
    return std::span<const NameHit>(hits_.data() + name_hits_[name],
                                    name_hits_[name + 1] - name_hits_[name]);
  }
  absl::Status LoadExtras(std::string_view dir);
  int32_t Child(int32_t node, char32_t codepoint) const;
  int32_t AddChild(int32_t node, char32_t codepoint);
  // The name ending at `node`, or kNoNode.
  int32_t NameAt(int32_t node) const;
  static uint64_t EdgeKey(int32_t node, char32_t codepoint);
  static size_t StartFilterBit(char32_t first, char32_t second);
  void AddStart(std::string_view name);
  void BuildWalkTables();
  static uint32_t PairKey(char32_t first, char32_t second);
  const PairSlot& PairOf(char32_t first, char32_t second) const;
  bool MayBeginName(char32_t first, char32_t second) const;
  template <bool kInside>
  bool MayBeginNameAt(std::u32string_view text, size_t pos, const uint64_t* start_filter,
                      char32_t rare_from) const;
  template <bool kInside>
  uint64_t StartsInWord(std::u32string_view text, size_t word, uint64_t marked,
                        const uint64_t* start_filter, char32_t rare_from) const;
  char32_t RareFrom() const;
  void FindMentionsAt(std::u32string_view text, size_t pos,
                      std::vector<DivisionMention>& mentions) const;
  void Walk(std::u32string_view text, size_t begin, int32_t node, uint64_t children, size_t end,
            std::vector<DivisionMention>& mentions) const;

  uint64_t files_fingerprint_ = 0;  // FilesFingerprint of the directory loaded
  bool from_snapshot_ = false;
  MappedFile snapshot_;  // what the tables below view, when read from a snapshot
  // The divisions' codes and names, when read from the CSV lists: a vector, whose elements stay
  // where they are when the index moves (a string's short buffer would not).
  std::vector<char> division_text_;
  std::vector<Division> divisions_;
  KeyTable by_code_;  // key: CodeKey(code)
  // Every division bearing each name, name after name: name `id`'s are hits_[name_hits_[id],
  // name_hits_[id + 1]). One array, not a vector per name: 70,000 of those were allocated at
  // start-up and freed at exit. The trie below finds a name's id.
  StoredArray<NameHit> hits_;
  StoredArray<uint32_t> name_hits_;
  // While loading, until FlattenHits: name_hits_[id] counts name `id`'s hits, which wait here in
  // the order they come.
  std::vector<std::pair<int32_t, NameHit>> pending_hits_;
  // Per name, a byte of these: the scan reads it for every name found (one load for all four),
  // and the snapshot stores the bytes as they are. The hits' flags are set by FlattenHits.
  enum NameFlag : uint8_t {
    kNameTyped = 1,           // HasTypeSuffix
    kNameOfficialHit = 2,     // a hit is Official()
    kNameReliableHit = 4,     // a hit is Reliable()
    kNameFunctionalArea = 8,  // a functional area's name: area_names_ has it
  };
  StoredArray<uint8_t> name_flags_;
  // Functional areas' names: the area and whether the name is a short form.
  struct AreaName {
    int32_t area = -1;
    bool is_short = false;
  };
  absl::flat_hash_map<int32_t, AreaName> area_names_;
  std::vector<FunctionalArea> functional_areas_;
  std::vector<std::u32string> national_organs_;  // longest first
  // The trie: root edges for BMP code points in an array, the rest hashed by (node, code point),
  // each edge's slot with the first half of its child's filter (ChildBits: a payload is 32 bits).
  // A walk so reads one slot per character, where a node's name and a filter of all edges (256
  // KiB) were a cache miss each at every step. Once the index is built (BuildWalkTables), the
  // nodes are numbered names first: a node below name_flags_.size() is the name of that id, and
  // the root comes after them (root_); while it is built, node 0 is the root, and node_names_ says
  // which name ends at each node.
  StoredArray<int32_t> root_children_;
  KeyTable edges_;
  int32_t root_ = 0;
  std::vector<int32_t> node_names_;  // while building only
  // Where a walk may find a name: one bit per BMP character that is a whole name, and one per
  // hashed pair of first two characters of a longer one. Most positions of a report fail both.
  // The scan asks every position without a branch, so the lookups overlap: a start filter the
  // size of L2 (fewer false hits) costs less than one in L1.
  StoredArray<uint64_t> one_char_names_;
  bool has_one_char_names_ = false;  // the official list has none: the table is then not read
  // One bit per BMP character that begins a longer name (8 KiB, exact): asked of the positions
  // that pass the start filter, before the pair table.
  StoredArray<uint64_t> first_chars_;
  // Every BMP character's role in the prescan's pair rule (pair_roles.h): the first characters of
  // the pair table's pairs sorted into classes, and per second character the classes of the first
  // characters it follows. Made with the pair table: the prescan copies these 64 KiB at every
  // start-up rather than sort the pair table's (512 KiB) again.
  StoredArray<uint8_t> pair_roles_;
  StoredArray<uint64_t> start_filter_;
  // The node two BMP characters lead to, for every name of two or more: a position that passes
  // the start filter costs one probe here (usually one cache line) instead of the root array and
  // the edge hash, two cache misses.
  StoredArray<PairSlot> pair_slots_;
  int pair_shift_ = 32;
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_DIVISIONS_DIVISION_INDEX_H_
