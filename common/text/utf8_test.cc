#include "common/text/utf8.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

namespace fazhi::text {
namespace {

TEST(DecodeCodepointTest, DecodesOneToFourByteSequences) {
  const std::string text = "a\xC3\xA9\xE6\xB3\x95\xF0\x9F\x98\x80";  // a é 法 😀
  EXPECT_EQ(DecodeCodepoint(text, 0).codepoint, U'a');
  EXPECT_EQ(DecodeCodepoint(text, 1).codepoint, 0xE9u);
  EXPECT_EQ(DecodeCodepoint(text, 3).codepoint, 0x6CD5u);
  EXPECT_EQ(DecodeCodepoint(text, 3).length, 3);
  EXPECT_EQ(DecodeCodepoint(text, 6).codepoint, 0x1F600u);
  EXPECT_EQ(DecodeCodepoint(text, 6).length, 4);
}

TEST(DecodeCodepointTest, RejectsOverlongSurrogateAndTruncatedSequences) {
  EXPECT_FALSE(DecodeCodepoint("\xC0\xAF", 0).valid);          // overlong '/'
  EXPECT_FALSE(DecodeCodepoint("\xED\xA0\x80", 0).valid);      // surrogate D800
  EXPECT_FALSE(DecodeCodepoint("\xF4\x90\x80\x80", 0).valid);  // > U+10FFFF
  EXPECT_FALSE(DecodeCodepoint("\xE6\xB3", 0).valid);          // truncated
  EXPECT_FALSE(DecodeCodepoint("\x80", 0).valid);              // stray continuation
  EXPECT_EQ(DecodeCodepoint("\xE6\xB3", 0).length, 1);
  EXPECT_EQ(DecodeCodepoint("a", 1).length, 0);
}

// FirstInvalidUtf8Offset skips ASCII eight bytes at a time and CJK sequences whole: it must find
// what a code point by code point scan finds, wherever the damage falls.
TEST(DecodeTwoThreeByteSequencesTest, AgreesWithDecodeCodepointOnEveryLeadAndRandomPayloads) {
  std::mt19937 rng(46);
  for (int round = 0; round < 100000; ++round) {
    std::string eight(8, '\0');
    for (const int at : {0, 3}) {
      eight[at] = static_cast<char>(0xE0 | (rng() % 16));
      eight[at + 1] = static_cast<char>(0x80 | (rng() % 64));
      eight[at + 2] = static_cast<char>(0x80 | (rng() % 64));
    }
    eight[6] = static_cast<char>(rng() % 256);
    eight[7] = static_cast<char>(rng() % 256);
    uint64_t w;
    std::memcpy(&w, eight.data(), 8);
    ASSERT_TRUE(StartsWithTwoThreeByteSequences(w));
    // Overlong forms and surrogates decode too: only the bits are asked for.
    const auto bits = [&](size_t at) {
      return static_cast<uint64_t>(((eight[at] & 0x0F) << 12) | ((eight[at + 1] & 0x3F) << 6) |
                                   (eight[at + 2] & 0x3F));
    };
    ASSERT_EQ(DecodeTwoThreeByteSequences(w), bits(0) | (bits(3) << 24));
    if (DecodeCodepoint(eight, 0).valid) {
      ASSERT_EQ(DecodeTwoThreeByteSequences(w) & 0xFFFF, DecodeCodepoint(eight, 0).codepoint);
    }
  }
}

TEST(FirstInvalidUtf8OffsetTest, AgreesWithACodePointScanOnRandomDamage) {
  const auto scan = [](std::string_view text) {
    for (size_t i = 0; i < text.size();) {
      const DecodedCodepoint d = DecodeCodepoint(text, i);
      if (!d.valid) return i;
      i += d.length;
    }
    return text.size();
  };
  // Runs long enough for the 32-byte blocks, and every kind of lead byte: E0 and ED (whose second
  // byte is narrower) valid and not, the other three-byte leads, two- and four-byte sequences.
  static const std::string_view kPieces[] = {"abcdefgh",
                                             "a",
                                             "法治",
                                             "依法行政推进法治政府建设",
                                             "é",
                                             "😀",
                                             "\xE1\x80\x80",
                                             "\xEC\xBF\xBF",
                                             "\xED\x9F\xBF",
                                             "\xEE\x80\x80",
                                             "\xEF\xBF\xBD",
                                             "\xE0\xA0\x80",
                                             "\xE0\xBF\xBF"};
  static const std::string_view kDamage[] = {
      "\xFF",     "\x80",         "\xE6\xB3",     "\xED\xA0\x80", "\xC0\xAF",
      "\xE1\x80", "\xEC\x41\x80", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF"};
  std::mt19937 rng(8);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const int pieces = static_cast<int>(rng() % 30);
    for (int i = 0; i < pieces; ++i) text += kPieces[rng() % std::size(kPieces)];
    if (rng() % 4 != 0) text.insert(rng() % (text.size() + 1), kDamage[rng() % std::size(kDamage)]);
    ASSERT_EQ(FirstInvalidUtf8Offset(text), scan(text)) << testing::PrintToString(text);
  }
}

TEST(EncodeUtf8Test, WritesUtf8LengthBytesAsAppendUtf8Does) {
  for (const char32_t cp : {0x0u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0x6CD5u, 0xD800u, 0xDFFFu, 0xFFFFu,
                            0x10000u, 0x10FFFFu, 0x110000u}) {
    char bytes[4];
    const char* end = EncodeUtf8(cp, bytes);
    EXPECT_EQ(end - bytes, Utf8Length(cp)) << static_cast<uint32_t>(cp);
    std::string appended;
    AppendUtf8(appended, cp);
    EXPECT_EQ(std::string(bytes, static_cast<size_t>(end - bytes)), appended)
        << static_cast<uint32_t>(cp);
  }
}

TEST(AppendUtf8Test, RoundTripsAndReplacesSurrogates) {
  std::string out;
  AppendUtf8(out, 0x6CD5);
  AppendUtf8(out, 0x1F600);
  AppendUtf8(out, 0xD800);
  EXPECT_EQ(out, "法\xF0\x9F\x98\x80\xEF\xBF\xBD");
}

TEST(AppendUtf8Test, TextsLongerThanOneChunkAppendAsEachCodePointWould) {
  std::u32string text;
  for (int i = 0; i < 1000; ++i) text += std::u32string{U'法', U'a', 0x1F600, 0xD800, 0xE9};
  for (const size_t size :
       {size_t{0}, size_t{1}, size_t{255}, size_t{256}, size_t{257}, text.size()}) {
    std::string expected = "prefix";
    for (const char32_t c : text.substr(0, size)) AppendUtf8(expected, c);
    std::string out = "prefix";
    AppendUtf8(out, std::u32string_view(text).substr(0, size));
    EXPECT_EQ(out, expected) << size;
  }
}

TEST(Utf8ValidityTest, ReportsFirstInvalidOffset) {
  EXPECT_TRUE(IsValidUtf8("法治 ok"));
  EXPECT_FALSE(IsValidUtf8("法\xFF治"));
  EXPECT_EQ(FirstInvalidUtf8Offset("法\xFF治"), 3u);
  EXPECT_EQ(RepairUtf8("法\xFF治"), "法\xEF\xBF\xBD治");
}

TEST(CountCodepointsTest, CountsInvalidBytesAsOneEach) {
  EXPECT_EQ(CountCodepoints(""), 0);
  EXPECT_EQ(CountCodepoints("法治2021"), 6);
  EXPECT_EQ(CountCodepoints("a\xFF\xFE"), 3);
}

TEST(SubstrByCodepointsTest, TakesCodepointRangeAndClamps) {
  EXPECT_EQ(SubstrByCodepoints("关于2021年度", 2, 6), "2021");
  EXPECT_EQ(SubstrByCodepoints("关于", -3, 1), "关");
  EXPECT_EQ(SubstrByCodepoints("关于", 1, 99), "于");
  EXPECT_EQ(SubstrByCodepoints("关于", 2, 1), "");
}

TEST(CodepointIndexTest, MapsBothWaysOnMixedText) {
  const std::string text = "关于2021年度法治政府建设";
  CodepointIndex index(text);
  EXPECT_EQ(index.size(), 14);
  EXPECT_EQ(index.ToByte(2), 6u);
  EXPECT_EQ(index.ToCodepoint(6), 2);
  EXPECT_EQ(index.ToCodepoint(7), 3);
  EXPECT_EQ(index.ToCodepoint(1), 0);  // inside 关
  EXPECT_EQ(index.ToByte(14), text.size());
  EXPECT_EQ(index.ToByte(-1), 0u);
  EXPECT_EQ(index.ToCodepoint(text.size() + 5), 14);
}

TEST(CodepointIndexTest, EmptyTextHasNoCodepoints) {
  CodepointIndex index("");
  EXPECT_EQ(index.size(), 0);
  EXPECT_EQ(index.ToByte(0), 0u);
  EXPECT_EQ(index.ToCodepoint(0), 0);
}

// Brute-force cross-check over long random text with every sequence length and invalid bytes,
// long enough to cross many checkpoints.
TEST(CodepointIndexTest, AgreesWithLinearScanOnRandomText) {
  std::mt19937 rng(7);
  static const std::string_view kPieces[] = {"a",    "\xC3\xA9", "法", "\xF0\x9F\x98\x80",
                                             "\xFF", "\xE6\xB3", "\n"};
  std::string text;
  for (int i = 0; i < 5000; ++i) text += kPieces[rng() % std::size(kPieces)];
  CodepointIndex index(text);
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size();) {
    starts.push_back(i);
    const DecodedCodepoint d = DecodeCodepoint(text, i);
    i += d.length;
  }
  ASSERT_EQ(index.size(), static_cast<int64_t>(starts.size()));
  ASSERT_EQ(CountCodepoints(text), index.size());
  for (size_t cp = 0; cp < starts.size(); ++cp) {
    ASSERT_EQ(index.ToByte(cp), starts[cp]) << cp;
    ASSERT_EQ(index.ToCodepoint(starts[cp]), static_cast<int64_t>(cp)) << cp;
    const size_t end = cp + 1 < starts.size() ? starts[cp + 1] : text.size();
    for (size_t b = starts[cp]; b < end; ++b) ASSERT_EQ(index.ToCodepoint(b), int64_t(cp));
  }
}

}  // namespace
}  // namespace fazhi::text
