#include "common/text/normalize.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "common/text/normalize_internal.h"
#include "common/text/utf8.h"

namespace fazhi::text {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::filesystem::path DataDir() { return std::filesystem::path(FAZHI_SOURCE_DIR) / "tests/data"; }

std::vector<std::filesystem::path> SampleReports() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(DataDir() / "corpus")) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// ---------------------------------------------------------------- Characters.

TEST(NormalizeTextTest, FoldsFullWidthAsciiToAscii) {
  EXPECT_EQ(NormalizeText("２０２１年，（一）：９５．６７％；ＡＰＰ"), "2021年,(一):95.67%;APP");
}

TEST(NormalizeTextTest, TurnsUnicodeSpacesAndTabsIntoOneSpace) {
  EXPECT_EQ(NormalizeText("Law\u3000Working\u00A0Situation\u2003now\tok"),
            "Law Working Situation now ok");
}

TEST(NormalizeTextTest, RemovesZeroWidthCharactersSoftHyphensAndBoms) {
  EXPECT_EQ(NormalizeText("\uFEFF法\u200B治\u200D政\u00AD府\u2060建设"), "法治政府建设");
}

TEST(NormalizeTextTest, RemovesControlCharactersButKeepsNewlines) {
  EXPECT_EQ(NormalizeText(std::string("法治\x01\x7F政府\nok\x1B", 18)), "法治政府\nok");
}

TEST(NormalizeTextTest, NormalizesCarriageReturnsToNewlines) {
  EXPECT_EQ(NormalizeText("一行\r\n二行\r三行"), "一行\n二行\n三行");
}

TEST(NormalizeTextTest, KeepsChinesePunctuationAndCircledNumbers) {
  const std::string text = "按照《甘孜州工作安排》(甘办法〔2021〕27号)、“两书一函”。①②";
  EXPECT_EQ(NormalizeText(text), text);
}

TEST(NormalizeTextTest, ComposesToNfcButNotNfkc) {
  EXPECT_EQ(NormalizeText("Cafe\u0301 \uF9F1"), "Caf\u00E9 \u96A3");  // compat ideograph -> 隣
  EXPECT_EQ(NormalizeText("㈠ ⑴ ﹝"), "㈠ ⑴ ﹝");
}

TEST(NormalizeTextTest, ReplacesInvalidUtf8WithReplacementCharacter) {
  const std::string out = NormalizeText("法治\xFF\xFE政府\xE6\xB3");
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(out, "法治\uFFFD\uFFFD政府\uFFFD\uFFFD");  // one per invalid byte
}

TEST(NormalizeTextTest, DecodesLeftoverHtmlEntities) {
  EXPECT_EQ(NormalizeText("R&amp;D a&nbsp;b &lt;x&gt; &#20013;&#x6587; &quot;q&quot;"),
            "R&D a b <x> 中文 \"q\"");
  EXPECT_EQ(NormalizeText("a&amp;nbsp;b&nbspc"), "a b c");
  EXPECT_EQ(NormalizeText("AT&T &unknown; &#;"), "AT&T &unknown; &#;");
}

// ---------------------------------------------------------------- Spaces.

TEST(NormalizeTextTest, RejoinsWordsBrokenByStraySpacesBetweenCjk) {
  EXPECT_EQ(NormalizeText("坚持和发展新时代“枫桥 经验”,推行“人民调解”矛盾 纠纷治理模式。"),
            "坚持和发展新时代“枫桥经验”,推行“人民调解”矛盾纠纷治理模式。");
  EXPECT_EQ(NormalizeText("建立全过程记录、 材料归档制度,推进“减证便民” 行动。"),
            "建立全过程记录、材料归档制度,推进“减证便民”行动。");
}

TEST(NormalizeTextTest, KeepsSpacesBetweenDigitsAndCjk) {
  EXPECT_EQ(NormalizeText("2021年 12月,实施方案(2022-2025 年),调解 95次。"),
            "2021年 12月,实施方案(2022-2025 年),调解 95次。");
}

TEST(NormalizeTextTest, KeepsSpaceBeforeAFieldLabel) {
  EXPECT_EQ(NormalizeText("来源:通道县人民政府 发布时间:2017-06-27 11:00"),
            "来源:通道县人民政府 发布时间:2017-06-27 11:00");
}

TEST(NormalizeTextTest, KeepsSpaceBetweenNamesOnALineWithoutProse) {
  EXPECT_EQ(NormalizeText("中共海原县三河镇委员会 海原县三河镇人民政府"),
            "中共海原县三河镇委员会 海原县三河镇人民政府");
}

TEST(NormalizeTextTest, JoinsSpacedOutSingleCharacters) {
  EXPECT_EQ(NormalizeText("文      号"), "文号");
}

TEST(NormalizeTextTest, CollapsesSpaceRunsAndTrimsLineEnds) {
  EXPECT_EQ(NormalizeText("   a   b  \n  c\t\t d  "), "a b\nc d");
}

// ---------------------------------------------------------------- Chrome and debris.

TEST(NormalizeTextTest, SetsAsidePageToolsAndCounters) {
  EXPECT_EQ(NormalizeText("标题\n【字体:大 中 小】 【打印本文】 访问量:60\n正文。"),
            "标题\n正文。");
  EXPECT_EQ(NormalizeText("[打印本页] [关闭窗口]\n分享到:微信 微博\n正文。"), "正文。");
}

TEST(NormalizeTextTest, RemovesCountersInsideAMetadataLine) {
  EXPECT_EQ(NormalizeText("来源:通道县人民政府 发布时间:2017-06-27 11:00 浏览次数:759 次 【字体:"),
            "来源:通道县人民政府 发布时间:2017-06-27 11:00");
}

TEST(NormalizeTextTest, KeepsCounterWordsInProse) {
  EXPECT_EQ(NormalizeText("政府网站访问量达到12万次。"), "政府网站访问量达到12万次。");
}

TEST(NormalizeTextTest, DropsABareCounterWithItsValueOnTheNextLine) {
  EXPECT_EQ(NormalizeText("发文机构\n隆阳区人民政府\n浏览量\n35\n日期\n2022-12-19"),
            "发文机构\n隆阳区人民政府\n日期\n2022-12-19");
}

TEST(NormalizeTextTest, DropsBreadcrumbs) {
  EXPECT_EQ(NormalizeText("您的位置:首页 >政务公开>通知公告 >详细内容\n标题"), "标题");
  EXPECT_EQ(NormalizeText("首页 > 政务公开 > 法治政府建设\n标题"), "标题");
}

TEST(NormalizeTextTest, DropsFooterLines) {
  EXPECT_EQ(NormalizeText(
                "正文。\n版权所有:炉霍县人民政府 网站标识码:5133270001\n蜀ICP备05012345号-1\n"
                "川公网安备 51332702000001号\n主办单位:县政府办公室\n上一篇:关于开展普法的通知"),
            "正文。");
}

TEST(NormalizeTextTest, DropsPageNumbers) {
  EXPECT_EQ(NormalizeText("甲。\n- 3 -\n乙。\n—4—\n第 3 页\n共 5 页\n第3页/共5页\n丙。"),
            "甲。\n乙。\n丙。");
  EXPECT_EQ(NormalizeText("第3条规定\n3"), "第3条规定\n3");
}

TEST(NormalizeTextTest, DropsShortLinkListLinesButNotProseAboutWebsites) {
  EXPECT_EQ(NormalizeText("2024年2月28日\n各省区市政府网站\n中卫市各部门网站"), "2024年2月28日");
  EXPECT_EQ(NormalizeText("在政府门户网站\n公开。"), "在政府门户网站\n公开。");
  EXPECT_EQ(NormalizeText("见本级政府网站\n2024年"), "见本级政府网站\n2024年");
}

TEST(NormalizeTextTest, KeepsMetadataHeaderLines) {
  const std::string header =
      "关于2021年度法治政府建设工作情况报告的公示\n2021年12月22日 04时21分\n来源:炉霍县人民政府\n"
      "http://www.luhuo.gov.cn/luhuo/c103307/202112/3ec515af8b8a42caa3e0f8e227aeed6d.shtml\n"
      "索引号\n01525685-0/20221219-00001\n发文机构\n隆阳区人民政府\n文号:隆政办发〔2022〕26号\n"
      "日期\n2022-12-19\n发布日期:2022-12-19";
  EXPECT_EQ(NormalizeText(header), header);
}

TEST(NormalizeTextTest, RemovesBrailleDebrisAndStrayTagFragments) {
  EXPECT_EQ(NormalizeText("曝光的情况。 ⠂ ⠂ ⠂ ⠂ ⠂ ⠂\u0F2Ffont>\n下一段。"),
            "曝光的情况。\n下一段。");
  EXPECT_EQ(NormalizeText("第一句。<br>第二句。</p><span style=\"x\">第三句。<br"),
            "第一句。第二句。第三句。");
  EXPECT_EQ(NormalizeText("表格──────────\n正文。"), "表格\n正文。");
}

TEST(NormalizeTextTest, KeepsAngleBracketsThatAreNotTags) {
  EXPECT_EQ(NormalizeText("增长率 > 5% 且 a<b,HTML <法治>。"), "增长率 > 5% 且 a<b,HTML <法治>。");
}

TEST(NormalizeTextTest, CollapsesBlankLineRunsToOne) {
  EXPECT_EQ(NormalizeText("\n\n甲\n\n\n\n乙\n \n\n丙\n\n"), "甲\n\n乙\n\n丙");
}

// ---------------------------------------------------------------- Hard wraps.

// Wraps `text` at `width` characters, as PDF-to-text and e-mail do.
std::string Wrap(std::string_view text, int width, std::string_view indent = "") {
  std::string out(indent);
  int column = CountCodepoints(indent);
  for (size_t i = 0; i < text.size();) {
    const DecodedCodepoint d = DecodeCodepoint(text, i);
    if (column == width) {
      out += "\n";
      column = 0;
    }
    out.append(text.substr(i, d.length));
    ++column;
    i += d.length;
  }
  return out;
}

TEST(NormalizeTextTest, RejoinsHardWrappedSentences) {
  const std::string p1 =
      "2022年,区委依法治区委员会组织召开了第四次全体会议,研究解决法治建设重要工作,审议制发2022年度"
      "依法治区工作要点、法治督察工作计划,推动区委法治建设议事协调机构规范化建设。";
  const std::string p2 =
      "对涉及法律援助、养老保险服务等46项证明事项实行告知承诺制,全区共收到行政复议申请31件,"
      "其中受理30件,"
      "目前已全部审结,行政机关负责人出庭应诉94件,应诉率达92.16%。";
  const std::string document = "隆阳区2022年度法治政府建设情况的报告\n一、法治政府建设工作情况\n" +
                               Wrap(p1, 24, "\u3000\u3000") + "\n(一)坚持以习近平法治思想为引领\n" +
                               Wrap(p2, 24, "\u3000\u3000");
  EXPECT_EQ(NormalizeText(document),
            "隆阳区2022年度法治政府建设情况的报告\n一、法治政府建设工作情况\n" + p1 +
                "\n(一)坚持以习近平法治思想为引领\n" + p2);
}

// A joined line's UTF-8 is copied from its pieces when every piece has its own, and encoded when
// a rule changed one ("枫桥 经验" joined): both must give the text its code points spell.
TEST(NormalizeTextAndCodePointsTest, JoinedLinesAreSpelledByTheirCodePoints) {
  const std::string plain =
      "坚持和发展新时代Fengqiao经验,推进矛盾纠纷多元化解,全年共调解各类纠纷1234件,调解成功率达"
      "到98.5%,Law and order得到有效维护,群众安全感和满意度持续提升,法治建设取得新成效。";
  std::string changed = plain;
  changed.insert(changed.find("矛盾") + 3, " ");  // "矛 盾": JoinCjkSpaces changes that line
  for (const std::string& paragraph : {plain, changed}) {
    const std::string document = "报告\n" + Wrap(paragraph, 24, "") + "\n" + Wrap(plain, 23, "");
    const NormalizedText normalized = NormalizeTextAndCodePoints(document);
    std::u32string decoded;
    for (size_t i = 0; i < normalized.text.size();) {
      const DecodedCodepoint d = DecodeCodepoint(normalized.text, i);
      decoded.push_back(d.codepoint);
      i += d.length;
    }
    EXPECT_EQ(normalized.code_points, decoded) << normalized.text;
    EXPECT_NE(normalized.text.find(plain), std::string::npos) << normalized.text;
  }
}

TEST(NormalizeTextTest, KeepsIndentedParagraphStartsApartInWrappedText) {
  const std::string p1 =
      "第一段落的内容很长很长,需要换行才能放得下,所以这里被硬换行了很多次,直到结束为止没有句号";
  const std::string p2 =
      "第二段落另起一行并且缩进,它不应该和上一段的最后一行合并到一起,这也是很长的一段内容。";
  const std::string out = NormalizeText(Wrap(p1, 20, "  ") + "\n" + Wrap(p2, 20, "  "));
  EXPECT_NE(out.find(p1), std::string::npos) << out;
  EXPECT_NE(out.find(p2), std::string::npos) << out;
  EXPECT_EQ(out.find(p1 + p2), std::string::npos) << out;
}

TEST(NormalizeTextTest, DoesNotJoinLinesOfAnUnwrappedReport) {
  // Lines that are chrome only in context: a counter's value under its label, a link list.
  const std::set<std::string> dropped_in_context = {"35", "各省区市政府网站", "自治区各部门网站",
                                                    "中卫市各部门网站"};
  for (const auto& path : SampleReports()) {
    // The samples hold one paragraph per line: every source line survives as a line of its own.
    std::set<std::string> out_lines;
    const std::string out = NormalizeText(ReadFile(path));
    for (size_t begin = 0, end; begin <= out.size(); begin = end + 1) {
      end = std::min(out.find('\n', begin), out.size());
      out_lines.insert(out.substr(begin, end - begin));
    }
    const std::string source = ReadFile(path);
    for (size_t begin = 0, end; begin < source.size(); begin = end + 1) {
      end = std::min(source.find('\n', begin), source.size());
      const std::string line = NormalizeText(source.substr(begin, end - begin));
      if (line.empty() || dropped_in_context.count(line)) continue;
      EXPECT_TRUE(out_lines.count(line)) << path.filename() << ": joined or lost: " << line;
    }
  }
  const std::string out = NormalizeText(ReadFile(DataDir() / "corpus/003_7a36a27cbcf2ea14.txt"));
  EXPECT_EQ(out.substr(0, out.find('\n')), "海原县三河镇2023年度法治建设情况报告");
  EXPECT_NE(
      out.find("\n一、2023年法治建设工作主要成效和做法。\n(一)严格落实法治政府建设组织领导\n1、"),
      std::string::npos);
}

// ---------------------------------------------------------------- Whole documents.

TEST(NormalizeTextTest, IsIdempotentOnSampleReports) {
  for (const auto& path : SampleReports()) {
    const std::string once = NormalizeText(ReadFile(path));
    EXPECT_EQ(NormalizeText(once), once) << path;
    EXPECT_TRUE(IsValidUtf8(once)) << path;
  }
}

TEST(NormalizeTextTest, IsIdempotentOnRandomMixturesOfDamage) {
  static const std::string_view kPieces[] = {
      "法治",      "政府",     " ",          "  ",     "\n",
      "\n\n\n",    "。",       ",",          "、",     "“",
      "”",         "2021",     "年",         "abc",    "Law",
      "&nbsp;",    "&amp;",    "&lt;br&gt;", "<br>",   "font>",
      "⠂",         "\u3000",   "\uFF0C",     "\uFF12", "【字体:大 中 小】",
      "访问量:60", "浏览量",   "35",         "- 3 -",  "一、",
      "(二)",      "来源:",    "\xFF",       "\r\n",   "\u200B",
      "首页 > ",   "版权所有", "网站",       "\t",     "1.",
      "第",        "页",       "文",         "号",     "\u0301"};
  std::mt19937 rng(20240601);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int pieces = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < pieces; ++i) text += kPieces[rng() % std::size(kPieces)];
    const std::string once = NormalizeText(text);
    ASSERT_TRUE(IsValidUtf8(once));
    ASSERT_EQ(NormalizeText(once), once) << "input: " << text;
  }
}

// ---------------------------------------------------------------- Shortcuts change nothing.

// Pieces that reach every shortcut: invalid UTF-8, entities, full-width forms, marks that NFC
// composes or reorders, compatibility ideographs that NFC replaces, zero-width characters, CR/LF
// mixes, and what each line rule acts on (dot debris, tags, brackets, counters, spaces).
constexpr std::string_view kHostilePieces[] = {"法治",
                                               "，",
                                               "\uFF5E",
                                               "\uFF5F",
                                               "\uFF06",
                                               "、",
                                               "\u301F",
                                               "\u3020",
                                               "\u2018",
                                               "\u201E",
                                               "\xEF\xBC",
                                               "政府",
                                               "重点",
                                               "访",
                                               "点击",
                                               "阅读数:12",
                                               "浏览量",
                                               "访问量:60",
                                               "35",
                                               " ",
                                               "  ",
                                               "\n",
                                               "\n\n",
                                               "\r",
                                               "\r\n",
                                               "\n\r",
                                               "\t",
                                               "\u3000",
                                               "\u00A0",
                                               "\u2003",
                                               "。",
                                               ",",
                                               "、",
                                               "“",
                                               "”",
                                               "\uFF0C",
                                               "\uFF12",
                                               "\uFF41",
                                               "&nbsp;",
                                               "&nbsp",
                                               "&amp;nbsp;",
                                               "&#12288;",
                                               "&#x41;",
                                               "&#0;",
                                               "&lt;br&gt;",
                                               "&",
                                               "<br>",
                                               "<br",
                                               "</p>",
                                               "font>",
                                               "<!-- x -->",
                                               "<",
                                               ">",
                                               "xfont>",
                                               "⠂⠂⠂",
                                               "─",
                                               "╋",
                                               "\u0F2A",
                                               "\uE000",
                                               "【字体:大 中 小】",
                                               "[打印本页]",
                                               "〖关闭",
                                               "】",
                                               "|",
                                               "e\u0301",
                                               "\u0301",
                                               "\u0323\u0301",
                                               "\u1100\u1161",
                                               "\uF900",
                                               "\uFA10",
                                               "\u2126",
                                               "\u212B",
                                               "\u0344",
                                               "\u00C5",
                                               "\u0958",
                                               "\u200B",
                                               "\u200D",
                                               "\uFEFF",
                                               "\u00AD",
                                               "\uFE0F",
                                               "\U0001F600",
                                               "\U00020000",
                                               "\xFF",
                                               "\xE4\xB8",
                                               "\xC0\x80",
                                               "\xED\xA0\x80",
                                               "\x80",
                                               "\x01",
                                               "\x7F",
                                               "\u0085",
                                               "\u2028",
                                               "- 3 -",
                                               "第3页",
                                               "共 5 页",
                                               "首页 > ",
                                               "版权 所有",
                                               "来源:",
                                               "一、",
                                               "(二)",
                                               "1.",
                                               "Law",
                                               "abc",
                                               "网站",
                                               "\u00E9",
                                               "\u1E9B\u0323"};

std::string RandomHostileText(std::mt19937& rng) {
  std::string text;
  const int pieces = 1 + static_cast<int>(rng() % 80);
  for (int i = 0; i < pieces; ++i) {
    if (rng() % 8 == 0) {
      text += static_cast<char>(rng() % 256);  // any byte at all
    } else {
      text += kHostilePieces[rng() % std::size(kHostilePieces)];
    }
  }
  return text;
}

TEST(NormalizeShortcutsTest, AgreeWithEveryRuleRunEverywhereOnHostileStrings) {
  std::mt19937 rng(18);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = RandomHostileText(rng);
    ASSERT_EQ(NormalizeText(text), internal::NormalizeTextWithoutShortcuts(text))
        << "input: " << testing::PrintToString(text);
  }
}

TEST(NormalizeShortcutsTest, AgreeOnSampleReports) {
  for (const auto& path : SampleReports()) {
    const std::string text = ReadFile(path);
    EXPECT_EQ(NormalizeText(text), internal::NormalizeTextWithoutShortcuts(text)) << path;
  }
}

// A line that only loses stray spaces between CJK characters (after its end spaces, maybe) keeps
// UTF-8 cut from the folded text's; the reference encodes every changed line from its code points.
TEST(NormalizeShortcutsTest, AgreeOnLinesWhoseCjkSpacesAreJoined) {
  EXPECT_EQ(NormalizeText("  推进法治 政府建设,优化营 商环境。 \n"),
            "推进法治政府建设,优化营商环境。");
  EXPECT_EQ(NormalizeText("\u3000\u3000建设 法治\u3000政府(２０２１年)。"),
            "建设法治政府(2021年)。");
  EXPECT_EQ(NormalizeText("来源:县政府 发布 时间:2023"), "来源:县政府 发布 时间:2023");  // no prose
  const std::vector<std::string> pieces = {"法治",   "政",
                                           " ",      "  ",
                                           "\u3000", ",",
                                           ",",      "。",
                                           "a",      "2021年",
                                           "来源:",  "①",
                                           "é",      "e\u0301",
                                           "&nbsp;", "\t",
                                           "“建设”", "【",
                                           "】",     "访问量:60",
                                           "\n",     "\xF0\x9F\x98\x80"};
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int count = 1 + static_cast<int>(rng() % 12); count > 0; --count) {
      text += pieces[rng() % pieces.size()];
    }
    ASSERT_EQ(NormalizeText(text), internal::NormalizeTextWithoutShortcuts(text))
        << "input: " << testing::PrintToString(text);
  }
}

TEST(NormalizeShortcutsTest, ComposeOnlyWhereACharacterNeedsIt) {
  EXPECT_EQ(NormalizeText("e\u0301法治"), "\u00E9法治");      // composed
  EXPECT_EQ(NormalizeText("\uF900法"), "\u8C48法");           // compatibility ideograph
  EXPECT_EQ(NormalizeText("a\u0301\u0323"), "\u1EA1\u0301");  // marks reordered
  EXPECT_EQ(NormalizeText("\u00C5ngstr\u00F6m 法治"), "\u00C5ngstr\u00F6m 法治");  // NFC already
}

std::string Utf8(char32_t cp) {
  std::string out;
  AppendUtf8(out, cp);
  return out;
}

// The runs of plain Chinese and full-width forms are folded without FoldCodepoint: they must
// agree with it up to the ends of their ranges, alone, in pairs and after an odd run.
TEST(FoldCharactersTest, FoldsFullWidthFormsAndKeepsPlainChineseToTheEndsOfTheirRanges) {
  for (char32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) {
    const std::string ascii(1, static_cast<char>(cp - 0xFEE0));
    EXPECT_EQ(FoldCharacters("法" + Utf8(cp) + Utf8(cp) + "治"), "法" + ascii + ascii + "治");
  }
  for (const char32_t cp : {0x2017, 0x2018, 0x201D, 0x201E, 0x3001, 0x301F, 0x3020, 0x4DFF, 0x4E00,
                            0x9FFF, 0xA000, 0xFF00, 0xFF5F}) {
    for (const std::string& text : {"法" + Utf8(cp) + "治", "法" + Utf8(cp) + Utf8(cp) + "治",
                                    "法治" + Utf8(cp) + Utf8(cp) + Utf8(cp) + "法治"}) {
      EXPECT_EQ(FoldCharacters(text), text) << static_cast<uint32_t>(cp);
      EXPECT_EQ(NormalizeText(text), text) << static_cast<uint32_t>(cp);
    }
  }
  EXPECT_EQ(FoldCharacters("法\xEF\xBC"), "法\uFFFD\uFFFD");  // a full-width form cut off
  EXPECT_EQ(FoldCharacters("法\xE3\x80"), "法\uFFFD\uFFFD");
}

TEST(NormalizeShortcutsTest, AgreeOnEveryGeneralPunctuationCharacter) {
  for (char32_t cp = 0x2000; cp <= 0x206F; ++cp) {
    // The reference always asks ICU; the shortcut only where MayNeedComposition says so.
    std::string text = "法";
    AppendUtf8(text, cp);
    text += "治";
    ASSERT_EQ(NormalizeText(text), internal::NormalizeTextWithoutShortcuts(text))
        << static_cast<uint32_t>(cp);
  }
}

// The folder notes each line end as it writes it; every form of one splits lines as '\n' does.
TEST(NormalizeTextTest, EveryFormOfLineEndSplitsLines) {
  for (const std::string_view end :
       {"\n", "\r\n", "\r", "\x0B", "\x0C", "\u0085", "\u2028", "\u2029", "&#10;", "&#13;"}) {
    const std::string text = "法治政府建设报告" + std::string(end) + "访问量:60" +
                             std::string(end) + "推进依法行政。" + std::string(end);
    EXPECT_EQ(NormalizeText(text), "法治政府建设报告\n推进依法行政。")
        << testing::PrintToString(end);
    EXPECT_EQ(internal::NormalizeTextWithoutShortcuts(text), "法治政府建设报告\n推进依法行政。");
  }
}

// Runs of plain Chinese are decoded four characters at a time: a character of another kind, or at
// the end of a plain range, at every place in a run must end the four where it stands.
TEST(NormalizeTextAndCodePointsTest, RunsOfPlainChineseAreDecodedAtEveryAlignment) {
  const std::u32string run = U"法治政府建设依法行政推进严格规范公正文明执法考核";
  for (const char32_t other :
       {0x41u, 0xE9u, 0x2017u, 0x2018u, 0x201Du, 0x201Eu, 0x3000u, 0x3001u, 0x301Fu, 0x3020u,
        0x4DFFu, 0x4E00u, 0x9FFFu, 0xA000u, 0xFF0Cu, 0x1F600u}) {
    for (size_t at = 0; at <= run.size(); ++at) {
      std::string text;
      for (size_t i = 0; i < run.size(); ++i) {
        if (i == at) AppendUtf8(text, other);
        AppendUtf8(text, run[i]);
      }
      if (at == run.size()) AppendUtf8(text, other);
      const NormalizedText normalized = NormalizeTextAndCodePoints(text);
      ASSERT_EQ(normalized.text, internal::NormalizeTextWithoutShortcuts(text));
      std::string spelled;
      AppendUtf8(spelled, normalized.code_points);
      ASSERT_EQ(spelled, normalized.text) << static_cast<uint32_t>(other) << " at " << at;
    }
  }
}

TEST(NormalizeTextAndCodePointsTest, GivesTheTextAndItsCodePoints) {
  std::mt19937 rng(3);
  for (int round = 0; round < 2000; ++round) {
    const std::string text = RandomHostileText(rng);
    const NormalizedText normalized = NormalizeTextAndCodePoints(text);
    ASSERT_EQ(normalized.text, NormalizeText(text));
    std::u32string decoded;
    for (size_t i = 0; i < normalized.text.size();) {
      const DecodedCodepoint d = DecodeCodepoint(normalized.text, i);
      decoded.push_back(d.codepoint);
      i += d.length;
    }
    ASSERT_EQ(normalized.code_points, decoded);
  }
}

// Every evidence quote, quantity surface, citation and document number that the gold annotations
// point at must survive normalization.
TEST(NormalizeTextTest, KeepsEveryGoldAnnotatedStringOfTheSampleReports) {
  int checked = 0;
  for (const auto& path : SampleReports()) {
    const auto gold_path = DataDir() / "gold" / path.filename().replace_extension(".json");
    const nlohmann::json gold = nlohmann::json::parse(ReadFile(gold_path));
    const std::string normalized = NormalizeText(ReadFile(path));
    std::vector<std::string> expected;
    for (const auto& [id, indicator] : gold["indicators"].items()) {
      if (indicator.is_object() && indicator.contains("evidence")) {
        expected.push_back(indicator["evidence"].get<std::string>());
      }
    }
    for (const auto& quantity : gold["quantities"]) expected.push_back(quantity["surface"]);
    for (const auto& citation : gold["citations"]) expected.push_back(citation);
    for (const auto& number : gold["document_numbers"]) expected.push_back(number);
    if (gold.contains("dates")) {
      for (const auto& date : gold["dates"]) expected.push_back(date["surface"]);
    }
    for (const std::string& quote : expected) {
      EXPECT_NE(normalized.find(NormalizeText(quote)), std::string::npos)
          << path.filename() << ": lost \"" << quote << "\"";
      ++checked;
    }
  }
  EXPECT_GT(checked, 80);
}

TEST(NormalizeTextTest, SetsAsideTheChromeOfTheSampleReports) {
  for (const auto& path : SampleReports()) {
    const std::string out = NormalizeText(ReadFile(path));
    for (std::string_view chrome :
         {"字体", "访问量", "浏览量", "浏览次数", "您的位置", "font>", "⠂"}) {
      EXPECT_EQ(out.find(chrome), std::string::npos) << path.filename() << ": " << chrome;
    }
  }
}

// Ten megabytes on one line and two of bare '<': a quadratic step would not finish within the
// test's CTest timeout (no time is asserted here; normalize speed is benchmarked).
TEST(NormalizeTextTest, NormalizesHostileInputOfMegabytes) {
  std::string line;
  while (line.size() < 10 * 1024 * 1024) line += "法治 政府<br>&amp;⠂\xFF  建设,";
  std::string deep(2 * 1024 * 1024, '<');
  const std::string out = NormalizeText(line);
  const std::string out_deep = NormalizeText(deep + std::string(1 << 20, '\n'));
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(out.find('\n'), std::string::npos);
  EXPECT_EQ(out_deep, deep);
}

}  // namespace
}  // namespace fazhi::text
