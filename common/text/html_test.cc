// ReduceValidHtml with its text runs stood in for (html_stand_ins.h) against gumbo reading each
// page as it is: the same text and title on hand-made pages at every edge the stand-ins must
// respect, and on random tag soup, with both the stood-in and the fallback path taken.
#include "common/text/html.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <random>
#include <string>
#include <vector>

#include "common/text/html_stand_ins.h"
#include "common/text/utf8.h"

namespace fazhi::text {
namespace {

using html_internal::StandIns;

constexpr std::string_view kLongText =
    "在市委、市政府的坚强领导下，我县坚持依法行政，全年办理行政复议案件12件";

// Whether gumbo's tree of the stood-in page gave every run back (the path ReduceValidHtml takes).
bool TakesStandIns(std::string_view page) {
  StandIns stand_ins;
  if (!stand_ins.Build(page)) return false;
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, stand_ins.page().data(),
                                                 stand_ins.page().size());
  const bool came_back = stand_ins.AllCameBack(output->document);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return came_back;
}

void ExpectSameAsWithoutStandIns(const std::string& page) {
  const ReducedHtml fast = ReduceValidHtml(page);
  const ReducedHtml plain = ReduceValidHtmlWithoutStandIns(page);
  EXPECT_EQ(fast.text, plain.text) << "page: " << page;
  EXPECT_EQ(fast.title, plain.title) << "page: " << page;
}

std::string Page(std::string_view body) {
  return "<!DOCTYPE html><html><head><title>报告标题 - 某县人民政府</title></head><body>" +
         std::string(body) + "</body></html>";
}

TEST(HtmlStandInsTest, PlainReportPageTakesStandInsAndGivesTheSameText) {
  const std::string page = Page("<div class=\"nav\">首页 政务公开</div><div class=\"content\"><p>" +
                                std::string(kLongText) + "</p><p>  " + std::string(kLongText) +
                                "&nbsp;&amp;" + std::string(kLongText) + "</p></div>");
  EXPECT_TRUE(TakesStandIns(page));
  ExpectSameAsWithoutStandIns(page);
  EXPECT_NE(ReduceValidHtml(page).text.find(kLongText), std::string::npos);
}

// The shapes government sites publish reports in: a CMS page laid out with tables, scripts that
// write scripts, conditional comments, &nbsp; between figures; a page exported from Word, a span
// for every change of font; a page with a drop-down of sister sites. Each must take the stand-ins
// (else the speed-up would hold only on our own generated pages) and give the same text.
TEST(HtmlStandInsTest, PagesAsGovernmentSitesPublishThemTakeStandIns) {
  const std::string text(kLongText);
  const std::string cms =
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\r\n"
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n"
      "<title>某县2021年法治政府建设年度报告_某县人民政府</title>\r\n"
      "<!--[if lt IE 9]><script src=\"/js/html5.js\"></script><![endif]-->\r\n"
      "<script type=\"text/javascript\"><!--\r\n"
      "document.write(\"<script src='/js/stat.js?\" + Math.random() + \"'></script>\");\r\n"
      "//--></script><style type=\"text/css\">td{font-size:14px}</style></head>\r\n"
      "<body><table width=\"100%\" border=\"0\" cellspacing=\"0\"><tr><td class=\"nav\">"
      "<a href=\"/\">首页</a>&nbsp;&gt;&nbsp;<a href=\"/zwgk/\">政务公开</a></td></tr>\r\n"
      "<tr><td align=\"center\"><h1>某县2021年法治政府建设年度报告</h1>"
      "<span>发布时间：2022-01-20&nbsp;&nbsp;来源：县司法局</span></td></tr>\r\n"
      "<tr><td class=\"content\"><p style=\"text-indent:2em\">　　" +
      text +
      "</p>\r\n"
      "<p style=\"text-indent:2em\">　　" +
      text + "&nbsp;" + text +
      "。</p>\r\n"
      "<p align=\"right\">某县人民政府<br/>2022年1月20日</p></td></tr></table>\r\n"
      "<div id=\"footer\">主办：某县人民政府办公室 &copy; 版权所有</div>\r\n"
      "<script>var _hmt = _hmt || []; if (a < b && c > d) {}</script></body></html>";
  const std::string word =
      "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><title>报告</title>"
      "<style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=ZH-CN>"
      "<div class=WordSection1><p class=MsoNormal align=center><b><span style='font-size:22.0pt;"
      "font-family:方正小标宋简体'>" +
      text +
      "<span lang=EN-US><o:p></o:p></span></span></b></p>"
      "<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>" +
      text +
      "</span><span lang=EN-US style='font-family:仿宋_GB2312'>2021</span><span "
      "style='font-family:仿宋_GB2312'>" +
      text + "<![if !supportLists]>一、<![endif]>" + text + "</span></p></div></body></html>";
  const std::string links =
      Page("<div class=\"content\"><p>" + text + "</p><p>" + text +
           "</p></div>"
           "<select onchange=\"window.open(this.value)\"><option value=\"\">市直部门网站</option>"
           "<option value=\"http://a.gov.cn\">某市司法局</option></select>"
           "<iframe src=\"/count.html\" width=0 height=0></iframe>");
  for (const std::string& page : {cms, word, links}) {
    EXPECT_TRUE(TakesStandIns(page)) << page;
    ExpectSameAsWithoutStandIns(page);
  }
}

TEST(HtmlStandInsTest, EdgesOfRunsGiveTheSameText) {
  const std::string text(kLongText);
  const std::vector<std::string> bodies = {
      // Characters gumbo changes or acts on end a run: CR, NUL, controls, C1, noncharacters.
      "<p>" + text + "\r\n" + text + "\r" + text + "</p>",
      "<p>" + text + std::string(1, '\0') + text + "</p>",
      "<p>" + text + "\x01\x0B\x7F" + text + "</p>",
      "<p>" + text + "\xC2\x85\xC2\xA0" + text + "</p>",
      "<p>" + text + "\xEF\xB7\x90\xEF\xBF\xBE\xEF\xBC\x8C" + text + "</p>",
      "<p>" + text + "\xF0\x9F\x98\x80" + text + "</p>",
      // Leading white space that insertion modes treat apart, and <pre>'s first line feed.
      "<pre>\n" + text + "\n  " + text + "\n</pre>",
      "<pre>" + text + "\n\n" + text + "</pre>",
      "<table>  " + text + "<tr><td>" + text + "</td></tr>  " + text + "</table>",
      "<table><colgroup>   " + text + "<col></colgroup></table>",
      "<select>" + text + "<option>" + text + "</select>",
      // Raw text and markup that hold '>' or look like tags.
      "<script>var a = '<p>" + text + "</p>';</script><p>" + text + "</p>",
      "<script><!--<script>" + text + "</script>" + text + "--></script><p>" + text + "</p>",
      "<script><!--<script>" + text + "</script>" + text + "</script>" + text + "<p>" + text,
      "<script><!-->" + text + "</script>" + text + "<script><!-- " + text + " --->" + text,
      "<style>p > a { color: red }</style><p>" + text + "</p>",
      "<textarea>" + text + "<p>" + text + "</textarea><p>" + text + "</p>",
      "<xmp>" + text + "<b>x</b></xmp><iframe>" + text + "</iframe><noembed>" + text + "</noembed>",
      "<p title=\"a>b " + text + "\" data-x='<p>' x=y>" + text + "</p>",
      "<p>" + text + " < " + text + " <3 " + text + "</p>",
      "<!-->" + text + "<!--->" + text + "<!-- " + text + " --!>" + text,
      "<!-- " + text + " -- >" + text + " -->" + text,
      "</ " + text + ">" + text + "</>" + text + "<?xml " + text + "?>" + text,
      "<title>" + text + "</title><p>" + text + "</p>",
      "<noscript><p>" + text + "</p></noscript><p>" + text + "</p>",
      "<template><p>" + text + "</p></template><p>" + text + "</p>",
      // Pages that take no stand-ins.
      "<svg><text>" + text + "</text></svg><p>" + text + "</p>",
      "<math><mi>" + text + "</mi></math><![CDATA[" + text + "]]>",
      "<frameset><frame></frameset>" + text,
      "<p>" + text + "&#983040;" + text + "&#xF0001;" + text + "</p>",
      "<p>" + text + "&#x3e2d25685;" + text + "</p>",
      "<p>" + text + "\xF3\xB0\x80\x80" + text + "</p>",
      "<plaintext>" + text + "<p>" + text,
      // Unclosed markup at the end of the page.
      "<p>" + text + "<div class=\"" + text,
      "<p>" + text + "<!-- " + text,
      "<p>" + text + "<script>" + text,
  };
  for (const std::string& body : bodies) ExpectSameAsWithoutStandIns(Page(body));
}

TEST(HtmlStandInsTest, AScriptThatWritesAScriptTakesStandIns) {
  // Inside "<!--<script" a script's "</script>" does not end it (the double-escaped state).
  const std::string page =
      Page("<script><!-- document.write(\"<script src=x></script>\"); " + std::string(kLongText) +
           " //--></script><p>" + std::string(kLongText) + "</p>");
  EXPECT_TRUE(TakesStandIns(page));
  ExpectSameAsWithoutStandIns(page);
}

TEST(HtmlStandInsTest, AStandInThatDoesNotComeBackFailsTheCheckAndThePageIsParsedAsItIs) {
  // Build does not read the textarea's text, where gumbo decodes the reference to a character of
  // the stand-ins' plane: the check must not take it for a stand-in.
  const std::string page = Page("<p>" + std::string(kLongText) + "</p><textarea>&#983040;" +
                                std::string(kLongText) + "</textarea>");
  StandIns stand_ins;
  ASSERT_TRUE(stand_ins.Build(page));
  EXPECT_FALSE(TakesStandIns(page));
  ExpectSameAsWithoutStandIns(page);
}

TEST(HtmlStandInsTest, PagesWithTheStandInsPlaneTakeNone) {
  StandIns stand_ins;
  EXPECT_FALSE(stand_ins.Build(Page("<p>" + std::string(kLongText) + "\xF3\xB0\x80\x81</p>")));
  EXPECT_FALSE(stand_ins.Build(Page("<p>" + std::string(kLongText) + "&#xF0000;</p>")));
  EXPECT_FALSE(stand_ins.Build(Page("<p>" + std::string(kLongText) + "&#98304000;</p>")));
  EXPECT_TRUE(stand_ins.Build(Page("<p>" + std::string(kLongText) + "&#x4E2D;&#20013;</p>")));
}

// Tag soup from pieces that cover the tokenizer's states and the insertion modes.
std::string RandomPage(std::mt19937& random) {
  static const std::vector<std::string> kPieces = {std::string(kLongText),
                                                   std::string(kLongText),
                                                   std::string(kLongText),
                                                   "依法行政",
                                                   " ",
                                                   "\n",
                                                   "\t",
                                                   "\r\n",
                                                   "\r",
                                                   "\f",
                                                   "   ",
                                                   "abc def",
                                                   "&amp;",
                                                   "&nbsp;",
                                                   "&#20013;",
                                                   "&#x4E2D;",
                                                   "&amp",
                                                   "&notit;",
                                                   "&#x4E2D",
                                                   "&#",
                                                   "&x",
                                                   "\x01",
                                                   "\xC2\x85",
                                                   "\xC2\xA0",
                                                   "\xEF\xBF\xBE",
                                                   "\xF0\x9F\x98\x80",
                                                   std::string(1, '\0'),
                                                   "<",
                                                   " < ",
                                                   ">",
                                                   "<3",
                                                   "<p>",
                                                   "</p>",
                                                   "<div>",
                                                   "</div>",
                                                   "<span>",
                                                   "</span>",
                                                   "<b>",
                                                   "</b>",
                                                   "<i>",
                                                   "</i>",
                                                   "<a href=\"x>y\">",
                                                   "</a>",
                                                   "<font>",
                                                   "</font>",
                                                   "<table>",
                                                   "</table>",
                                                   "<tr>",
                                                   "</tr>",
                                                   "<td>",
                                                   "</td>",
                                                   "<th>",
                                                   "<tbody>",
                                                   "<caption>",
                                                   "<colgroup>",
                                                   "<col>",
                                                   "<li>",
                                                   "<ul>",
                                                   "</ul>",
                                                   "<pre>",
                                                   "</pre>",
                                                   "<textarea>",
                                                   "</textarea>",
                                                   "<title>",
                                                   "</title>",
                                                   "<script>",
                                                   "</script>",
                                                   "<style>",
                                                   "</style>",
                                                   "<xmp>",
                                                   "</xmp>",
                                                   "<iframe>",
                                                   "</iframe>",
                                                   "<noscript>",
                                                   "</noscript>",
                                                   "<nav>",
                                                   "</nav>",
                                                   "<header>",
                                                   "</header>",
                                                   "<footer>",
                                                   "<article>",
                                                   "</article>",
                                                   "<main>",
                                                   "<aside>",
                                                   "<section>",
                                                   "<h1>",
                                                   "</h1>",
                                                   "<br>",
                                                   "</br>",
                                                   "<hr>",
                                                   "<img src=a>",
                                                   "<select>",
                                                   "</select>",
                                                   "<option>",
                                                   "<template>",
                                                   "</template>",
                                                   "</svg>",
                                                   "<noembed>",
                                                   "<head>",
                                                   "</head>",
                                                   "<body>",
                                                   "</body>",
                                                   "<html>",
                                                   "</html>",
                                                   "<form>",
                                                   "<button>",
                                                   "<center>",
                                                   "<blockquote>",
                                                   "<dl>",
                                                   "<dt>",
                                                   "<dd>",
                                                   "<div class=\"menu\">",
                                                   "<div class=\"content\">",
                                                   "<div id=\"nav\">",
                                                   "<p style=\"display: none\">",
                                                   "<p hidden>",
                                                   "<p title='a>b'>",
                                                   "<p x=y>",
                                                   "<p \"a=\">",
                                                   "<!-- c -->",
                                                   "<!-->",
                                                   "<!--->",
                                                   "<!-- a --!>",
                                                   "<!--",
                                                   "<!DOCTYPE html>",
                                                   "<?xml x?>",
                                                   "</ x>",
                                                   "</>",
                                                   "<!--<script>",
                                                   "-->",
                                                   "</scr",
                                                   "<p/>",
                                                   "<b><p>",
                                                   "</b></p>"};
  // Markup that makes a page take no stand-ins, now and then.
  static const std::vector<std::string> kRarePieces = {
      "<svg>",           "<math>",    "<frameset>",      "<plaintext>",
      "<![CDATA[ x ]]>", "&#983041;", "\xF3\xB0\x80\x80"};
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1);
  std::uniform_int_distribution<size_t> rare_piece(0, kRarePieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 60);
  std::uniform_int_distribution<int> percent(0, 99);
  std::string page;
  for (int i = length(random); i > 0; --i) {
    page += percent(random) == 0 ? kRarePieces[rare_piece(random)] : kPieces[piece(random)];
  }
  return page;
}

TEST(HtmlStandInsTest, RandomTagSoupGivesTheSameTextBothWays) {
  std::mt19937 random(20261205);
  int stood_in = 0;
  int parsed_as_is = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string page = RandomPage(random);
    ASSERT_TRUE(IsValidUtf8(page));
    const ReducedHtml fast = ReduceValidHtml(page);
    const ReducedHtml plain = ReduceValidHtmlWithoutStandIns(page);
    ASSERT_EQ(fast.text, plain.text) << "page " << i << ": " << page;
    ASSERT_EQ(fast.title, plain.title) << "page " << i << ": " << page;
    (TakesStandIns(page) ? stood_in : parsed_as_is) += 1;
  }
  // Both paths are exercised (about half the pages have no run long enough to stand in for).
  EXPECT_GT(stood_in, 4000);
  EXPECT_GT(parsed_as_is, 1000);
}

}  // namespace
}  // namespace fazhi::text
