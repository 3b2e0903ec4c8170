// Document numbers (文号): the issuing numbers a report cites.
//
//   RecognizeDocumentNumbers("印发《…通知》(隆政办发〔2022〕26号),严格落实(省政府令第188-1号)")
//     -> "隆政办发〔2022〕26号", "省政府令第188-1号"
//
// Two forms: organ + bracketed year + serial + 号 (〔〕 [] 【】 () （） ［］ around the year, an
// optional 第 before the serial), and organ + 令 + 第N号 (国务院令第711号, 省政府令193号).
// The organ is the run of Chinese characters before the bracket or 令, at most 12, cut after the
// last word that cannot belong to it (印发, 根据, 按照, 的, 和 ... in citation_words.h).
#ifndef FAZHI_SERVICES_EXTRACTION_CITATIONS_DOCUMENT_NUMBERS_H_
#define FAZHI_SERVICES_EXTRACTION_CITATIONS_DOCUMENT_NUMBERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/prescan/prescan.h"
#include "services/extraction/record/record.h"

namespace fazhi::extraction {

// Deduplicated by text, in order of first mention (the span is the first mention's).
std::vector<DocumentNumber> RecognizeDocumentNumbers(std::string_view normalized_text);
// The same over the text already decoded (the extractor decodes a report once for every
// recognizer); spans index `code_points`. With the extractor's `prescan` of them, only the
// positions it marked kDocumentNumberStart are read.
std::vector<DocumentNumber> RecognizeDocumentNumbers(std::u32string_view code_points,
                                                     const Prescan* prescan = nullptr);

// Marks kDocumentNumberStart where a document number's year bracket or decree mark stands.
void MarkDocumentNumberStarts(PrescanTable& table);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_CITATIONS_DOCUMENT_NUMBERS_H_
