// Reads a Word .docx (Office Open XML: a zip of XML parts) with libzip and pugixml: the body's
// paragraphs in document order, one line each (a manual line break starts another), each table
// row as one line of its cells joined by tabs, text-box paragraphs after the paragraph holding
// them, then a blank line and one line per footnote and endnote. Tracked changes read as accepted;
// field codes, page headers and footers, and comments are left out. Zip entries are checked
// against the limits (bytes unpacked over all parts read, compression ratio) before unpacking.
//
//   absl::StatusOr<ConvertedText> text = ReadDocx(bytes, ConvertOptions());
//   // text->text == "某县2022年法治政府建设情况报告\n……\n项目\t数量\t单位\n行政复议\t52\t件\n……"
#ifndef FAZHI_COMMON_FORMATS_DOCX_READER_H_
#define FAZHI_COMMON_FORMATS_DOCX_READER_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "common/formats/converted_text.h"

namespace fazhi::formats {

absl::StatusOr<ConvertedText> ReadDocx(std::string_view bytes, const ConvertOptions& options);

}  // namespace fazhi::formats

#endif  // FAZHI_COMMON_FORMATS_DOCX_READER_H_
