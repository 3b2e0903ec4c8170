// Test support: variants of an annotated report, built in code, that the scoring must survive
// unchanged -- the ways unseen reports differ from the bundled ones (re-encoded, put in a web
// page, full-width, re-figured, reordered, hard-wrapped). Each variant keeps its gold consistent.
//
//   AnnotatedReport report{"001", raw_text, gold_json};
//   AnnotatedReport page = AsHtmlPage(report);        // <nav>, breadcrumb, <p> per line, footer
//   AnnotatedReport figures = Refigure(report);       // 31件 -> 75件, gold values and surfaces too
//   std::string bytes = ToGb18030(page.text);          // what a GBK site would serve
//
// Re-figuring maps every Arabic-digit figure followed by a counted word (件, 人, %, 万 ...) to
// another number of the same shape (same digit count, a rate stays below 100), leaving dates,
// years, document numbers and ordinals alone; gold surfaces and values are mapped the same way.
#ifndef FAZHI_TESTS_TESTING_EXTRACTION_REPORT_VARIANTS_H_
#define FAZHI_TESTS_TESTING_EXTRACTION_REPORT_VARIANTS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace fazhi::extraction::testing {

struct AnnotatedReport {
  std::string name;     // file stem, as the gold file is named
  std::string text;     // UTF-8 report (plain text or HTML)
  nlohmann::json gold;  // gold annotation in the shared/gold format
  std::string extension = ".txt";
};

// Re-encodings of UTF-8 text.
absl::StatusOr<std::string> ToGb18030(std::string_view utf8);
std::string ToUtf16LeWithBom(std::string_view utf8);

// A government web page: <title>, <nav>, <header>, breadcrumb, one <p> per line, a footer with
// an ICP number and a phone number; `charset` is what its <meta> declares. Extension ".html".
AnnotatedReport AsHtmlPage(const AnnotatedReport& report, std::string_view charset = "utf-8");

// ASCII digits, punctuation and spaces as their full-width forms (U+FF01.., U+3000).
AnnotatedReport ToFullWidth(const AnnotatedReport& report);

// Figures changed consistently in the text and the gold (see the header comment).
AnnotatedReport Refigure(const AnnotatedReport& report);

// Runs of body paragraphs between headings reversed (headings, header and signature stay).
AnnotatedReport ReorderParagraphs(const AnnotatedReport& report);

// Every line longer than `width` code points cut into lines of `width`.
AnnotatedReport HardWrap(const AnnotatedReport& report, int width);

// The same report under another file name.
AnnotatedReport Rename(const AnnotatedReport& report, std::string name, std::string extension);

}  // namespace fazhi::extraction::testing

#endif  // FAZHI_TESTS_TESTING_EXTRACTION_REPORT_VARIANTS_H_
