// The text normalizer: turns decoded UTF-8 into the normalized text that the archive stores and
// that every extracted span points into (spans are code points into this text).
//
//   NormalizeText("２０２１年，矛盾 纠纷\r\n【打印本文】 访问量:60\n");
//   // -> "2021年,矛盾纠纷"
//
// What it does, in order:
//  1. Characters: invalid UTF-8 -> U+FFFD; HTML entities left by scraping (&nbsp; &amp; &#12288;)
//     decoded; \r\n and \r -> \n; full-width ASCII (U+FF01..U+FF5E) -> ASCII; U+3000, NBSP and
//     other Unicode spaces and tabs -> ' '; zero-width characters, soft hyphens, BOMs (all
//     Default_Ignorable code points) and control characters other than \n removed; then NFC.
//     NFKC is deliberately NOT used: it would rewrite 〔〕 to [], circled numbers ① to 1, ㈠ to
//     (一) and 「」 variants, changing document numbers and list markers the extractors rely on.
//     Chinese punctuation (。、《》〔〕“”) is kept as is.
//  2. Lines: debris removed (braille/box-drawing dot runs and the stray symbols stuck to them,
//     HTML tag fragments such as "font>" or "<br"); runs of spaces collapsed, line ends trimmed;
//     site chrome (kChromeRules in chrome_rules.h, breadcrumbs, page numbers) set aside; spaces
//     between two CJK characters removed where they are stray ("枫桥 经验" -> "枫桥经验") but kept
//     before a field label ("来源:X 发布时间:Y") and between names on a line without prose.
//  3. Document: hard line wraps rejoined when the document shows a wrap width (many lines of the
//     same width ending mid-sentence); headings, list items, labels and indented paragraph starts
//     are never joined; runs of blank lines collapsed to one blank line.
//
// NormalizeText is idempotent: NormalizeText(NormalizeText(x)) == NormalizeText(x).
#ifndef FAZHI_COMMON_TEXT_NORMALIZE_H_
#define FAZHI_COMMON_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace fazhi::text {

// Bumped whenever the output of NormalizeText can change for some input: stored spans are only
// valid against text normalized by the same version.
inline constexpr std::string_view kNormalizerVersion = "fazhi-normalize-1";

std::string NormalizeText(std::string_view utf8);

// NormalizeText's text and the same text as code points, made in the same pass: extraction scans
// code points, and spans count them, so it need not decode the text again.
struct NormalizedText {
  std::string text;
  std::u32string code_points;
};
NormalizedText NormalizeTextAndCodePoints(std::string_view utf8);

// Step 1 alone (characters only, no line rules): for callers that need to fold a search string
// the same way, e.g. an evidence quote.
std::string FoldCharacters(std::string_view utf8);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_NORMALIZE_H_
