// The stored form of a paged document's pages: the `reports.pages` jsonb column, written by
// ingestion and read by extraction with the normalized text they index.
//
//   std::string json = PagesToStoredJson(pages);
//   //
//   [{"begin":0,"end":812,"ocr":false},{"begin":813,"end":1604,"ocr":true,"ocr_confidence":91.2}]
//   absl::StatusOr<std::vector<text::TextPage>> again = PagesFromStoredJson(json);
//
// An unpaged document stores NULL: PagesToStoredJson({}) is "" and PagesFromStoredJson("") {}.
#ifndef FAZHI_COMMON_ARCHIVE_PAGES_JSON_H_
#define FAZHI_COMMON_ARCHIVE_PAGES_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/text/paged_text.h"

namespace fazhi {

std::string PagesToStoredJson(const std::vector<text::TextPage>& pages);

// DATA_LOSS when the stored JSON is not an array of pages.
absl::StatusOr<std::vector<text::TextPage>> PagesFromStoredJson(std::string_view json);

}  // namespace fazhi

#endif  // FAZHI_COMMON_ARCHIVE_PAGES_JSON_H_
