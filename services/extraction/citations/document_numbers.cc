#include "services/extraction/citations/document_numbers.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "common/text/code_points.h"
#include "services/extraction/citations/citation_words.h"
#include "services/extraction/numbers/numbers.h"

namespace fazhi::extraction {
namespace {

using text::CharFilter;
using text::DecodeUtf8;
using text::DigitValue;
using text::EncodeUtf8;
using text::IsDigit;
using text::IsHan;

namespace words = citation_words;

constexpr size_t kMaxSerialDigits = 6;

bool Contains(std::u32string_view set, char32_t c) {
  return set.find(c) != std::u32string_view::npos;
}

// The characters a number is read from (a year bracket's opener, or 令): one filter lookup passes
// over every other position, instead of a search of the openers at each.
constexpr CharFilter StartChars() {
  CharFilter starts;
  for (char32_t c : words::kYearOpeners) starts.Add(c);
  for (char32_t c : words::kDecreeMark) starts.Add(c);
  return starts;
}
constexpr CharFilter kStartChars = StartChars();

// The issuing organ ending right before `end`: Chinese characters, cut after the last stop word.
size_t OrganBegin(std::u32string_view text, size_t end) {
  size_t begin = end;
  while (begin > 0 && end - begin < words::kMaxOrganLength && IsHan(text[begin - 1])) --begin;
  const std::u32string_view run = text.substr(begin, end - begin);
  size_t cut = 0;
  for (std::u32string_view stop : words::kOrganStops) {
    for (size_t at = run.find(stop); at != std::u32string_view::npos; at = run.find(stop, at + 1)) {
      cut = std::max(cut, at + stop.size());
    }
  }
  return begin + cut;
}

// "27号", "第5号", "188-1号", "第三十二号": the serial and 号; returns the end or nullopt.
std::optional<size_t> SerialEnd(std::u32string_view text, size_t pos) {
  if (pos < text.size() && text[pos] == U'第') ++pos;
  size_t end = pos;
  if (end < text.size() && IsDigit(text[end])) {
    while (end < text.size() && IsDigit(text[end]) && end - pos < kMaxSerialDigits) ++end;
    if (end + 1 < text.size() && (text[end] == U'-' || text[end] == U'－') &&
        IsDigit(text[end + 1])) {
      for (++end; end < text.size() && IsDigit(text[end]); ++end) {
      }
    }
  } else {
    while (end < text.size() && IsChineseNumeral(text[end])) ++end;
  }
  if (end == pos || end >= text.size() || text[end] != U'号') return std::nullopt;
  return end + 1;
}

// 隆政办发〔2022〕26号: the bracket at `open` holds a year.
std::optional<size_t> BracketedYearEnd(std::u32string_view text, size_t open) {
  const size_t kind = words::kYearOpeners.find(text[open]);
  if (kind == std::u32string_view::npos || open + 5 >= text.size()) return std::nullopt;
  for (size_t i = open + 1; i < open + 5; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
  }
  const int century = DigitValue(text[open + 1]) * 10 + DigitValue(text[open + 2]);
  if ((century != 19 && century != 20) || text[open + 5] != words::kYearClosers[kind])
    return std::nullopt;
  return SerialEnd(text, open + 6);
}

// 国务院令第711号: `mark` is the position of 令.
std::optional<size_t> DecreeEnd(std::u32string_view text, size_t mark) {
  if (text[mark] != words::kDecreeMark[0]) return std::nullopt;
  return SerialEnd(text, mark + 1);
}

}  // namespace

std::vector<DocumentNumber> RecognizeDocumentNumbers(std::string_view normalized_text) {
  return RecognizeDocumentNumbers(std::u32string_view(DecodeUtf8(normalized_text)));
}

std::vector<DocumentNumber> RecognizeDocumentNumbers(std::u32string_view text,
                                                     const Prescan* prescan) {
  std::vector<DocumentNumber> numbers;
  absl::flat_hash_set<std::string> seen;  // numbers kept: a long document repeats them
  ScanMarked(
      prescan, kDocumentNumberStart, text.size(),
      [&](size_t pos) { return kStartChars.MayContain(text[pos]); },
      [&](size_t pos) {
        std::optional<size_t> end = Contains(words::kYearOpeners, text[pos])
                                        ? BracketedYearEnd(text, pos)
                                        : DecreeEnd(text, pos);
        if (!end) return pos + 1;
        const size_t begin = OrganBegin(text, pos);
        if (begin == pos) return pos + 1;  // a number needs its issuing organ
        std::string utf8 = EncodeUtf8(text.substr(begin, *end - begin));
        if (seen.insert(utf8).second) {
          numbers.push_back(
              {std::move(utf8), {static_cast<int64_t>(begin), static_cast<int64_t>(*end)}});
        }
        return *end;
      });
  return numbers;
}

void MarkDocumentNumberStarts(PrescanTable& table) {
  // Asked of every BMP character at start-up: the filter settles nearly all before the searches.
  table.Mark(kDocumentNumberStart, [](char32_t c) {
    return kStartChars.MayContain(c) &&
           (Contains(words::kYearOpeners, c) || Contains(words::kDecreeMark, c));
  });
}

}  // namespace fazhi::extraction
