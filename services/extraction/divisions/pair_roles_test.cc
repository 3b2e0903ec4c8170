#include "services/extraction/divisions/pair_roles.h"

#include <algorithm>
#include <bit>
#include <vector>

#include "gtest/gtest.h"
#include "services/extraction/prescan/prescan.h"

namespace fazhi::extraction {
namespace {

uint32_t Pair(uint32_t first, uint32_t second) { return first << 16 | second; }

bool Passes(const std::vector<uint8_t>& roles, uint32_t first, uint32_t second) {
  return ((roles[first] & 0x0F) & (roles[second] >> 4)) != 0;
}
bool Passes(const std::vector<uint8_t>& roles, uint32_t pair) {
  return Passes(roles, pair >> 16, pair & 0xFFFF);
}

// Pairs of four groups: group g's first characters (0x4E00 + 10 g + i) each followed by each of
// its own second characters (0x5E00 + 10 g + j), and by 的, which follows every group.
std::vector<uint32_t> FourGroups() {
  std::vector<uint32_t> pairs;
  for (uint32_t group = 0; group < 4; ++group) {
    for (uint32_t i = 0; i < 5; ++i) {
      for (uint32_t j = 0; j < 6; ++j)
        pairs.push_back(Pair(0x4E00 + 10 * group + i, 0x5E00 + 10 * group + j));
      pairs.push_back(Pair(0x4E00 + 10 * group + i, u'的'));
    }
  }
  return pairs;
}

TEST(PairRolesTest, EveryPairPasses) {
  std::vector<uint32_t> pairs = FourGroups();
  // And a tangle: pairs of every first with a few seconds of a hashed spread.
  for (uint32_t first = U'一'; first < U'一' + 300; ++first) {
    for (uint32_t k = 1; k <= 3; ++k)
      pairs.push_back(Pair(first, 0x6000 + (first * 2654435761u * k) % 900));
  }
  const std::vector<uint8_t> roles = PairRoles(pairs);
  ASSERT_EQ(roles.size(), 0x10000u);
  for (const uint32_t pair : pairs) EXPECT_TRUE(Passes(roles, pair)) << std::hex << pair;
}

TEST(PairRolesTest, EachFirstCharacterHasOneClassAndOthersNoRole) {
  const std::vector<uint32_t> pairs = FourGroups();
  const std::vector<uint8_t> roles = PairRoles(pairs);
  for (const uint32_t pair : pairs)
    EXPECT_EQ(std::popcount(unsigned{roles[pair >> 16]} & 0x0F), 1) << std::hex << pair;
  EXPECT_EQ(roles[u'海'], 0);
  EXPECT_EQ(roles[0x5E00] & 0x0F, 0);  // a second character only
}

// Groups whose second characters do not overlap go to classes of their own: a first character
// with another group's second character is then no pair. 的, which follows every group, ends
// every class.
TEST(PairRolesTest, SortsFirstCharactersWithTheSameSecondsIntoOneClass) {
  const std::vector<uint8_t> roles = PairRoles(FourGroups());
  for (uint32_t group = 0; group < 4; ++group) {
    for (uint32_t other = 0; other < 4; ++other) {
      EXPECT_EQ(Passes(roles, 0x4E00 + 10 * group, 0x5E00 + 10 * other), group == other)
          << group << " " << other;
    }
  }
  EXPECT_EQ(roles[u'的'] >> 4, 0x0F);
}

TEST(PairRolesTest, TheOrderOfThePairsChangesNothing) {
  std::vector<uint32_t> pairs = FourGroups();
  const std::vector<uint8_t> roles = PairRoles(pairs);
  std::reverse(pairs.begin(), pairs.end());
  pairs.push_back(pairs.front());  // and a pair twice
  EXPECT_EQ(PairRoles(pairs), roles);
}

}  // namespace
}  // namespace fazhi::extraction
