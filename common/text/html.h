// HTML reduction: the readable text of a page with its block structure as line breaks, without
// scripts, styles, the <head> and navigation chrome (nav/header/footer elements and elements
// whose id or class says nav, menu, breadcrumb, footer, sidebar, share, ...).
//
//   ReducedHtml page = ReduceHtml("<title>T</title><nav>首页</nav><p>正文</p><p>二</p>");
//   // page.text == "正文\n二", page.title == "T"
//
// gumbo parses the page with its long text runs stood in for (html_stand_ins.h), the same tree
// from far fewer bytes. Robust against hostile pages: traversal uses an explicit stack, and a page
// nested deeper than kMaxHtmlNesting (where the HTML parser's scope checks go quadratic) or whose
// parser tree would take more than MaxHtmlTreeBytes(page) is reduced by a linear tag-stripping
// scanner instead, in memory proportional to the page. The tree's size is estimated from everything
// that becomes a node (start and end tags, comments, doctypes, bogus comments such as <?x>) and
// every attribute: counting start tags alone let a page of 1.3M comments, or of 99k elements with
// 12 attributes each, through to a tree of 300 MB. That scanner keeps block breaks, table cells and
// the <title>, and drops scripts and styles, but not navigation chrome.
#ifndef FAZHI_COMMON_TEXT_HTML_H_
#define FAZHI_COMMON_TEXT_HTML_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fazhi::text {

inline constexpr int kMaxHtmlNesting = 2000;

// What gumbo 0.10's tree costs, measured with mallinfo2 over 100,000 of each (docs/operations.md,
// Memory bounds): an element with a text node after it 394 bytes, a comment 187, an end tag that
// makes an element ("</p>x") 356, an attribute 175.
inline constexpr int64_t kHtmlTreeBytesPerNode = 400;
inline constexpr int64_t kHtmlTreeBytesPerAttribute = 180;
// Real report pages' trees measured ~11 times the page; past 20 times (and a floor for small
// pages) or 40 MiB in all, the linear scanner takes over.
inline constexpr int64_t kHtmlTreeBytesPerPageByte = 20;
inline constexpr int64_t kHtmlTreeFloorBytes = int64_t{4} << 20;
inline constexpr int64_t kMaxHtmlTreeBytes = int64_t{40} << 20;

// The most a page of `page_bytes` (UTF-8) may have the parser build: what decoding budgets for.
inline int64_t MaxHtmlTreeBytes(size_t page_bytes) {
  return std::min(kMaxHtmlTreeBytes, kHtmlTreeBytesPerPageByte * static_cast<int64_t>(page_bytes) +
                                         kHtmlTreeFloorBytes);
}

// The parser tree a page would cost, estimated by one linear scan, and its rough nesting.
struct HtmlTreeEstimate {
  int64_t nodes = 0;  // tags, comments, doctypes, bogus comments
  int64_t attributes = 0;
  int max_nesting = 0;
  int64_t bytes() const {
    return nodes * kHtmlTreeBytesPerNode + attributes * kHtmlTreeBytesPerAttribute;
  }
};
HtmlTreeEstimate EstimateHtmlTree(std::string_view html);

// Whether ReduceHtml builds the parser's tree for `utf8` (else it takes the linear scanner).
bool ReducesWithParser(std::string_view utf8);

struct ReducedHtml {
  std::string text;   // UTF-8, one block per line, table cells separated by '\t'
  std::string title;  // <title>, whitespace collapsed
};

// `utf8` must be UTF-8 (invalid bytes become U+FFFD).
ReducedHtml ReduceHtml(std::string_view utf8);
// The same for a page known to be valid UTF-8 (as DecodeDocument's text is), without checking it
// again.
ReducedHtml ReduceValidHtml(std::string_view valid_utf8);
// The same with gumbo reading the page as it is, without the stand-ins for its text runs
// (html_stand_ins.h) that make ReduceValidHtml about four times faster on report pages
// (text_benchmark's BM_ReduceHtml): the reference the tests hold ReduceValidHtml to, and the
// benchmark's baseline.
ReducedHtml ReduceValidHtmlWithoutStandIns(std::string_view valid_utf8);

// Words in an id or class attribute that mark navigation chrome. The one place to add to.
inline constexpr std::string_view kNavigationWords[] = {
    "nav",         "navbar",  "navigation", "menu",      "menubar",    "submenu",    "breadcrumb",
    "breadcrumbs", "crumb",   "crumbs",     "footer",    "foot",       "sidebar",    "share",
    "sharing",     "social",  "toolbar",    "copyright", "topbar",     "skip",       "position",
    "location",    "bdshare", "print",      "pager",     "pagination", "friendlink", "links",
};

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_HTML_H_
