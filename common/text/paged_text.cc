#include "common/text/paged_text.h"

#include <algorithm>

#include "common/text/normalize.h"
#include "common/text/utf8.h"

namespace fazhi::text {

PagedText NormalizePaged(std::string_view text, const std::vector<formats::PageInfo>& info) {
  PagedText paged;
  if (info.empty() && text.find('\f') == std::string_view::npos) {
    NormalizedText normalized = NormalizeTextAndCodePoints(text);
    paged.text = std::move(normalized.text);
    paged.code_points = std::move(normalized.code_points);
    return paged;
  }
  int64_t length = 0;  // code points in paged.text
  size_t start = 0;
  for (size_t index = 0; start <= text.size(); ++index) {
    size_t end = text.find('\f', start);
    if (end == std::string_view::npos) end = text.size();
    const NormalizedText page = NormalizeTextAndCodePoints(text.substr(start, end - start));
    start = end + 1;
    if (!paged.text.empty() && !page.text.empty()) {
      paged.text += '\n';
      paged.code_points += U'\n';
      ++length;
    }
    TextPage range;
    range.begin = length;
    paged.text += page.text;
    paged.code_points += page.code_points;
    length += static_cast<int64_t>(page.code_points.size());
    range.end = length;
    if (index < info.size()) {
      range.ocr = info[index].ocr;
      range.ocr_confidence = info[index].ocr_confidence;
    }
    paged.pages.push_back(range);
  }
  return paged;
}

int PageNumberAt(const std::vector<TextPage>& pages, int64_t offset) {
  if (pages.empty()) return 0;
  // Pages [0, count) begin at or before `offset`; the last of them that is not empty holds it
  // (an empty page begins where the next page does).
  auto after = std::upper_bound(pages.begin(), pages.end(), offset,
                                [](int64_t at, const TextPage& page) { return at < page.begin; });
  size_t count = static_cast<size_t>(after - pages.begin());
  while (count > 1 && pages[count - 1].begin == pages[count - 1].end) --count;
  return static_cast<int>(std::max<size_t>(count, 1));
}

}  // namespace fazhi::text
