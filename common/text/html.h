// HTML reduction: the readable text of a page with its block structure as line breaks, without
// scripts, styles, the <head> and navigation chrome (nav/header/footer elements and elements
// whose id or class says nav, menu, breadcrumb, footer, sidebar, share, ...).
//
//   ReducedHtml page = ReduceHtml("<title>T</title><nav>首页</nav><p>正文</p><p>二</p>");
//   // page.text == "正文\n二", page.title == "T"
//
// Robust against hostile pages: traversal uses an explicit stack, and a page nested deeper than
// kMaxHtmlNesting (where the HTML parser's scope checks go quadratic) or with more than
// kMaxHtmlElements elements (the parser's tree takes ~440 bytes an element: a 10 MB page of a
// million tags took 440 MB) is reduced by a linear tag-stripping scanner instead, in memory
// proportional to the page. That scanner keeps block breaks, table cells and the <title>, and
// drops scripts and styles, but not navigation chrome.
#ifndef FAZHI_COMMON_TEXT_HTML_H_
#define FAZHI_COMMON_TEXT_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace fazhi::text {

inline constexpr int kMaxHtmlNesting = 2000;
// Real report pages have a few thousand elements; 100,000 bound the tree to ~45 MB.
inline constexpr size_t kMaxHtmlElements = 100000;

struct ReducedHtml {
  std::string text;   // UTF-8, one block per line, table cells separated by '\t'
  std::string title;  // <title>, whitespace collapsed
};

// `utf8` must be UTF-8 (invalid bytes become U+FFFD).
ReducedHtml ReduceHtml(std::string_view utf8);

// Words in an id or class attribute that mark navigation chrome. The one place to add to.
inline constexpr std::string_view kNavigationWords[] = {
    "nav",         "navbar",  "navigation", "menu",      "menubar",    "submenu",    "breadcrumb",
    "breadcrumbs", "crumb",   "crumbs",     "footer",    "foot",       "sidebar",    "share",
    "sharing",     "social",  "toolbar",    "copyright", "topbar",     "skip",       "position",
    "location",    "bdshare", "print",      "pager",     "pagination", "friendlink", "links",
};

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_HTML_H_
