#include <leptonica/allheaders.h>
#include <omp.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/formats/readers/readers.h"

namespace fazhi::formats::readers {
namespace {

// Where Debian's tesseract-ocr-* packages put language data (Tesseract's default on Debian).
constexpr std::string_view kDefaultTessdataDir = "/usr/share/tesseract-ocr/5/tessdata";
// Tesseract keeps coordinates in 16 bits and refuses larger images.
constexpr int kMaxTesseractSide = 32767;
// Resolutions Tesseract believes; outside them it estimates the resolution from the text.
constexpr int kMinCredibleDpi = 70;
constexpr int kMaxCredibleDpi = 2400;
// Text is recognized best when its lines are about this tall (a Han character's height; Latin
// capitals and digits are then about 30 pixels, where Tesseract's LSTM reads most accurately):
// larger text is scaled down to it before recognition. On the 32 pages of our sample scans (300
// dpi, 12 pt text, lines 48-51 pixels tall) reading them at about 3/4 size cut character errors
// against the text layer by a third (1.26% to 0.83%); every reduction from 0.6 to 0.85 did
// (0.76-0.90%). Numbers misread stayed at 5-9 of 683, most of them a '%' read twice ("449%"),
// which no scale or binarization tried removes.
constexpr int kTargetLineHeight = 38;
// Text at most this much taller than the target is read as it is: scaling costs a pass and
// gains nothing so close to the target.
constexpr double kRescaleTolerance = 1.15;
// Text that needs more than this reduction is not body text a page of a report is set in.
constexpr double kMinScale = 0.25;

// Leptonica reports every problem of a broken image on stderr; the caller gets a Status instead.
void SilenceLeptonicaOnce() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// ---------------------------------------------------------------- The engine.

// "chi_sim+eng" -> "tesseract-ocr-chi-sim tesseract-ocr-eng".
std::string DebianPackages(std::string_view language) {
  std::string packages;
  while (!language.empty()) {
    const size_t plus = std::min(language.find('+'), language.size());
    std::string package = "tesseract-ocr-" + std::string(language.substr(0, plus));
    std::replace(package.begin(), package.end(), '_', '-');
    packages += (packages.empty() ? "" : " ") + package;
    language.remove_prefix(std::min(plus + 1, language.size()));
  }
  return packages;
}

std::string TessdataDir(const OcrOptions& options) {
  if (!options.tessdata_dir.empty()) return options.tessdata_dir;
  const char* prefix = std::getenv("TESSDATA_PREFIX");  // Tesseract's own override
  return prefix != nullptr && *prefix != '\0' ? prefix : std::string(kDefaultTessdataDir);
}

// One loaded Tesseract per thread: loading chi_sim costs about half a second, so the pages and
// later documents a thread reads reuse its engine.
struct ThreadEngine {
  std::unique_ptr<tesseract::TessBaseAPI> api;
  std::string language;
  std::string tessdata_dir;
};

absl::StatusOr<tesseract::TessBaseAPI*> EngineForThisThread(const OcrOptions& options) {
  thread_local ThreadEngine engine;
  if (engine.api != nullptr && engine.language == options.language &&
      engine.tessdata_dir == options.tessdata_dir) {
    return engine.api.get();
  }
  SilenceLeptonicaOnce();  // Tesseract reads images with Leptonica too
  // Debian's libtesseract runs parts of its LSTM on OpenMP threads (up to 4 a page), which
  // OMP_THREAD_LIMIT can only cap if set before the program starts. No active parallel levels on
  // this thread makes every region it starts run on it alone: one core per document.
  omp_set_max_active_levels(0);
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
  if (api->Init(datapath, options.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    engine.api.reset();
    return absl::FailedPreconditionError(
        absl::StrCat("Tesseract cannot load the language data '", options.language, "' from ",
                     TessdataDir(options), ": install the Debian package ",
                     DebianPackages(options.language), " or set the OCR tessdata directory"));
  }
  // Reports are one column of text (or a table, read row by row). Automatic layout analysis
  // (PSM_AUTO, Tesseract's default) silently lost whole lines of running text on our sample
  // scans (tesseract-ocr issue 3596); one uniform block keeps them.
  api->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  engine = {std::move(api), options.language, options.tessdata_dir};
  return engine.api.get();
}

absl::Status CheckTesseractCanRead(int width, int height) {
  if (width > kMaxTesseractSide || height > kMaxTesseractSide) {
    return absl::InvalidArgumentError(
        absl::StrCat("an image of ", width, "×", height,
                     " pixels is too large for OCR (Tesseract reads at most ", kMaxTesseractSide,
                     " pixels a side)"));
  }
  return absl::OkStatus();
}

void SetImageAndResolution(tesseract::TessBaseAPI& api, PIX* gray, int dpi) {
  api.SetImage(gray);
  if (dpi >= kMinCredibleDpi && dpi <= kMaxCredibleDpi) api.SetSourceResolution(dpi);
}

// The median height of the text lines Tesseract's layout analysis finds in the image it holds, 0
// when it finds none.
int MedianLineHeight(tesseract::TessBaseAPI& api) {
  std::unique_ptr<tesseract::PageIterator> lines(api.AnalyseLayout());
  if (lines == nullptr) return 0;
  std::vector<int> heights;
  do {
    int left = 0, top = 0, right = 0, bottom = 0;
    if (lines->BoundingBox(tesseract::RIL_TEXTLINE, &left, &top, &right, &bottom) && bottom > top) {
      heights.push_back(bottom - top);
    }
  } while (lines->Next(tesseract::RIL_TEXTLINE));
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

// Recognizes the 8-bit gray `gray` with this thread's engine, which forgets it afterwards (the
// loaded language stays). Text larger than kTargetLineHeight is scaled down to it first.
absl::StatusOr<RecognizedPage> Recognize(const OcrOptions& options, PIX* gray, int dpi) {
  if (absl::Status status = CheckTesseractCanRead(pixGetWidth(gray), pixGetHeight(gray));
      !status.ok()) {
    return status;
  }
  absl::StatusOr<tesseract::TessBaseAPI*> engine = EngineForThisThread(options);
  if (!engine.ok()) return engine.status();
  tesseract::TessBaseAPI& api = **engine;
  SetImageAndResolution(api, gray, dpi);
  PixPtr scaled;
  if (const int line_height = MedianLineHeight(api);
      line_height > kTargetLineHeight * kRescaleTolerance) {
    const float scale = static_cast<float>(
        std::max(kMinScale, static_cast<double>(kTargetLineHeight) / line_height));
    // Leptonica's reduction for gray images: area mapping, or interpolation above 0.7.
    scaled.reset(pixScaleAreaMap(gray, scale, scale));
    if (scaled != nullptr) {
      SetImageAndResolution(api, scaled.get(), static_cast<int>(std::lround(dpi * scale)));
    } else {
      SetImageAndResolution(api, gray, dpi);  // out of memory: read it as it is
    }
  }
  std::unique_ptr<char[]> text(api.GetUTF8Text());
  RecognizedPage page;
  if (text != nullptr) {
    page.text = TidyOcrText(text.get());
    page.confidence = api.MeanTextConf();
  }
  api.Clear();
  if (text == nullptr) return absl::InternalError("Tesseract failed to recognize the page");
  return page;
}

// ---------------------------------------------------------------- Images.

enum class ImageFormat { kUnknown, kPng, kJpeg, kTiff };

ImageFormat SniffImageFormat(std::string_view bytes) {
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return ImageFormat::kPng;
  if (bytes.starts_with("\xFF\xD8\xFF")) return ImageFormat::kJpeg;
  if (bytes.starts_with(std::string_view("II*\0", 4)) ||
      bytes.starts_with(std::string_view("MM\0*", 4))) {
    return ImageFormat::kTiff;
  }
  return ImageFormat::kUnknown;
}

const char* FormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng:
      return "PNG";
    case ImageFormat::kJpeg:
      return "JPEG";
    case ImageFormat::kTiff:
      return "TIFF";
    case ImageFormat::kUnknown:
      break;
  }
  return "unknown";
}

const l_uint8* LeptonicaData(std::string_view bytes) {
  return reinterpret_cast<const l_uint8*>(bytes.data());
}

absl::Status CheckPixelLimit(int width, int height, const ConvertLimits& limits) {
  uint64_t pixels = static_cast<uint64_t>(width) * static_cast<uint64_t>(height);
  if (pixels > limits.max_image_pixels) {
    return absl::ResourceExhaustedError(absl::StrCat("image of ", width, "×", height,
                                                     " pixels is over the limit of ",
                                                     limits.max_image_pixels, " pixels"));
  }
  return absl::OkStatus();
}

absl::Status CannotDecode(const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat("the image cannot be decoded: ", why));
}

// The number of pages (TIFF frames) of the image, each checked against the pixel limit from its
// header alone, so that a decompression bomb is refused before it is decoded.
absl::StatusOr<int> CheckPageHeaders(std::string_view bytes, ImageFormat format,
                                     const ConvertLimits& limits) {
  if (format != ImageFormat::kTiff) {
    l_int32 leptonica_format = 0, width = 0, height = 0, bps = 0, spp = 0;
    if (pixReadHeaderMem(LeptonicaData(bytes), bytes.size(), &leptonica_format, &width, &height,
                         &bps, &spp, nullptr) != 0 ||
        width <= 0 || height <= 0) {
      return CannotDecode(absl::StrCat("its ", FormatName(format), " header is broken"));
    }
    if (absl::Status status = CheckPixelLimit(width, height, limits); !status.ok()) return status;
    return 1;
  }
  // Each frame's header is found by walking the frames before it: quadratic, but bounded by the
  // page limit, and a page costs seconds of OCR anyway.
  const int max_frames = std::min(limits.max_pages, limits.max_ocr_pages);
  int frames = 0;
  for (;; ++frames) {
    l_int32 width = 0, height = 0, bps = 0, spp = 0;
    if (readHeaderMemTiff(LeptonicaData(bytes), bytes.size(), frames, &width, &height, &bps, &spp,
                          nullptr, nullptr, nullptr) != 0) {
      break;  // past the last frame
    }
    if (frames == max_frames) {
      return absl::ResourceExhaustedError(
          absl::StrCat("the TIFF image has more than ", max_frames,
                       " pages, the most OCR reads of one document"));
    }
    if (width <= 0 || height <= 0) {
      return CannotDecode(absl::StrCat("TIFF page ", frames + 1, " has no size"));
    }
    if (absl::Status status = CheckPixelLimit(width, height, limits); !status.ok()) {
      return status;
    }
  }
  if (frames == 0) return CannotDecode("its TIFF header is broken");
  return frames;
}

// Page `index` decoded to 8-bit gray without a colormap, transparency laid over white paper.
absl::StatusOr<PixPtr> DecodeGrayPage(std::string_view bytes, ImageFormat format, int index) {
  PixPtr pix(format == ImageFormat::kTiff
                 ? pixReadMemTiff(LeptonicaData(bytes), bytes.size(), index)
                 : pixReadMem(LeptonicaData(bytes), bytes.size()));
  if (pix == nullptr) {
    return CannotDecode(format == ImageFormat::kTiff
                            ? absl::StrCat("TIFF page ", index + 1, " is broken")
                            : absl::StrCat("its ", FormatName(format), " data is broken"));
  }
  if (pixGetDepth(pix.get()) == 32 && pixGetSpp(pix.get()) == 4) {
    pix.reset(pixAlphaBlendUniform(pix.get(), 0xffffff00));
  }
  if (pix != nullptr && (pixGetDepth(pix.get()) != 8 || pixGetColormap(pix.get()) != nullptr)) {
    pix.reset(pixConvertTo8(pix.get(), /*cmapflag=*/0));
  }
  if (pix == nullptr) return CannotDecode("its pixels cannot be converted to gray");
  return pix;
}

}  // namespace

absl::StatusOr<RecognizedPage> RecognizeGrayPage(const uint8_t* pixels, int width, int height,
                                                 int bytes_per_line, int dpi,
                                                 const OcrOptions& options) {
  if (!options.enabled) {
    return absl::InvalidArgumentError("the page has no text layer and OCR is off");
  }
  if (pixels == nullptr || width <= 0 || height <= 0 || bytes_per_line < width) {
    return absl::InvalidArgumentError(absl::StrCat("a gray raster of ", width, "×", height,
                                                   " pixels and ", bytes_per_line,
                                                   " bytes a line is malformed"));
  }
  if (absl::Status status = CheckTesseractCanRead(width, height); !status.ok()) return status;
  PixPtr gray(pixCreate(width, height, 8));
  if (gray == nullptr) {
    return absl::ResourceExhaustedError(
        absl::StrCat("no memory for a gray raster of ", width, "×", height, " pixels"));
  }
  l_uint32* data = pixGetData(gray.get());
  const int words_per_line = pixGetWpl(gray.get());
  for (int y = 0; y < height; ++y) {
    const uint8_t* row = pixels + static_cast<size_t>(y) * bytes_per_line;
    l_uint32* line = data + static_cast<size_t>(y) * words_per_line;
    for (int x = 0; x < width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return Recognize(options, gray.get(), dpi);
}

absl::StatusOr<ConvertedText> ReadImage(std::string_view bytes, const ConvertOptions& options) {
  SilenceLeptonicaOnce();
  const ImageFormat format = SniffImageFormat(bytes);
  if (format == ImageFormat::kUnknown) {
    return CannotDecode("it is not a PNG, JPEG or TIFF image");
  }
  if (!options.ocr.enabled) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the document is an image (", FormatName(format),
        ") and OCR is off; turn OCR on to read scanned documents, or send a text version"));
  }
  absl::StatusOr<int> pages = CheckPageHeaders(bytes, format, options.limits);
  if (!pages.ok()) return pages.status();

  ConvertedText converted;
  converted.format = "image";
  converted.converter = readers::OcrConverter(options.ocr);
  std::vector<std::string> page_texts;
  bool any_text = false;
  for (int index = 0; index < *pages; ++index) {
    absl::StatusOr<PixPtr> pix = DecodeGrayPage(bytes, format, index);
    if (!pix.ok()) return pix.status();
    PIX* gray = pix->get();
    absl::StatusOr<RecognizedPage> page = Recognize(options.ocr, gray, pixGetXRes(gray));
    if (!page.ok()) return page.status();
    any_text = any_text || !page->text.empty();
    page_texts.push_back(std::move(page->text));
    converted.pages.push_back({.ocr = true, .ocr_confidence = page->confidence});
  }
  if (!any_text) return absl::InvalidArgumentError("no text recognized in the image");
  converted.text = absl::StrJoin(page_texts, "\f");
  return converted;
}

std::string OcrEngineName(const OcrOptions& options) {
  return absl::StrCat("tesseract ", tesseract::TessBaseAPI::Version(), " (", options.language, ")");
}

}  // namespace fazhi::formats::readers
