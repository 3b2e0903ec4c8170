#include "common/text/decode.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include "common/text/html.h"
#include "common/text/utf8.h"

namespace fazhi::text {
namespace {

// "法治政府" in GBK (a subset of GB18030).
constexpr std::string_view kGbkFazhi = "\xB7\xA8\xD6\xCE\xD5\xFE\xB8\xAE";

DecodedDocument DecodeOk(std::string_view bytes, DecodeOptions options = {}) {
  absl::StatusOr<DecodedDocument> document = DecodeDocument(bytes, options);
  EXPECT_TRUE(document.ok()) << document.status();
  return document.ok() ? *document : DecodedDocument{};
}

std::string DecodeError(std::string_view bytes, DecodeOptions options = {}) {
  absl::StatusOr<DecodedDocument> document = DecodeDocument(bytes, options);
  EXPECT_FALSE(document.ok());
  if (document.ok()) return {};
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(document.status().message());
}

// ---------------------------------------------------------------- Errors.

TEST(DecodeDocumentTest, RejectsAnEmptyDocument) {
  EXPECT_EQ(DecodeError(""), "document is empty");
  EXPECT_EQ(DecodeError(" \n\t"), "document contains only white space");
}

TEST(DecodeDocumentTest, RejectsADocumentOverTheSizeLimitWithBothSizes) {
  const std::string big(26528973, 'a');  // 25.3 MB
  EXPECT_EQ(DecodeError(big), "document is 25.3 MB, over the 20 MB limit");
  DecodeOptions small;
  small.max_bytes = 1024;
  EXPECT_EQ(DecodeError(std::string(2048, 'a'), small), "document is 2 KB, over the 1 KB limit");
}

TEST(DecodeDocumentTest, NamesUnsupportedBinaryFormats) {
  EXPECT_NE(DecodeError("{\\rtf1\\ansi hello}").find("RTF"), std::string::npos);
  EXPECT_NE(DecodeError("GIF89a....").find("GIF image"), std::string::npos);
  EXPECT_NE(DecodeError("\x1F\x8B\x08").find("gzip archive"), std::string::npos);
  const std::string message = DecodeError("Rar!\x1A\x07");
  EXPECT_NE(message.find("convert it to PDF, Word, plain text"), std::string::npos) << message;
}

// PDF, Word and images go to their readers (common/formats), whose errors say what was wrong.
TEST(DecodeDocumentTest, HandsReadableBinaryFormatsToTheirReaders) {
  EXPECT_NE(DecodeError("%PDF-1.7\n...").find("the PDF cannot be read"), std::string::npos);
  EXPECT_NE(DecodeError(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12))
                .find("not a Word document"),
            std::string::npos);
  EXPECT_NE(DecodeError("\x89PNG\r\n\x1A\n").find("image cannot be decoded"), std::string::npos);
  EXPECT_NE(DecodeError("\xFF\xD8\xFF\xE0").find("image cannot be decoded"), std::string::npos);
  EXPECT_NE(DecodeError("PK\x03\x04....word/document.xml").find(".docx cannot be read"),
            std::string::npos);
}

TEST(DecodeDocumentTest, TellsWordAndExcelFilesFromOtherZips) {
  const std::string zip = "PK\x03\x04....[Content_Types].xml";
  DecodeOptions typed;
  typed.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  EXPECT_NE(DecodeError(zip, typed).find("Excel workbook (.xlsx)"), std::string::npos);
  EXPECT_NE(DecodeError(zip).find("a ZIP archive"), std::string::npos);
}

TEST(DecodeDocumentTest, RejectsNulBytesWithoutAByteOrderMarkAsBinary) {
  const std::string message = DecodeError(std::string("abc\0def", 7));
  EXPECT_NE(message.find("NUL byte at offset 3"), std::string::npos) << message;
}

TEST(DecodeDocumentTest, ReportsTheOffsetOfUndecodableBytes) {
  const std::string message = DecodeError("法治abc\x80\x80\x80");
  EXPECT_NE(message.find("offset 9"), std::string::npos) << message;
  EXPECT_NE(message.find("UTF-8"), std::string::npos) << message;
}

TEST(DecodeDocumentTest, ReportsInvalidBytesInADeclaredCharset) {
  DecodeOptions options;
  options.content_type = "text/plain; charset=GBK";
  const std::string message = DecodeError(std::string(kGbkFazhi) + "\xFF\xFF", options);
  EXPECT_NE(message.find("gbk"), std::string::npos) << message;
  EXPECT_NE(message.find("offset 8"), std::string::npos) << message;
}

// ---------------------------------------------------------------- Encodings.

TEST(DecodeDocumentTest, DecodesUtf8AndStripsItsByteOrderMark) {
  const DecodedDocument plain = DecodeOk("法治政府建设");
  EXPECT_EQ(plain.text, "法治政府建设");
  EXPECT_EQ(plain.encoding, "UTF-8");
  EXPECT_EQ(plain.format, SourceFormat::kPlainText);
  EXPECT_EQ(DecodeOk("\xEF\xBB\xBF法治").text, "法治");
}

// The view ReadDocument reads: UTF-8 plain text is the bytes themselves (after a byte-order mark),
// anything converted or reduced is the document's own text; the same text DecodeDocument gives.
TEST(DecodeDocumentTest, AViewKeepsUtf8PlainTextInTheBytesAndCopiesNothing) {
  const struct {
    std::string bytes;
    bool in_bytes;
  } cases[] = {{"法治政府建设", true},
               {"\xEF\xBB\xBF法治", true},
               {std::string("2021") + std::string(kGbkFazhi), false},
               {"<html><body><p>法治</p></body></html>", false}};
  for (const auto& [bytes, expect_in_bytes] : cases) {
    absl::StatusOr<DecodedView> view = DecodeDocumentView(bytes, DecodeOptions{});
    ASSERT_TRUE(view.ok()) << view.status();
    EXPECT_EQ(view->text(), DecodeOk(bytes).text);
    const bool in_bytes = view->text().data() >= bytes.data() &&
                          view->text().data() + view->text().size() <= bytes.data() + bytes.size();
    EXPECT_EQ(in_bytes, expect_in_bytes) << bytes;
    EXPECT_EQ(view->document.text.empty(), in_bytes) << bytes;
  }
  absl::StatusOr<DecodedView> blank = DecodeDocumentView(" \n\t", DecodeOptions{});
  EXPECT_EQ(blank.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(DecodeDocumentTest, DecodesUtf16WithAByteOrderMark) {
  // "法治21": U+6CD5 U+6CBB '2' '1'
  const std::string le("\xFF\xFE\xD5\x6C\xBB\x6C\x32\x00\x31\x00", 10);
  const std::string be("\xFE\xFF\x6C\xD5\x6C\xBB\x00\x32\x00\x31", 10);
  EXPECT_EQ(DecodeOk(le).text, "法治21");
  EXPECT_EQ(DecodeOk(le).encoding, "UTF-16LE");
  EXPECT_EQ(DecodeOk(be).text, "法治21");
  EXPECT_EQ(DecodeOk(be).encoding, "UTF-16BE");
}

TEST(DecodeDocumentTest, DecodesGbkBytesAsGb18030) {
  const DecodedDocument document = DecodeOk(std::string("2021") + std::string(kGbkFazhi));
  EXPECT_EQ(document.text, "2021法治政府");
  EXPECT_EQ(document.encoding, "GB18030");
}

TEST(DecodeDocumentTest, FollowsACharsetDeclaredInContentTypeOrMeta) {
  DecodeOptions options;
  options.content_type = "text/html; charset=gb2312";
  const DecodedDocument typed = DecodeOk("<p>" + std::string(kGbkFazhi) + "</p>", options);
  EXPECT_EQ(typed.text, "法治政府");
  EXPECT_EQ(typed.encoding, "GB18030");
  const DecodedDocument meta = DecodeOk(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">"
      "</head><body><p>" +
      std::string(kGbkFazhi) + "</p></body></html>");
  EXPECT_EQ(meta.text, "法治政府");
  EXPECT_EQ(meta.format, SourceFormat::kHtml);
}

// ---------------------------------------------------------------- Formats.

TEST(DecodeDocumentTest, DetectsHtmlByContentTypeExtensionOrContent) {
  const std::string fragment = "<b>法治</b>";
  DecodeOptions typed;
  typed.content_type = "text/html";
  EXPECT_EQ(DecodeOk(fragment, typed).format, SourceFormat::kHtml);
  DecodeOptions named;
  named.file_name = "c103307/3ec515af.shtml";
  EXPECT_EQ(DecodeOk(fragment, named).format, SourceFormat::kHtml);
  EXPECT_EQ(DecodeOk(fragment).format, SourceFormat::kPlainText);
  EXPECT_EQ(DecodeOk("\n <!DOCTYPE html><title>t</title><p>正文").format, SourceFormat::kHtml);
  EXPECT_EQ(DecodeOk("<div>a</div><div>b</div><p>c</p><br><p>d</p>").format, SourceFormat::kHtml);
  DecodeOptions text_file;
  text_file.file_name = "report.txt";
  EXPECT_EQ(DecodeOk("<html>", text_file).format, SourceFormat::kPlainText);
  EXPECT_EQ(SourceFormatName(SourceFormat::kHtml), "html");
  EXPECT_EQ(SourceFormatName(SourceFormat::kPlainText), "text");
}

TEST(DecodeDocumentTest, ReducesHtmlBlocksToLinesAndCellsToTabs) {
  const DecodedDocument document = DecodeOk(
      "<html><body><h1>关于2021年度法治政府建设工作情况报告</h1><p>第一段,\n  继续。</p>"
      "<div>第二段<br>换行</div><ul><li>甲</li><li>乙</li></ul>"
      "<table><tr><td>项目</td><td>数量</td></tr><tr><td>案件</td><td>31件</td></tr></table>"
      "</body></html>");
  EXPECT_EQ(document.text,
            "关于2021年度法治政府建设工作情况报告\n第一段, 继续。\n第二段\n换行\n甲\n乙\n"
            "项目\t数量\n案件\t31件");
}

TEST(DecodeDocumentTest, DropsScriptsStylesAndNavigationButKeepsTheTitle) {
  const DecodedDocument document = DecodeOk(
      "<html><head><title>报告 - 炉霍县人民政府</title><style>p{}</style></head><body>"
      "<header>网站头部</header><nav>首页 政务公开</nav>"
      "<div class=\"breadcrumb\">首页 > 政务公开</div><div id=\"mainMenu\">菜单</div>"
      "<script>var x = '<p>脚本</p>';</script><noscript>请启用</noscript>"
      "<div class=\"article\"><p>正文内容。</p><div class=\"share-box\">分享到</div></div>"
      "<div style=\"display: none\">隐藏</div><iframe>框架</iframe><svg><text>图</text></svg>"
      "<div id=\"footer\">版权所有</div><footer>页脚</footer></body></html>");
  EXPECT_EQ(document.text, "正文内容。");
  EXPECT_EQ(document.html_title, "报告 - 炉霍县人民政府");
}

TEST(DecodeDocumentTest, KeepsAHeaderInsideTheArticle) {
  const DecodedDocument document = DecodeOk(
      "<html><body><header>站点</header><article><header><h1>标题</h1><span>发布时间:2021-12-22"
      "</span></header><p>正文。</p></article></body></html>");
  EXPECT_EQ(document.text, "标题\n发布时间:2021-12-22\n正文。");
}

TEST(DecodeDocumentTest, KeepsTextWhenNavigationRulesWouldLeaveNothing) {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "<p>法治政府建设情况报告正文。</p>";
  const DecodedDocument document =
      DecodeOk("<html><body><div class=\"menu-wrapper\">" + body + "</div></body></html>");
  EXPECT_NE(document.text.find("法治政府建设情况报告正文。"), std::string::npos);
}

TEST(DecodeDocumentTest, RejectsHtmlWithoutReadableText) {
  EXPECT_EQ(DecodeError("<html><head><script>x()</script></head><body> </body></html>"),
            "the HTML page contains no readable text");
}

// ---------------------------------------------------------------- Hostile input.

// These pages would take hours with a quadratic step and fail on the test's CTest timeout; no
// time is asserted (decode speed is benchmarked).

TEST(DecodeDocumentTest, SurvivesDeeplyNestedHtml) {
  std::string html = "<html><body>";
  for (int i = 0; i < 200000; ++i) html += "<div>";
  html += "深处的正文";
  for (int i = 0; i < 1000; ++i) html += "<b><i><font>";
  const DecodedDocument document = DecodeOk(html);
  EXPECT_NE(document.text.find("深处的正文"), std::string::npos);
}

TEST(DecodeDocumentTest, SurvivesNestingJustUnderTheFallbackLimit) {
  std::string html = "<html><body>";
  for (int i = 0; i < kMaxHtmlNesting - 10; ++i) html += "<div><span>";
  html += "正文";
  const DecodedDocument document = DecodeOk(html);
  EXPECT_NE(document.text.find("正文"), std::string::npos);
}

// Peak resident memory of this process so far, in bytes (CTest runs each test in its own process).
int64_t PeakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return int64_t{usage.ru_maxrss} * 1024;
}

// A 10 MB page of a million elements: the parser's tree of it took ~440 MB; the linear reduction
// takes memory in proportion to the page.
TEST(DecodeDocumentTest, AMillionElementsTakeMemoryProportionalToThePage) {
  std::string html = "<html><head><title>某县 法治政府建设情况报告</title></head><body>";
  html.reserve(11u << 20);
  for (int i = 0; i < 1000000; ++i) html += i % 1000 == 0 ? "<p>法治</p>" : "<i>法</i>";
  const int64_t before = PeakRssBytes();
  const DecodedDocument document = DecodeOk(html);
  EXPECT_LT(PeakRssBytes() - before, int64_t{150} << 20);
  EXPECT_EQ(document.html_title, "某县 法治政府建设情况报告");
  EXPECT_EQ(document.text.substr(0, 6), "法治");
  EXPECT_GT(document.text.size(), 2u << 20);
}

// The parser's tree costs for every node and attribute, not only for start tags: these two pages
// (the audit's, issue 20) have few start tags and took gumbo 313 MB and 268 MB.
std::string CommentBomb() {
  std::string html = "<html><head><title>注释</title></head><body><p>法治政府</p>";
  html.reserve(11u << 20);
  for (int i = 0; i < 1300000; ++i) html += "<!--x-->";
  return html + "<p>依法行政</p></body></html>";
}

std::string AttributeBomb() {
  std::string html = "<html><head><title>属性</title></head><body>";
  html.reserve(8u << 20);
  for (int i = 0; i < 99000; ++i) {
    html += "<i";
    for (int a = 0; a < 12; ++a) html += " a" + std::to_string(a) + "=x";
    html += i % 1000 == 0 ? ">法治</i>" : ">法</i>";
  }
  return html + "</body></html>";
}

TEST(ReduceHtmlTest, EstimatesTheTreeFromEveryNodeAndAttribute) {
  const HtmlTreeEstimate tree = EstimateHtmlTree(
      "<!DOCTYPE html><!-- a <b> c --><?xml x?><p class=\"a>b\" id=x hidden>t</p></p></1>");
  EXPECT_EQ(tree.nodes, 7);  // doctype, comment, bogus comment, <p>, </p>, </p>, "</1"
  EXPECT_EQ(tree.attributes, 3);
}

TEST(ReduceHtmlTest, ACommentBombTakesTheLinearScannerAndMemoryProportionalToThePage) {
  const std::string html = CommentBomb();
  ASSERT_GT(html.size(), 10000000u);
  EXPECT_FALSE(ReducesWithParser(html));
  const int64_t before = PeakRssBytes();
  const DecodedDocument document = DecodeOk(html);
  EXPECT_LT(PeakRssBytes() - before, int64_t{100} << 20);
  EXPECT_EQ(document.html_title, "注释");
  EXPECT_EQ(document.text, "法治政府\n依法行政");
}

TEST(ReduceHtmlTest, AnAttributeBombTakesTheLinearScannerAndMemoryProportionalToThePage) {
  const std::string html = AttributeBomb();
  EXPECT_FALSE(ReducesWithParser(html));
  const int64_t before = PeakRssBytes();
  const DecodedDocument document = DecodeOk(html);
  EXPECT_LT(PeakRssBytes() - before, int64_t{100} << 20);
  EXPECT_EQ(document.html_title, "属性");
  EXPECT_EQ(document.text.substr(0, 6), "法治");
}

// A few hundred KB of ordinary markup still gets the parser (and its navigation removal).
TEST(ReduceHtmlTest, AnOrdinaryReportPageKeepsTheParser) {
  std::string html =
      "<!DOCTYPE html><html><head><title>报告</title><meta charset=\"utf-8\"></head><body>"
      "<div class=\"nav\"><a href=\"/\">首页</a></div>";
  for (int i = 0; i < 3000; ++i) {
    html += "<div class=\"content\" id=\"c" + std::to_string(i) +
            "\"><p style=\"text-indent:2em\">依法行政，推进法治政府建设。</p>"
            "<a href=\"/a/b.html\" target=\"_blank\">链接</a></div>\n";
  }
  html += "</body></html>";
  EXPECT_TRUE(ReducesWithParser(html));
  const DecodedDocument document = DecodeOk(html);
  EXPECT_EQ(document.text.find("首页"), std::string::npos);
  EXPECT_EQ(document.text.substr(0, 12), "依法行政");
}

TEST(DecodeDocumentTest, SurvivesHugeAttributesAndLongLines) {
  std::string html = "<html><body><div class=\"" + std::string(5 << 20, 'n') + "\">正文</div><p>";
  while (html.size() < 15u << 20) html += "法治政府建设 ";
  html += "</p></body></html>";
  const DecodedDocument document = DecodeOk(html);
  EXPECT_EQ(document.text.substr(0, 6), "正文");
  EXPECT_GT(document.text.size(), 9u << 20);
}

TEST(DecodeDocumentTest, SurvivesInvalidUtf8InsideDeclaredUtf8Html) {
  DecodeOptions options;
  options.content_type = "text/html; charset=utf-8";
  const std::string message = DecodeError("<p>法治\xFF</p>", options);
  EXPECT_NE(message.find("offset 9"), std::string::npos) << message;
}

// gumbo overflows on a numeric reference longer than any code point and writes invalid UTF-8
// for it (the html fuzzer found it); the reduced text is repaired.
TEST(ReduceHtmlTest, ANumericReferenceBeyondUnicodeLeavesValidUtf8) {
  ReducedHtml reduced = ReduceHtml("<title>t</title><p>法治,&#x3e2d25685-0/20221219</p>");
  EXPECT_TRUE(IsValidUtf8(reduced.text)) << reduced.text;
  EXPECT_NE(reduced.text.find("法治,"), std::string::npos) << reduced.text;
  EXPECT_NE(reduced.text.find("-0/20221219"), std::string::npos) << reduced.text;
}

}  // namespace
}  // namespace fazhi::text
