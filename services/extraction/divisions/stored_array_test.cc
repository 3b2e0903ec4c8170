#include "services/extraction/divisions/stored_array.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace fazhi::extraction {
namespace {

TEST(StoredArrayTest, BuildsAsAVector) {
  StoredArray<int32_t> array;
  EXPECT_TRUE(array.empty());
  array.assign(4, -1);
  array[2] = 7;
  array.push_back(9);
  EXPECT_FALSE(array.viewed());
  EXPECT_EQ(std::vector<int32_t>(array.begin(), array.end()),
            (std::vector<int32_t>{-1, -1, 7, -1, 9}));
  array = std::vector<int32_t>{1, 2};
  EXPECT_EQ(array.size(), 2u);
  EXPECT_EQ(array[1], 2);
}

TEST(StoredArrayTest, AViewReadsTheElementsInPlaceAndAWriteCopiesThemFirst) {
  const std::vector<uint64_t> stored = {1, 2, 3};
  StoredArray<uint64_t> view = StoredArray<uint64_t>::View(stored);
  EXPECT_TRUE(view.viewed());
  EXPECT_EQ(view.data(), stored.data());
  EXPECT_EQ(view[2], 3u);
  view[0] = 10;
  EXPECT_FALSE(view.viewed());
  EXPECT_NE(view.data(), stored.data());
  EXPECT_EQ(view[0], 10u);
  EXPECT_EQ(view[2], 3u);
  EXPECT_EQ(stored[0], 1u);  // what it viewed is left as it was
}

TEST(StoredArrayTest, MovesKeepTheElementsWhereTheyAreAndCopiesOwnTheirs) {
  StoredArray<int32_t> built(std::vector<int32_t>{4, 5, 6});
  const int32_t* const elements = built.data();
  StoredArray<int32_t> moved = std::move(built);
  EXPECT_EQ(moved.data(), elements);
  EXPECT_TRUE(built.empty());  // the moved-from array has nothing left to point to

  const std::vector<int32_t> stored = {7, 8};
  const StoredArray<int32_t> view = StoredArray<int32_t>::View(stored);
  const StoredArray<int32_t> copy = view;  // may outlive what the view views
  EXPECT_FALSE(copy.viewed());
  EXPECT_NE(copy.data(), stored.data());
  EXPECT_EQ(std::vector<int32_t>(copy.begin(), copy.end()), stored);
}

}  // namespace
}  // namespace fazhi::extraction
