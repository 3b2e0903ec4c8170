#include "services/extraction/divisions/division_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "common/text/utf8.h"
#include "services/extraction/divisions/division_names.h"

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
  for (const Division* d : divisions) codes.emplace_back(d->code);
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
  std::ofstream(dir / "areas.csv")
      << "code,name,cityCode,provinceCode\n110101,\"东城区\",9999,11\n";
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

// Each hit keeps its division's level (the scans ask it of every hit), and a province's short
// name is reliable where another division's bare short name is not.
TEST(DivisionIndexTest, HitsKeepTheirDivisionsLevel) {
  const DivisionIndex& index = Index();
  size_t provinces = 0;
  for (const Division& division : index.divisions()) {
    for (const NameHit& hit : index.Lookup(division.name)) {
      ASSERT_EQ(hit.level, index.at(hit.division).level) << division.name;
      provinces += hit.level == DivisionLevel::kProvince ? 1 : 0;
    }
  }
  EXPECT_GE(provinces, 31u);
  ASSERT_EQ(index.Lookup("广东").size(), 1u);
  EXPECT_TRUE(index.Lookup("广东")[0].Reliable());
  ASSERT_EQ(index.Lookup("隆阳").size(), 1u);
  EXPECT_FALSE(index.Lookup("隆阳")[0].Reliable());
}

TEST(DivisionIndexTest, AncestorsSkipPlaceholders) {
  const Division* haidian = Index().FindByCode("110108");
  ASSERT_NE(haidian, nullptr);
  EXPECT_THAT(Codes(Index().Ancestors(*haidian)), ::testing::ElementsAre("11"));
  const Division* sanhe = Index().FindByCode("640522104");
  EXPECT_THAT(Codes(Index().Ancestors(*sanhe)), ::testing::ElementsAre("640522", "6405", "64"));
}

// IsAncestor stops its walk once the parents' indices fall below the one asked: it must still
// find every ancestor, placeholders included, and nothing else.
TEST(DivisionIndexTest, IsAncestorHoldsForEveryParentUpTheChainAndNothingElse) {
  const DivisionIndex& index = Index();
  const auto at = [&](std::string_view code) { return index.IndexOf(*index.FindByCode(code)); };
  const int32_t sanhe = at("640522104");  // 三河镇, 海原县, 中卫市, 宁夏
  for (std::string_view ancestor : {"640522", "6405", "64"}) {
    EXPECT_TRUE(index.IsAncestor(at(ancestor), sanhe)) << ancestor;
  }
  EXPECT_TRUE(index.IsAncestor(at("1101"), at("110108")));  // 市辖区, a placeholder, of 海淀区
  EXPECT_FALSE(index.IsAncestor(sanhe, sanhe));
  EXPECT_FALSE(index.IsAncestor(sanhe, at("640522")));        // a descendant
  EXPECT_FALSE(index.IsAncestor(at("640521"), sanhe));        // a county beside its own
  EXPECT_FALSE(index.IsAncestor(at("11"), sanhe));            // another province
  EXPECT_FALSE(index.IsAncestor(at("640522104"), at("11")));  // a later index above
  for (const Division& division : index.divisions()) {
    if (division.parent >= 0) {
      EXPECT_LT(division.parent, index.IndexOf(division)) << division.code;
    }
  }
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
  for (const DivisionMention& m : Index().FindMentions(text))
    names.push_back(text.substr(m.begin, m.end - m.begin));
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
      if (!Index().Lookup(std::string_view(text).substr(begin, end - begin)).empty())
        expected.emplace_back(begin, end);
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
// Names at every offset within the scan's blocks of eight, 5,000 code points of them.
std::u32string ManyNames() {
  std::u32string text;
  for (int filler = 0; text.size() < 5000; filler = (filler + 1) % 7) {
    text.append(static_cast<size_t>(filler), U'的');
    text += U"在海原县三河镇,通道侗族自治县与甘孜州、北京市海淀区;山西";
  }
  return text;
}

TEST(DivisionIndexTest, FindMentionsOverCodePointsFindsExactlyTheNamesLookupKnows) {
  constexpr size_t kLongestNameHere = 16;
  const std::u32string text = ManyNames();
  std::vector<std::pair<size_t, size_t>> expected;
  for (size_t begin = 0; begin < text.size(); ++begin) {
    std::string name;
    for (size_t end = begin + 1; end <= std::min(text.size(), begin + kLongestNameHere); ++end) {
      text::AppendUtf8(name, text[end - 1]);
      if (!Index().Lookup(name).empty()) expected.emplace_back(begin, end);
    }
  }
  std::vector<std::pair<size_t, size_t>> found;
  for (const DivisionMention& m : Index().FindMentions(std::u32string_view(text)))
    found.emplace_back(m.begin, m.end);
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, expected);
  EXPECT_GE(found.size(), 500u);
}

// Every name of the list (each division's official and short names, the former names and the
// functional areas'), given alone, comes back whole: each walk goes through every character of
// some name, so a filter of a node's children that leaves out a child (ChildBits), or an edge's
// slot that lost its child's filter (as a snapshot keeps them), drops names here.
void ExpectEveryNameFoundWhole(const DivisionIndex& index) {
  std::vector<std::string> names;
  for (const Division& division : index.divisions()) {
    if (division.placeholder) continue;
    names.emplace_back(division.name);
    for (std::string& short_name : ShortNames(division.name))
      names.push_back(std::move(short_name));
  }
  for (const FunctionalArea& area : index.functional_areas()) names.push_back(area.name);
  names.insert(names.end(), {"坪山新区", "大鹏"});  // a former name, an area's short name
  size_t found = 0;
  for (const std::string& name : names) {
    const std::vector<DivisionMention> mentions = index.FindMentions(name);
    const auto whole = std::find_if(
        mentions.begin(), mentions.end(),
        [&](const DivisionMention& m) { return m.begin == 0 && m.end == name.size(); });
    ASSERT_NE(whole, mentions.end()) << name;
    ASSERT_EQ(whole->hits.data(), index.Lookup(name).data()) << name;
    ++found;
  }
  EXPECT_GT(found, 80000u);
}

TEST(DivisionIndexTest, FindMentionsFindsEveryNameOfTheListWhole) {
  ExpectEveryNameFoundWhole(Index());
}

std::vector<std::pair<size_t, size_t>> Spans(const std::vector<DivisionMention>& mentions) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (const DivisionMention& m : mentions) spans.emplace_back(m.begin, m.end);
  return spans;
}

// With the extractor's prescan (MarkNameStarts: its pair rule skips most positions before the scan
// looks at them), the very same mentions in the same order; also with characters beyond the BMP,
// which begin or end a pair of any class, and at the text's very end.
TEST(DivisionIndexTest, FindMentionsWithAPrescanFindsTheSameMentions) {
  PrescanTable table;
  Index().MarkNameStarts(table);
  for (const std::u32string& text :
       {ManyNames(), std::u32string(U"𠀀海原县𠀀三河镇,甘𠀀孜州山西"), std::u32string(U"山西")}) {
    const Prescan prescan(table, text);
    const std::vector<DivisionMention> scanned = Index().FindMentions(text);
    const std::vector<DivisionMention> prescanned = Index().FindMentions(text, &prescan);
    EXPECT_EQ(Spans(prescanned), Spans(scanned));
    EXPECT_FALSE(scanned.empty());
  }
}

// A mention says whether any division bearing its name has it as its official name, and whether
// any reads it as surely that place (NameHit::Reliable): the same as asking each of its hits.
TEST(DivisionIndexTest, FindMentionsSaysWhetherAnyHitIsOfficialOrReliable) {
  const std::string text = "海原县三河镇,通道县与隆阳、坪山新区、广东";
  size_t official = 0;
  size_t unreliable = 0;
  for (const DivisionMention& m : Index().FindMentions(text)) {
    const bool any_official =
        std::any_of(m.hits.begin(), m.hits.end(), [](const NameHit& h) { return h.Official(); });
    const bool any_reliable =
        std::any_of(m.hits.begin(), m.hits.end(), [](const NameHit& h) { return h.Reliable(); });
    EXPECT_EQ(m.any_official, any_official) << text.substr(m.begin, m.end - m.begin);
    EXPECT_EQ(m.any_reliable, any_reliable) << text.substr(m.begin, m.end - m.begin);
    official += m.any_official ? 1 : 0;
    unreliable += m.any_reliable ? 0 : 1;
  }
  EXPECT_GE(official, 2u);    // 海原县, 三河镇
  EXPECT_GE(unreliable, 1u);  // 隆阳, a bare short name
}

TEST(DivisionIndexTest, FindMentionsListsLongerNamesFirstAtOnePosition) {
  const std::string text = "海原县三河镇";
  std::vector<DivisionMention> mentions = Index().FindMentions(text);
  for (size_t i = 1; i < mentions.size(); ++i) {
    EXPECT_TRUE(
        mentions[i - 1].begin < mentions[i].begin ||
        (mentions[i - 1].begin == mentions[i].begin && mentions[i - 1].end > mentions[i].end));
  }
  ASSERT_GE(mentions.size(), 2u);
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end), "海原县");
}

// A short name is typed only when it keeps its own division's type word: 城镇 (城镇街道) and 大市
// (大市镇) merely end like one.
TEST(DivisionIndexTest, ShortNameIsTypedOnlyWithItsOwnTypeWord) {
  auto all_typed = [](std::string_view name, bool typed) {
    std::span<const NameHit> hits = Index().Lookup(name);
    return !hits.empty() && std::all_of(hits.begin(), hits.end(),
                                        [&](const NameHit& h) { return h.typed == typed; });
  };
  EXPECT_TRUE(all_typed("通道县", true));
  EXPECT_TRUE(all_typed("甘孜州", true));
  EXPECT_TRUE(all_typed("通道", false));
  EXPECT_TRUE(all_typed("城镇", false));
  EXPECT_TRUE(all_typed("大市", false));
}

TEST(DivisionIndexTest, FormerNameFindsTheDivisionThatHoldsItsCodeNow) {
  std::span<const NameHit> hits = Index().Lookup("坪山新区");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(Index().at(hits[0].division).code, "440310");
  EXPECT_TRUE(hits[0].former);
  EXPECT_FALSE(hits[0].is_short);
  EXPECT_THAT(Index().FindByName("坪山新区"), ::testing::IsEmpty());  // not an official name
  std::vector<DivisionMention> mentions =
      Index().FindMentions(std::u32string_view(U"2014年坪山新区管委会"));
  ASSERT_FALSE(mentions.empty());
  EXPECT_EQ(mentions[0].end - mentions[0].begin, 4u);
}

// A functional area is a name with no division: the scan reports it (so that 大鹏 inside it is not
// read alone), with its area and the division it lies in.
TEST(DivisionIndexTest, FunctionalAreaIsAMentionWithoutADivision) {
  std::vector<DivisionMention> mentions =
      Index().FindMentions(std::u32string_view(U"大鹏新区管委会"));
  ASSERT_FALSE(mentions.empty());
  const DivisionMention& area = mentions[0];
  EXPECT_EQ(area.end - area.begin, 4u);
  EXPECT_TRUE(area.hits.empty());
  ASSERT_GE(area.area, 0);
  EXPECT_FALSE(area.area_short);
  const FunctionalArea& dapeng = Index().functional_areas()[area.area];
  EXPECT_EQ(dapeng.name, "大鹏新区");
  EXPECT_EQ(Index().at(dapeng.within).code, "440307");
  // Its short form 大鹏 also names 大鹏街道 and 大鹏镇.
  ASSERT_GE(mentions.size(), 2u);
  EXPECT_EQ(mentions[1].area, area.area);
  EXPECT_TRUE(mentions[1].area_short);
  EXPECT_FALSE(mentions[1].hits.empty());
}

TEST(DivisionIndexTest, NationalOrganLengthIsTheLongestOrganBeginningTheText) {
  EXPECT_EQ(Index().NationalOrganLength(U"国务院"), 3u);
  EXPECT_EQ(Index().NationalOrganLength(U"国务院办公厅关于印发"), 6u);
  EXPECT_EQ(Index().NationalOrganLength(U"中华人民共和国司法部"), 10u);
  EXPECT_EQ(Index().NationalOrganLength(U"国家税务总局深圳市税务局"),
            6u);  // the resolver then sees 深圳市
  EXPECT_EQ(Index().NationalOrganLength(U"深圳市司法局"), 0u);
  EXPECT_EQ(Index().NationalOrganLength(U"关于国务院"), 0u);
}

// The optional files are checked against the list: a stale row names its file and line.
TEST(DivisionIndexTest, StaleRowsOfTheOptionalFilesNameFileAndLine) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "fazhi_divisions_extras";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "provinces.csv") << "code,name\n44,\"广东省\"\n";
  std::ofstream(dir / "cities.csv") << "code,name,provinceCode\n4403,\"深圳市\",44\n";
  std::ofstream(dir / "areas.csv")
      << "code,name,cityCode,provinceCode\n440307,\"龙岗区\",4403,44\n440310,\"坪山区\",4403,44\n";
  std::ofstream(dir / "streets.csv") << "code,name,areaCode,provinceCode,cityCode\n";
  std::ofstream(dir / "former_names.csv")
      << "name,code,name_now,changed,source\n坪山新区,440310,坪山区,2017,x\n"
      << "龙华新区,440310,龙华区,2017,x\n";
  absl::StatusOr<DivisionIndex> index = DivisionIndex::LoadFromDirectory(dir.string());
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(index.status().message()), ::testing::HasSubstr("former_names.csv:3"));
  EXPECT_THAT(std::string(index.status().message()), ::testing::HasSubstr("坪山区"));

  std::ofstream(dir / "former_names.csv")
      << "name,code,name_now,changed,source\n坪山新区,440310,坪山区,2017,x\n";
  std::ofstream(dir / "functional_areas.csv") << "name,within_code,within_name,short_names,source\n"
                                              << "坪山区,440307,龙岗区,,x\n";
  index = DivisionIndex::LoadFromDirectory(dir.string());
  ASSERT_FALSE(index.ok());
  EXPECT_THAT(std::string(index.status().message()),
              ::testing::HasSubstr("functional_areas.csv:2"));

  std::ofstream(dir / "functional_areas.csv") << "name,within_code,within_name,short_names,source\n"
                                              << "大鹏新区,440307,龙岗区,大鹏,x\n";
  index = DivisionIndex::LoadFromDirectory(dir.string());
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_EQ(index->functional_areas().size(), 1u);
  EXPECT_EQ(index->Lookup("坪山新区").size(), 1u);
}

std::string WriteSnapshot(const DivisionIndex& index, const std::filesystem::path& file) {
  const std::string bytes = index.Snapshot();
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  return bytes;
}

// What the extractor asks of the index, asked of two indexes that must agree.
void ExpectSameAnswers(const DivisionIndex& a, const DivisionIndex& b) {
  ASSERT_EQ(a.divisions().size(), b.divisions().size());
  for (size_t i = 0; i < a.divisions().size(); ++i) {
    const Division& x = a.divisions()[i];
    const Division& y = b.divisions()[i];
    ASSERT_EQ(x.code, y.code);
    ASSERT_EQ(x.name, y.name);
    ASSERT_EQ(x.level, y.level);
    ASSERT_EQ(x.parent, y.parent);
    ASSERT_EQ(x.placeholder, y.placeholder);
    ASSERT_EQ(b.FindByCode(x.code), &y);
  }
  ASSERT_EQ(a.functional_areas().size(), b.functional_areas().size());
  const std::string text =
      "宁夏回族自治区海原县三河镇，通道县与甘孜州，坪山新区、大鹏新区在龙岗区；国务院办公厅。";
  const std::vector<DivisionMention> x = a.FindMentions(text);
  const std::vector<DivisionMention> y = b.FindMentions(text);
  ASSERT_EQ(x.size(), y.size());
  ASSERT_GT(x.size(), 5u);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(x[i].begin, y[i].begin);
    EXPECT_EQ(x[i].end, y[i].end);
    EXPECT_EQ(x[i].typed, y[i].typed);
    EXPECT_EQ(x[i].area, y[i].area);
    EXPECT_EQ(x[i].area_short, y[i].area_short);
    ASSERT_EQ(x[i].hits.size(), y[i].hits.size());
    for (size_t h = 0; h < x[i].hits.size(); ++h) {
      EXPECT_EQ(x[i].hits[h].division, y[i].hits[h].division);
      EXPECT_EQ(x[i].hits[h].is_short, y[i].hits[h].is_short);
      EXPECT_EQ(x[i].hits[h].level, y[i].hits[h].level);
      EXPECT_EQ(x[i].hits[h].typed, y[i].hits[h].typed);
      EXPECT_EQ(x[i].hits[h].former, y[i].hits[h].former);
    }
  }
  for (const char* name : {"三河镇", "通道县", "甘孜", "坪山新区", "大鹏", "北京市"}) {
    EXPECT_EQ(a.Lookup(name).size(), b.Lookup(name).size()) << name;
  }
  EXPECT_EQ(a.NationalOrganLength(U"国务院办公厅关于"), b.NationalOrganLength(U"国务院办公厅关于"));
}

TEST(DivisionIndexTest, SnapshotOfTheSameFilesGivesTheSameIndex) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "fazhi_divisions_test.snapshot";
  const std::string bytes = WriteSnapshot(Index(), file);
  EXPECT_FALSE(Index().from_snapshot());
  absl::StatusOr<DivisionIndex> read = DivisionIndex::LoadFromDirectory(DataDir(), file.string());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(read->from_snapshot());
  ExpectSameAnswers(Index(), *read);
  ExpectEveryNameFoundWhole(*read);
  EXPECT_EQ(read->Snapshot(), bytes);  // nothing lost on the way: it writes the same bytes
  std::filesystem::remove(file);
}

// A snapshot stands for the files it was made from: once they change, or when it is damaged or
// missing, the CSV files are read.
TEST(DivisionIndexTest, StaleDamagedOrMissingSnapshotIsPassedOver) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "fazhi_divisions_snapshot";
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / "divisions.snapshot";
  std::ofstream(dir / "provinces.csv") << "code,name\n44,\"广东省\"\n";
  std::ofstream(dir / "cities.csv") << "code,name,provinceCode\n4403,\"深圳市\",44\n";
  std::ofstream(dir / "areas.csv")
      << "code,name,cityCode,provinceCode\n440307,\"龙岗区\",4403,44\n";
  std::ofstream(dir / "streets.csv") << "code,name,areaCode,provinceCode,cityCode\n";
  absl::StatusOr<DivisionIndex> index = DivisionIndex::LoadFromDirectory(dir.string());
  ASSERT_TRUE(index.ok()) << index.status();
  const std::string bytes = WriteSnapshot(*index, file);
  // Read from the lists, the index keeps its names: the lists may be edited meanwhile.
  std::ofstream(dir / "areas.csv") << "code,name,cityCode,provinceCode\n";
  const DivisionIndex moved = *std::move(index);
  EXPECT_EQ(moved.FindByCode("440307")->name, "龙岗区");
  EXPECT_EQ(moved.FindByCode("44")->code, "44");
  std::ofstream(dir / "areas.csv")
      << "code,name,cityCode,provinceCode\n440307,\"龙岗区\",4403,44\n";

  index = DivisionIndex::LoadFromDirectory(dir.string(), file.string());
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_TRUE(index->from_snapshot());
  EXPECT_EQ(index->divisions().size(), 3u);

  std::ofstream(dir / "areas.csv") << "code,name,cityCode,provinceCode\n440307,\"龙岗区\",4403,44\n"
                                   << "440310,\"坪山区\",4403,44\n";
  index = DivisionIndex::LoadFromDirectory(dir.string(), file.string());
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_FALSE(index->from_snapshot());
  EXPECT_EQ(index->divisions().size(), 4u);
  EXPECT_EQ(index->FindByName("坪山区").size(), 1u);

  // Made from the files as they are now, then cut short: every array is checked against the end.
  const std::string current = index->Snapshot();
  for (const size_t size : {size_t{0}, size_t{10}, current.size() / 2, current.size() - 1}) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << current.substr(0, size);
    index = DivisionIndex::LoadFromDirectory(dir.string(), file.string());
    ASSERT_TRUE(index.ok()) << index.status();
    EXPECT_FALSE(index->from_snapshot()) << size;
    EXPECT_EQ(index->divisions().size(), 4u);
  }
  std::filesystem::remove(file);
  index = DivisionIndex::LoadFromDirectory(dir.string(), file.string());
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_FALSE(index->from_snapshot());
  // Without the list itself, the error is the list's, snapshot or not.
  WriteSnapshot(*index, file);
  std::filesystem::remove(dir / "streets.csv");
  index = DivisionIndex::LoadFromDirectory(dir.string(), file.string());
  EXPECT_EQ(index.status().code(), absl::StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

// The tables of an index read from a snapshot are the mapped file's bytes: they stay with the
// index when it moves, and when the build renames a new snapshot over the file.
TEST(DivisionIndexTest, IndexReadFromASnapshotKeepsItsMapping) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "fazhi_divisions_mapped.snapshot";
  WriteSnapshot(Index(), file);
  absl::StatusOr<DivisionIndex> read = DivisionIndex::LoadFromDirectory(DataDir(), file.string());
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_TRUE(read->from_snapshot());
  const std::filesystem::path replacement = file.string() + ".partial";
  std::ofstream(replacement, std::ios::binary | std::ios::trunc) << "not a snapshot";
  std::filesystem::rename(replacement, file);
  const DivisionIndex moved = *std::move(read);
  ExpectSameAnswers(Index(), moved);
  std::filesystem::remove(file);
}

// A snapshot of another layout (another magic) is refused, though its fingerprint is right.
TEST(DivisionIndexTest, SnapshotOfAnotherLayoutIsPassedOver) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "fazhi_divisions_layout.snapshot";
  std::string bytes = Index().Snapshot();
  const size_t end_of_magic = bytes.find('\n');  // "fazhi-divisions-snapshot-N\n"
  ASSERT_NE(end_of_magic, std::string::npos);
  ++bytes[end_of_magic - 1];
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  absl::StatusOr<DivisionIndex> read = DivisionIndex::LoadFromDirectory(DataDir(), file.string());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_FALSE(read->from_snapshot());
  std::filesystem::remove(file);
}

// The pair table's probes start at the top bits of a hash, as many as the table's size says: a
// snapshot whose shift (its last value) would start them past the table is refused.
TEST(DivisionIndexTest, SnapshotWhosePairProbesWouldLeaveTheTableIsPassedOver) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "fazhi_divisions_shift.snapshot";
  std::string bytes = Index().Snapshot();
  int32_t shift = 0;
  ASSERT_GE(bytes.size(), sizeof(shift));
  std::memcpy(&shift, bytes.data() + bytes.size() - sizeof(shift), sizeof(shift));
  ASSERT_GT(shift, 1);
  ASSERT_LT(shift, 32);
  --shift;  // one bit more: twice the table's size
  std::memcpy(bytes.data() + bytes.size() - sizeof(shift), &shift, sizeof(shift));
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  absl::StatusOr<DivisionIndex> read = DivisionIndex::LoadFromDirectory(DataDir(), file.string());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_FALSE(read->from_snapshot());
  ++shift;  // as written: read
  std::memcpy(bytes.data() + bytes.size() - sizeof(shift), &shift, sizeof(shift));
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  read = DivisionIndex::LoadFromDirectory(DataDir(), file.string());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(read->from_snapshot());
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace fazhi::extraction
