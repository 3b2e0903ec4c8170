#include "common/paging/page_token.h"

#include <gtest/gtest.h>

namespace fazhi::paging {
namespace {

TEST(PageTokenTest, RoundTripsTheCursor) {
  uint64_t fingerprint = Fingerprint({"province = \"四川省\"", "report_year"});
  PageCursor cursor{fingerprint, "2021", "3ec515af8b8a42ca"};
  absl::StatusOr<PageCursor> decoded = DecodePageToken(EncodePageToken(cursor), fingerprint);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->last_key, "2021");
  EXPECT_EQ(decoded->last_id, "3ec515af8b8a42ca");
}

TEST(PageTokenTest, TokenFromOtherParametersIsRejected) {
  std::string token = EncodePageToken({Fingerprint({"a", ""}), "k", "i"});
  absl::StatusOr<PageCursor> decoded = DecodePageToken(token, Fingerprint({"b", ""}));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(decoded.status().message().find("different"), std::string::npos);
}

TEST(PageTokenTest, FingerprintSeparatesParts) {
  EXPECT_NE(Fingerprint({"ab", "c"}), Fingerprint({"a", "bc"}));
}

TEST(PageTokenTest, GarbageIsMalformed) {
  for (std::string_view bad : {"", "!!!", "bm90IGpzb24", "eyJ2IjoyfQ"}) {
    absl::StatusOr<PageCursor> decoded = DecodePageToken(bad, 0);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(PageSizeTest, ZeroIsTheDefaultAndLargeIsCapped) {
  EXPECT_EQ(*PageSize(0, 50, 1000), 50);
  EXPECT_EQ(*PageSize(7, 50, 1000), 7);
  EXPECT_EQ(*PageSize(5000, 50, 1000), 1000);
}

TEST(PageSizeTest, NegativeIsInvalidArgument) {
  absl::StatusOr<int> size = PageSize(-1, 50, 1000);
  ASSERT_FALSE(size.ok());
  EXPECT_EQ(size.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(size.status().message().find("page_size"), std::string::npos);
}

}  // namespace
}  // namespace fazhi::paging
