#include "common/formats/ocr.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "common/formats/converters.h"

namespace fazhi::formats {
namespace {

using ::testing::HasSubstr;

// ---------------------------------------------------------------- Helpers.

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

PixPtr WhitePage(int width, int height) {
  PixPtr pix(pixCreate(width, height, 8));
  pixSetAll(pix.get());  // all bits set: white at 8 bits a pixel
  return pix;
}

std::string TakeLeptonicaBytes(l_uint8* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

std::string EncodePng(PIX* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMemPng(&data, &size, pix, 0), 0);
  return TakeLeptonicaBytes(data, size);
}

std::string EncodeMultipageTiff(const std::vector<PIX*>& pages) {
  PIXA* pixa = pixaCreate(static_cast<int>(pages.size()));
  for (PIX* page : pages) pixaAddPix(pixa, page, L_COPY);
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixaWriteMemMultipageTiff(&data, &size, pixa), 0);
  pixaDestroy(&pixa);
  return TakeLeptonicaBytes(data, size);
}

void AppendBigEndian32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}

uint32_t Crc32(std::string_view bytes) {
  uint32_t crc = 0xFFFFFFFF;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
  }
  return ~crc;
}

void AppendPngChunk(std::string& png, std::string_view type, std::string_view data) {
  AppendBigEndian32(png, static_cast<uint32_t>(data.size()));
  const std::string chunk = std::string(type) + std::string(data);
  png += chunk;
  AppendBigEndian32(png, Crc32(chunk));
}

// A PNG of an 8-bit gray image of width×height without its pixel data (signature, IHDR, IEND):
// what a decompression bomb looks like before it is inflated.
std::string PngHeaderOnly(uint32_t width, uint32_t height) {
  std::string header;
  AppendBigEndian32(header, width);
  AppendBigEndian32(header, height);
  header +=
      std::string("\x08\x00\x00\x00\x00", 5);  // 8 bits, gray, deflate, no filter, no interlace
  std::string png = "\x89PNG\r\n\x1a\n";
  AppendPngChunk(png, "IHDR", header);
  AppendPngChunk(png, "IEND", "");
  return png;
}

int ThreadsOfThisProcess() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The scans made by tests/formats/make_documents.py, or "" when FAZHI_TEST_DOCUMENTS is unset.
std::filesystem::path TestDocuments() {
  const char* dir = std::getenv("FAZHI_TEST_DOCUMENTS");
  return dir != nullptr ? dir : "";
}

std::filesystem::path FirstPageScan(const std::filesystem::path& dir, std::string_view prefix) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.ends_with(".p1.png")) return entry.path();
  }
  return {};
}

// Han characters as UTF-8 sequences of 3 bytes (U+4E00..U+9FFF), in order.
std::vector<std::string> HanCharacters(std::string_view text) {
  std::vector<std::string> han;
  for (size_t i = 0; i + 2 < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xE4 && lead <= 0xE9) {
      han.emplace_back(text.substr(i, 3));
      i += 3;
    } else {
      i += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    }
  }
  return han;
}

size_t LongestCommonSubsequence(const std::vector<std::string>& a,
                                const std::vector<std::string>& b) {
  std::vector<size_t> row(b.size() + 1, 0);
  for (const std::string& x : a) {
    size_t diagonal = 0;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = x == b[j - 1] ? diagonal + 1 : std::max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string WithoutWhitespace(std::string text) {
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  return text;
}

// ---------------------------------------------------------------- Tidying Tesseract's text.

TEST(TidyOcrTextTest, RemovesSpacesBetweenHanAndDigits) {
  EXPECT_EQ(TidyOcrText("隆阳区 2022 年度法治政府建设"), "隆阳区2022年度法治政府建设");
  EXPECT_EQ(TidyOcrText("2021 年 12 月 ,由 5 位区级领导"), "2021年12月,由5位区级领导");
}

TEST(TidyOcrTextTest, RemovesSpacesBetweenHanCharactersAndChinesePunctuation) {
  EXPECT_EQ(TidyOcrText("行 政 复 议 ， 办 结 率 达 “ 100% ” 。"), "行政复议，办结率达“100%”。");
  EXPECT_EQ(TidyOcrText("《 行政复议法 》 ( 一 )"), "《行政复议法》(一)");
}

TEST(TidyOcrTextTest, KeepsOneSpaceBetweenLatinWordsAndNumbers) {
  EXPECT_EQ(TidyOcrText("Public  Notification 2 3"), "Public Notification 2 3");
  EXPECT_EQ(TidyOcrText("发布 Public Notice 公告"), "发布Public Notice公告");
}

TEST(TidyOcrTextTest, TrimsLinesAndDropsEmptyOnes) {
  EXPECT_EQ(TidyOcrText("  索引号 \n\n \n01525685-0/20221219-00001\n\n"),
            "索引号\n01525685-0/20221219-00001");
  EXPECT_EQ(TidyOcrText(" \n \n"), "");
}

TEST(TidyOcrTextTest, LeavesBrokenUtf8InPlace) { EXPECT_EQ(TidyOcrText("a \xFF b"), "a \xFF b"); }

// ---------------------------------------------------------------- Refusals, before any OCR.

TEST(ReadImageTest, RefusesAHugeImageFromItsHeaderWithoutDecodingIt) {
  absl::StatusOr<ConvertedText> text = ReadImage(PngHeaderOnly(30000, 30000), ConvertOptions());
  ASSERT_EQ(text.status().code(), absl::StatusCode::kResourceExhausted) << text.status();
  EXPECT_THAT(text.status().message(),
              HasSubstr("image of 30000×30000 pixels is over the limit of 150000000 pixels"));
}

TEST(ReadImageTest, RefusesBytesThatAreNoImage) {
  absl::StatusOr<ConvertedText> text = ReadImage("not an image at all", ConvertOptions());
  ASSERT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument) << text.status();
  EXPECT_THAT(text.status().message(), HasSubstr("the image cannot be decoded"));
}

TEST(ReadImageTest, RefusesATiffWhoseHeaderIsBroken) {
  absl::StatusOr<ConvertedText> text =
      ReadImage(std::string("II*\0\x08\0\0\0\xFF\xFF garbage", 20), ConvertOptions());
  ASSERT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument) << text.status();
  EXPECT_THAT(text.status().message(), HasSubstr("the image cannot be decoded"));
}

TEST(ReadImageTest, RefusesAPngWhosePixelDataIsMissing) {
  absl::StatusOr<ConvertedText> text = ReadImage(PngHeaderOnly(100, 100), ConvertOptions());
  ASSERT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument) << text.status();
  EXPECT_THAT(text.status().message(), HasSubstr("the image cannot be decoded"));
}

TEST(ReadImageTest, RefusesAnImageWhenOcrIsOff) {
  ConvertOptions options;
  options.ocr.enabled = false;
  PixPtr page = WhitePage(50, 50);
  absl::StatusOr<ConvertedText> text = ReadImage(EncodePng(page.get()), options);
  ASSERT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument) << text.status();
  EXPECT_THAT(text.status().message(), HasSubstr("the document is an image (PNG) and OCR is off"));
}

TEST(ReadImageTest, RefusesATiffWithMoreFramesThanPagesAllowed) {
  ConvertOptions options;
  options.limits.max_pages = 2;
  PixPtr page = WhitePage(20, 20);
  std::string tiff = EncodeMultipageTiff({page.get(), page.get(), page.get()});
  absl::StatusOr<ConvertedText> text = ReadImage(tiff, options);
  ASSERT_EQ(text.status().code(), absl::StatusCode::kResourceExhausted) << text.status();
  EXPECT_THAT(text.status().message(), HasSubstr("more than 2 pages"));
}

TEST(ReadImageTest, RefusesATiffFrameOverThePixelLimit) {
  ConvertOptions options;
  options.limits.max_image_pixels = 1000;
  PixPtr small = WhitePage(20, 20);
  PixPtr large = WhitePage(50, 50);
  absl::StatusOr<ConvertedText> text =
      ReadImage(EncodeMultipageTiff({small.get(), large.get()}), options);
  ASSERT_EQ(text.status().code(), absl::StatusCode::kResourceExhausted) << text.status();
  EXPECT_THAT(text.status().message(), HasSubstr("image of 50×50 pixels"));
}

TEST(RecognizeGrayPageTest, RefusesWhenOcrIsOffOrTheRasterIsMalformed) {
  std::vector<uint8_t> pixels(100 * 10, 255);
  OcrOptions off;
  off.enabled = false;
  EXPECT_EQ(RecognizeGrayPage(pixels.data(), 100, 10, 100, 300, off).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RecognizeGrayPage(pixels.data(), 100, 10, 50, 300, OcrOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RecognizeGrayPage(nullptr, 100, 10, 100, 300, OcrOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::vector<uint8_t> wide(40000, 255);
  absl::StatusOr<RecognizedPage> page = RecognizeGrayPage(wide.data(), 40000, 1, 40000, 300, {});
  ASSERT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument) << page.status();
  EXPECT_THAT(page.status().message(), HasSubstr("32767 pixels a side"));
}

TEST(RecognizeGrayPageTest, NamesTheMissingLanguageDataAndItsDebianPackage) {
  OcrOptions options;
  options.tessdata_dir = "/nonexistent/tessdata";
  std::vector<uint8_t> pixels(100 * 10, 255);
  absl::StatusOr<RecognizedPage> page =
      RecognizeGrayPage(pixels.data(), 100, 10, 100, 300, options);
  ASSERT_EQ(page.status().code(), absl::StatusCode::kFailedPrecondition) << page.status();
  EXPECT_THAT(page.status().message(), HasSubstr("/nonexistent/tessdata"));
  EXPECT_THAT(page.status().message(), HasSubstr("tesseract-ocr-chi-sim"));
}

// ---------------------------------------------------------------- Recognition.

TEST(RecognizeGrayPageTest, ABlankPageHasNoText) {
  std::vector<uint8_t> pixels(300 * 200, 255);
  absl::StatusOr<RecognizedPage> page =
      RecognizeGrayPage(pixels.data(), 300, 200, 300, 300, OcrOptions());
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->text, "");
}

TEST(ReadImageTest, SaysSoWhenNoTextIsRecognized) {
  PixPtr page = WhitePage(300, 200);
  absl::StatusOr<ConvertedText> text = ReadImage(EncodePng(page.get()), ConvertOptions());
  ASSERT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument) << text.status();
  EXPECT_THAT(text.status().message(), HasSubstr("no text recognized in the image"));
}

TEST(OcrEngineNameTest, NamesTesseractItsVersionAndTheLanguage) {
  EXPECT_THAT(OcrEngineName(OcrOptions()),
              ::testing::MatchesRegex("tesseract 5\\.[0-9.]+ \\(chi_sim\\)"));
}

class ScannedReportTest : public ::testing::Test {
 protected:
  static constexpr std::string_view kTitle = "隆阳区2022年度法治政府建设情况的报告";

  void SetUp() override {
    if (TestDocuments().empty()) {
      GTEST_SKIP() << "FAZHI_TEST_DOCUMENTS is unset: run tests/formats/make_documents.py DIR "
                      "and point it at DIR";
    }
    scan_ = FirstPageScan(TestDocuments(), "001_");
    ASSERT_FALSE(scan_.empty()) << "no 001_*.p1.png in " << TestDocuments();
  }

  // A strip of the first page of report `prefix`, 8-bit gray: a page OCR reads in a fraction of
  // a second.
  static PixPtr Strip(std::string_view prefix, int x, int y, int width, int height) {
    std::filesystem::path path = FirstPageScan(TestDocuments(), prefix);
    std::string png = ReadFile(path);
    PixPtr scan(pixReadMem(reinterpret_cast<const l_uint8*>(png.data()), png.size()));
    EXPECT_NE(scan, nullptr) << "cannot read " << path;
    if (scan == nullptr) return nullptr;
    BOX* box = boxCreate(x, y, width, height);
    PixPtr strip(pixClipRectangle(scan.get(), box, nullptr));
    boxDestroy(&box);
    return PixPtr(pixConvertTo8(strip.get(), 0));
  }

  static PixPtr TitleLine() { return Strip("001_", 250, 305, 1100, 100); }

  std::filesystem::path scan_;
};

// Tesseract's automatic layout analysis finds no text at all in this line of 003_*.p1.png (and
// drops it from the whole page too).
TEST_F(ScannedReportTest, ReadsALineAutomaticLayoutAnalysisLoses) {
  PixPtr line = Strip("003_", 200, 735, 2100, 90);
  ASSERT_NE(line, nullptr);
  absl::StatusOr<ConvertedText> text = ReadImage(EncodePng(line.get()), ConvertOptions());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(text->text,
            "政府建设的短板弱项为重点,全面促进我镇法治政府建设提质增效,把政府工作全面纳入");
}

TEST_F(ScannedReportTest, ReadsAGrayRasterWhoseLinesArePadded) {
  PixPtr title = TitleLine();
  ASSERT_NE(title, nullptr);
  const int width = pixGetWidth(title.get()), height = pixGetHeight(title.get());
  const int bytes_per_line = width + 5;
  std::vector<uint8_t> pixels(static_cast<size_t>(bytes_per_line) * height, 0);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      l_uint32 value = 0;
      pixGetPixel(title.get(), x, y, &value);
      pixels[static_cast<size_t>(y) * bytes_per_line + x] = static_cast<uint8_t>(value);
    }
  }
  absl::StatusOr<RecognizedPage> page =
      RecognizeGrayPage(pixels.data(), width, height, bytes_per_line, 300, OcrOptions());
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->text, kTitle);
  EXPECT_GT(page->confidence, 80);
}

TEST_F(ScannedReportTest, ReadsAJpeg) {
  PixPtr title = TitleLine();
  ASSERT_NE(title, nullptr);
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixWriteMemJpeg(&data, &size, title.get(), 75, 0), 0);
  absl::StatusOr<ConvertedText> text = ReadImage(TakeLeptonicaBytes(data, size), ConvertOptions());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(text->text, kTitle);
}

// Black and white, as fax-compressed TIFFs of scanners are.
TEST_F(ScannedReportTest, ReadsEveryTiffFrameAsOnePage) {
  PixPtr title = TitleLine();
  ASSERT_NE(title, nullptr);
  PixPtr black_and_white(pixThresholdToBinary(title.get(), 128));
  PixPtr blank(pixCreate(400, 200, 1));  // all white at 1 bit a pixel

  absl::StatusOr<ConvertedText> text =
      ReadImage(EncodeMultipageTiff({black_and_white.get(), blank.get()}), ConvertOptions());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(text->text, std::string(kTitle) + "\f");
  ASSERT_EQ(text->pages.size(), 2u);
  EXPECT_TRUE(text->pages[0].ocr);
  EXPECT_GT(text->pages[0].ocr_confidence, 80);
  EXPECT_TRUE(text->pages[1].ocr);
}

TEST_F(ScannedReportTest, ReadsTheFirstPageOfAReportOnOneCore) {
  // Engine load time: a fresh thread has no engine yet.
  double first_seconds = 0, second_seconds = 0;
  std::thread([&] {
    std::vector<uint8_t> blank(300 * 200, 255);
    auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(RecognizeGrayPage(blank.data(), 300, 200, 300, 300, OcrOptions()).ok());
    first_seconds = SecondsSince(start);
    start = std::chrono::steady_clock::now();
    EXPECT_TRUE(RecognizeGrayPage(blank.data(), 300, 200, 300, 300, OcrOptions()).ok());
    second_seconds = SecondsSince(start);
  }).join();
  std::vector<uint8_t> blank(300 * 200, 255);  // loads this thread's engine before the timing
  ASSERT_TRUE(RecognizeGrayPage(blank.data(), 300, 200, 300, 300, OcrOptions()).ok());

  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<ConvertedText> text = ReadImage(ReadFile(scan_), ConvertOptions());
  const double page_seconds = SecondsSince(start);
  ASSERT_TRUE(text.ok()) << text.status();
  std::cout << "OCR engine load (chi_sim): " << first_seconds - second_seconds
            << " s; one A4 page at 300 dpi (" << scan_.filename().string()
            << ", engine loaded): " << page_seconds << " s, confidence "
            << text->pages[0].ocr_confidence << "\n";

  // Tesseract's OpenMP threads would stay parked in the process after their first page.
  EXPECT_EQ(ThreadsOfThisProcess(), 1);

  EXPECT_EQ(text->format, "image");
  EXPECT_EQ(text->converter, OcrConverter(OcrOptions()));
  ASSERT_EQ(text->pages.size(), 1u);
  EXPECT_TRUE(text->pages[0].ocr);
  EXPECT_GT(text->pages[0].ocr_confidence, 80);

  // The page ends with the heading "(二)健全政府机构职能体系,加快建设人民满意的服务型政府".
  std::string report = ReadFile(std::filesystem::path(FAZHI_SOURCE_DIR) / "tests/data/corpus" /
                                scan_.filename().replace_extension("").replace_extension(".txt"));
  const std::string_view last_words = "加快建设人民满意的服务型政府";
  size_t page_end = report.find(last_words);
  ASSERT_NE(page_end, std::string::npos);
  std::vector<std::string> expected = HanCharacters(report.substr(0, page_end + last_words.size()));
  std::vector<std::string> recognized = HanCharacters(text->text);
  const double recall =
      static_cast<double>(LongestCommonSubsequence(expected, recognized)) / expected.size();
  std::cout << "Han characters of the page recognized in order: " << recall << " of "
            << expected.size() << "\n";
  EXPECT_GT(recall, 0.97);

  const std::string compact = WithoutWhitespace(text->text);
  const std::string_view phrases[] = {kTitle,
                                      "01525685-0/20221219-00001",
                                      "2022-12-19",
                                      "(一)坚持以习近平法治思想为引领,推动法治政府建设全面加强",
                                      "审议制发2022年度依法治区工作要点",
                                      "2022年10月,由5位区级领导",
                                      "开展法治督察1次"};
  for (std::string_view phrase : phrases) EXPECT_THAT(compact, HasSubstr(phrase));
}

}  // namespace
}  // namespace fazhi::formats
