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

TEST(KeyTableTest, RefusesSlotsNoTableCouldHave) {
  using Slot = KeyTable::Slot;
  EXPECT_FALSE(KeyTable::FromSlots(std::vector<Slot>(3)).has_value());  // not a power of two
  EXPECT_FALSE(KeyTable::FromSlots(std::vector<Slot>(1)).has_value());
  // Full: a lookup of a missing key would never reach an empty slot.
  EXPECT_FALSE(KeyTable::FromSlots({Slot{1, 0}, Slot{2, 1}, Slot{3, 2}, Slot{4, 3}}).has_value());
  EXPECT_FALSE(KeyTable::FromSlots({Slot{1, -5}, Slot{}, Slot{}, Slot{}}).has_value());
  EXPECT_TRUE(KeyTable::FromSlots({Slot{1, 0}, Slot{}, Slot{}, Slot{}}).has_value());
}

}  // namespace
}  // namespace fazhi::extraction
