// The two-byte GB18030 table against ICU converting the same bytes.
#include "common/text/gb18030.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <random>
#include <string>

namespace fazhi::text {
namespace {

// ICU's UTF-8 for GB18030 bytes, or nothing where ICU stops at an invalid byte.
std::optional<std::string> IcuUtf8(const std::string& gb18030) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* from = ucnv_open("GB18030", &status);
  UConverter* to = ucnv_open("UTF-8", &status);
  ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string utf8(gb18030.size() * 3 + 16, '\0');
  char* target = utf8.data();
  const char* source = gb18030.data();
  ucnv_convertEx(to, from, &target, utf8.data() + utf8.size(), &source,
                 gb18030.data() + gb18030.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  ucnv_close(from);
  ucnv_close(to);
  if (U_FAILURE(status)) return std::nullopt;
  utf8.resize(static_cast<size_t>(target - utf8.data()));
  return utf8;
}

TEST(Gb18030Test, EveryTwoByteCodeAndAsciiConvertAsIcuDoes) {
  std::string all;
  for (int byte = 1; byte < 0x80; ++byte) all.push_back(static_cast<char>(byte));
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      if (trail == 0x7F) continue;
      all.push_back(static_cast<char>(lead));
      all.push_back(static_cast<char>(trail));
    }
  }
  const std::optional<std::string> fast = Gb18030TwoByteToUtf8(all);
  const std::optional<std::string> icu = IcuUtf8(all);
  ASSERT_TRUE(icu.has_value());
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(*fast, *icu);
  EXPECT_EQ(Gb18030TwoByteToUtf8("\xB7\xA8\xD6\xCE"), "法治");
}

TEST(Gb18030Test, AnythingButTwoByteCodesGoesToIcu) {
  EXPECT_FALSE(Gb18030TwoByteToUtf8("\x81\x30\x81\x30").has_value());  // four bytes: U+0080
  EXPECT_FALSE(Gb18030TwoByteToUtf8("ab\x80").has_value());
  EXPECT_FALSE(Gb18030TwoByteToUtf8("ab\xFF").has_value());
  EXPECT_FALSE(Gb18030TwoByteToUtf8("ab\xB7").has_value());    // a lead at the end
  EXPECT_FALSE(Gb18030TwoByteToUtf8("\xB7\x7F").has_value());  // not a trail
  EXPECT_EQ(Gb18030TwoByteToUtf8(""), "");
  EXPECT_EQ(Gb18030TwoByteToUtf8("a"), "a");
  EXPECT_FALSE(Gb18030TwoByteToUtf8("\xB7").has_value());
}

// Texts are converted a block of a kilobyte at a time: codes astride a block's end, at every
// alignment, and a text's last byte alone (ASCII, or a lead without its trail).
TEST(Gb18030Test, LongTextsConvertAsIcuDoesWhereverCodesFallOnBlocks) {
  std::string codes;
  for (int i = 0; i < 3000; ++i) codes += i % 7 == 0 ? "a" : "\xB7\xA8\xD6\xCE";
  for (int ascii = 0; ascii < 4; ++ascii) {
    for (const std::string end : {"", "z", "\xD6\xCE", "\xD6"}) {
      const std::string bytes = std::string(ascii, 'x') + codes + end;
      const std::optional<std::string> icu = IcuUtf8(bytes);
      ASSERT_EQ(Gb18030TwoByteToUtf8(bytes), icu) << ascii << " then " << end.size();
      EXPECT_EQ(icu.has_value(), end != "\xD6");
    }
  }
}

TEST(Gb18030Test, RandomMixesConvertAsIcuDoesWhereTheyAreTwoByteCodes) {
  std::mt19937 random(18030);
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<int> byte(0, 255);
  int converted = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string bytes;
    for (int n = 0; n < 40; ++n) {
      const int k = kind(random);
      if (k < 3) {
        bytes.push_back(static_cast<char>(0x20 + byte(random) % 0x5F));
      } else if (k < 9) {
        bytes.push_back(static_cast<char>(0x81 + byte(random) % 0x7E));
        int trail = 0x40 + byte(random) % 0xBF;
        if (trail == 0x7F) trail = 0x80;
        bytes.push_back(static_cast<char>(trail));
      } else if (byte(random) < 8) {  // rarely: a four-byte code or any byte at all
        bytes += byte(random) % 2 ? std::string("\x81\x30\x81\x30") : std::string(1, byte(random));
      }
    }
    const std::optional<std::string> fast = Gb18030TwoByteToUtf8(bytes);
    if (!fast) continue;
    ++converted;
    ASSERT_EQ(fast, IcuUtf8(bytes)) << "mix " << i;
  }
  EXPECT_GT(converted, 2500);
}

}  // namespace
}  // namespace fazhi::text
