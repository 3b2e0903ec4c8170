#include <algorithm>
#include <string>
#include <string_view>

#include "common/formats/ocr.h"
#include "common/text/han.h"   // header-only
#include "common/text/utf8.h"  // inline DecodeCodepoint only: fazhi_text links this library

namespace fazhi::formats {
namespace {

// Han characters and the punctuation Chinese text sets without spaces: 、。《》「」 (CJK
// symbols), ，：；（）！？ (full-width forms), “”‘’—… (general punctuation).
bool IsCjk(char32_t c) {
  return text::IsHanIdeograph(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0x2014 && c <= 0x2026);
}

std::string_view TrimAsciiWhitespace(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\r\f\v";
  const size_t begin = text.find_first_not_of(kWhitespace);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kWhitespace) - begin + 1);
}

// One line: a run of spaces goes when a character on either side of it is CJK, else it becomes
// one space. The line is already trimmed.
std::string RemoveSpacesBesideCjk(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  bool previous_is_cjk = false;
  bool spaces_pending = false;
  while (!line.empty()) {
    if (line.front() == ' ') {
      spaces_pending = true;
      line.remove_prefix(1);
      continue;
    }
    const text::DecodedCodepoint decoded = text::DecodeCodepoint(line, 0);
    const size_t length = static_cast<size_t>(decoded.length);
    const bool is_cjk = IsCjk(decoded.codepoint);
    if (spaces_pending && !previous_is_cjk && !is_cjk) out += ' ';
    out.append(line.substr(0, length));
    line.remove_prefix(length);
    previous_is_cjk = is_cjk;
    spaces_pending = false;
  }
  return out;
}

}  // namespace

std::string TidyOcrText(std::string_view tesseract_text) {
  std::string out;
  while (!tesseract_text.empty()) {
    const size_t newline = std::min(tesseract_text.find('\n'), tesseract_text.size());
    std::string line =
        RemoveSpacesBesideCjk(TrimAsciiWhitespace(tesseract_text.substr(0, newline)));
    tesseract_text.remove_prefix(std::min(newline + 1, tesseract_text.size()));
    if (line.empty()) continue;
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace fazhi::formats
