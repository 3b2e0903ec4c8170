#include "tools/query_benchmark/phrase_picker.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/text/normalize.h"
#include "common/text/utf8.h"

namespace fazhi::query_benchmark {
namespace {

std::vector<std::string> CorpusTexts() {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(FAZHI_SOURCE_DIR) / "tests/data/corpus")) {
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(text::NormalizeText(buffer.str()));
  }
  std::sort(texts.begin(), texts.end());
  return texts;
}

int TextsContaining(const std::vector<std::string>& texts, const std::string& phrase) {
  int count = 0;
  for (const std::string& text : texts) count += text.find(phrase) != std::string::npos;
  return count;
}

TEST(PickPhrasesTest, PhrasesHaveTheLengthAndTheReportCountsTheySay) {
  std::vector<std::string> texts = CorpusTexts();
  ASSERT_GE(texts.size(), 5u);
  for (int length : {1, 2, 4}) {
    std::vector<Phrase> phrases = PickPhrases(texts, length);
    ASSERT_EQ(phrases.size(), 5u);
    for (const Phrase& phrase : phrases) {
      EXPECT_EQ(text::CountCodepoints(phrase.text), length) << phrase.text;
      EXPECT_EQ(TextsContaining(texts, phrase.text), phrase.sample_reports) << phrase.text;
    }
    EXPECT_EQ(phrases[0].kind, "top");
    EXPECT_EQ(phrases[0].sample_reports, static_cast<int>(texts.size()));
    EXPECT_EQ(phrases[3].kind, "rare");
    EXPECT_EQ(phrases[3].sample_reports, 1);
    EXPECT_NE(phrases[3].text, phrases[4].text);
  }
}

TEST(PickPhrasesTest, SameSampleSamePhrases) {
  std::vector<std::string> texts = CorpusTexts();
  std::vector<Phrase> first = PickPhrases(texts, 2);
  std::vector<Phrase> second = PickPhrases(texts, 2);
  ASSERT_EQ(first.size(), second.size());
  for (size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].text, second[i].text);
}

}  // namespace
}  // namespace fazhi::query_benchmark
