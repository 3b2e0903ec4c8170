#include "common/text/decode.h"

#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <type_traits>

#include "absl/status/status.h"
#include "common/formats/docx_reader.h"
#include "common/formats/legacy_word_reader.h"
#include "common/formats/ocr.h"
#include "common/formats/pdf_reader.h"
#include "common/text/gb18030.h"
#include "common/text/html.h"
#include "common/text/utf8.h"

namespace fazhi::text {
namespace {

// Debian's Abseil has its own string_view, so the std::string_view helpers live here.
bool StartsWith(std::string_view text, std::string_view prefix) { return text.starts_with(prefix); }
bool Contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

template <typename... Parts>
std::string Cat(const Parts&... parts) {
  std::string out;
  const auto append = [&out](const auto& part) {
    if constexpr (std::is_arithmetic_v<std::decay_t<decltype(part)>>) {
      out += std::to_string(part);
    } else {
      out += part;
    }
  };
  (append(parts), ...);
  return out;
}

// ---------------------------------------------------------------- Binary formats.

// The binary formats a reader in common/formats reads.
enum class Reader { kNone, kPdf, kDocx, kLegacyWord, kImage };

struct BinaryMagic {
  std::string_view prefix;
  std::string_view name;
  Reader reader = Reader::kNone;
};

constexpr BinaryMagic kBinaryMagics[] = {
    {"%PDF", "a PDF file", Reader::kPdf},
    {std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8),
     "a legacy Microsoft Office file (.doc/.xls/.ppt)", Reader::kLegacyWord},
    {"{\\rtf", "an RTF document"},
    {"\x89PNG", "a PNG image", Reader::kImage},
    {"\xFF\xD8\xFF", "a JPEG image", Reader::kImage},
    {std::string_view("II*\0", 4), "a TIFF image", Reader::kImage},
    {std::string_view("MM\0*", 4), "a TIFF image", Reader::kImage},
    {"GIF87a", "a GIF image"},
    {"GIF89a", "a GIF image"},
    {"\x1F\x8B", "a gzip archive"},
    {"Rar!", "a RAR archive"},
    {"7z\xBC\xAF", "a 7-Zip archive"},
    {"%!PS", "a PostScript file"},
};

constexpr std::string_view kZipMagic = "PK\x03\x04";

// Eight bytes lowered at once: 0x20 set in each byte that is 'A' to 'Z' (no sum carries into the
// next byte, as each adds to seven bits).
uint64_t LowerEight(uint64_t eight) {
  constexpr uint64_t kLow = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x80 * kLow;
  const uint64_t seven_bits = eight & ~kHigh;
  const uint64_t at_least_a = seven_bits + (0x80 - 'A') * kLow;
  const uint64_t past_z = seven_bits + (0x80 - 'Z' - 1) * kLow;
  const uint64_t upper = at_least_a & ~past_z & ~eight & kHigh;
  return eight | (upper >> 2);
}

// ASCII only, as std::tolower in the "C" locale that fazhi runs in, without a call per byte: the
// charset sniff lowers the first 8 KiB of every document that is not UTF-8, the format sniff 4 KiB
// of every one.
std::string Lower(std::string_view text) {
  std::string lower(text);
  char* const bytes = lower.data();
  size_t i = 0;
  for (; i + 8 <= lower.size(); i += 8) {
    uint64_t eight;
    std::memcpy(&eight, bytes + i, 8);
    eight = LowerEight(eight);
    std::memcpy(bytes + i, &eight, 8);
  }
  for (; i < lower.size(); ++i) {
    if (bytes[i] >= 'A' && bytes[i] <= 'Z') bytes[i] = static_cast<char>(bytes[i] - 'A' + 'a');
  }
  return lower;
}

std::string_view Extension(std::string_view file_name) {
  const size_t dot = file_name.rfind('.');
  const size_t slash = file_name.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return file_name.substr(dot + 1);
}

// Which kind of ZIP: Office and OpenDocument files are ZIPs with telltale entries.
std::string DescribeZip(std::string_view bytes, const DecodeOptions& options) {
  const std::string ext = Lower(Extension(options.file_name));
  const std::string type = Lower(options.content_type);
  const std::string_view head = bytes.substr(0, 1 << 20);
  if (ext == "docx" || Contains(type, "wordprocessingml") || Contains(head, "word/"))
    return "a Word document (.docx)";
  if (ext == "xlsx" || Contains(type, "spreadsheetml") || Contains(head, "xl/"))
    return "an Excel workbook (.xlsx)";
  if (ext == "pptx" || Contains(type, "presentationml") || Contains(head, "ppt/"))
    return "a PowerPoint presentation (.pptx)";
  if (ext == "odt" || Contains(head, "opendocument.text")) return "an OpenDocument text (.odt)";
  return "a ZIP archive";
}

struct BinaryFormat {
  std::string name;
  Reader reader = Reader::kNone;
};

std::optional<BinaryFormat> DetectBinaryFormat(std::string_view bytes,
                                               const DecodeOptions& options) {
  if (StartsWith(bytes, kZipMagic)) {
    std::string name = DescribeZip(bytes, options);
    const bool word = Contains(name, ".docx");
    return BinaryFormat{std::move(name), word ? Reader::kDocx : Reader::kNone};
  }
  for (const BinaryMagic& magic : kBinaryMagics) {
    if (StartsWith(bytes, magic.prefix)) return BinaryFormat{std::string(magic.name), magic.reader};
  }
  // PDF readers accept a header anywhere in the first kilobyte (some servers prepend junk).
  if (Contains(bytes.substr(0, 1024), "%PDF-")) return BinaryFormat{"a PDF file", Reader::kPdf};
  return std::nullopt;
}

struct ReaderEntry {
  Reader reader;
  SourceFormat format;
  absl::StatusOr<formats::ConvertedText> (*read)(std::string_view, const formats::ConvertOptions&);
};

constexpr ReaderEntry kReaders[] = {
    {Reader::kPdf, SourceFormat::kPdf, formats::ReadPdf},
    {Reader::kDocx, SourceFormat::kDocx, formats::ReadDocx},
    {Reader::kLegacyWord, SourceFormat::kDoc, formats::ReadLegacyWord},
    {Reader::kImage, SourceFormat::kImage, formats::ReadImage},
};

absl::StatusOr<DecodedDocument> ReadBinary(std::string_view bytes, Reader reader,
                                           const DecodeOptions& options) {
  for (const ReaderEntry& entry : kReaders) {
    if (entry.reader != reader) continue;
    absl::StatusOr<formats::ConvertedText> converted = entry.read(bytes, options.convert);
    if (!converted.ok()) return converted.status();
    DecodedDocument document;
    document.text = std::move(converted->text);
    document.format = entry.format;
    document.pages = std::move(converted->pages);
    document.converter = std::move(converted->converter);
    return document;
  }
  return absl::InternalError("no reader for the binary format");
}

std::string FormatSize(size_t bytes) {
  const auto format = [](double value, std::string_view unit) {
    char buffer[32];
    if (value == static_cast<double>(static_cast<long long>(value))) {
      std::snprintf(buffer, sizeof(buffer), "%lld", static_cast<long long>(value));
    } else {
      std::snprintf(buffer, sizeof(buffer), "%.1f", value);
    }
    return Cat(buffer, " ", unit);
  };
  if (bytes >= (1u << 20)) return format(bytes / 1048576.0, "MB");
  if (bytes >= (1u << 10)) return format(bytes / 1024.0, "KB");
  return Cat(bytes, " bytes");
}

// ---------------------------------------------------------------- Conversion.

struct Conversion {
  std::string utf8;
  std::optional<size_t> bad_offset;  // set when the bytes are not valid in the charset
};

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};

// Converts strictly: the first illegal or truncated sequence stops the conversion.
std::optional<Conversion> ConvertToUtf8(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(charset, &status));
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  // Not zero-filled: ICU writes what it converts, and only that is read.
  const size_t capacity = bytes.size() + 16;
  const std::unique_ptr<UChar[]> units(new UChar[capacity]);
  UChar* target = units.get();
  UChar* const target_begin = target;
  const char* source = bytes.data();
  ucnv_toUnicode(converter.get(), &target, target + capacity, &source, bytes.data() + bytes.size(),
                 nullptr, /*flush=*/true, &status);
  Conversion conversion;
  if (U_FAILURE(status)) {
    char invalid[32];
    int8_t length = sizeof(invalid);
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter.get(), invalid, &length, &ignored);
    const size_t consumed = static_cast<size_t>(source - bytes.data());
    conversion.bad_offset = consumed - std::min<size_t>(consumed, U_SUCCESS(ignored) ? length : 0);
    return conversion;
  }
  // UTF-16 to UTF-8 into a buffer sized once (at most 3 bytes per UTF-16 unit).
  const int32_t count = static_cast<int32_t>(target - target_begin);
  conversion.utf8.resize(static_cast<size_t>(count) * 3);
  char* write = conversion.utf8.data();
  for (int32_t i = 0; i < count;) {
    // A unit that is neither a surrogate nor below U+0800 is three bytes on its own: most of
    // Chinese text, tested before U16_NEXT's surrogate test.
    if (const char32_t unit = target_begin[i]; unit - 0x800 < 0xD800 - 0x800) {
      write = EncodeUtf8(unit, write);
      ++i;
      continue;
    }
    UChar32 c;
    U16_NEXT(target_begin, i, count, c);
    write = EncodeUtf8(static_cast<char32_t>(c), write);
  }
  conversion.utf8.resize(static_cast<size_t>(write - conversion.utf8.data()));
  return conversion;
}

// The charset named after "charset=" at `pos`, lowercased.
std::string CharsetValueAt(std::string_view text, size_t pos) {
  while (pos < text.size() &&
         (text[pos] == ' ' || text[pos] == '=' || text[pos] == '"' || text[pos] == '\'')) {
    ++pos;
  }
  size_t end = pos;
  while (end < text.size() && end - pos < 40 &&
         (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
          text[end] == '_' || text[end] == ':' || text[end] == '.')) {
    ++end;
  }
  return Lower(text.substr(pos, end - pos));
}

constexpr size_t kCharsetSniffBytes = 8192;

// A charset declared by the content type or an HTML <meta> near the top of the document.
std::string DeclaredCharset(std::string_view bytes, const DecodeOptions& options) {
  for (std::string_view text :
       {std::string_view(options.content_type), bytes.substr(0, kCharsetSniffBytes)}) {
    const std::string lower = Lower(text);
    const size_t at = lower.find("charset");
    if (at != std::string::npos) {
      std::string charset = CharsetValueAt(lower, at + 7);
      if (!charset.empty()) return charset;
    }
  }
  return {};
}

// ICU name for a declared charset; the GB family is decoded as GB18030 (a superset).
std::string CanonicalCharset(std::string_view declared) {
  static constexpr std::string_view kGbFamily[] = {"gbk",   "gb2312",  "gb_2312-80", "x-gbk",
                                                   "cp936", "gb18030", "euc-cn",     "windows-936"};
  if (std::find(std::begin(kGbFamily), std::end(kGbFamily), declared) != std::end(kGbFamily))
    return "GB18030";
  if (declared == "utf-8" || declared == "utf8") return "UTF-8";
  return std::string(declared);
}

absl::Status Undecodable(std::string_view what, size_t offset) {
  return absl::InvalidArgumentError(
      Cat("cannot decode the document: ", what, " at byte offset ", offset,
          "; save it as UTF-8 (or GB18030) text and upload it again"));
}

struct Decoded {
  std::string converted;   // the text converted to UTF-8, or empty where it is
  std::string_view as_is;  // the input's bytes as they are (valid UTF-8)
  std::string encoding;
  std::string_view utf8() const { return as_is.empty() ? std::string_view(converted) : as_is; }
};

absl::StatusOr<Decoded> DecodeUtf16(std::string_view bytes, const char* charset) {
  std::optional<Conversion> conversion = ConvertToUtf8(bytes, charset);
  if (!conversion) return absl::InternalError(Cat("ICU has no ", charset, " converter"));
  if (conversion->bad_offset) {
    return Undecodable(Cat("invalid ", charset, " (after its byte-order mark)"),
                       *conversion->bad_offset + 2);
  }
  return Decoded{std::move(conversion->utf8), {}, charset};
}

absl::StatusOr<Decoded> DecodeBytes(std::string_view bytes, const DecodeOptions& options) {
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    const std::string_view body = bytes.substr(3);
    const size_t bad = FirstInvalidUtf8Offset(body);
    if (bad != body.size())
      return Undecodable("invalid UTF-8 (after a UTF-8 byte-order mark)", bad + 3);
    return Decoded{{}, body, "UTF-8"};
  }
  if (StartsWith(bytes, "\xFF\xFE")) return DecodeUtf16(bytes.substr(2), "UTF-16LE");
  if (StartsWith(bytes, "\xFE\xFF")) return DecodeUtf16(bytes.substr(2), "UTF-16BE");
  if (const size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    return absl::InvalidArgumentError(
        Cat("unsupported format: the document looks binary (NUL byte at offset ", nul,
            "); UTF-16 text needs a byte-order mark, other formats must be converted to text"));
  }
  const size_t utf8_bad = FirstInvalidUtf8Offset(bytes);
  if (utf8_bad == bytes.size()) return Decoded{{}, bytes, "UTF-8"};

  const std::string declared = DeclaredCharset(bytes, options);
  const std::string charset = declared.empty() ? "" : CanonicalCharset(declared);
  if (charset == "UTF-8") return Undecodable("invalid UTF-8 (declared charset utf-8)", utf8_bad);
  if (!charset.empty() && charset != "GB18030") {
    if (std::optional<Conversion> conversion = ConvertToUtf8(bytes, charset.c_str())) {
      if (conversion->bad_offset) {
        return Undecodable(Cat("invalid ", declared, " (the declared charset)"),
                           *conversion->bad_offset);
      }
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(charset.c_str(), &status));
      const char* name = U_SUCCESS(status) ? ucnv_getName(converter.get(), &status) : nullptr;
      return Decoded{std::move(conversion->utf8), {}, name != nullptr ? name : charset};
    }
  }
  if (std::optional<std::string> utf8 = Gb18030TwoByteToUtf8(bytes)) {
    return Decoded{*std::move(utf8), {}, "GB18030"};
  }
  std::optional<Conversion> gb = ConvertToUtf8(bytes, "GB18030");
  if (gb && !gb->bad_offset) return Decoded{std::move(gb->utf8), {}, "GB18030"};
  if (charset == "GB18030" && gb) {
    return Undecodable(Cat("invalid ", declared, " (the declared charset)"), *gb->bad_offset);
  }
  return Undecodable(
      Cat("neither UTF-8 (first invalid byte at offset ", utf8_bad, ") nor GB18030, invalid"),
      gb && gb->bad_offset ? *gb->bad_offset : utf8_bad);
}

// ---------------------------------------------------------------- Format.

constexpr size_t kFormatSniffBytes = 4096;
constexpr int kMinSniffedTags = 5;

bool LooksLikeHtml(std::string_view text) {
  const std::string head = Lower(text.substr(0, kFormatSniffBytes));
  const size_t start = head.find_first_not_of(" \t\r\n");
  if (start != std::string::npos &&
      (head.compare(start, 14, "<!doctype html") == 0 || head.compare(start, 5, "<html") == 0))
    return true;
  if (Contains(head, "<html") || Contains(head, "<body")) return true;
  static constexpr std::string_view kCommonTags[] = {"<p>", "<p ",   "</p>", "<div",   "</div>",
                                                     "<br", "<span", "<td",  "<table", "<font"};
  int tags = 0;
  for (std::string_view tag : kCommonTags) {
    for (size_t at = head.find(tag); at != std::string::npos; at = head.find(tag, at + 1)) ++tags;
  }
  return tags >= kMinSniffedTags;
}

SourceFormat DetectFormat(std::string_view utf8, const DecodeOptions& options) {
  const std::string type = Lower(options.content_type);
  if (Contains(type, "html")) return SourceFormat::kHtml;
  static constexpr std::string_view kHtmlExtensions[] = {"html", "htm", "shtml", "shtm", "xhtml"};
  const std::string ext = Lower(Extension(options.file_name));
  if (std::find(std::begin(kHtmlExtensions), std::end(kHtmlExtensions), ext) !=
      std::end(kHtmlExtensions))
    return SourceFormat::kHtml;
  if (ext == "txt" || StartsWith(type, "text/plain")) return SourceFormat::kPlainText;
  return LooksLikeHtml(utf8) ? SourceFormat::kHtml : SourceFormat::kPlainText;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  });
}

}  // namespace

std::string_view SourceFormatName(SourceFormat format) {
  switch (format) {
    case SourceFormat::kPlainText:
      return "text";
    case SourceFormat::kHtml:
      return "html";
    case SourceFormat::kPdf:
      return "pdf";
    case SourceFormat::kDocx:
      return "docx";
    case SourceFormat::kDoc:
      return "doc";
    case SourceFormat::kImage:
      return "image";
  }
  return "unknown";
}

absl::StatusOr<DecodedView> DecodeDocumentView(std::string_view bytes,
                                               const DecodeOptions& options) {
  if (bytes.empty()) return absl::InvalidArgumentError("document is empty");
  if (bytes.size() > options.max_bytes) {
    return absl::InvalidArgumentError(Cat("document is ", FormatSize(bytes.size()), ", over the ",
                                          FormatSize(options.max_bytes), " limit"));
  }
  if (std::optional<BinaryFormat> binary = DetectBinaryFormat(bytes, options)) {
    if (binary->reader != Reader::kNone) {
      absl::StatusOr<DecodedDocument> document = ReadBinary(bytes, binary->reader, options);
      if (!document.ok()) return document.status();
      if (IsBlank(document->text)) {
        return absl::InvalidArgumentError(
            Cat("the document (", binary->name, ") contains no text"));
      }
      return DecodedView{*std::move(document), {}};
    }
    return absl::InvalidArgumentError(
        Cat("unsupported format: the document is ", binary->name,
            "; convert it to PDF, Word, plain text (.txt, UTF-8) or HTML and upload that"));
  }
  absl::StatusOr<Decoded> decoded = DecodeBytes(bytes, options);
  if (!decoded.ok()) return decoded.status();
  DecodedView view;
  DecodedDocument& document = view.document;
  document.encoding = std::move(decoded->encoding);
  document.format = DetectFormat(decoded->utf8(), options);
  if (document.format == SourceFormat::kHtml) {
    ReducedHtml reduced = ReduceValidHtml(decoded->utf8());  // valid: checked or converted above
    document.text = std::move(reduced.text);
    document.html_title = std::move(reduced.title);
  } else if (decoded->as_is.empty()) {
    document.text = std::move(decoded->converted);
  } else {
    view.in_bytes = decoded->as_is;
  }
  if (IsBlank(view.text())) {
    return absl::InvalidArgumentError(document.format == SourceFormat::kHtml
                                          ? "the HTML page contains no readable text"
                                          : "document contains only white space");
  }
  return view;
}

absl::StatusOr<DecodedDocument> DecodeDocument(std::string_view bytes,
                                               const DecodeOptions& options) {
  absl::StatusOr<DecodedView> view = DecodeDocumentView(bytes, options);
  if (!view.ok()) return view.status();
  if (!view->in_bytes.empty()) view->document.text = std::string(view->in_bytes);
  return std::move(view->document);
}

}  // namespace fazhi::text
