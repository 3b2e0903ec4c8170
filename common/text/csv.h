// CSV as RFC 4180 writes it: fields with commas, quotes or line breaks are quoted, quotes
// doubled, each record ended with "\r\n". For the CLI's `--format csv` and the query service's
// exports, and read back for the CLI's ingest manifests.
//
//   std::cout << text::CsvLine({"name", "title"}) << text::CsvLine({"reports/…", "a, \"b\""});
//   // name,title\r\nreports/…,"a, ""b"""\r\n
//   absl::StatusOr<std::vector<std::vector<std::string>>> rows = text::ParseCsv(bytes);
#ifndef FAZHI_COMMON_TEXT_CSV_H_
#define FAZHI_COMMON_TEXT_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::text {

std::string CsvLine(const std::vector<std::string>& fields);

// The records of a CSV document: "\r\n" or "\n" line ends, quoted fields, a UTF-8 byte-order
// mark at the start skipped (Excel writes one), blank lines dropped. INVALID_ARGUMENT names the
// line of an unterminated quote or of a quote inside an unquoted field.
absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(std::string_view csv);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_CSV_H_
