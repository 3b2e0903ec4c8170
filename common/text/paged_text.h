// The normalized text of a paged document (PDF, scans) and where each page is in it.
//
//   DecodedDocument pdf = *DecodeDocument(bytes, options);   // pages separated by '\f'
//   PagedText paged = NormalizePaged(pdf.text, pdf.pages);
//   // paged.text: NormalizeText of each page, pages joined by '\n'
//   // paged.pages[i]: {begin, end} code points of page i+1 in paged.text, and its OCR origin
//   int page = PageNumberAt(paged.pages, span_begin);        // 1-based; 0 when unpaged
//
// Each page is normalized on its own, so no rule joins lines across a page break (the PDF
// reader has already moved a break that fell inside a paragraph to that paragraph's end), and
// a text without '\f' normalizes exactly as NormalizeText does.
#ifndef FAZHI_COMMON_TEXT_PAGED_TEXT_H_
#define FAZHI_COMMON_TEXT_PAGED_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/formats/converted_text.h"

namespace fazhi::text {

struct TextPage {
  int64_t begin = 0;  // first code point of the page in the normalized text
  int64_t end = 0;    // one past its last
  bool ocr = false;
  double ocr_confidence = 0;  // 0..100, OCR pages only
  friend bool operator==(const TextPage&, const TextPage&) = default;
};

struct PagedText {
  std::string text;
  std::u32string code_points;   // `text` as code points (what extraction scans)
  std::vector<TextPage> pages;  // empty when the document has no pages
};

// `info` has one entry per '\f'-separated page (missing entries: text-layer pages); with no
// `info` and no '\f' the document is unpaged.
PagedText NormalizePaged(std::string_view text, const std::vector<formats::PageInfo>& info);

// The 1-based number of the page holding code point `offset`, or 0 if `pages` is empty.
int PageNumberAt(const std::vector<TextPage>& pages, int64_t offset);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_PAGED_TEXT_H_
