// One CSV record as RFC 4180 writes it: fields with commas, quotes or line breaks are quoted,
// quotes doubled, the record ended with "\r\n". For the CLI's `--format csv` and the query
// service's exports.
//
//   std::cout << text::CsvLine({"name", "title"}) << text::CsvLine({"reports/…", "a, \"b\""});
//   // name,title\r\nreports/…,"a, ""b"""\r\n
#ifndef FAZHI_COMMON_TEXT_CSV_H_
#define FAZHI_COMMON_TEXT_CSV_H_

#include <string>
#include <vector>

namespace fazhi::text {

std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_CSV_H_
