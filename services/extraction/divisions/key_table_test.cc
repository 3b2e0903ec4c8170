#include "services/extraction/divisions/key_table.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace fazhi::extraction {
namespace {

TEST(KeyTableTest, FindsWhatWasInsertedAndKeepsTheFirstIndexOfAKey) {
  KeyTable table;
  EXPECT_EQ(table.Find(42), KeyTable::kAbsent);  // empty: no slots at all
  EXPECT_EQ(table.Insert(42, 7), 7);
  EXPECT_EQ(table.Insert(42, 9), 7);
  EXPECT_EQ(table.Find(42), 7);
  EXPECT_EQ(table.Find(43), KeyTable::kAbsent);
  EXPECT_EQ(table.size(), 1u);
}

// A payload goes with its key: found with it, kept when the table grows and when its slots are
// read back; an absent key's slot has none.
TEST(KeyTableTest, KeepsEachKeysPayloadBesideItsIndex) {
  KeyTable table;
  EXPECT_EQ(table.FindSlot(5).value, KeyTable::kAbsent);  // no slots at all
  for (uint32_t key = 0; key < 1000; ++key)
    table.Insert(key * 7919, static_cast<int32_t>(key), 0xA5000000u | key);
  EXPECT_EQ(table.Insert(7919, 42, 1), 1);  // an existing key keeps its index and payload
  std::optional<KeyTable> same = KeyTable::FromSlots(table.slots());
  ASSERT_TRUE(same.has_value());
  for (const KeyTable* t : {&table, &*same}) {
    for (uint32_t key = 0; key < 1000; ++key) {
      const KeyTable::Slot& slot = t->FindSlot(key * 7919);
      ASSERT_EQ(slot.key, key * 7919);
      ASSERT_EQ(slot.value, static_cast<int32_t>(key));
      ASSERT_EQ(slot.payload, 0xA5000000u | key);
    }
    EXPECT_EQ(t->FindSlot(1).value, KeyTable::kAbsent);
    EXPECT_EQ(t->FindSlot(1).payload, 0u);
  }
  EXPECT_EQ(table.Insert(1, 1000), 1000);  // no payload given: 0
  EXPECT_EQ(table.FindSlot(1).payload, 0u);
}

TEST(KeyTableTest, GrowsPastManyKeysAndStaysAtMostThreeQuartersFull) {
  KeyTable table;
  constexpr int32_t kKeys = 100000;
  // Keys that differ only in high bits, and keys 0 and 1: the hash must spread both.
  for (int32_t i = 0; i < kKeys; ++i) table.Insert(uint64_t{static_cast<uint32_t>(i)} << 32, i);
  table.Insert(0, 0);
  EXPECT_EQ(table.Insert(1, kKeys), kKeys);
  EXPECT_EQ(table.size(), static_cast<size_t>(kKeys) + 1);
  EXPECT_LE(4 * table.size(), 3 * table.slots().size());
  for (int32_t i = 0; i < kKeys; ++i) {
    ASSERT_EQ(table.Find(uint64_t{static_cast<uint32_t>(i)} << 32), i);
  }
  EXPECT_EQ(table.Find(1), kKeys);
  EXPECT_EQ(table.Find(uint64_t{kKeys} << 32), KeyTable::kAbsent);
}

TEST(KeyTableTest, SlotsReadBackAsTheSameTable) {
  KeyTable table;
  table.Reserve(1000);
  for (uint64_t key = 0; key < 1000; ++key) table.Insert(key * 44703, static_cast<int32_t>(key));
  std::optional<KeyTable> same = KeyTable::FromSlots(table.slots());
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->size(), 1000u);
  for (uint64_t key = 0; key < 1000; ++key)
    ASSERT_EQ(same->Find(key * 44703), static_cast<int32_t>(key));
  EXPECT_EQ(same->Find(1), KeyTable::kAbsent);
  EXPECT_TRUE(KeyTable::FromSlots({}).has_value());
}

TEST(KeyTableTest, ViewedSlotsAreLookedUpInPlace) {
  KeyTable table;
  for (uint64_t key = 0; key < 100; ++key) table.Insert(key * 7919, static_cast<int32_t>(key));
  const std::vector<KeyTable::Slot> stored(table.slots().begin(), table.slots().end());
  std::optional<KeyTable> viewed = KeyTable::FromSlots(StoredArray<KeyTable::Slot>::View(stored));
  ASSERT_TRUE(viewed.has_value());
  EXPECT_TRUE(viewed->slots().viewed());
  EXPECT_EQ(viewed->slots().data(), stored.data());
  EXPECT_EQ(viewed->Find(99 * 7919), 99);
  EXPECT_EQ(viewed->Insert(1, 100), 100);  // a write copies the slots first
  EXPECT_FALSE(viewed->slots().viewed());
  EXPECT_EQ(viewed->Find(1), 100);
  EXPECT_EQ(viewed->Find(99 * 7919), 99);
  EXPECT_EQ(stored[0].value, table.slots()[0].value);  // the viewed slots are left as they were
}

TEST(KeyTableTest, RefusesSlotsNoTableCouldHave) {
  using Slot = KeyTable::Slot;
  const auto from_slots = [](std::vector<Slot> slots) {
    return KeyTable::FromSlots(StoredArray<Slot>(std::move(slots))).has_value();
  };
  EXPECT_FALSE(from_slots(std::vector<Slot>(3)));  // not a power of two
  EXPECT_FALSE(from_slots(std::vector<Slot>(1)));
  // Full: a lookup of a missing key would never reach an empty slot.
  EXPECT_FALSE(from_slots({Slot{1, 0}, Slot{2, 1}, Slot{3, 2}, Slot{4, 3}}));
  EXPECT_FALSE(from_slots({Slot{1, -5}, Slot{}, Slot{}, Slot{}}));
  EXPECT_TRUE(from_slots({Slot{1, 0}, Slot{}, Slot{}, Slot{}}));
}

}  // namespace
}  // namespace fazhi::extraction
