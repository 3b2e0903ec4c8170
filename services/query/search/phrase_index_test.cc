#include "services/query/search/phrase_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/text/normalize.h"
#include "common/text/utf8.h"

namespace fazhi::query {
namespace {

// Non-overlapping occurrences by a plain left-to-right scan: the reference.
uint32_t ScanCount(std::string_view text, std::string_view phrase) {
  uint32_t count = 0;
  for (size_t at = text.find(phrase); at != std::string_view::npos;
       at = text.find(phrase, at + phrase.size())) {
    ++count;
  }
  return count;
}

DocCounts Scan(const std::vector<std::string>& texts, std::string_view phrase) {
  DocCounts expected;
  for (uint32_t doc = 0; doc < texts.size(); ++doc) {
    if (uint32_t count = ScanCount(texts[doc], phrase); count > 0) {
      expected.docs.push_back(doc);
      expected.counts.push_back(count);
    }
  }
  return expected;
}

std::vector<std::string> CorpusTexts() {
  std::vector<std::string> texts;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(FAZHI_SOURCE_DIR) + "/tests/data/corpus")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(text::NormalizeText(buffer.str()));
  }
  return texts;
}

PhraseIndex IndexOf(const std::vector<std::string>& texts) {
  PhraseIndex index;
  for (size_t i = 0; i < texts.size(); ++i) index.Add("doc" + std::to_string(i), texts[i]);
  return index;
}

void ExpectSameAsScan(const PhraseIndex& index, const std::vector<std::string>& texts,
                      const std::string& phrase) {
  DocCounts expected = Scan(texts, phrase);
  DocCounts actual = index.Match(phrase);
  EXPECT_EQ(actual.docs, expected.docs) << "phrase '" << phrase << "'";
  EXPECT_EQ(actual.counts, expected.counts) << "phrase '" << phrase << "'";
}

TEST(PhraseIndexTest, EverySubstringOfTheReportsMatchesAPlainScan) {
  std::vector<std::string> texts = CorpusTexts();
  PhraseIndex index = IndexOf(texts);
  std::mt19937 random(7);
  int checked = 0;
  for (const std::string& text : texts) {
    int64_t length = text::CountCodepoints(text);
    for (int sample = 0; sample < 60; ++sample) {
      int64_t begin = std::uniform_int_distribution<int64_t>(0, length - 8)(random);
      for (int64_t size : {1, 2, 3, 4, 5, 7}) {
        ExpectSameAsScan(index, texts, text::SubstrByCodepoints(text, begin, begin + size));
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 5 * 60 * 6);
}

TEST(PhraseIndexTest, PhrasesThatOccurNowhereFindNothing) {
  std::vector<std::string> texts = CorpusTexts();
  PhraseIndex index = IndexOf(texts);
  for (std::string phrase :
       {"法治政府建设年度报告书", "政法治", "龘", "𠀀法", "依法依法依法依法"}) {
    ExpectSameAsScan(index, texts, phrase);
  }
}

TEST(PhraseIndexTest, SelfOverlappingPhrasesCountNonOverlappingOccurrences) {
  std::vector<std::string> texts = {"哈哈哈哈哈", "哈哈", "哈", "abababa", "aaaa"};
  PhraseIndex index = IndexOf(texts);
  for (std::string phrase : {"哈", "哈哈", "哈哈哈", "aba", "abab", "aa", "aaa", "a"}) {
    ExpectSameAsScan(index, texts, phrase);
  }
  EXPECT_EQ(index.Match("哈哈").counts, (std::vector<uint32_t>{2, 1}));
}

TEST(PhraseIndexTest, RandomTextsOverASmallAlphabetMatchAPlainScan) {
  std::mt19937 random(11);
  const std::vector<std::string> alphabet = {"法", "治", "a", "𠀀"};
  auto random_string = [&](int length) {
    std::string out;
    for (int i = 0; i < length; ++i) out += alphabet[random() % alphabet.size()];
    return out;
  };
  std::vector<std::string> texts;
  for (int i = 0; i < 200; ++i) texts.push_back(random_string(1 + static_cast<int>(random() % 40)));
  PhraseIndex index = IndexOf(texts);
  for (int i = 0; i < 400; ++i) ExpectSameAsScan(index, texts, random_string(1 + i % 6));
}

// Lists longer than the skip interval: a common pair in every document and a rare one only near
// the skip entries' block edges, so the common list jumps to (and just past) entry boundaries.
TEST(PhraseIndexTest, RarePairsJumpAcrossSkipBlocksExactly) {
  std::vector<std::string> texts;
  for (int doc = 0; doc < 700; ++doc) {
    std::string text = "依法行政依法治理";
    int edge = doc % 64;
    if (edge == 0 || edge == 1 || edge == 63 || doc == 699) text += "甲乙依法丙丁依法甲乙";
    if (doc % 128 == 127) text += "丙丁甲乙依法";
    texts.push_back(text);
  }
  PhraseIndex index = IndexOf(texts);
  for (std::string phrase :
       {"甲乙依法", "依法甲乙", "丙丁依法", "乙依法丙", "甲乙依法丙丁", "依法", "丙丁甲乙"}) {
    ExpectSameAsScan(index, texts, phrase);
  }
  EXPECT_EQ(index.Match("丙丁甲乙").docs.size(), 5u);  // 127, 255, 383, 511, 639
}

// Many positions per document, with gaps needing one, two and three varint bytes, in documents
// the phrase's other pair mostly skips (their positions are stepped over without decoding).
TEST(PhraseIndexTest, DocumentsWithLongPositionListsAreSkippedAndReadExactly) {
  std::mt19937 random(5);
  std::vector<std::string> texts;
  for (int doc = 0; doc < 60; ++doc) {
    std::string text;
    for (int run = 0; run < 30; ++run) {
      text += "法治";
      int gap = run % 10 == 9 ? 17000 : std::vector<int>{0, 3, 200}[random() % 3];
      text += std::string(static_cast<size_t>(gap), 'x');
    }
    if (doc % 7 == 0) text += "法治政府";
    if (doc % 5 == 0) text += "政府法治";
    texts.push_back(text);
  }
  PhraseIndex index = IndexOf(texts);
  for (std::string phrase :
       {"法治政府", "政府法治", "治政", "法治x", "x法治", "xx法治xx", "法治法治"}) {
    ExpectSameAsScan(index, texts, phrase);
  }
}

TEST(PhraseIndexTest, DocumentsAddedAfterCompactAreFoundWithTheEarlierOnes) {
  std::vector<std::string> texts;
  for (int doc = 0; doc < 300; ++doc) {
    texts.push_back(doc % 3 == 0 ? "推进依法行政，建设法治政府" : "建设法治政府，推进依法行政");
  }
  PhraseIndex index;
  for (int doc = 0; doc < 200; ++doc) index.Add("doc" + std::to_string(doc), texts[doc]);
  index.Compact();
  for (int doc = 200; doc < 300; ++doc) index.Add("doc" + std::to_string(doc), texts[doc]);
  for (std::string phrase : {"政府，推进", "行政，建设", "依法行政", "法治政府", "，"}) {
    ExpectSameAsScan(index, texts, phrase);
  }
  index.Compact();
  ExpectSameAsScan(index, texts, "行政，建设法治");
}

// A phrase made of one pair repeated reads that pair's list through several cursors at once.
TEST(PhraseIndexTest, PhrasesWhosePairsRepeatCountWholeOccurrences) {
  std::vector<std::string> texts = {"依法依法依法依法依法", "依法依法", "依法依依法法依法",
                                    "法依法依法依", "依法治依法治依法治"};
  PhraseIndex index = IndexOf(texts);
  for (std::string phrase :
       {"依法依法", "依法依法依法", "法依法依", "依法依", "依法治依法治", "依法治依"}) {
    ExpectSameAsScan(index, texts, phrase);
  }
  EXPECT_EQ(index.Match("依法依法").docs, (std::vector<uint32_t>{0, 1, 3}));
  EXPECT_EQ(index.Match("依法依法").counts, (std::vector<uint32_t>{2, 1, 1}));
}

TEST(PhraseIndexTest, BooleanQueriesMatchSetsAndRankByPositivePhrases) {
  std::vector<std::string> texts = {"调解调解仲裁", "调解", "仲裁", "诉讼", "调解诉讼诉讼"};
  PhraseIndex index = IndexOf(texts);
  auto search = [&](std::string_view query) {
    auto root = ParseSearchQuery(query);
    EXPECT_TRUE(root.ok()) << root.status();
    return index.Search(**root);
  };
  SearchHits both = search("调解 仲裁");
  EXPECT_EQ(both.docs, (std::vector<uint32_t>{0}));
  EXPECT_EQ(both.ranks, (std::vector<int64_t>{3}));

  SearchHits either = search("仲裁 OR 诉讼");
  EXPECT_EQ(either.docs, (std::vector<uint32_t>{0, 2, 3, 4}));
  EXPECT_EQ(either.ranks, (std::vector<int64_t>{1, 1, 1, 2}));

  SearchHits without = search("调解 -仲裁");
  EXPECT_EQ(without.docs, (std::vector<uint32_t>{1, 4}));
  EXPECT_EQ(without.ranks, (std::vector<int64_t>{1, 1}));

  SearchHits negated = search("NOT 调解");
  EXPECT_EQ(negated.docs, (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(negated.ranks, (std::vector<int64_t>{0, 0}));

  SearchHits nested = search("(调解 OR 仲裁) AND NOT (诉讼 OR 调解调解)");
  EXPECT_EQ(nested.docs, (std::vector<uint32_t>{1, 2}));
}

TEST(PhraseIndexTest, FindsDocumentsByIdAndReportsItsSize) {
  PhraseIndex index;
  EXPECT_EQ(index.Add("first", "依法行政"), 0u);
  EXPECT_EQ(index.Add("second", "依法治国"), 1u);
  EXPECT_EQ(index.Find("second"), 1);
  EXPECT_EQ(index.Find("third"), -1);
  EXPECT_EQ(index.id(0), "first");
  index.Compact();
  PhraseIndexStats stats = index.Stats();
  EXPECT_EQ(stats.documents, 2u);
  EXPECT_EQ(stats.indexed_codepoints, 8);
  EXPECT_EQ(stats.distinct_characters, 6);
  EXPECT_EQ(stats.distinct_pairs, 5);  // 依法 法行 行政 法治 治国
  EXPECT_GT(stats.posting_bytes, 0);
}

TEST(PhraseIndexTest, AddingAnIdAgainReplacesItsTextEverywhere) {
  PhraseIndex index;
  index.Add("kept", "行政复议案件");
  index.Add("reread", "行政夏议案件");  // the old OCR misread 复 as 夏
  index.Add("other", "行政诉讼");
  EXPECT_EQ(index.Match("行政复议").docs, (std::vector<uint32_t>{0}));
  EXPECT_EQ(index.Add("reread", "行政复议案件，行政复议"), 3u);
  EXPECT_EQ(index.Find("reread"), 3);
  EXPECT_TRUE(index.retired(1));
  EXPECT_FALSE(index.retired(3));
  EXPECT_TRUE(index.Match("夏议").docs.empty());
  DocCounts found = index.Match("行政复议");
  EXPECT_EQ(found.docs, (std::vector<uint32_t>{0, 3}));
  EXPECT_EQ(found.counts, (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(index.Match("行").docs, (std::vector<uint32_t>{0, 2, 3}));
  auto root = ParseSearchQuery("NOT 复议");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(index.Search(**root).docs, (std::vector<uint32_t>{2}));  // not the retired text
  PhraseIndexStats stats = index.Stats();
  EXPECT_EQ(stats.documents, 3u);
  EXPECT_EQ(stats.retired_documents, 1u);
}

}  // namespace
}  // namespace fazhi::query

namespace fazhi::query {
namespace {

// Random texts over a mid-sized alphabet, some ids added again with a new text, and documents
// far apart in a pair's list (delta bytes with the count-of-one bit): every phrase's documents
// and counts are those of a plain scan of the live texts.
TEST(PhraseIndexCodingTest, RandomTextsWithReplacedIdsMatchAPlainScanOfTheLiveTexts) {
  std::mt19937 random(23);
  const std::vector<std::string> alphabet = {"法", "治", "政", "府", "a", "b", "𠀀", "，"};
  auto random_string = [&](int length, size_t letters) {
    std::string out;
    for (int i = 0; i < length; ++i) out += alphabet[random() % letters];
    return out;
  };
  PhraseIndex index;
  std::vector<std::string> live;  // by document number; empty once retired
  for (int i = 0; i < 3000; ++i) {
    // Rare texts (the whole alphabet) every 150 documents, so their pairs' deltas need two bytes.
    const size_t letters = i % 150 == 0 ? alphabet.size() : 3;
    const std::string id = "doc" + std::to_string(i % 2500);  // the last 500 replace earlier ones
    const int64_t old = index.Find(id);
    if (old >= 0) live[old].clear();
    live.push_back(random_string(1 + static_cast<int>(random() % 300), letters));
    index.Add(id, live.back());
  }
  for (int i = 0; i < 300; ++i) {
    ExpectSameAsScan(index, live, random_string(1 + i % 7, i % 2 == 0 ? alphabet.size() : 3));
  }
  EXPECT_EQ(index.Stats().retired_documents, 500u);
}

// Positions coded against the document's length: a pair filling a document, two-character
// documents, and dense runs far apart (long unary runs in the high bits, more than one read).
TEST(PhraseIndexCodingTest, ExtremePositionLayoutsMatchAPlainScan) {
  std::string dense_far_apart;
  for (int i = 0; i < 300; ++i) dense_far_apart += "法治";
  dense_far_apart += std::string(100000, 'x');
  for (int i = 0; i < 300; ++i) dense_far_apart += "法治";
  dense_far_apart += "政府" + std::string(70000, 'y') + "法治政府";
  std::vector<std::string> texts = {dense_far_apart,
                                    "法治",
                                    "治",
                                    "ab",
                                    std::string(5000, 'a'),
                                    "x法治" + std::string(65536, 'x') + "法治x"};
  PhraseIndex index = IndexOf(texts);
  for (std::string phrase : {"法治", "治法", "法治法治", "法治政府", "x法治", "治x", "aa", "aaa",
                             "ab", "xx", "yyy", "y法治", "府y"}) {
    ExpectSameAsScan(index, texts, phrase);
  }
}

class PhraseIndexSnapshotTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("phrase_index_snapshot_" + std::to_string(::getpid())))
                .string();
  }
  void TearDown() override { std::filesystem::remove(path_); }

  void Save(const PhraseIndex& index) {
    absl::StatusOr<SnapshotWriter> out = SnapshotWriter::Create(path_, 1);
    ASSERT_TRUE(out.ok()) << out.status();
    index.Save(*out);
    ASSERT_TRUE(out->Commit().ok());
  }

  absl::StatusOr<PhraseIndex> Load() {
    absl::StatusOr<SnapshotReader> in = SnapshotReader::Open(path_, 1);
    if (!in.ok()) return in.status();
    absl::StatusOr<PhraseIndex> index = PhraseIndex::Load(*in);
    if (!index.ok()) return index.status();
    if (absl::Status whole = in->Finish(); !whole.ok()) return whole;
    return index;
  }

  std::string path_;
};

TEST_F(PhraseIndexSnapshotTest, ALoadedIndexAnswersAsTheSavedOneAndGrowsTheSame) {
  std::vector<std::string> texts = CorpusTexts();
  PhraseIndex saved = IndexOf(texts);
  const std::string reread = texts[0] + "，再读一遍";
  saved.Add("doc0", reread);  // retires document 0
  texts[0].clear();
  texts.push_back(reread);
  saved.Compact();
  Save(saved);
  absl::StatusOr<PhraseIndex> loaded = Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->size(), saved.size());
  EXPECT_TRUE(loaded->retired(0));
  EXPECT_EQ(loaded->Find("doc0"), saved.Find("doc0"));
  EXPECT_EQ(loaded->Stats().indexed_codepoints, saved.Stats().indexed_codepoints);
  EXPECT_EQ(loaded->Stats().posting_bytes, saved.Stats().posting_bytes);
  std::mt19937 random(3);
  for (int sample = 0; sample < 400; ++sample) {
    const std::string& text = texts[1 + random() % (texts.size() - 2)];
    int64_t length = text::CountCodepoints(text);
    int64_t begin = std::uniform_int_distribution<int64_t>(0, length - 8)(random);
    std::string phrase = text::SubstrByCodepoints(text, begin, begin + 1 + sample % 6);
    DocCounts want = saved.Match(phrase);
    DocCounts got = loaded->Match(phrase);
    EXPECT_EQ(got.docs, want.docs) << phrase;
    EXPECT_EQ(got.counts, want.counts) << phrase;
  }
  auto root = ParseSearchQuery("依法 -仲裁 OR (再读 AND NOT 行政)");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(loaded->Search(**root).docs, saved.Search(**root).docs);
  EXPECT_EQ(loaded->Search(**root).ranks, saved.Search(**root).ranks);
  // Documents added after loading land in the loaded lists as they would in the saved ones.
  texts.push_back("新增的报告：依法行政，再读一遍");
  loaded->Add("new", texts.back());
  loaded->Add("doc1", texts.back());
  texts[1].clear();
  texts.push_back(texts.back());
  for (std::string phrase : {"再读一遍", "依法行政", "新增", "，", "报告"}) {
    ExpectSameAsScan(*loaded, texts, phrase);
  }
}

TEST_F(PhraseIndexSnapshotTest, AnIndexCodedInAnotherVersionIsRefusedNamingBoth) {
  {
    absl::StatusOr<SnapshotWriter> out = SnapshotWriter::Create(path_, 1);
    ASSERT_TRUE(out.ok());
    out->U32(PhraseIndex::kCoding - 1);
    ASSERT_TRUE(out->Commit().ok());
  }
  absl::Status loaded = Load().status();
  EXPECT_TRUE(absl::IsFailedPrecondition(loaded)) << loaded;
  EXPECT_NE(
      loaded.message().find(absl::StrCat("coded in version ", PhraseIndex::kCoding - 1,
                                         ", this build reads version ", PhraseIndex::kCoding)),
      std::string::npos)
      << loaded;
}

TEST_F(PhraseIndexSnapshotTest, ATruncatedOrCorruptSnapshotIsRefused) {
  Save(IndexOf(CorpusTexts()));
  const auto size = std::filesystem::file_size(path_);
  std::ifstream in(path_, std::ios::binary);
  const std::string whole((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  for (size_t cut : {size_t{20}, size / 3, size / 2, size - 5, size - 1}) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << whole.substr(0, cut);
    absl::Status loaded = Load().status();
    EXPECT_TRUE(absl::IsDataLoss(loaded)) << "cut at " << cut << ": " << loaded;
  }
  std::string corrupt = whole;
  corrupt[size / 2] ^= 1;
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << corrupt;
  absl::Status loaded = Load().status();
  EXPECT_TRUE(absl::IsDataLoss(loaded)) << loaded;  // a wrong length, or else the checksum
}

}  // namespace
}  // namespace fazhi::query
