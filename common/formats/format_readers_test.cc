#include "common/formats/format_readers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "common/formats/converters.h"
#include "common/formats/docx_reader.h"
#include "common/formats/pdf_reader.h"

namespace fazhi::formats {
namespace {

using ::testing::HasSubstr;

// The loader's first answer is kept for the life of the process, so this binary's one test sets
// the override before anything loads the module. (Every reader's test loads it;
// common/text/read_document_test.cc checks that only the first PDF does.)
TEST(FormatReadersTest, AModuleThatCannotBeLoadedIsRefusedNamingThePathAndTheReason) {
  constexpr char kNowhere[] = "/nonexistent/libfazhi_format_readers.so";
  ASSERT_EQ(setenv(kFormatReadersEnv, kNowhere, /*overwrite=*/1), 0);
  const absl::StatusOr<ConvertedText> pdf = ReadPdf("%PDF-1.4\n", ConvertOptions());
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), absl::StatusCode::kFailedPrecondition);
  const std::string message(pdf.status().message());
  EXPECT_THAT(message, HasSubstr(absl::StrCat("cannot be loaded from ", kNowhere, ": ")));
  EXPECT_THAT(message, HasSubstr("No such file or directory"));  // the dynamic loader's reason
  EXPECT_THAT(message, HasSubstr(kFormatReadersEnv));            // what to do about it

  // Every reader answers the same, and the build knows no converter, so no stored text is
  // judged out of date for want of one.
  EXPECT_EQ(ReadDocx("PK\x03\x04", ConvertOptions()).status(), pdf.status());
  EXPECT_EQ(PdfConverter(), "");
  EXPECT_EQ(OcrConverter(OcrOptions()), "");
}

}  // namespace
}  // namespace fazhi::formats
