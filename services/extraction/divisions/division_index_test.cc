#include "services/extraction/divisions/division_index.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/text/utf8.h"

namespace fazhi::extraction {
namespace {

std::string DataDir() {
  const char* root = std::getenv("FAZHI_SOURCE_DIR");
  return std::string(root != nullptr ? root : FAZHI_SOURCE_DIR) + "/data/divisions";
}

const DivisionIndex& Index() {
  static const DivisionIndex* index = [] {
    absl::StatusOr<DivisionIndex> loaded = DivisionIndex::LoadFromDirectory(DataDir());
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new DivisionIndex(std::move(*loaded));
  }();
  return *index;
}

std::vector<std::string> Codes(const std::vector<const Division*>& divisions) {
  std::vector<std::string> codes;
  for (const Division* d : divisions) codes.push_back(d->code);
  return codes;
}

// Load time is measured by division_index_benchmark, not asserted here: a shared CI machine's
// load decides wall times.
TEST(DivisionIndexTest, LoadsTheWholeList) {
  absl::StatusOr<DivisionIndex> index = DivisionIndex::LoadFromDirectory(DataDir());
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_EQ(index->divisions().size(), 31u + 342u + 2978u + 41352u);
}

TEST(DivisionIndexTest, MissingDirectoryNamesTheFile) {
  absl::StatusOr<DivisionIndex> index = DivisionIndex::LoadFromDirectory("/nonexistent/divisions");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(index.status().message()), ::testing::HasSubstr("provinces.csv"));
}

TEST(DivisionIndexTest, MalformedRowNamesFileAndLine) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "fazhi_divisions_bad";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "provinces.csv") << "code,name\n11,\"北京市\"\n";
  std::ofstream(dir / "cities.csv") << "code,name,provinceCode\n1101,\"市辖区\",11\n";
  std::ofstream(dir / "areas.csv") << "code,name,cityCode,provinceCode\n110101,\"东城区\",9999,11\n";
  std::ofstream(dir / "streets.csv") << "code,name,areaCode,provinceCode,cityCode\n";
  absl::StatusOr<DivisionIndex> index = DivisionIndex::LoadFromDirectory(dir.string());
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(index.status().message()), ::testing::HasSubstr("areas.csv:2"));
  EXPECT_THAT(std::string(index.status().message()), ::testing::HasSubstr("9999"));
}

TEST(DivisionIndexTest, FindsByCode) {
  const Division* d = Index().FindByCode("640522104");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "三河镇");
  EXPECT_EQ(d->level, DivisionLevel::kTownship);
  EXPECT_EQ(Index().FindByCode("999999"), nullptr);
}

TEST(DivisionIndexTest, SameTownshipNameInManyCounties) {
  std::vector<const Division*> found = Index().FindByName("三河镇");
  EXPECT_EQ(found.size(), 9u);
  EXPECT_THAT(Codes(found), ::testing::Contains("640522104"));
}

TEST(DivisionIndexTest, ShortNamesFindOfficialNames) {
  EXPECT_THAT(Codes(Index().FindByShortName("通道县")), ::testing::ElementsAre("431230"));
  EXPECT_THAT(Codes(Index().FindByShortName("甘孜州")), ::testing::ElementsAre("5133"));
  EXPECT_THAT(Codes(Index().FindByShortName("隆阳")), ::testing::ElementsAre("530502"));
  EXPECT_THAT(Codes(Index().FindByShortName("山西")), ::testing::ElementsAre("14"));
}

TEST(DivisionIndexTest, AncestorsSkipPlaceholders) {
  const Division* haidian = Index().FindByCode("110108");
  ASSERT_NE(haidian, nullptr);
  EXPECT_THAT(Codes(Index().Ancestors(*haidian)), ::testing::ElementsAre("11"));
  const Division* sanhe = Index().FindByCode("640522104");
  EXPECT_THAT(Codes(Index().Ancestors(*sanhe)), ::testing::ElementsAre("640522", "6405", "64"));
}

TEST(DivisionIndexTest, MunicipalDistrictsHaveTheCityAsPrefecture) {
  const Division* haidian = Index().FindByCode("110108");
  ASSERT_NE(Index().PrefectureOf(*haidian), nullptr);
  EXPECT_EQ(Index().PrefectureOf(*haidian)->name, "北京市");
  EXPECT_EQ(Index().ProvinceOf(*haidian).name, "北京市");
}

TEST(DivisionIndexTest, CountiesDirectlyUnderAProvinceHaveNoPrefecture) {
  const Division* xiantao = Index().FindByCode("429004");
  ASSERT_NE(xiantao, nullptr);
  EXPECT_EQ(xiantao->name, "仙桃市");
  EXPECT_EQ(Index().PrefectureOf(*xiantao), nullptr);
  EXPECT_EQ(Index().ProvinceOf(*xiantao).name, "湖北省");
}

TEST(DivisionIndexTest, FindMentionsReportsNestedNamesWithByteOffsets) {
  std::string text = "海原县三河镇2023年度法治建设情况报告";
  std::vector<std::string> names;
  for (const DivisionMention& m : Index().FindMentions(text)) names.push_back(text.substr(m.begin, m.end - m.begin));
  EXPECT_THAT(names, ::testing::IsSupersetOf({"海原县", "海原", "三河镇", "三河"}));
}

// The scan's filters and pair table skip positions: none of them may skip a real name. Every
// substring that `Lookup` knows must come back as a mention, and nothing else, including names
// at the text's very end, after a character outside the BMP and after an invalid byte.
TEST(DivisionIndexTest, FindMentionsFindsExactlyTheNamesLookupKnows) {
  const std::string text = "在𠀀海原县三河镇,\xff通道侗族自治县与甘孜州、北京市海淀区;山西";
  std::vector<std::pair<size_t, size_t>> expected;
  for (size_t begin = 0; begin < text.size(); ++begin) {
    for (size_t end = begin + 1; end <= text.size(); ++end) {
      if (!Index().Lookup(std::string_view(text).substr(begin, end - begin)).empty()) expected.emplace_back(begin, end);
    }
  }
  std::vector<std::pair<size_t, size_t>> found;
  for (const DivisionMention& m : Index().FindMentions(text)) {
    found.emplace_back(m.begin, m.end);
    EXPECT_EQ(m.hits.data(), Index().Lookup(text.substr(m.begin, m.end - m.begin)).data());
  }
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, expected);
  EXPECT_GE(found.size(), 10u);
}

// Over code points the scan works in blocks of positions: names across a block's end and at
// the text's very end must come back too, with offsets in code points.
TEST(DivisionIndexTest, FindMentionsOverCodePointsFindsExactlyTheNamesLookupKnows) {
  constexpr size_t kLongestNameHere = 16;
  std::u32string text;
  for (int filler = 0; text.size() < 5000; filler = (filler + 1) % 7) {
    text.append(static_cast<size_t>(filler), U'的');
    text += U"在海原县三河镇,通道侗族自治县与甘孜州、北京市海淀区;山西";
  }
  std::vector<std::pair<size_t, size_t>> expected;
  for (size_t begin = 0; begin < text.size(); ++begin) {
    std::string name;
    for (size_t end = begin + 1; end <= std::min(text.size(), begin + kLongestNameHere); ++end) {
      text::AppendUtf8(name, text[end - 1]);
      if (!Index().Lookup(name).empty()) expected.emplace_back(begin, end);
    }
  }
  std::vector<std::pair<size_t, size_t>> found;
  for (const DivisionMention& m : Index().FindMentions(std::u32string_view(text))) found.emplace_back(m.begin, m.end);
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, expected);
  EXPECT_GE(found.size(), 500u);
}

TEST(DivisionIndexTest, FindMentionsListsLongerNamesFirstAtOnePosition) {
  const std::string text = "海原县三河镇";
  std::vector<DivisionMention> mentions = Index().FindMentions(text);
  for (size_t i = 1; i < mentions.size(); ++i) {
    EXPECT_TRUE(mentions[i - 1].begin < mentions[i].begin ||
                (mentions[i - 1].begin == mentions[i].begin && mentions[i - 1].end > mentions[i].end));
  }
  ASSERT_GE(mentions.size(), 2u);
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end), "海原县");
}

}  // namespace
}  // namespace fazhi::extraction
