// DivisionIndex::Snapshot and FromSnapshot: the index as flat arrays, which a mapped snapshot's
// index uses in place. Deriving the index from the CSV files (short names, the trie, the filters)
// is the bulk of a process's start-up; mapping it back is a millisecond or two.
//
// Layout: magic, the files' fingerprint, then every member in a fixed order, each array as its
// length, zeros up to a multiple of 8 bytes, and its raw elements. Written and read by the same
// build (fazhi-division-snapshot runs at build time), so the elements' layout is this build's.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

#include "services/extraction/divisions/division_index.h"

namespace fazhi::extraction {
namespace {

constexpr std::string_view kMagic = "fazhi-divisions-snapshot-8\n";
constexpr size_t kAlignment = 8;  // of every array: enough for each element type stored

class SnapshotWriter final {
 public:
  void Raw(std::string_view bytes) { out_.append(bytes); }
  template <typename T>
  void Value(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  // The length, then zeros up to a multiple of kAlignment, then the elements: aligned in the file,
  // and so in its mapping, they are read in place.
  template <typename T>
  void Array(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T> && kAlignment % alignof(T) == 0);
    Value<uint64_t>(values.size());
    out_.append((kAlignment - out_.size() % kAlignment) % kAlignment, '\0');
    out_.append(reinterpret_cast<const char*>(values.data()), values.size_bytes());
  }
  template <typename T>
  void Array(const std::vector<T>& values) {
    Array(std::span<const T>(values));
  }
  template <typename T>
  void Array(const StoredArray<T>& values) {
    Array(values.span());
  }
  template <typename Char>
  void String(std::basic_string_view<Char> text) {
    Array(std::span<const Char>(text.data(), text.size()));
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Every read checks the bytes left: a damaged snapshot fails, it never reads past the end. Arrays
// are views of the bytes, which must outlive them.
class SnapshotReader final {
 public:
  explicit SnapshotReader(std::string_view bytes) : bytes_(bytes), rest_(bytes) {}

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
    if (!ok_ || rest_.size() < sizeof(T)) {
      ok_ = false;
      return value;
    }
    std::memcpy(&value, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return value;
  }
  // The elements in place: empty, and the reader failed, unless they lie within the bytes, after
  // their padding, at an address aligned for T.
  template <typename T>
  std::span<const T> Array() {
    const uint64_t size = Value<uint64_t>();
    const size_t padding = (kAlignment - (bytes_.size() - rest_.size()) % kAlignment) % kAlignment;
    if (!ok_ || padding > rest_.size() || size > (rest_.size() - padding) / sizeof(T) ||
        reinterpret_cast<uintptr_t>(rest_.data() + padding) % alignof(T) != 0) {
      ok_ = false;
      return {};
    }
    const auto* const values = reinterpret_cast<const T*>(rest_.data() + padding);
    rest_.remove_prefix(padding + size * sizeof(T));
    return std::span<const T>(values, size);
  }
  template <typename T>
  StoredArray<T> View() {
    return StoredArray<T>::View(Array<T>());
  }
  template <typename Char>
  std::basic_string_view<Char> String() {
    const std::span<const Char> chars = Array<Char>();
    return std::basic_string_view<Char>(chars.data(), chars.size());
  }

 private:
  std::string_view bytes_;
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

  out.Array(name_hits_);
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
  out.Value(root_);
  out.Array(one_char_names_);
  out.Value(has_one_char_names_);
  out.Array(first_chars_);
  out.Array(pair_roles_);
  out.Array(start_filter_);
  out.Array(pair_slots_);
  out.Value(pair_shift_);
  return out.Take();
}

std::optional<DivisionIndex> DivisionIndex::FromSnapshot(MappedFile snapshot,
                                                         uint64_t fingerprint) {
  SnapshotReader in(snapshot.bytes());
  if (!in.Skip(kMagic) || in.Value<uint64_t>() != fingerprint || !in.ok()) {
    return std::nullopt;
  }
  DivisionIndex index;
  index.files_fingerprint_ = fingerprint;
  index.from_snapshot_ = true;

  const std::span<const DivisionRow> rows = in.Array<DivisionRow>();
  const std::string_view text = in.String<char>();
  index.divisions_.reserve(rows.size());
  size_t at = 0;
  for (const DivisionRow& row : rows) {
    if (text.size() - at < size_t{row.code_size} + row.name_size) return std::nullopt;
    index.divisions_.push_back(
        Division{text.substr(at, row.code_size), text.substr(at + row.code_size, row.name_size),
                 static_cast<DivisionLevel>(row.level), row.parent, row.placeholder});
    at += row.code_size + row.name_size;
  }
  std::optional<KeyTable> by_code = KeyTable::FromSlots(in.View<KeyTable::Slot>());
  if (!by_code) return std::nullopt;
  index.by_code_ = std::move(*by_code);

  index.name_hits_ = in.View<uint32_t>();
  index.hits_ = in.View<NameHit>();
  // Where each name's hits begin, from 0 up to the end of hits_: HitsOf reads them unchecked.
  const std::span<const uint32_t> begins = index.name_hits_.span();
  if (begins.empty() || begins.front() != 0 || begins.back() != index.hits_.size() ||
      !std::is_sorted(begins.begin(), begins.end())) {
    return std::nullopt;
  }
  index.name_flags_ = in.View<uint8_t>();
  for (const AreaNameRow& row : in.Array<AreaNameRow>()) {
    index.area_names_[row.name] = AreaName{row.area, row.is_short};
  }
  const auto areas = in.Value<uint64_t>();
  for (uint64_t i = 0; i < areas && in.ok(); ++i) {
    const std::string_view name = in.String<char>();
    index.functional_areas_.push_back(FunctionalArea{std::string(name), in.Value<int32_t>()});
  }
  const auto organs = in.Value<uint64_t>();
  for (uint64_t i = 0; i < organs && in.ok(); ++i) {
    index.national_organs_.emplace_back(in.String<char32_t>());
  }

  index.root_children_ = in.View<int32_t>();
  std::optional<KeyTable> edges = KeyTable::FromSlots(in.View<KeyTable::Slot>());
  if (!edges) return std::nullopt;
  index.edges_ = std::move(*edges);
  index.root_ = in.Value<int32_t>();
  index.one_char_names_ = in.View<uint64_t>();
  index.has_one_char_names_ = in.Value<bool>();
  index.first_chars_ = in.View<uint64_t>();
  index.pair_roles_ = in.View<uint8_t>();
  index.start_filter_ = in.View<uint64_t>();
  index.pair_slots_ = in.View<PairSlot>();
  index.pair_shift_ = in.Value<int>();
  // The scans index these tables without bounds checks: a snapshot must give them their sizes,
  // and the pair table's probes must start within it. (Node numbers index nothing: a node below
  // the number of names is a name, whose tables were checked above.)
  const bool sized = index.root_children_.size() == kDirectFirst &&
                     index.start_filter_.size() == (size_t{1} << kStartFilterBits) / 64 &&
                     index.one_char_names_.size() == kDirectFirst / 64 &&
                     index.first_chars_.size() == kDirectFirst / 64 &&
                     index.pair_roles_.size() == kDirectFirst && index.pair_slots_.size() >= 2 &&
                     std::has_single_bit(index.pair_slots_.size()) &&
                     index.pair_shift_ == 32 - std::countr_zero(index.pair_slots_.size()) &&
                     index.name_flags_.size() + 1 == index.name_hits_.size() &&
                     index.by_code_.size() == index.divisions_.size();
  if (!in.AtEnd() || !sized) return std::nullopt;
  index.snapshot_ = std::move(snapshot);  // the tables view it: kept as long as they are
  return index;
}

}  // namespace fazhi::extraction
