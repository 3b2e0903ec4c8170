// DivisionIndex::Snapshot and FromSnapshot: the index as flat arrays, read back with one copy
// per array. Deriving the index from the CSV files (short names, the trie, the filters) is the
// bulk of a process's start-up; reading it back is a few milliseconds.
//
// Layout: magic, the files' fingerprint, then every member in a fixed order, each array as its
// length and raw elements. Written and read by the same build (fazhi-division-snapshot runs at
// build time), so the elements' layout is this build's.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <type_traits>

#include "services/extraction/divisions/division_index.h"

namespace fazhi::extraction {
namespace {

constexpr std::string_view kMagic = "fazhi-divisions-snapshot-3\n";

class SnapshotWriter final {
 public:
  void Raw(std::string_view bytes) { out_.append(bytes); }
  template <typename T>
  void Value(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  template <typename T>
  void Array(const T* data, size_t size) {
    static_assert(std::is_trivially_copyable_v<T>);
    Value<uint64_t>(size);
    out_.append(reinterpret_cast<const char*>(data), size * sizeof(T));
  }
  template <typename T>
  void Array(const std::vector<T>& values) {
    Array(values.data(), values.size());
  }
  template <typename Char>
  void String(std::basic_string_view<Char> text) {
    Array(text.data(), text.size());
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// The elements stored from `bytes` on, each copied out as it is read: a vector made from a range of
// these is written once, where one sized first was filled with default elements and then copied
// over (7 MB written twice at every start-up).
template <typename T>
class StoredElements final {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using pointer = const T*;
  using reference = T;

  explicit StoredElements(const char* bytes) : bytes_(bytes) {}
  T operator*() const {
    T value;
    std::memcpy(&value, bytes_, sizeof(T));
    return value;
  }
  StoredElements& operator++() {
    bytes_ += sizeof(T);
    return *this;
  }
  StoredElements operator++(int) {
    StoredElements before = *this;
    ++*this;
    return before;
  }
  StoredElements& operator--() {
    bytes_ -= sizeof(T);
    return *this;
  }
  StoredElements& operator+=(difference_type n) {
    bytes_ += n * static_cast<difference_type>(sizeof(T));
    return *this;
  }
  difference_type operator-(const StoredElements& other) const {
    return (bytes_ - other.bytes_) / static_cast<difference_type>(sizeof(T));
  }
  bool operator==(const StoredElements& other) const { return bytes_ == other.bytes_; }

 private:
  const char* bytes_;
};

// Every read checks the bytes left: a damaged snapshot fails, it never reads past the end.
class SnapshotReader final {
 public:
  explicit SnapshotReader(std::string_view bytes) : rest_(bytes) {}

  bool ok() const { return ok_; }
  bool AtEnd() const { return ok_ && rest_.empty(); }

  bool Skip(std::string_view expected) {
    ok_ = ok_ && rest_.starts_with(expected);
    if (ok_) rest_.remove_prefix(expected.size());
    return ok_;
  }
  template <typename T>
  T Value() {
    T value{};
    Take(&value, sizeof(T));
    return value;
  }
  template <typename T>
  std::vector<T> Array() {
    const uint64_t size = Value<uint64_t>();
    std::vector<T> values;
    if (!ok_ || size > rest_.size() / sizeof(T)) {
      ok_ = false;
      return values;
    }
    const char* const first = rest_.data();
    values.assign(StoredElements<T>(first), StoredElements<T>(first + size * sizeof(T)));
    rest_.remove_prefix(size * sizeof(T));
    return values;
  }
  template <typename Char>
  std::basic_string<Char> String() {
    if constexpr (sizeof(Char) == 1) {
      // Straight from the bytes: one copy, where a vector first was a fill and a second copy.
      const uint64_t size = Value<uint64_t>();
      if (!ok_ || size > rest_.size()) {
        ok_ = false;
        return {};
      }
      std::basic_string<Char> text(reinterpret_cast<const Char*>(rest_.data()), size);
      rest_.remove_prefix(size);
      return text;
    } else {
      std::vector<Char> chars = Array<Char>();
      return std::basic_string<Char>(chars.data(), chars.size());  // one copy, not char by char
    }
  }

 private:
  void Take(void* out, size_t size) {
    if (!ok_ || rest_.size() < size) {
      ok_ = false;
      return;
    }
    std::memcpy(out, rest_.data(), size);
    rest_.remove_prefix(size);
  }

  std::string_view rest_;
  bool ok_ = true;
};

// A division without its strings, which go into one text array. Rows spell out their padding,
// so that a snapshot's bytes are all written (and the same from build to build).
struct DivisionRow {
  int32_t parent = -1;
  uint32_t code_size = 0;
  uint32_t name_size = 0;
  uint8_t level = 0;
  bool placeholder = false;
  uint8_t padding[2] = {};
};

struct AreaNameRow {
  int32_t name = 0;
  int32_t area = 0;
  bool is_short = false;
  uint8_t padding[3] = {};
};

}  // namespace

std::string DivisionIndex::Snapshot() const {
  SnapshotWriter out;
  out.Raw(kMagic);
  out.Value(files_fingerprint_);

  std::vector<DivisionRow> rows;
  std::string text;
  rows.reserve(divisions_.size());
  for (const Division& d : divisions_) {
    rows.push_back(DivisionRow{d.parent, static_cast<uint32_t>(d.code.size()),
                               static_cast<uint32_t>(d.name.size()), static_cast<uint8_t>(d.level),
                               d.placeholder});
    text += d.code;
    text += d.name;
  }
  out.Array(rows);
  out.String(std::string_view(text));
  out.Array(by_code_.slots());

  std::vector<uint32_t> hit_counts;
  for (size_t name = 0; name + 1 < name_hits_.size(); ++name)
    hit_counts.push_back(name_hits_[name + 1] - name_hits_[name]);
  out.Array(hit_counts);
  out.Array(hits_);
  out.Array(name_flags_);
  std::vector<AreaNameRow> area_names;
  for (const auto& [name, area] : area_names_) {
    area_names.push_back(AreaNameRow{name, area.area, area.is_short});
  }
  // Hash maps iterate in an order of their own: sorted, the same index gives the same bytes.
  std::sort(area_names.begin(), area_names.end(),
            [](const AreaNameRow& a, const AreaNameRow& b) { return a.name < b.name; });
  out.Array(area_names);
  out.Value<uint64_t>(functional_areas_.size());
  for (const FunctionalArea& area : functional_areas_) {
    out.String(std::string_view(area.name));
    out.Value(area.within);
  }
  out.Value<uint64_t>(national_organs_.size());
  for (const std::u32string& organ : national_organs_) out.String(std::u32string_view(organ));

  out.Array(root_children_);
  out.Array(edges_.slots());
  out.Array(node_name_);
  out.Array(edge_filter_);
  out.Array(one_char_names_);
  out.Value(has_one_char_names_);
  out.Array(first_chars_);
  out.Array(start_filter_);
  out.Array(pair_slots_);
  out.Value(pair_shift_);
  return out.Take();
}

std::optional<DivisionIndex> DivisionIndex::FromSnapshot(std::string_view bytes,
                                                         uint64_t fingerprint) {
  SnapshotReader in(bytes);
  if (!in.Skip(kMagic) || in.Value<uint64_t>() != fingerprint || !in.ok()) {
    return std::nullopt;
  }
  DivisionIndex index;
  index.files_fingerprint_ = fingerprint;
  index.from_snapshot_ = true;

  const std::vector<DivisionRow> rows = in.Array<DivisionRow>();
  const std::string text = in.String<char>();
  index.divisions_.reserve(rows.size());
  size_t at = 0;
  for (const DivisionRow& row : rows) {
    if (text.size() - at < size_t{row.code_size} + row.name_size) return std::nullopt;
    Division& d = index.divisions_.emplace_back();
    d.code.assign(text, at, row.code_size);
    d.name.assign(text, at + row.code_size, row.name_size);
    at += row.code_size + row.name_size;
    d.level = static_cast<DivisionLevel>(row.level);
    d.parent = row.parent;
    d.placeholder = row.placeholder;
  }
  std::optional<KeyTable> by_code = KeyTable::FromSlots(in.Array<KeyTable::Slot>());
  if (!by_code) return std::nullopt;
  index.by_code_ = std::move(*by_code);

  const std::vector<uint32_t> hit_counts = in.Array<uint32_t>();
  index.hits_ = in.Array<NameHit>();
  index.name_hits_.assign(hit_counts.size() + 1, 0);
  size_t hit = 0;
  for (size_t name = 0; name < hit_counts.size(); ++name) {
    if (index.hits_.size() - hit < hit_counts[name]) return std::nullopt;
    hit += hit_counts[name];
    index.name_hits_[name + 1] = static_cast<uint32_t>(hit);
  }
  index.name_flags_ = in.Array<uint8_t>();
  for (const AreaNameRow& row : in.Array<AreaNameRow>()) {
    index.area_names_[row.name] = AreaName{row.area, row.is_short};
  }
  const auto areas = in.Value<uint64_t>();
  for (uint64_t i = 0; i < areas && in.ok(); ++i) {
    std::string name = in.String<char>();
    index.functional_areas_.push_back(FunctionalArea{std::move(name), in.Value<int32_t>()});
  }
  const auto organs = in.Value<uint64_t>();
  for (uint64_t i = 0; i < organs && in.ok(); ++i) {
    index.national_organs_.push_back(in.String<char32_t>());
  }

  index.root_children_ = in.Array<int32_t>();
  std::optional<KeyTable> edges = KeyTable::FromSlots(in.Array<KeyTable::Slot>());
  if (!edges) return std::nullopt;
  index.edges_ = std::move(*edges);
  index.node_name_ = in.Array<int32_t>();
  index.edge_filter_ = in.Array<uint64_t>();
  index.one_char_names_ = in.Array<uint64_t>();
  index.has_one_char_names_ = in.Value<bool>();
  index.first_chars_ = in.Array<uint64_t>();
  index.start_filter_ = in.Array<uint64_t>();
  index.pair_slots_ = in.Array<PairSlot>();
  index.pair_shift_ = in.Value<int>();
  // The scans index these tables without bounds checks: a snapshot must give them their sizes.
  const bool sized = index.root_children_.size() == kDirectFirst &&
                     index.edge_filter_.size() == (size_t{1} << kEdgeFilterBits) / 64 &&
                     index.start_filter_.size() == (size_t{1} << kStartFilterBits) / 64 &&
                     index.one_char_names_.size() == kDirectFirst / 64 &&
                     index.first_chars_.size() == kDirectFirst / 64 &&
                     std::has_single_bit(index.pair_slots_.size()) &&
                     index.name_flags_.size() == hit_counts.size() &&
                     index.by_code_.size() == index.divisions_.size();
  if (!in.AtEnd() || !sized) return std::nullopt;
  return index;
}

}  // namespace fazhi::extraction
