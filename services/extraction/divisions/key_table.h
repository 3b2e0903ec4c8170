// A map from 64-bit keys to non-negative indexes, for the division index's trie edges and codes:
// open addressing with linear probing, at most three quarters full (the snapshot's size is read at
// every start-up; lookups are few). Its slots are the whole of it, so a snapshot stores them as
// they are and a table is made from them in place (a StoredArray viewing the mapped snapshot),
// where a hash map took an insert per key at every start-up (91,000 edges and 45,000 codes).
//
//   KeyTable table;
//   table.Insert(key, 7);                              // 7; an existing key keeps its index
//   table.Find(key);                                   // 7; -1 for a key not in the table
//   table.Insert(other, 8, 0xF0);                      // with a payload of the caller's
//   table.FindSlot(other).payload;                     // 0xF0, read with the index
//   std::optional<KeyTable> same = KeyTable::FromSlots(table.slots());
#ifndef FAZHI_SERVICES_EXTRACTION_DIVISIONS_KEY_TABLE_H_
#define FAZHI_SERVICES_EXTRACTION_DIVISIONS_KEY_TABLE_H_

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "services/extraction/divisions/stored_array.h"

namespace fazhi::extraction {

class KeyTable final {
 public:
  static constexpr int32_t kAbsent = -1;

  // One slot: a key and its index, or kAbsent for an empty slot, and a payload the caller gives
  // with the key (0 unless given): in the slot's padding, it is read with the index at no further
  // cache miss (the division trie keeps there what a walk asks of the node an edge leads to).
  // No padding left: snapshots store the bytes, all of them written.
  struct Slot {
    uint64_t key = 0;
    int32_t value = kAbsent;
    uint32_t payload = 0;
  };
  static_assert(sizeof(Slot) == 16);

  // Room for `keys` keys without growing.
  void Reserve(size_t keys) {
    if (!Fits(keys)) Rehash(std::bit_ceil(std::max<size_t>(2, (4 * keys + 2) / 3)));
  }

  // Maps `key` to `value` (>= 0), with `payload`, unless it has an index already; returns the
  // index it has (an existing key keeps its payload too).
  int32_t Insert(uint64_t key, int32_t value, uint32_t payload = 0) {
    if (!Fits(size_ + 1)) Rehash(std::max<size_t>(16, 2 * slots_.size()));
    Slot& slot = slots_[Probe(key)];
    if (slot.value == kAbsent) {
      slot = Slot{key, value, payload};
      ++size_;
    }
    return slot.value;
  }

  // The index of `key`, or kAbsent.
  int32_t Find(uint64_t key) const { return FindSlot(key).value; }
  // The slot holding `key`, or an empty one (value kAbsent, payload 0).
  const Slot& FindSlot(uint64_t key) const {
    static constexpr Slot kEmpty;
    return slots_.empty() ? kEmpty : slots_[Probe(key)];
  }

  size_t size() const { return size_; }
  const StoredArray<Slot>& slots() const { return slots_; }

  // The table whose slots() these were (a view stays one); nullopt unless they can be (none, or a
  // power of two of them from 2 up, at most three quarters full, no negative index).
  static std::optional<KeyTable> FromSlots(StoredArray<Slot> slots) {
    if (!slots.empty() && (slots.size() < 2 || !std::has_single_bit(slots.size())))
      return std::nullopt;
    KeyTable table;
    for (const Slot& slot : slots) {
      if (slot.value < kAbsent) return std::nullopt;  // an index is never negative
      table.size_ += slot.value != kAbsent ? 1 : 0;
    }
    if (!table.Fits(table.size_, slots.size())) return std::nullopt;
    table.shift_ = slots.empty() ? 0 : 64 - std::countr_zero(slots.size());
    table.slots_ = std::move(slots);
    return table;
  }

 private:
  // Whether `keys` keys fit in `slots` slots (all but an empty one at least).
  static bool Fits(size_t keys, size_t slots) { return keys == 0 || (4 * keys <= 3 * slots); }
  bool Fits(size_t keys) const { return Fits(keys, slots_.size()); }

  // The slot holding `key`, or the empty one where it would go. Never endless: a slot is empty.
  size_t Probe(uint64_t key) const {
    const size_t mask = slots_.size() - 1;
    size_t slot = static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_) & mask;
    while (slots_[slot].value != kAbsent && slots_[slot].key != key) slot = (slot + 1) & mask;
    return slot;
  }

  void Rehash(size_t size) {
    const StoredArray<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{});
    shift_ = 64 - std::countr_zero(size);
    for (const Slot& slot : old) {
      if (slot.value != kAbsent) slots_[Probe(slot.key)] = slot;
    }
  }

  StoredArray<Slot> slots_;
  size_t size_ = 0;
  int shift_ = 0;  // 64 - log2 of the number of slots: the hash's top bits pick the slot
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_DIVISIONS_KEY_TABLE_H_
