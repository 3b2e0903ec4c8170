#include "services/extraction/divisions/division_index.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <filesystem>
#include <functional>

#include "absl/status/status.h"
#include "common/text/code_points.h"
#include "common/text/utf8.h"
#include "services/extraction/divisions/division_names.h"
#include "services/extraction/divisions/pair_roles.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;
using text::ScanFrom;

// Column layout of one CSV file: which column holds the parent's code (-1: none).
struct CsvFile {
  std::string_view file;
  DivisionLevel level;
  size_t code_digits;
  int parent_column;
};

constexpr CsvFile kFiles[] = {
    {DivisionIndex::kProvincesFile, DivisionLevel::kProvince, 2, -1},
    {DivisionIndex::kPrefecturesFile, DivisionLevel::kPrefecture, 4, 2},
    {DivisionIndex::kCountiesFile, DivisionLevel::kCounty, 6, 2},
    {DivisionIndex::kTownshipsFile, DivisionLevel::kTownship, 9, 2},
};

// Splits one CSV line into `fields` (reused from line to line: the list has 45,000 lines); fields
// may be quoted ("name") and hold no quotes or commas themselves.
void SplitCsvLine(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    std::string_view field =
        line.substr(start, comma == std::string_view::npos ? line.npos : comma - start);
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
      field = field.substr(1, field.size() - 2);
    fields.push_back(field);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A file's bytes, mapped: read into a buffer, the snapshot and the lists its fingerprint hashes
// were 9 MB copied into fresh pages at every start-up.
absl::StatusOr<MappedFile> ReadFile(const std::string& path) {
  absl::StatusOr<MappedFile> file = MappedFile::Open(path);
  if (!file.ok()) {
    return absl::Status(file.status().code(), "divisions: " + std::string(file.status().message()));
  }
  return file;
}

// Not for security: it tells the files a snapshot was made from from edited ones. Four words a
// step, each into a lane of its own: the lanes' multiplications do not wait on each other, where
// one chain of them was most of the cost of hashing the list (1.7 MB) at every start-up.
uint64_t HashBytes(uint64_t hash, std::string_view bytes) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
  const auto mix = [](uint64_t& lane, uint64_t word) {
    lane = std::rotl((lane ^ word) * kMultiplier, 31);
  };
  const auto word_at = [&](size_t at) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + at, 8);
    return word;
  };
  uint64_t a = hash, b = hash + 1, c = hash + 2, d = hash + 3;
  size_t i = 0;
  for (; i + 32 <= bytes.size(); i += 32) {
    mix(a, word_at(i));
    mix(b, word_at(i + 8));
    mix(c, word_at(i + 16));
    mix(d, word_at(i + 24));
  }
  for (; i + 8 <= bytes.size(); i += 8) mix(a, word_at(i));
  uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  mix(a, tail);
  mix(a, b);
  mix(a, c);
  mix(a, d);
  mix(a, bytes.size());
  return a;
}

}  // namespace

uint64_t DivisionIndex::FilesFingerprint(std::string_view dir) {
  uint64_t hash = 0;
  for (const std::string_view file :
       {kProvincesFile, kPrefecturesFile, kCountiesFile, kTownshipsFile, kFormerNamesFile,
        kFunctionalAreasFile, kNationalOrgansFile}) {
    absl::StatusOr<MappedFile> contents =
        MappedFile::Open(std::string(dir) + "/" + std::string(file));
    hash = HashBytes(hash, file);
    hash = contents.ok() ? HashBytes(hash, contents->bytes()) : HashBytes(hash, "(absent)");
  }
  return hash;
}

// A code as a number, with its length (leading zeros count: "0100" is not "100"); 0 for what is
// no code. Cheaper to hash than the string, and held without an allocation.
uint64_t DivisionIndex::CodeKey(std::string_view code) {
  if (code.empty() || code.size() > 18) return 0;
  uint64_t value = 0;
  for (const char c : code) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value * 32 + code.size();
}

std::string ReportingCode(std::string_view code) {
  std::string padded(code);
  if (padded.size() < 6) padded.append(6 - padded.size(), '0');
  return padded;
}

std::string_view DivisionLevelName(DivisionLevel level) {
  switch (level) {
    case DivisionLevel::kProvince:
      return "province";
    case DivisionLevel::kPrefecture:
      return "prefecture";
    case DivisionLevel::kCounty:
      return "county";
    case DivisionLevel::kTownship:
      return "township";
  }
  return "";
}

absl::StatusOr<DivisionIndex> DivisionIndex::LoadFromDirectory(std::string_view dir,
                                                               std::string_view snapshot_file) {
  const uint64_t fingerprint = FilesFingerprint(dir);
  if (!snapshot_file.empty()) {
    if (absl::StatusOr<MappedFile> snapshot = MappedFile::Open(std::string(snapshot_file));
        snapshot.ok()) {
      if (std::optional<DivisionIndex> index = FromSnapshot(*std::move(snapshot), fingerprint)) {
        return std::move(*index);
      }
    }
  }
  DivisionIndex index;
  index.files_fingerprint_ = fingerprint;
  std::vector<MappedFile> lists;
  index.divisions_.reserve(45000);
  index.by_code_.Reserve(45000);
  for (const CsvFile& file : kFiles) {
    std::string path = std::string(dir) + "/" + std::string(file.file);
    absl::StatusOr<MappedFile> contents = ReadFile(path);
    if (!contents.ok()) return contents.status();
    std::string_view rest = contents->bytes();
    int line_number = 0;
    std::vector<std::string_view> fields;
    while (!rest.empty()) {
      size_t newline = rest.find('\n');
      std::string_view line = rest.substr(0, newline);
      rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
      ++line_number;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line_number == 1 || line.empty()) continue;  // header
      SplitCsvLine(line, fields);
      auto bad = [&](const std::string& why) {
        return absl::InvalidArgumentError("divisions: " + path + ":" + std::to_string(line_number) +
                                          ": " + why);
      };
      if (fields.size() < 2 ||
          (file.parent_column >= 0 && fields.size() <= size_t(file.parent_column))) {
        return bad("too few columns");
      }
      if (!IsDigits(fields[0]) || fields[0].size() != file.code_digits) {
        return bad("code '" + std::string(fields[0]) + "' is not " +
                   std::to_string(file.code_digits) + " digits");
      }
      if (fields[1].empty()) return bad("empty name");
      Division division{fields[0], fields[1], file.level, -1, false};
      if (file.parent_column >= 0) {
        const int32_t parent = index.by_code_.Find(CodeKey(fields[file.parent_column]));
        if (parent == KeyTable::kAbsent) {
          return bad("unknown parent code '" + std::string(fields[file.parent_column]) + "'");
        }
        division.parent = parent;
      }
      division.placeholder =
          file.level == DivisionLevel::kPrefecture && IsPlaceholderPrefecture(division.name);
      const auto at = static_cast<int32_t>(index.divisions_.size());
      if (index.by_code_.Insert(CodeKey(division.code), at) != at) {
        return bad("duplicate code '" + std::string(division.code) + "'");
      }
      index.divisions_.push_back(division);
    }
    lists.push_back(*std::move(contents));  // divisions_ views it until KeepDivisionText
  }
  index.KeepDivisionText();
  index.BuildNameIndex();
  if (absl::Status extras = index.LoadExtras(dir); !extras.ok()) return extras;
  index.FlattenHits();
  index.BuildWalkTables();
  return index;
}

// Not left viewing the lists' mappings: a list edited in place (refresh.sh) would change or cut
// short the names of a running index read from it.
void DivisionIndex::KeepDivisionText() {
  size_t size = 0;
  for (const Division& d : divisions_) size += d.code.size() + d.name.size();
  division_text_.reserve(size);  // no reallocation below: the views stay valid
  const auto keep = [this](std::string_view text) {
    const size_t at = division_text_.size();
    division_text_.insert(division_text_.end(), text.begin(), text.end());
    return std::string_view(division_text_.data() + at, text.size());
  };
  for (Division& d : divisions_) {
    d.code = keep(d.code);
    d.name = keep(d.name);
  }
}

// The optional files: rows of `columns` fields or more, header first. `row` gets the fields and a
// function making an error that names the file and line.
namespace {

using BadRow = std::function<absl::Status(const std::string&)>;

absl::Status ForEachRow(
    std::string_view dir, std::string_view file, size_t columns,
    const std::function<absl::Status(const std::vector<std::string_view>&, const BadRow&)>& row) {
  const std::string path = std::string(dir) + "/" + std::string(file);
  if (!std::filesystem::exists(path)) return absl::OkStatus();
  absl::StatusOr<MappedFile> contents = ReadFile(path);
  if (!contents.ok()) return contents.status();
  std::string_view rest = contents->bytes();
  std::vector<std::string_view> fields;
  for (int line_number = 1; !rest.empty(); ++line_number) {
    const size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line_number == 1 || line.empty()) continue;  // header
    const BadRow bad = [&](const std::string& why) {
      return absl::InvalidArgumentError("divisions: " + path + ":" + std::to_string(line_number) +
                                        ": " + why);
    };
    SplitCsvLine(line, fields);
    if (fields.size() < columns) return bad("too few columns");
    if (absl::Status status = row(fields, bad); !status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace

// A division named by code and by its name now, as the rows of the optional files give it.
absl::Status DivisionIndex::LoadExtras(std::string_view dir) {
  auto division_of = [&](std::string_view code, std::string_view name,
                         const BadRow& bad) -> absl::StatusOr<int32_t> {
    const Division* division = FindByCode(code);
    if (division == nullptr) return bad("unknown code '" + std::string(code) + "'");
    if (division->name != name) {
      return bad("code " + std::string(code) + " is '" + std::string(division->name) +
                 "' in the list, not '" + std::string(name) + "'");
    }
    return IndexOf(*division);
  };
  // name,code,name_now,changed,source
  absl::Status status = ForEachRow(
      dir, kFormerNamesFile, 3, [&](const auto& fields, const BadRow& bad) -> absl::Status {
        absl::StatusOr<int32_t> division = division_of(fields[1], fields[2], bad);
        if (!division.ok()) return division.status();
        if (fields[0].empty()) return bad("empty name");
        AddName(fields[0], *division, false, HasTypeSuffix(fields[0]), true);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  // name,within_code,within_name,short_names (separated by |),source
  status = ForEachRow(
      dir, kFunctionalAreasFile, 4, [&](const auto& fields, const BadRow& bad) -> absl::Status {
        absl::StatusOr<int32_t> within = division_of(fields[1], fields[2], bad);
        if (!within.ok()) return within.status();
        if (fields[0].empty()) return bad("empty name");
        if (const int32_t id = FindNameId(fields[0]); id != kNoNode && name_hits_[id] > 0)
          return bad("'" + std::string(fields[0]) + "' is a name of the official list");
        const auto area = static_cast<int32_t>(functional_areas_.size());
        functional_areas_.push_back(FunctionalArea{std::string(fields[0]), *within});
        std::vector<std::string_view> names = {fields[0]};
        for (std::string_view rest = fields[3]; !rest.empty();) {
          const size_t bar = rest.find('|');
          names.push_back(rest.substr(0, bar));
          rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        }
        for (size_t i = 0; i < names.size(); ++i) {
          if (names[i].empty()) continue;
          const int32_t name = AddNameEntry(names[i]);
          if (name_flags_[name] & kNameFunctionalArea)
            return bad("'" + std::string(names[i]) + "' names two functional areas");
          name_flags_[name] |= kNameFunctionalArea;
          area_names_[name] = AreaName{area, i > 0};
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  // name,kind,source
  status = ForEachRow(dir, kNationalOrgansFile, 1,
                      [&](const auto& fields, const BadRow& bad) -> absl::Status {
                        if (fields[0].empty()) return bad("empty name");
                        national_organs_.push_back(DecodeUtf8(fields[0]));
                        return absl::OkStatus();
                      });
  std::stable_sort(
      national_organs_.begin(), national_organs_.end(),
      [](const std::u32string& a, const std::u32string& b) { return a.size() > b.size(); });
  return status;
}

size_t DivisionIndex::NationalOrganLength(std::u32string_view text) const {
  static constexpr std::u32string_view kState = U"中华人民共和国";
  const size_t prefix = text.starts_with(kState) ? kState.size() : 0;
  const std::u32string_view rest = text.substr(prefix);
  for (const std::u32string& organ : national_organs_) {
    // The first character settles nearly every one of the ninety-six.
    if (!organ.empty() && (rest.empty() || organ.front() != rest.front())) continue;
    if (rest.starts_with(organ)) return prefix + organ.size();
  }
  return 0;
}

inline uint64_t DivisionIndex::EdgeKey(int32_t node, char32_t codepoint) {
  return (static_cast<uint64_t>(node) << 32) | codepoint;
}

int32_t DivisionIndex::Child(int32_t node, char32_t codepoint) const {
  if (node == root_ && codepoint < kDirectFirst) return root_children_[codepoint];
  return edges_.Find(EdgeKey(node, codepoint));  // kAbsent is kNoNode
}

int32_t DivisionIndex::NameAt(int32_t node) const {
  if (!node_names_.empty()) return node_names_[node];
  return static_cast<uint32_t>(node) < name_flags_.size() ? node : kNoNode;
}

// In 32 bits (exact for two BMP characters; beyond, a filter may share bits): the scan asks it at
// every marked position, and a 64-bit key took a constant load and more shifts.
inline size_t DivisionIndex::StartFilterBit(char32_t first, char32_t second) {
  const uint32_t key = (static_cast<uint32_t>(first) << 16) ^ static_cast<uint32_t>(second);
  return (key * 0x9E3779B1u) >> (32 - kStartFilterBits);
}

namespace {

bool TestBit(const uint64_t* bits, size_t bit) { return ((bits[bit / 64] >> (bit % 64)) & 1) != 0; }
template <typename Bits>  // a vector or a StoredArray of uint64_t
bool TestBit(const Bits& bits, size_t bit) {
  return TestBit(bits.data(), bit);
}
template <typename Bits>
void SetBit(Bits& bits, size_t bit) {
  bits[bit / 64] |= uint64_t{1} << (bit % 64);
}

// A node's children as a filter of 64 bits: each child's character sets one bit in each half, by
// two hashes of it, and a character that does not find both of its bits set is no child's. A walk
// ends where the filter says no, without looking for the edge: a node's filter comes in the slot
// that led to it, so the end of a walk costs no cache miss. Over 400 generated reports, 46,555
// walks end at a pair table's node (of 51,986): 161 of them passed this filter in vain, against
// 2,331 with one bit of 64 and 2,156 with the filter of all edges (2 Mbit) it replaces. An edge's
// slot has room for the first half only: its child's filter is read with the second half all set.
uint64_t ChildBits(char32_t codepoint) {
  const auto c = static_cast<uint32_t>(codepoint);
  return (uint64_t{1} << ((c * 0x9E3779B1u) >> 27)) |
         (uint64_t{1} << (32 + ((c * 0x85EBCA77u) >> 27)));
}
constexpr uint64_t kAnyOfSecondHalf = ~uint64_t{0} << 32;
constexpr uint64_t kAnyChild = ~uint64_t{0};  // a node whose filter is not at hand
bool MayHaveChild(uint64_t children, char32_t codepoint) {
  const uint64_t bits = ChildBits(codepoint);
  return (children & bits) == bits;
}

}  // namespace

void DivisionIndex::AddStart(std::string_view name) {
  const text::DecodedCodepoint first = text::DecodeCodepoint(name, 0);
  const size_t first_length = static_cast<size_t>(std::max(1, first.length));
  if (first_length >= name.size()) {
    if (first.codepoint < kDirectFirst) SetBit(one_char_names_, first.codepoint);
    has_one_char_names_ = true;
    return;
  }
  if (first.codepoint < kDirectFirst) SetBit(first_chars_, first.codepoint);
  SetBit(start_filter_,
         StartFilterBit(first.codepoint, text::DecodeCodepoint(name, first_length).codepoint));
}

inline uint32_t DivisionIndex::PairKey(char32_t first, char32_t second) {
  return (static_cast<uint32_t>(first) << 16) | static_cast<uint32_t>(second);
}

// Linear probing from the key's hashed slot; the table is at most half full. The slot holding
// the pair, or an empty one.
inline const DivisionIndex::PairSlot& DivisionIndex::PairOf(char32_t first, char32_t second) const {
  const uint32_t key = PairKey(first, second);
  const size_t mask = pair_slots_.size() - 1;
  for (size_t slot = (key * 0x9E3779B1u) >> pair_shift_;; slot = (slot + 1) & mask) {
    const PairSlot& s = pair_slots_[slot];
    if (s.node == kNoNode || s.key == key) return s;
  }
}

// After the trie is complete: numbers its nodes names first (a node's name is then its number,
// and node_names_ goes), gives every edge's slot its child's filter, and makes the pair table of
// every hashed edge out of a depth-one node of a BMP character. The edges are numbered and
// inserted again in the order of their old slots: the same files give the same snapshot.
void DivisionIndex::BuildWalkTables() {
  const size_t nodes = node_names_.size();
  std::vector<int32_t> number(nodes);
  auto unnamed = static_cast<int32_t>(name_flags_.size());
  for (size_t node = 0; node < nodes; ++node)
    number[node] = node_names_[node] != kNoNode ? node_names_[node] : unnamed++;
  std::vector<uint64_t> children(nodes, 0);  // ChildBits of each node's children's characters
  std::vector<char32_t> first_of(nodes, kDirectFirst);  // a depth-one node's character
  for (char32_t c = 0; c < kDirectFirst; ++c) {
    if (root_children_[c] == kNoNode) continue;
    children[0] |= ChildBits(c);
    first_of[root_children_[c]] = c;
  }
  for (const KeyTable::Slot& edge : edges_.slots()) {
    if (edge.value != KeyTable::kAbsent)
      children[static_cast<size_t>(edge.key >> 32)] |= ChildBits(edge.key & 0xFFFFFFFFu);
  }
  KeyTable edges;
  edges.Reserve(edges_.size());
  std::vector<PairSlot> pairs;
  std::vector<uint32_t> keys;
  for (const KeyTable::Slot& edge : edges_.slots()) {
    if (edge.value == KeyTable::kAbsent) continue;
    const auto parent = static_cast<size_t>(edge.key >> 32);
    const auto second = static_cast<char32_t>(edge.key & 0xFFFFFFFFu);
    const auto child = static_cast<size_t>(edge.value);
    edges.Insert(EdgeKey(number[parent], second), number[child],
                 static_cast<uint32_t>(children[child]));
    const char32_t first = first_of[parent];
    if (first < kDirectFirst && second < kDirectFirst) {
      pairs.push_back(PairSlot{PairKey(first, second), number[child], children[child]});
      keys.push_back(PairKey(first, second));
    }
  }
  edges_ = std::move(edges);
  for (char32_t c = 0; c < kDirectFirst; ++c) {
    if (root_children_[c] != kNoNode) root_children_[c] = number[root_children_[c]];
  }
  root_ = number[0];
  node_names_ = {};
  pair_roles_ = PairRoles(keys);
  // A first character followed only by characters beyond the BMP, which end every class.
  for (char32_t c = 0; c < kDirectFirst; ++c) {
    if (TestBit(first_chars_, c) && (pair_roles_[c] & PairRole(0x0F, 0)) == 0)
      pair_roles_[c] |= PairRole(1, 0);
  }
  int bits = 1;
  while ((size_t{1} << bits) < 2 * pairs.size()) ++bits;
  pair_shift_ = 32 - bits;
  pair_slots_.assign(size_t{1} << bits, PairSlot{});
  const size_t mask = pair_slots_.size() - 1;
  for (const PairSlot& pair : pairs) {
    size_t slot = (pair.key * 0x9E3779B1u) >> pair_shift_;
    while (pair_slots_[slot].node != kNoNode) slot = (slot + 1) & mask;
    pair_slots_[slot] = pair;
  }
}

int32_t DivisionIndex::AddChild(int32_t node, char32_t codepoint) {
  int32_t child = Child(node, codepoint);
  if (child != kNoNode) return child;
  child = static_cast<int32_t>(node_names_.size());
  node_names_.push_back(kNoNode);
  if (node == root_ && codepoint < kDirectFirst) {
    root_children_[codepoint] = child;
  } else {
    edges_.Insert(EdgeKey(node, codepoint), child);
  }
  return child;
}

// The trie is the name table: a name's id sits at the node its code points lead to.
int32_t DivisionIndex::AddNameEntry(std::string_view name) {
  int32_t node = root_;
  for (size_t pos = 0; pos < name.size();) {
    const text::DecodedCodepoint c = text::DecodeCodepoint(name, pos);
    node = AddChild(node, c.codepoint);
    pos += static_cast<size_t>(std::max(1, c.length));
  }
  if (node_names_[node] != kNoNode) return node_names_[node];
  const auto id = static_cast<int32_t>(name_hits_.size());
  node_names_[node] = id;
  name_hits_.push_back(0);
  name_flags_.push_back(HasTypeSuffix(name) ? kNameTyped : 0);
  AddStart(name);
  return id;
}

int32_t DivisionIndex::FindNameId(std::string_view name) const {
  int32_t node = name.empty() ? kNoNode : root_;
  for (size_t pos = 0; pos < name.size() && node != kNoNode;) {
    const text::DecodedCodepoint c = text::DecodeCodepoint(name, pos);
    node = Child(node, c.codepoint);
    pos += static_cast<size_t>(std::max(1, c.length));
  }
  return node == kNoNode ? kNoNode : NameAt(node);
}

int32_t DivisionIndex::AddName(std::string_view name, int32_t division, bool is_short, bool typed,
                               bool former) {
  const int32_t id = AddNameEntry(name);
  ++name_hits_[id];
  pending_hits_.emplace_back(
      id, NameHit{division, is_short, divisions_[division].level, typed, former});
  return id;
}

// Each name's hits in the order they came, name after name; name_hits_ from counts to where
// each name's begin. Marks the names with an official or a reliable hit.
void DivisionIndex::FlattenHits() {
  std::vector<uint32_t> begins(name_hits_.size() + 1, 0);
  for (size_t id = 0; id < name_hits_.size(); ++id) begins[id + 1] = begins[id] + name_hits_[id];
  std::vector<uint32_t> next(begins.begin(), begins.end() - 1);
  hits_.resize(pending_hits_.size());
  for (const auto& [id, hit] : pending_hits_) {
    hits_[next[id]++] = hit;
    if (hit.Official()) name_flags_[id] |= kNameOfficialHit;
    if (hit.Reliable()) name_flags_[id] |= kNameReliableHit;
  }
  name_hits_ = std::move(begins);
  pending_hits_ = {};
}

void DivisionIndex::BuildNameIndex() {
  root_children_.assign(kDirectFirst, kNoNode);
  root_ = 0;
  node_names_.assign(1, kNoNode);
  one_char_names_.assign(kDirectFirst / 64, 0);
  start_filter_.assign((size_t{1} << kStartFilterBits) / 64, 0);
  first_chars_.assign(kDirectFirst / 64, 0);
  // Sized for the official list (about 1.5 names and 2 trie nodes a division): growing these
  // tables as names come was a third of the start-up of `fazhi extract`.
  name_hits_.reserve(divisions_.size() * 3 / 2);
  pending_hits_.reserve(divisions_.size() * 2);
  node_names_.reserve(divisions_.size() * 2);
  edges_.Reserve(divisions_.size() * 2);
  for (int32_t i = 0; i < static_cast<int32_t>(divisions_.size()); ++i) {
    const Division& division = divisions_[i];
    if (division.placeholder) continue;
    AddName(division.name, i, false, !DivisionSuffixOf(division.name).empty(), false);
    const std::string_view type_word = TypeWordOf(division.name);
    for (std::string& short_name : ShortNames(division.name)) {
      const bool typed = !type_word.empty() && short_name.size() > type_word.size() &&
                         short_name.ends_with(type_word);
      AddName(short_name, i, true, typed, false);
    }
  }
}

const Division* DivisionIndex::FindByCode(std::string_view code) const {
  const int32_t index = by_code_.Find(CodeKey(code));
  return index == KeyTable::kAbsent ? nullptr : &divisions_[index];
}

int32_t DivisionIndex::IndexOf(const Division& division) const {
  return static_cast<int32_t>(&division - divisions_.data());
}

std::span<const NameHit> DivisionIndex::Lookup(std::string_view name) const {
  const int32_t id = FindNameId(name);
  if (id == kNoNode) return {};
  return HitsOf(id);
}

std::vector<const Division*> DivisionIndex::FindByName(std::string_view name) const {
  std::vector<const Division*> found;
  for (const NameHit& hit : Lookup(name)) {
    if (!hit.is_short && !hit.former) found.push_back(&divisions_[hit.division]);
  }
  return found;
}

std::vector<const Division*> DivisionIndex::FindByShortName(std::string_view name) const {
  std::vector<const Division*> found;
  for (const NameHit& hit : Lookup(name)) {
    if (hit.is_short) found.push_back(&divisions_[hit.division]);
  }
  return found;
}

std::vector<const Division*> DivisionIndex::Ancestors(const Division& division) const {
  std::vector<const Division*> chain;
  ForEachAncestor(IndexOf(division), [&](int32_t p) { chain.push_back(&divisions_[p]); });
  return chain;
}

const Division& DivisionIndex::ProvinceOf(const Division& division) const {
  const Division* d = &division;
  while (d->parent >= 0) d = &divisions_[d->parent];
  return *d;
}

const Division* DivisionIndex::PrefectureOf(const Division& division) const {
  const Division* d = &division;
  while (d->level > DivisionLevel::kPrefecture) d = &divisions_[d->parent];
  if (d->level != DivisionLevel::kPrefecture) return nullptr;
  if (!d->placeholder) return d;
  // 市辖区 / 县 of a province-level city stand for the city; 省直辖县级行政区划 for nothing.
  const Division& province = divisions_[d->parent];
  return d->name == "市辖区" || d->name == "县" ? &province : nullptr;
}

const Division* DivisionIndex::CountyOf(const Division& division) const {
  if (division.level != DivisionLevel::kTownship) return nullptr;
  return &divisions_[division.parent];
}

// Names ending along the walk come shortest first; the contract wants longer first. Inline in
// FindMentionsAt, its one caller: a call each was a tenth of the walks' cost.
// `children`: the filter of `node`'s children (ChildBits), kAnyChild where it is not at hand.
[[gnu::always_inline]] inline void DivisionIndex::Walk(
    std::u32string_view text, size_t begin, int32_t node, uint64_t children, size_t end,
    std::vector<DivisionMention>& mentions) const {
  const size_t first_mention = mentions.size();
  const size_t names = name_flags_.size();  // nodes below are names (BuildWalkTables)
  while (node != kNoNode) {
    if (static_cast<size_t>(node) < names) {
      const int32_t name = node;
      const uint8_t flags = name_flags_[name];
      mentions.push_back(DivisionMention{begin, end, HitsOf(name), (flags & kNameTyped) != 0,
                                         (flags & kNameOfficialHit) != 0,
                                         (flags & kNameReliableHit) != 0});
      if (flags & kNameFunctionalArea) {
        const AreaName& area = area_names_.at(name);
        mentions.back().area = area.area;
        mentions.back().area_short = area.is_short;
      }
    }
    if (end >= text.size() || !MayHaveChild(children, text[end])) break;
    const KeyTable::Slot& edge = edges_.FindSlot(EdgeKey(node, text[end++]));
    node = edge.value;  // kAbsent is kNoNode
    children = edge.payload | kAnyOfSecondHalf;
  }
  std::reverse(mentions.begin() + static_cast<std::ptrdiff_t>(first_mention), mentions.end());
}

// Whether a name may begin with these two characters (`second` is 0 at the end of the text):
// exact for whole one-character names and characters outside the BMP, else the start filter
// (in cache), which lets about one position in ten through. No branch: FindMentions asks it of
// every position.
inline bool DivisionIndex::MayBeginName(char32_t first, char32_t second) const {
  const bool bmp = first < kDirectFirst;
  const bool one_char_name =
      has_one_char_names_ & bmp & TestBit(one_char_names_, first & (kDirectFirst - 1));
  return !bmp | one_char_name | TestBit(start_filter_, StartFilterBit(first, second));
}

// MayBeginName asked of one position at a time (the prescan's): the start filter first, which
// settles nearly every position; the rare cases after it, as branches that predict well.
// `start_filter` is start_filter_'s words, which the caller's loop keeps in a register.
// `rare_from` (RareFrom) is where the rare cases begin: below it, one comparison rejects.
// `kInside`: `pos` is not the text's last position, so the next one is read without a test.
template <bool kInside>
inline bool DivisionIndex::MayBeginNameAt(std::u32string_view text, size_t pos,
                                          const uint64_t* start_filter, char32_t rare_from) const {
  const char32_t first = text[pos];
  // At the last position, the character itself again: there the filter's answer decides nothing
  // (FindMentionsAt finds no name of two characters, and the rare cases are let through below).
  const char32_t second = text[kInside ? pos + 1 : std::min(pos + 1, text.size() - 1)];
  if (TestBit(start_filter, StartFilterBit(first, second))) return true;
  return first >= rare_from && (first >= kDirectFirst || TestBit(one_char_names_, first));
}

// Of the positions `marked` in the eight from `word` (Prescan::ForEachMarkedWord), those where a
// name may begin (MayBeginNameAt), as bit i for word + i. `kInside`: the last of the eight lies
// before the text's last position.
template <bool kInside>
inline uint64_t DivisionIndex::StartsInWord(std::u32string_view text, size_t word, uint64_t marked,
                                            const uint64_t* start_filter,
                                            char32_t rare_from) const {
  uint64_t starts = 0;
  for (; marked != 0; marked &= marked - 1) {
    const unsigned i = Prescan::PositionInWord(marked);
    starts |= uint64_t{MayBeginNameAt<kInside>(text, word + i, start_filter, rare_from)} << i;
  }
  return starts;
}

// The first character that may be a whole name or lie outside the BMP: without one-character names
// (the official list has none), kDirectFirst, so that the positions the start filter rejects, nine
// in ten, need no test of has_one_char_names_ as well.
inline char32_t DivisionIndex::RareFrom() const {
  return has_one_char_names_ ? char32_t{0} : kDirectFirst;
}

// The names beginning at `pos`: a BMP character that is no whole name must begin a longer one,
// and with the next character reach a node of the pair table, where the walk goes on.
void DivisionIndex::FindMentionsAt(std::u32string_view text, size_t pos,
                                   std::vector<DivisionMention>& mentions) const {
  const char32_t c = text[pos];
  int32_t node = kNoNode;
  uint64_t children = kAnyChild;
  size_t end = pos + 1;
  if (c >= kDirectFirst || (has_one_char_names_ && TestBit(one_char_names_, c))) {
    node = Child(root_, c);
  } else {
    if (pos + 1 >= text.size() || !TestBit(first_chars_, c)) return;
    const char32_t second = text[pos + 1];
    if (second < kDirectFirst) {
      const PairSlot& pair = PairOf(c, second);
      node = pair.node;
      children = pair.children;
    } else if (const int32_t parent = Child(root_, c); parent != kNoNode) {
      node = Child(parent, second);
    }
    end = pos + 2;
  }
  Walk(text, pos, node, children, end, mentions);
}

// The positions that may begin a name found without a branch (ScanFrom), then looked at: the
// filter's lookups do not wait on each other, and no branch mispredicts on the one position in
// ten that passes. Every position is looked at, overlapping names included.
// With a prescan, only the positions it marked (the pair rule's, one in five or so) are asked the
// start filter, a word of eight at a time before any walk: the loop that asks makes no call, so
// what it reads stays in registers (around the walks' calls, the text and the filter were
// reloaded at every position).
std::vector<DivisionMention> DivisionIndex::FindMentions(std::u32string_view text,
                                                         const Prescan* prescan) const {
  std::vector<DivisionMention> mentions;
  mentions.reserve(text.size() / 32);  // reports name a place every 30 characters or so
  // `text` by value: held in registers, not read through a reference at every position.
  if (prescan != nullptr && prescan->size() == text.size()) {
    prescan->ForEachMarkedWord(
        kDivisionNameStart, [this, text, &mentions, start_filter = start_filter_.data(),
                             rare_from = RareFrom()](size_t word, uint64_t marked) {
          uint64_t starts = word + 8 < text.size()
                                ? StartsInWord<true>(text, word, marked, start_filter, rare_from)
                                : StartsInWord<false>(text, word, marked, start_filter, rare_from);
          for (; starts != 0; starts &= starts - 1)
            FindMentionsAt(text, word + static_cast<unsigned>(std::countr_zero(starts)), mentions);
        });
  } else {
    ScanFrom(
        text.size(),
        [this, text](size_t pos) {
          return MayBeginName(text[pos], pos + 1 < text.size() ? text[pos + 1] : 0);
        },
        [this, text, &mentions](size_t pos) {
          FindMentionsAt(text, pos, mentions);
          return pos + 1;
        });
  }
  return mentions;
}

// Where FindMentionsAt may find a name: at a character outside the BMP or a whole name, or at the
// first character of a longer one followed by a second character of a name whose first is of the
// same class (pair_roles_), or by any character outside the BMP.
void DivisionIndex::MarkNameStarts(PrescanTable& table) const {
  table.MarkEach(kDivisionNameStart,
                 has_one_char_names_ ? one_char_names_.span() : std::span<const uint64_t>(), true);
  table.MarkPairs(kDivisionNameStart, pair_roles_.span(), PairRole(0, 0x0F));
}

std::vector<DivisionMention> DivisionIndex::FindMentions(std::string_view text) const {
  std::u32string code_points;
  std::vector<size_t> byte_at;  // byte offset of each code point, and of the end
  code_points.reserve(text.size());
  byte_at.reserve(text.size() + 1);
  for (size_t pos = 0; pos < text.size();) {
    const text::DecodedCodepoint c = text::DecodeCodepoint(text, pos);
    code_points.push_back(c.codepoint);
    byte_at.push_back(pos);
    pos += static_cast<size_t>(std::max(1, c.length));
  }
  byte_at.push_back(text.size());
  std::vector<DivisionMention> mentions = FindMentions(std::u32string_view(code_points));
  for (DivisionMention& m : mentions) {
    m.begin = byte_at[m.begin];
    m.end = byte_at[m.end];
  }
  return mentions;
}

}  // namespace fazhi::extraction
