#include "common/security/token_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fazhi::security {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFile[] = R"(# fazhi tokens
reader  reader-token-0123456789

writer	writer-token-0123456789
admin admin-token-0123456789
)";

TEST(TokenTableTest, FileLinesGiveEachTokenItsRole) {
  absl::StatusOr<TokenTable> tokens = TokenTable::Parse(kFile, '\n', "tokens.txt");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_EQ(tokens->Find("reader-token-0123456789"), Role::kReader);
  EXPECT_EQ(tokens->Find("writer-token-0123456789"), Role::kWriter);
  EXPECT_EQ(tokens->Find("admin-token-0123456789"), Role::kAdmin);
  EXPECT_EQ(tokens->CountWithRole(Role::kWriter), 1);
}

TEST(TokenTableTest, UnknownPrefixAndExtendedTokensAreNotFound) {
  absl::StatusOr<TokenTable> tokens = TokenTable::Parse(kFile, '\n', "tokens.txt");
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ(tokens->Find("reader-token-012345678"), std::nullopt);
  EXPECT_EQ(tokens->Find("reader-token-01234567890"), std::nullopt);
  EXPECT_EQ(tokens->Find(""), std::nullopt);
  EXPECT_EQ(tokens->Find("reader"), std::nullopt);
}

TEST(TokenTableTest, InlineEntriesAreSemicolonSeparated) {
  absl::StatusOr<TokenTable> tokens =
      TokenTable::Parse(" reader aaaaaaaaaaaaaaaa ; admin bbbbbbbbbbbbbbbb;", ';', "FAZHI_TOKENS");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_EQ(tokens->Find("aaaaaaaaaaaaaaaa"), Role::kReader);
  EXPECT_EQ(tokens->Find("bbbbbbbbbbbbbbbb"), Role::kAdmin);
}

TEST(TokenTableTest, EmptyTextMeansNoTokens) {
  absl::StatusOr<TokenTable> tokens = TokenTable::Parse("", ';', "FAZHI_TOKENS");
  ASSERT_TRUE(tokens.ok());
  EXPECT_TRUE(tokens->empty());
}

TEST(TokenTableTest, ErrorsNameTheEntryButNeverTheToken) {
  absl::StatusOr<TokenTable> tokens =
      TokenTable::Parse("reader ok-token-0123456789\nwritr secret-token-0123456789", '\n', "t.txt");
  ASSERT_EQ(tokens.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(tokens.status().message(), HasSubstr("t.txt entry 2: unknown role 'writr'"));
  EXPECT_THAT(tokens.status().message(), Not(HasSubstr("secret")));
}

TEST(TokenTableTest, TokenFirstOrderIsRejected) {
  absl::StatusOr<TokenTable> tokens = TokenTable::Parse("token-0123456789abcdef admin", '\n', "t");
  EXPECT_EQ(tokens.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(TokenTableTest, ShortRepeatedAndMalformedEntriesAreRejected) {
  EXPECT_THAT(TokenTable::Parse("admin short", ';', "t").status().message(),
              HasSubstr("at least 16"));
  EXPECT_THAT(TokenTable::Parse("admin aaaaaaaaaaaaaaaa;reader aaaaaaaaaaaaaaaa", ';', "t")
                  .status()
                  .message(),
              HasSubstr("entry 2: the token is listed twice"));
  EXPECT_THAT(TokenTable::Parse("admin aaaaaaaaaaaaaaaa extra", ';', "t").status().message(),
              HasSubstr("expected `role token`"));
  EXPECT_THAT(TokenTable::Parse("aaaaaaaaaaaaaaaa", ';', "t").status().message(),
              HasSubstr("expected `role token`"));
}

TEST(TokenTableTest, MergeRefusesATokenListedInBothPlaces) {
  absl::StatusOr<TokenTable> file = TokenTable::Parse("admin aaaaaaaaaaaaaaaa", '\n', "f");
  absl::StatusOr<TokenTable> inline_tokens = TokenTable::Parse("reader aaaaaaaaaaaaaaaa", ';', "e");
  ASSERT_TRUE(file.ok() && inline_tokens.ok());
  EXPECT_EQ(file->Merge(*inline_tokens).code(), absl::StatusCode::kInvalidArgument);
  absl::StatusOr<TokenTable> other = TokenTable::Parse("reader cccccccccccccccc", ';', "e");
  ASSERT_TRUE(file->Merge(*other).ok());
  EXPECT_EQ(file->Find("cccccccccccccccc"), Role::kReader);
}

}  // namespace
}  // namespace fazhi::security
