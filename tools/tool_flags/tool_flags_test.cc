#include "tools/tool_flags/tool_flags.h"

#include <gtest/gtest.h>

namespace fazhi::tools {
namespace {

TEST(ToolFlagsTest, OnlyLoopbackAddressesAreLoopback) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackAddress("127.1.2.3:1"));
  EXPECT_TRUE(IsLoopbackAddress("localhost:50051"));
  EXPECT_TRUE(IsLoopbackAddress("[::1]:50051"));
  EXPECT_FALSE(IsLoopbackAddress("10.0.0.5:50051"));
  EXPECT_FALSE(IsLoopbackAddress("query.example.org:443"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0.1"));  // no port
}

TEST(ToolFlagsTest, IntegerFlagsParseTheirValueAndFlagBadOnes) {
  int64_t value = 7;
  bool bad = false;
  EXPECT_FALSE(ParseIntFlag("--streams=3", "reports", &value, &bad));
  EXPECT_EQ(value, 7);
  EXPECT_TRUE(ParseIntFlag("--reports=500", "reports", &value, &bad));
  EXPECT_EQ(value, 500);
  EXPECT_FALSE(bad);
  EXPECT_TRUE(ParseIntFlag("--reports=many", "reports", &value, &bad));
  EXPECT_TRUE(bad);
}

}  // namespace
}  // namespace fazhi::tools
