#include "common/formats/pdf_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/formats/converters.h"

namespace fazhi::formats {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// ---------------------------------------------------------------- Helpers.

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The text without ASCII whitespace, no-break spaces (the samples have some; a PDF shows them as
// plain spaces) and ideographic spaces.
std::string WithoutWhitespace(std::string text) {
  for (const std::string_view space : {"\u00A0", "\u3000"}) {
    for (size_t at; (at = text.find(space)) != std::string::npos;) text.erase(at, space.size());
  }
  std::erase_if(
      text, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; });
  return text;
}

// Where two long texts part, with some context: gtest would print both whole.
std::string FirstDifference(const std::string& actual, const std::string& expected) {
  const auto [a, e] = std::mismatch(actual.begin(), actual.end(), expected.begin(), expected.end());
  const size_t at = a - actual.begin();
  const size_t from = at > 60 ? at - 60 : 0;
  return absl::StrCat("at byte ", at, ":\n  actual:   ", actual.substr(from, 150),
                      "\n  expected: ", expected.substr(from, 150));
}

size_t Count(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  for (const absl::string_view page : absl::StrSplit(text, '\f')) {
    for (const absl::string_view line : absl::StrSplit(page, '\n')) lines.emplace_back(line);
  }
  return lines;
}

ConvertOptions OcrOff() {
  ConvertOptions options;
  options.ocr.enabled = false;
  return options;
}

// Text placed on a page: Courier 12 (7.2 pt a character) with its baseline at (x, y), y counted up
// from the bottom.
struct Placed {
  double x, y;
  std::string text;  // ASCII without parentheses or backslashes
};

// A minimal PDF of the given pages, written by hand. It has no xref table: Poppler rebuilds one,
// as it does for the many damaged PDFs government sites serve.
std::string MakePdf(const std::vector<std::vector<Placed>>& pages,
                    const std::string& media_box = "0 0 595 842") {
  const size_t first_page = 4;  // 1 catalog, 2 page tree, 3 font, then a page and its contents each
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) absl::StrAppend(&kids, first_page + 2 * i, " 0 R ");
  std::string pdf = absl::StrCat(
      "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n",
      "2 0 obj <</Type /Pages /Count ", pages.size(), " /Kids [", kids, "] /MediaBox [", media_box,
      "]>> endobj\n", "3 0 obj <</Type /Font /Subtype /Type1 /BaseFont /Courier>> endobj\n");
  for (size_t i = 0; i < pages.size(); ++i) {
    const size_t page = first_page + 2 * i;
    std::string content;
    for (const Placed& text : pages[i]) {
      absl::StrAppend(&content, "BT /F1 12 Tf ", text.x, " ", text.y, " Td (", text.text,
                      ") Tj ET\n");
    }
    absl::StrAppend(
        &pdf, page,
        " 0 obj <</Type /Page /Parent 2 0 R /Resources <</Font <</F1 3 0 R>>>> /Contents ",
        page + 1, " 0 R>> endobj\n", page + 1, " 0 obj <</Length ", content.size(), ">>\nstream\n",
        content, "endstream endobj\n");
  }
  return pdf + "trailer <</Root 1 0 R>>\n%%EOF\n";
}

// Words filling `chars` characters, the last one `last`: at 7.2 pt a character, 62 of them from
// x = 72 end 4.6 pt short of the right margin an A4 page with even 72 pt margins has.
std::string Words(int chars, char last) {
  std::string text;
  while (static_cast<int>(text.size()) < chars) text += "word ";
  text.resize(chars);
  text.back() = last;
  return text;
}

// The page objects in a PDF's bytes (LibreOffice writes them uncompressed): what pdfinfo counts.
int CountPageObjects(const std::string& pdf) {
  static const std::regex kPage(R"(/Type\s*/Page[^s])");
  return std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), kPage), std::sregex_iterator());
}

// ------------------------------------------- Documents made by tests/formats/make_documents.py.

std::filesystem::path SourceDir() {
  const char* dir = std::getenv("FAZHI_SOURCE_DIR");  // set by CTest
  return dir != nullptr ? dir : FAZHI_SOURCE_DIR;
}

constexpr const char* kHeader = "法治政府建设情况报告（公开）";

class SampleDocumentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* dir = std::getenv("FAZHI_TEST_DOCUMENTS");
    if (dir == nullptr) {
      GTEST_SKIP() << "FAZHI_TEST_DOCUMENTS is not set: make the documents with "
                      "`python3 tests/formats/make_documents.py DIR` and point it at DIR";
    }
    documents_ = dir;
    for (const auto& entry : std::filesystem::directory_iterator(corpus_)) {
      if (entry.path().extension() == ".txt") samples_.push_back(entry.path().stem().string());
    }
    std::sort(samples_.begin(), samples_.end());
    ASSERT_FALSE(samples_.empty());
  }

  std::string Document(const std::string& name) const {
    const std::string bytes = ReadFile(documents_ / name);
    EXPECT_FALSE(bytes.empty()) << (documents_ / name) << " is missing: rerun make_documents.py";
    return bytes;
  }
  std::string Sample(const std::string& name) const { return ReadFile(corpus_ / (name + ".txt")); }

  std::filesystem::path documents_;
  const std::filesystem::path corpus_ = SourceDir() / "tests/data/corpus";
  std::vector<std::string> samples_;
};

TEST_F(SampleDocumentsTest, TextLayerHoldsExactlyTheSampleTextAndNoHeaderOrPageNumbers) {
  for (const std::string& name : samples_) {
    SCOPED_TRACE(name);
    const absl::StatusOr<ConvertedText> pdf = ReadPdf(Document(name + ".pdf"), OcrOff());
    ASSERT_TRUE(pdf.ok()) << pdf.status();
    const std::string text = WithoutWhitespace(pdf->text), sample = WithoutWhitespace(Sample(name));
    EXPECT_TRUE(text == sample) << FirstDifference(text, sample);
    EXPECT_THAT(pdf->text, Not(HasSubstr(kHeader)));
    EXPECT_EQ(Count(pdf->text, "—"), Count(Sample(name), "—"));  // the footers "— 3 —" are gone
    EXPECT_EQ(pdf->format, "pdf");
    EXPECT_EQ(pdf->converter, PdfConverter());  // no page needed OCR
  }
}

TEST_F(SampleDocumentsTest, OnePageInfoAndOneFormFeedPerPage) {
  for (const std::string& name : samples_) {
    SCOPED_TRACE(name);
    const std::string bytes = Document(name + ".pdf");
    const absl::StatusOr<ConvertedText> pdf = ReadPdf(bytes, OcrOff());
    ASSERT_TRUE(pdf.ok()) << pdf.status();
    const int pages = CountPageObjects(bytes);
    ASSERT_GT(pages, 1);
    EXPECT_EQ(static_cast<int>(pdf->pages.size()), pages);
    EXPECT_EQ(std::count(pdf->text.begin(), pdf->text.end(), '\f'), pages - 1);
    for (const PageInfo& page : pdf->pages) EXPECT_FALSE(page.ocr);
  }
}

// Paragraphs are one line. What still splits one, measured on the samples (85-92% of their lines
// come out verbatim): a line that ends a sentence (。；：) exactly at the right margin, which
// without first-line indents looks like a paragraph's end; the spaces of the original that the
// layout does not keep ("2021年12月22日 04时21分").
TEST_F(SampleDocumentsTest, MostSampleLinesComeOutVerbatim) {
  size_t lines = 0, verbatim = 0;
  for (const std::string& name : samples_) {
    const absl::StatusOr<ConvertedText> pdf = ReadPdf(Document(name + ".pdf"), OcrOff());
    ASSERT_TRUE(pdf.ok()) << pdf.status();
    const std::vector<std::string> output = Lines(pdf->text);
    for (const absl::string_view line :
         absl::StrSplit(Sample(name), '\n', absl::SkipWhitespace())) {
      ++lines;
      verbatim += std::find(output.begin(), output.end(), std::string(line)) != output.end();
    }
  }
  EXPECT_GE(verbatim, lines * 8 / 10) << verbatim << " of " << lines << " lines";
}

TEST_F(SampleDocumentsTest, ALongWrappedParagraphIsOneLine) {
  const std::string name = "000_00019c19f38eb4da";
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(Document(name + ".pdf"), OcrOff());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  // Eleven lines in the PDF; digits in it ("不少于 2 次") come with Poppler's spaces removed.
  const std::string paragraph = "1.深入学习宣传习近平法治思想。";
  const std::vector<std::string> lines = Lines(pdf->text);
  const auto line = std::find_if(lines.begin(), lines.end(),
                                 [&](const std::string& l) { return l.starts_with(paragraph); });
  ASSERT_NE(line, lines.end());
  EXPECT_THAT(*line, HasSubstr("明确全年学习不得少于2次,积极营造"));
  EXPECT_TRUE(line->ends_with("之加快建设社会主义法治国家。")) << *line;
}

TEST_F(SampleDocumentsTest, AParagraphRunningOntoTheNextPageEndsThatPage) {
  // In the PDF this paragraph starts at the foot of page 1 and ends at the top of page 2.
  const std::string name = "003_7a36a27cbcf2ea14";
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(Document(name + ".pdf"), OcrOff());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const std::string sample = Sample(name);
  const size_t start = sample.find("5、持续优化法治化营商环境。");
  ASSERT_NE(start, std::string::npos);
  const std::string paragraph = sample.substr(start, sample.find('\n', start) - start);
  const std::string first_page = pdf->text.substr(0, pdf->text.find('\f'));
  EXPECT_TRUE(first_page.ends_with("\n" + paragraph)) << first_page.substr(first_page.rfind('\n'));
}

TEST_F(SampleDocumentsTest, TableRowsAreLinesWithCellsApartByTabs) {
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(Document("table.pdf"), OcrOff());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_THAT(pdf->text, HasSubstr("\n项目\t数量\t单位\n行政复议\t52\t件\n"));
  EXPECT_THAT(pdf->text, HasSubstr("\n行政机关负责人出庭应诉率\t100\t%\n"));
  EXPECT_THAT(pdf->text, HasSubstr("某县2022年法治政府建设情况报告"));  // no space around 2022
}

TEST_F(SampleDocumentsTest, EncryptedPdfIsRefused) {
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(Document("encrypted.pdf"), ConvertOptions());
  EXPECT_EQ(pdf.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(pdf.status().message(), HasSubstr("encrypted"));
}

TEST_F(SampleDocumentsTest, TruncatedPdfIsRefused) {
  const std::string bytes = Document("table.pdf");
  const absl::StatusOr<ConvertedText> pdf =
      ReadPdf(bytes.substr(0, bytes.size() / 2), ConvertOptions());
  EXPECT_EQ(pdf.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(pdf.status().message(), HasSubstr("cannot be read"));
}

TEST_F(SampleDocumentsTest, ScanWithOcrOffIsRefused) {
  const absl::StatusOr<ConvertedText> pdf =
      ReadPdf(Document(samples_.front() + ".scan.pdf"), OcrOff());
  EXPECT_EQ(pdf.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(pdf.status().message(), HasSubstr("no text layer"));
}

// ----------------------------------------------------------------- Hand-made PDFs.

TEST(ReadPdfTest, ReadsAHandMadePdf) {
  const absl::StatusOr<ConvertedText> pdf =
      ReadPdf(MakePdf({{{72, 700, "Hello world."}}}), OcrOff());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_EQ(pdf->text, "Hello world.");
  EXPECT_EQ(pdf->pages.size(), 1u);
}

TEST(ReadPdfTest, RunningHeaderAndPageNumbersAreSetAsideButATitleLikeTheHeaderStays) {
  const std::string header = "Annual Report of the County";
  const std::vector<std::vector<Placed>> pages = {
      {{72, 800, header},
       {72, 720, header},
       {72, 680, "The first page."},
       {280, 40, "Page 1 of 3"}},
      {{72, 800, header}, {72, 760, "The second page."}, {280, 40, "Page 2 of 3"}},
      {{72, 800, header}, {72, 760, "The third page."}, {280, 40, "Page 3 of 3"}},
  };
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(MakePdf(pages), OcrOff());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_EQ(pdf->text, header + "\nThe first page.\fThe second page.\fThe third page.");
}

TEST(ReadPdfTest, APageNumberAloneAtTheFootIsRemovedEvenWhenItDoesNotRepeat) {
  const std::vector<std::vector<Placed>> pages = {
      {{72, 760, "One."}, {290, 40, "- 1 -"}},
      {{72, 760, "Two."}, {290, 40, "2/4"}},
      {{72, 760, "Three."}, {290, 40, "3"}},
      {{290, 800, "Page 4"}, {72, 760, "Four."}},
  };
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(MakePdf(pages), OcrOff());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_EQ(pdf->text, "One.\fTwo.\fThree.\fFour.");
}

// Without first-line indents a sentence ending at the right margin ends its paragraph; with them,
// the next line's indent decides.
TEST(ReadPdfTest, AFullLineEndingASentenceIsJoinedOnlyWhenParagraphsAreIndented) {
  const double two_characters = 2 * 7.2;
  const std::string ends_sentence = Words(60, '.'), full = Words(62, 'x'),
                    indented_full = Words(60, 'x');
  const auto page = [&](double indent) {
    return std::vector<Placed>{
        {72 + indent, 760, ends_sentence}, {72, 745, full}, {72, 730, "an end."},
        {72 + indent, 715, indented_full}, {72, 700, full}, {72, 685, "its end."},
        {72 + indent, 670, "A third."}};
  };
  const std::string second = indented_full + " " + full + " its end.\nA third.";
  const absl::StatusOr<ConvertedText> indented = ReadPdf(MakePdf({page(two_characters)}), OcrOff());
  ASSERT_TRUE(indented.ok()) << indented.status();
  EXPECT_EQ(indented->text, ends_sentence + " " + full + " an end.\n" + second);
  const absl::StatusOr<ConvertedText> flush = ReadPdf(MakePdf({page(0)}), OcrOff());
  ASSERT_TRUE(flush.ok()) << flush.status();
  EXPECT_EQ(flush->text, ends_sentence + "\n" + full + " an end.\n" + second);
}

TEST(ReadPdfTest, AShortLineIsNotJoinedToTheFullLineAfterIt) {
  const std::string full = Words(62, 'x');
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(
      MakePdf({{{72, 760, "A heading"}, {72, 745, full}, {72, 730, "the end."}}}), OcrOff());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_EQ(pdf->text, "A heading\n" + full + " the end.");
}

TEST(ReadPdfTest, GarbageIsRefused) {
  const absl::StatusOr<ConvertedText> pdf =
      ReadPdf("this is not a PDF at all, just some words", ConvertOptions());
  EXPECT_EQ(pdf.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(pdf.status().message(), HasSubstr("cannot be read"));
}

TEST(ReadPdfTest, TooManyPagesAreRefusedBeforeAnyIsRead) {
  const std::string pdf = MakePdf(std::vector<std::vector<Placed>>(10'001));
  const auto start = std::chrono::steady_clock::now();
  const absl::StatusOr<ConvertedText> text = ReadPdf(pdf, ConvertOptions());
  EXPECT_EQ(text.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(text.status().message(), HasSubstr("10001 pages"));
  EXPECT_THAT(text.status().message(), HasSubstr("2000"));
  // Not a speed test: reading 10,001 pages would take far longer than loading the page tree.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(ReadPdfTest, ThePageLimitLetsAPdfAtTheLimitThrough) {
  ConvertOptions options = OcrOff();
  options.limits.max_pages = 2;
  EXPECT_TRUE(ReadPdf(MakePdf({{{72, 700, "a"}}, {{72, 700, "b"}}}), options).ok());
  options.limits.max_pages = 1;
  EXPECT_EQ(ReadPdf(MakePdf({{{72, 700, "a"}}, {{72, 700, "b"}}}), options).status().code(),
            absl::StatusCode::kResourceExhausted);
}

TEST(ReadPdfTest, EmptyPagesWithOcrOffAreRefusedWhenNoPageHasText) {
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(MakePdf({{}, {}}), OcrOff());
  EXPECT_EQ(pdf.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(pdf.status().message(), HasSubstr("no text layer"));
}

TEST(ReadPdfTest, AnEmptyPageAmongTextPagesStaysEmptyWithOcrOff) {
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(MakePdf({{{72, 700, "Text."}}, {}}), OcrOff());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_EQ(pdf->text, "Text.\f");
  EXPECT_EQ(pdf->pages.size(), 2u);
}

TEST(ReadPdfTest, AHugePageToOcrIsRefusedBeforeItIsRendered) {
  // 14400 pt square at 300 dpi: 60000 x 60000 pixels, 24 times the default pixel limit.
  const absl::StatusOr<ConvertedText> pdf =
      ReadPdf(MakePdf({{}}, "0 0 14400 14400"), ConvertOptions());
  EXPECT_EQ(pdf.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(pdf.status().message(), HasSubstr("60000x60000"));
}

TEST(ReadPdfTest, MorePagesToOcrThanTheLimitAreRefusedBeforeAnyIsRendered) {
  ConvertOptions options;
  options.limits.max_ocr_pages = 2;
  const absl::StatusOr<ConvertedText> pdf = ReadPdf(MakePdf({{}, {}, {}}), options);
  EXPECT_EQ(pdf.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(pdf.status().message(), HasSubstr("3 pages"));
}

}  // namespace
}  // namespace fazhi::formats
