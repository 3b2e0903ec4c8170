// Site chrome: the page furniture that scraped government pages carry around a report (font-size
// toggles, print buttons, visit counters, breadcrumbs, footers with ICP numbers). NormalizeText
// sets these aside. This table is the one place to add a cue.
//
//   {"访问量", ChromeMatch::kCounter}  removes "访问量:60" where it stands.
//
// Cues are written as they look after character folding (ASCII ':' for ':', ASCII digits).
#ifndef FAZHI_COMMON_TEXT_CHROME_RULES_H_
#define FAZHI_COMMON_TEXT_CHROME_RULES_H_

#include <string_view>

namespace fazhi::text {

enum class ChromeMatch {
  // The line starts with the cue, is short (kMaxChromeLineCodepoints) and has no "。": drop it.
  kLineStartsWith,
  // The line contains the cue and has no "。": drop it (footers that run several fields together).
  kLineContains,
  // A page counter "cue[:] 123 [次]" at the start of the line or after a space or bracket:
  // removed where it stands. A line holding only the cue also drops a number-only next line.
  kCounter,
  // A page tool in brackets, "【cue...】" / "[cue...]", closed or cut off at the line end: removed.
  kBracketed,
  // A short line (kMaxLinkLineCodepoints) that ends with the cue and has no punctuation: link
  // lists.
  kShortLineEndsWith,
};

struct ChromeRule {
  std::string_view cue;
  ChromeMatch match;
};

inline constexpr int kMaxChromeLineCodepoints = 80;
inline constexpr int kMaxLinkLineCodepoints = 12;

inline constexpr ChromeRule kChromeRules[] = {
    // Page tools and navigation.
    {"字体", ChromeMatch::kBracketed},
    {"打印", ChromeMatch::kBracketed},
    {"关闭", ChromeMatch::kBracketed},
    {"收藏", ChromeMatch::kBracketed},
    {"纠错", ChromeMatch::kBracketed},
    {"分享", ChromeMatch::kBracketed},
    {"字号", ChromeMatch::kBracketed},
    {"打印本页", ChromeMatch::kLineStartsWith},
    {"打印本文", ChromeMatch::kLineStartsWith},
    {"打印此页", ChromeMatch::kLineStartsWith},
    {"关闭窗口", ChromeMatch::kLineStartsWith},
    {"关闭本页", ChromeMatch::kLineStartsWith},
    {"分享到", ChromeMatch::kLineStartsWith},
    {"上一篇", ChromeMatch::kLineStartsWith},
    {"下一篇", ChromeMatch::kLineStartsWith},
    {"返回顶部", ChromeMatch::kLineStartsWith},
    {"返回首页", ChromeMatch::kLineStartsWith},
    {"网站地图", ChromeMatch::kLineStartsWith},
    {"联系我们", ChromeMatch::kLineStartsWith},
    {"设为首页", ChromeMatch::kLineStartsWith},
    {"加入收藏", ChromeMatch::kLineStartsWith},
    {"扫一扫", ChromeMatch::kLineStartsWith},
    {"您的位置", ChromeMatch::kLineStartsWith},
    {"您现在的位置", ChromeMatch::kLineStartsWith},
    {"当前位置", ChromeMatch::kLineStartsWith},
    {"字体:", ChromeMatch::kLineStartsWith},
    {"友情链接", ChromeMatch::kLineStartsWith},
    // Visit counters.
    {"访问量", ChromeMatch::kCounter},
    {"访问次数", ChromeMatch::kCounter},
    {"浏览量", ChromeMatch::kCounter},
    {"浏览次数", ChromeMatch::kCounter},
    {"浏览人次", ChromeMatch::kCounter},
    {"阅读量", ChromeMatch::kCounter},
    {"阅读数", ChromeMatch::kCounter},
    {"阅读次数", ChromeMatch::kCounter},
    {"点击数", ChromeMatch::kCounter},
    {"点击量", ChromeMatch::kCounter},
    {"点击率", ChromeMatch::kCounter},
    // Footers.
    {"版权所有", ChromeMatch::kLineContains},
    {"主办单位", ChromeMatch::kLineContains},
    {"承办单位", ChromeMatch::kLineContains},
    {"网站标识码", ChromeMatch::kLineContains},
    {"ICP备", ChromeMatch::kLineContains},
    {"ICP证", ChromeMatch::kLineContains},
    {"公网安备", ChromeMatch::kLineContains},
    {"公安备案", ChromeMatch::kLineContains},
    {"技术支持:", ChromeMatch::kLineContains},
    {"Copyright", ChromeMatch::kLineContains},
    // Link lists at the foot of the page ("各省区市政府网站").
    {"网站", ChromeMatch::kShortLineEndsWith},
};

// A breadcrumb starts with one of these and then goes on with ">" / "»" / "→" separators.
inline constexpr std::string_view kBreadcrumbStarts[] = {"首页", "主页", "网站首页"};

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_CHROME_RULES_H_
