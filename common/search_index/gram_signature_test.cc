#include "common/search_index/gram_signature.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "common/text/normalize.h"
#include "common/text/utf8.h"
#include "gtest/gtest.h"

namespace fazhi::search_index {
namespace {

std::vector<std::string> CorpusTexts() {
  std::vector<std::string> texts;
  std::filesystem::path dir = std::filesystem::path(FAZHI_SOURCE_DIR) / "tests/data/corpus";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(text::NormalizeText(buffer.str()));
  }
  return texts;
}

std::vector<char32_t> Codepoints(std::string_view utf8) {
  std::vector<char32_t> out;
  for (size_t offset = 0; offset < utf8.size();) {
    text::DecodedCodepoint decoded = text::DecodeCodepoint(utf8, offset);
    out.push_back(decoded.codepoint);
    offset += std::max(decoded.length, 1);
  }
  return out;
}

std::string Utf8(const std::vector<char32_t>& codepoints, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) text::AppendUtf8(out, codepoints[i]);
  return out;
}

bool Includes(const std::vector<int32_t>& set, const std::vector<int32_t>& subset) {
  return std::includes(set.begin(), set.end(), subset.begin(), subset.end());
}

TEST(EncodeCharTest, ExactBlocksGetDistinctCodesBelowTheHashedRange) {
  std::set<int32_t> seen;
  for (char32_t c : {U'法', U'一', U'\u9FFF', U'a', U'A', U' ', U'\n', U'。', U'《', U'“', U'①',
                     U'㈠', U'\u3400', U'·', U'Ⅱ', U'■'}) {
    CharCode code = EncodeChar(c);
    EXPECT_TRUE(code.exact) << static_cast<uint32_t>(c);
    EXPECT_GE(code.code, 0);
    EXPECT_LT(code.code, 1 << 15);
    EXPECT_TRUE(seen.insert(code.code).second) << static_cast<uint32_t>(c);
  }
}

TEST(EncodeCharTest, CharactersOutsideTheAlphabetShareHashedBuckets) {
  CharCode emoji = EncodeChar(U'\U0001F600');
  CharCode greek = EncodeChar(U'α');
  EXPECT_FALSE(emoji.exact);
  EXPECT_FALSE(greek.exact);
  EXPECT_LT(emoji.code, 1 << 15);
  EXPECT_GT(emoji.code, EncodeChar(U'\uFFEF').code);
}

TEST(GramsOfPhraseTest, OneAndTwoCharacterPhrasesAreExactLongerOnesAreCandidates) {
  PhraseGrams one = GramsOfPhrase("法");
  EXPECT_TRUE(one.exact);
  EXPECT_EQ(one.grams, std::vector<int32_t>{EncodeChar(U'法').code});
  PhraseGrams two = GramsOfPhrase("法治");
  EXPECT_TRUE(two.exact);
  EXPECT_EQ(two.grams, std::vector<int32_t>{BigramToken(EncodeChar(U'法').code, EncodeChar(U'治').code)});
  PhraseGrams four = GramsOfPhrase("依法行政");
  EXPECT_FALSE(four.exact);
  EXPECT_EQ(four.grams.size(), 3u);
  EXPECT_FALSE(GramsOfPhrase("α法").exact);
}

TEST(GramsOfPhraseTest, RepeatedBigramsAreListedOnce) {
  EXPECT_EQ(GramsOfPhrase("哈哈哈哈").grams.size(), 1u);
}

TEST(TextGramsTest, EverySubstringsGramsAreInTheTextsSignature) {
  std::mt19937 random(20240601);
  for (const std::string& text : CorpusTexts()) {
    std::vector<char32_t> chars = Codepoints(text);
    std::vector<int32_t> signature = TextGrams(text);
    ASSERT_TRUE(std::is_sorted(signature.begin(), signature.end()));
    for (int trial = 0; trial < 2000; ++trial) {
      size_t length = 1 + random() % 8;
      size_t begin = random() % (chars.size() - length);
      std::string phrase = Utf8(chars, begin, begin + length);
      ASSERT_TRUE(Includes(signature, GramsOfPhrase(phrase).grams)) << phrase;
    }
  }
}

TEST(TextGramsTest, RandomTextsAndSubstringsIncludingRareCharactersNeverMiss) {
  std::mt19937 random(7);
  const std::vector<char32_t> pool = {U'法', U'治', U'政', U'府', U'\n', U' ', U'1', U'a', U'。',
                                      U'α', U'\U0001F600', U'\u20AC', U'〔', U'①'};
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<char32_t> chars(5 + random() % 60);
    for (char32_t& c : chars) c = pool[random() % pool.size()];
    std::vector<int32_t> signature = TextGrams(Utf8(chars, 0, chars.size()));
    for (int sub = 0; sub < 20; ++sub) {
      size_t length = 1 + random() % std::min<size_t>(6, chars.size() - 1);
      size_t begin = random() % (chars.size() - length + 1);
      ASSERT_TRUE(Includes(signature, GramsOfPhrase(Utf8(chars, begin, begin + length)).grams));
    }
  }
}

TEST(TextGramsTest, ExactPhrasesMatchTheSignatureExactlyWhenTheTextContainsThem) {
  std::vector<std::string> texts = CorpusTexts();
  // Candidate phrases: characters and pairs from one report, checked against all of them, so
  // both present and absent phrases are exercised.
  std::vector<char32_t> source = Codepoints(texts[0]);
  std::mt19937 random(11);
  int present = 0;
  int absent = 0;
  for (const std::string& text : texts) {
    std::vector<int32_t> signature = TextGrams(text);
    for (int trial = 0; trial < 3000; ++trial) {
      size_t length = 1 + random() % 2;
      size_t a = random() % (source.size() - 1);
      std::vector<char32_t> picked = {source[a], source[random() % source.size()]};
      std::string phrase = Utf8(picked, 0, length);
      PhraseGrams grams = GramsOfPhrase(phrase);
      if (!grams.exact) continue;
      bool contains = text.find(phrase) != std::string::npos;
      (contains ? present : absent)++;
      ASSERT_EQ(Includes(signature, grams.grams), contains) << phrase;
    }
  }
  EXPECT_GT(present, 1000);
  EXPECT_GT(absent, 1000);
}

int64_t NonOverlapping(std::string_view text, std::string_view phrase) {
  int64_t count = 0;
  for (size_t at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + phrase.size())) {
    ++count;
  }
  return count;
}

TEST(TextSignatureTest, RankTokensGiveEachFrequentGramsCountLevel) {
  for (const std::string& text : CorpusTexts()) {
    std::vector<int32_t> signature = TextSignature(text);
    std::vector<int32_t> grams = TextGrams(text);
    ASSERT_TRUE(Includes(signature, grams));
    for (std::string_view phrase : {"法", "法治", "政府", "的", "。", "2"}) {
      int32_t gram = GramsOfPhrase(phrase).grams[0];
      int level = CountLevel(NonOverlapping(text, phrase));
      for (int other = 0; other < kLevelCount; ++other) {
        bool has = std::binary_search(signature.begin(), signature.end(), RankToken(gram, other));
        EXPECT_EQ(has, other == level) << phrase << " level " << other;
      }
    }
  }
}

TEST(TextSignatureTest, RunsOfOneCharacterCountNonOverlappingPairs) {
  std::vector<int32_t> signature = TextSignature("哈哈哈哈哈");  // 哈哈 twice, 哈 five times
  int32_t pair = GramsOfPhrase("哈哈").grams[0];
  int32_t single = GramsOfPhrase("哈").grams[0];
  EXPECT_TRUE(std::binary_search(signature.begin(), signature.end(), RankToken(pair, CountLevel(2))));
  EXPECT_TRUE(std::binary_search(signature.begin(), signature.end(), RankToken(single, CountLevel(5))));
  EXPECT_EQ(CountLevel(1), -1);
  EXPECT_EQ(CountLevel(2), 0);
  EXPECT_EQ(CountLevel(5), 2);
}

TEST(IntArrayLiteralTest, WritesPostgresArrayText) {
  EXPECT_EQ(IntArrayLiteral({1, 2, 1073741824}), "{1,2,1073741824}");
  EXPECT_EQ(IntArrayLiteral({}), "{}");
}

}  // namespace
}  // namespace fazhi::search_index
