#include "common/text/read_document.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <string_view>

#include "common/text/normalize.h"

namespace fazhi::text {
namespace {

// Whether a shared object whose file name contains `name` is mapped into this process.
bool Loaded(std::string_view name) {
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    if (line.find(name) != std::string::npos) return true;
  }
  return false;
}

// A one-page PDF with a text layer, without an xref table (Poppler rebuilds it).
constexpr std::string_view kPdf =
    "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    "2 0 obj <</Type /Pages /Count 1 /Kids [4 0 R] /MediaBox [0 0 595 842]>> endobj\n"
    "3 0 obj <</Type /Font /Subtype /Type1 /BaseFont /Courier>> endobj\n"
    "4 0 obj <</Type /Page /Parent 2 0 R /Resources <</Font <</F1 3 0 R>>>> /Contents 5 0 R>> "
    "endobj\n5 0 obj <</Length 45>>\nstream\nBT /F1 12 Tf 72 770 Td (Annual Report) Tj ET\n"
    "endstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

// One test: what it checks depends on what this process read before.
TEST(ReadDocumentTest, TextAndHtmlLoadNoFormatReaderAndTheFirstPdfLoadsThem) {
  ASSERT_FALSE(Loaded("libfazhi_format_readers"));
  ASSERT_TRUE(ReadDocument("某县2022年法治政府建设情况报告\n", {}).ok());
  DecodeOptions html;
  html.file_name = "report.html";
  ASSERT_TRUE(ReadDocument("<html><body><p>法治政府建设</p></body></html>", html).ok());
  EXPECT_TRUE(IsTextCurrent(kNormalizerVersion, ""));  // a stored text or HTML report
  EXPECT_FALSE(Loaded("libfazhi_format_readers"));
  EXPECT_FALSE(Loaded("libpoppler"));
  EXPECT_FALSE(Loaded("libtesseract"));

  const absl::StatusOr<ReadText> pdf = ReadDocument(kPdf, {});
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_EQ(pdf->format, "pdf");
  EXPECT_EQ(pdf->normalized_text, "Annual Report");
  EXPECT_TRUE(Loaded("libfazhi_format_readers"));
  EXPECT_TRUE(Loaded("libpoppler"));
}

}  // namespace
}  // namespace fazhi::text
