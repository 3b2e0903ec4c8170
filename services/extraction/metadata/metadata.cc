#include "services/extraction/metadata/metadata.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "common/text/code_points.h"
#include "common/text/utf8.h"
#include "services/extraction/jurisdiction/jurisdiction.h"
#include "services/extraction/metadata/metadata_cues.h"
#include "services/extraction/metadata/speech.h"
#include "services/extraction/metadata/word_search.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

namespace cues = metadata_cues;
using cues::Field;
using metadata_search::ContainsAny;

// Lines before the first section heading, at most this many, form the header.
constexpr size_t kMaxHeaderLines = 40;
// A header line longer than this is body text: the header ends there.
constexpr int64_t kMaxHeaderLineLength = 100;
constexpr int64_t kMaxTitleLength = 80;
constexpr int64_t kMinTitleLength = 6;
constexpr int64_t kMaxIssuerLength = 40;
// The signature block is looked for among the last lines.
constexpr size_t kSignatureWindow = 15;
// ParseLeadingDate reads at most this many code points ("2021年12月22日 04时21分" and more).
constexpr size_t kLeadingDateLength = 24;

constexpr std::array<std::string_view, 3> kSpaces = {{" ", "\xC2\xA0", "\xE3\x80\x80"}};

// Whether `s` may begin or end with a space (kSpaces, a tab or a CR): its first and last bytes
// settle nearly every line at once.
bool MayHaveSpaceAtEnds(std::string_view s) {
  if (s.empty()) return false;
  const auto first = static_cast<unsigned char>(s.front());
  const auto last = static_cast<unsigned char>(s.back());
  return first == ' ' || first == '\t' || first == '\r' || first == 0xC2 || first == 0xE3 ||
         last == ' ' || last == '\t' || last == '\r' || last == 0xA0 || last == 0x80;
}

std::string_view Trim(std::string_view s) {
  if (!MayHaveSpaceAtEnds(s)) return s;
  bool trimmed = true;
  while (trimmed && !s.empty()) {
    trimmed = false;
    for (std::string_view space : kSpaces) {
      if (s.starts_with(space)) s.remove_prefix(space.size()), trimmed = true;
      if (s.ends_with(space)) s.remove_suffix(space.size()), trimmed = true;
    }
    if (!s.empty() && (s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1), trimmed = true;
    if (!s.empty() && (s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1), trimmed = true;
  }
  return s;
}

// The length of the space (kSpaces, or a tab) starting `s`, or 0. Asked of every byte of a line:
// only ' ', '\t', 0xC2 and 0xE3 can begin one, so the first byte settles nearly all.
size_t SpaceAt(std::string_view s) {
  const char first = s.front();
  if (first == ' ' || first == '\t') return 1;
  if (first != kSpaces[1].front() && first != kSpaces[2].front()) return 0;
  for (std::string_view space : kSpaces) {
    if (s.starts_with(space)) return space.size();
  }
  return 0;
}

// The line without any spaces: "文      号" -> "文号".
std::string Compact(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t run = 0;  // the start of the bytes not yet copied
  for (size_t i = 0; i < s.size();) {
    const size_t space = SpaceAt(s.substr(i));
    if (space == 0) {
      ++i;
      continue;
    }
    out.append(s, run, i - run);
    i += space;
    run = i;
  }
  out.append(s, run, s.size() - run);
  return out;
}

// Up to the first space: "2017-06-27 11:00" -> "2017-06-27".
std::string_view FirstToken(std::string_view s) {
  size_t end = s.size();
  for (std::string_view space : kSpaces) end = std::min(end, s.find(space));
  return s.substr(0, end);
}

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// The code points of `s`, or limit + 1 without counting where its bytes already say there are more
// (a code point takes at most 4): many lines asked are paragraphs of hundreds.
int64_t CodepointsUpTo(std::string_view s, int64_t limit) {
  if (s.size() > 4 * static_cast<size_t>(limit)) return limit + 1;
  return text::CountCodepoints(s);
}

// The code points of `s`.
std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    text::DecodedCodepoint d = text::DecodeCodepoint(s, i);
    out.push_back(d.codepoint);
    i += std::max(1, d.length);
  }
  return out;
}

// 〇 to 九, each at the index of its value.
constexpr std::u32string_view kChineseDigits = U"〇一二三四五六七八九";

// Whether ParseLeadingDate may read on after the code point `c`: a digit, a Chinese numeral
// (ChineseNumber) or a separator. At any other it stops.
bool ContinuesDate(char32_t c) {
  return IsAsciiDigit(c) || kChineseDigits.find(c) != std::u32string_view::npos || c == U'零' ||
         c == U'十' || c == U'年' || c == U'月' || c == '-' || c == '/' || c == '.';
}

// The first code points of `s` a date may be read from, decoded into `buffer`: as many as it holds,
// or up to the first that ContinuesDate does not (the parse reads none after it). Most lines asked
// are no date, and are decoded one code point, not `N`.
template <size_t N>
std::u32string_view LeadingDateCodePoints(std::string_view s, std::array<char32_t, N>& buffer) {
  size_t count = 0;
  for (size_t i = 0; i < s.size() && count < N;) {
    text::DecodedCodepoint d = text::DecodeCodepoint(s, i);
    buffer[count++] = d.codepoint;
    i += std::max(1, d.length);
    if (!ContinuesDate(d.codepoint)) break;
  }
  return std::u32string_view(buffer.data(), count);
}

// The ASCII letters of `line`, eight bytes at a time: no byte of a longer UTF-8 sequence is one,
// and a word of eight such bytes (most of a Chinese line) holds none.
size_t AsciiLetters(std::string_view line) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  constexpr uint64_t kLow = 0x0101010101010101ull;
  size_t letters = 0;
  size_t i = 0;
  for (; i + 8 <= line.size(); i += 8) {
    uint64_t eight;
    std::memcpy(&eight, line.data() + i, sizeof eight);
    if ((eight & kHigh) == kHigh) continue;
    // Per byte, its low seven bits lowered ('A' -> 'a'): a letter is 'a'..'z' with the top bit
    // clear.
    const uint64_t lower = (eight | (0x20 * kLow)) & ~kHigh;
    const uint64_t from_a = lower + (0x80 - 'a') * kLow;      // top bit: >= 'a'
    const uint64_t past_z = lower + (0x80 - 'z' - 1) * kLow;  // top bit: > 'z'
    letters += static_cast<size_t>(std::popcount(from_a & ~past_z & ~eight & kHigh));
  }
  for (; i < line.size(); ++i) {
    const auto lower = static_cast<unsigned char>(line[i] | 0x20);
    letters += lower >= 'a' && lower <= 'z' ? 1 : 0;
  }
  return letters;
}

// The Han characters of `line`, counted up to `limit` and no further: asked whether a line has
// fewer than its letters, a Chinese line answers within a few characters, not at its end.
size_t HanCharactersUpTo(std::string_view line, size_t limit) {
  size_t cjk = 0;
  for (size_t i = 0; i < line.size() && cjk < limit;) {
    // Lead bytes E5..E9 with two continuation bytes: U+5000..U+9FFF, Han, counted undecoded (most
    // of a Chinese line).
    const auto lead = static_cast<unsigned char>(line[i]);
    if (lead >= 0xE5 && lead <= 0xE9 && i + 2 < line.size() &&
        (static_cast<unsigned char>(line[i + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(line[i + 2]) & 0xC0) == 0x80) {
      ++cjk;
      i += 3;
      continue;
    }
    text::DecodedCodepoint d = text::DecodeCodepoint(line, i);
    cjk += text::IsHan(d.codepoint) ? 1 : 0;
    i += std::max(1, d.length);
  }
  return cjk;
}

// Lines that are page furniture rather than the document: English annotations (more letters than
// Han characters), breadcrumbs, URLs.
bool IsChromeLine(std::string_view line) {
  const size_t letters = AsciiLetters(line);
  return letters > HanCharactersUpTo(line, letters) ||
         ContainsAny(line, {"://", "您的位置", "当前位置", "首页", ">"}) ||
         line.ends_with(cues::kPhotoCredit);
}

bool EndsWithAny(std::string_view s, const auto& suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view x) { return s.ends_with(x); });
}

bool IsSentence(std::string_view line) { return ContainsAny(line, {"。", ",", ",", ";", ";"}); }

// A section heading that ends the header: 一、... or (一)...
bool IsFirstHeading(std::string_view line) {
  return line.starts_with("一、") || line.starts_with("(一)") || line.starts_with("(一)");
}

// The header ends at the first heading or the first line of prose (page furniture aside: asked
// of prose alone, as it reads the whole line).
bool EndsHeader(std::string_view line) {
  if (IsFirstHeading(line)) return true;
  const bool prose = line.find("。") != line.npos ||
                     CodepointsUpTo(line, kMaxHeaderLineLength) > kMaxHeaderLineLength;
  return prose && !IsChromeLine(line);
}

bool LooksLikeIssuer(std::string_view line) {
  const int64_t length = CodepointsUpTo(line, kMaxIssuerLength);
  // A list of bodies (区府办、科技创新局) is a table's cell, not a signature: each signs on a line.
  return length >= 3 && length <= kMaxIssuerLength && !IsSentence(line) &&
         !ContainsAny(line, {":", ":", "、"}) && EndsWithAny(line, cues::kIssuerSuffixes) &&
         !IsChromeLine(line);
}

// Parses an unsigned number of Chinese numerals: 二十八 -> 28, 〇 digits read one by one.
std::optional<int> ChineseNumber(std::u32string_view cps, size_t& i) {
  int value = 0;
  int pending = -1;
  size_t start = i;
  for (; i < cps.size(); ++i) {
    size_t digit = cps[i] == U'零' ? 0 : kChineseDigits.find(cps[i]);
    if (digit != std::u32string_view::npos) {
      pending = pending < 0 ? int(digit) : pending * 10 + int(digit);
    } else if (cps[i] == U'十') {
      value += (pending < 0 ? 1 : pending) * 10;
      pending = 0;
    } else {
      break;
    }
  }
  if (i == start) return std::nullopt;
  return value + std::max(pending, 0);
}

std::optional<int> Number(std::u32string_view cps, size_t& i, size_t max_digits) {
  size_t start = i;
  int value = 0;
  while (i < cps.size() && IsAsciiDigit(cps[i]) && i - start < max_digits)
    value = value * 10 + int(cps[i++] - '0');
  if (i > start) return value;
  return ChineseNumber(cps, i);
}

// YYYY-MM-DD, written digit by digit: snprintf cost more than the rest of parsing a date.
std::string IsoDate(int year, int month, int day) {
  if (year < 1949 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return "";
  const auto digit = [](int value) { return static_cast<char>('0' + value % 10); };
  return std::string{digit(year / 1000),
                     digit(year / 100),
                     digit(year / 10),
                     digit(year),
                     '-',
                     digit(month / 10),
                     digit(month),
                     '-',
                     digit(day / 10),
                     digit(day)};
}

// The 4-digit year starting at cps[i], if any (ASCII digits or 二〇二一).
std::optional<int> Year(std::u32string_view cps, size_t& i) {
  size_t start = i;
  std::optional<int> year = Number(cps, i, 4);
  if (!year.has_value() || i - start != 4) return std::nullopt;
  return year;
}

// kReportYearFollowers as code points, decoded once.
const std::vector<std::u32string>& ReportYearFollowers() {
  static const std::vector<std::u32string> followers = [] {
    std::vector<std::u32string> decoded;
    for (std::string_view follower : cues::kReportYearFollowers)
      decoded.push_back(DecodeUtf8(follower));
    return decoded;
  }();
  return followers;
}

std::string_view FirstField(const std::map<Field, std::vector<std::string>>& fields, Field field) {
  auto it = fields.find(field);
  return it == fields.end() || it->second.empty() ? std::string_view()
                                                  : std::string_view(it->second.front());
}

class MetadataReader final {
 public:
  explicit MetadataReader(std::string_view text) : text_(text) {
    for (size_t start = 0; start <= text.size();) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = Trim(text.substr(start, end - start));
      if (!line.empty()) lines_.push_back(line);
      start = end + 1;
    }
    header_end_ = 0;
    while (header_end_ < lines_.size() && header_end_ < kMaxHeaderLines &&
           !EndsHeader(lines_[header_end_])) {
      ++header_end_;
    }
    ReadHeaderFields();
    ReadSignature();
    speech_ = ReadSpeech(lines_);
  }

  Metadata Read(std::u32string_view code_points, const DivisionIndex* divisions,
                const Prescan* prescan) {
    Metadata metadata;
    metadata.title = Title();
    metadata.report_year = ReportYear(metadata.title);
    metadata.published_on = PublishedOn();
    metadata.delivered_on = speech_.delivered_on;
    metadata.issuers = Issuers(metadata.title);
    metadata.source_url = SourceUrl();
    metadata.doc_number = std::string(FirstField(fields_, Field::kDocNumber));
    metadata.index_number = std::string(FirstField(fields_, Field::kIndexNumber));
    metadata.document_kind = DocumentKind(metadata.title, metadata.issuers);
    if (divisions != nullptr) {
      JurisdictionHints hints{
          .title = metadata.title, .issuers = metadata.issuers, .source_line = ""};
      metadata.jurisdiction = ResolveJurisdiction(code_points, hints, *divisions, prescan);
    }
    QualifySpeaker(metadata);
    return metadata;
  }

 private:
  // Labelled header fields: "来源:X 发布时间:Y" on one line, or a label alone with its value on
  // the next line ("发文机构" / "隆阳区人民政府"); a label followed by another label is empty.
  void ReadHeaderFields() {
    for (size_t i = 0; i < header_end_; ++i) {
      if (ReadInlineLabels(lines_[i])) continue;
      std::string compact = Compact(lines_[i]);
      const cues::HeaderLabel* label = LabelStarting(compact);
      if (label == nullptr) continue;
      std::string_view rest = std::string_view(compact).substr(label->label.size());
      if (rest.starts_with(":")) rest.remove_prefix(1);
      if (rest.starts_with(":")) rest.remove_prefix(std::string_view(":").size());
      if (!rest.empty()) {
        AddField(label->field, rest);
      } else if (i + 1 < header_end_ && LabelStarting(Compact(lines_[i + 1])) == nullptr) {
        AddField(label->field, lines_[i + 1]);
        ++i;
      }
    }
  }

  // "label:value" pairs anywhere in a line; returns whether any was found.
  bool ReadInlineLabels(std::string_view line) {
    // A pair is a label and a colon: a line without one is told so by one search, not one per
    // label.
    if (line.find(':') == line.npos) return false;
    std::vector<std::pair<size_t, size_t>> taken;
    bool found = false;
    for (const cues::HeaderLabel& label : cues::kHeaderLabels) {
      for (size_t pos = line.find(label.label); pos != line.npos;
           pos = line.find(label.label, pos + 1)) {
        size_t end = pos + label.label.size();
        bool overlaps = std::any_of(taken.begin(), taken.end(),
                                    [&](auto r) { return pos < r.second && r.first < end; });
        std::string_view after = line.substr(end);
        size_t colon = after.starts_with(":")   ? 1
                       : after.starts_with(":") ? std::string_view(":").size()
                                                : 0;
        bool at_field_start = pos == 0 || line.substr(0, pos).ends_with(" ") ||
                              line.substr(0, pos).ends_with("\xC2\xA0");
        if (overlaps || colon == 0 || !at_field_start) continue;
        taken.emplace_back(pos, end);
        std::string_view value = FirstToken(Trim(after.substr(colon)));
        // "来源：" alone: its value is on the next line, read as a label line.
        if (value.empty()) continue;
        AddField(label.field, value);
        found = true;
      }
    }
    return found;
  }

  static const cues::HeaderLabel* LabelStarting(std::string_view compact) {
    for (const cues::HeaderLabel& label : cues::kHeaderLabels) {
      if (!compact.starts_with(label.label)) continue;
      std::string_view rest = compact.substr(label.label.size());
      // The label must stand alone or be followed by a colon or a value that is not more words
      // (日期2022-12-19 yes; 日期内完成 no).
      if (rest.empty() || rest.starts_with(":") || rest.starts_with(":") ||
          IsAsciiDigit(static_cast<unsigned char>(rest[0]))) {
        return &label;
      }
    }
    return nullptr;
  }

  void AddField(Field field, std::string_view value) {
    value = Trim(value);
    bool valid = false;
    switch (field) {
      case Field::kIssuer:
      case Field::kSource:
        valid = !value.empty() && text::CountCodepoints(value) <= kMaxIssuerLength &&
                !IsSentence(value);
        break;
      case Field::kDate:
        valid = !ParseLeadingDate(value).empty();
        break;
      case Field::kDocNumber:
        valid =
            value.find("号") != value.npos && std::any_of(value.begin(), value.end(), ::isdigit);
        break;
      case Field::kIndexNumber:
        valid = std::any_of(value.begin(), value.end(), ::isdigit) && value.size() <= 80;
        break;
      case Field::kOther:
        break;
    }
    if (valid) fields_[field].emplace_back(value);
  }

  // The signature block: the last line that is a date alone, and the issuer lines right above it.
  void ReadSignature() {
    size_t first =
        lines_.size() > kSignatureWindow ? lines_.size() - kSignatureWindow : header_end_;
    first = std::max(first, header_end_);
    for (size_t i = lines_.size(); i-- > first;) {
      std::string date = ParseLeadingDate(lines_[i]);
      if (date.empty() || text::CountCodepoints(lines_[i]) > 20) continue;
      signature_date_ = date;
      size_t top = i;
      while (top > first && LooksLikeIssuer(lines_[top - 1])) --top;
      for (size_t j = top; j < i; ++j) signature_issuers_.emplace_back(lines_[j]);
      return;
    }
    // No dated signature: a name alone on the last line.
    if (lines_.size() > header_end_ && LooksLikeIssuer(lines_.back()))
      signature_issuers_.emplace_back(lines_.back());
  }

  bool IsTitleLine(std::string_view line) const {
    const int64_t length = CodepointsUpTo(line, kMaxTitleLength);
    return length >= kMinTitleLength && length <= kMaxTitleLength && !IsSentence(line) &&
           !IsChromeLine(line) && !line.ends_with(":") && !line.ends_with(":") &&
           LabelStarting(Compact(line)) == nullptr && ParseLeadingDate(line).empty() &&
           ContainsAny(line, cues::kTitleWords);
  }

  std::string Title() const {
    for (size_t i = 0; i < header_end_; ++i) {
      if (!IsTitleLine(lines_[i])) continue;
      // "通道侗族自治县人民政府" / "关于2016年度...的报告": the issuer line belongs to the title.
      if (lines_[i].starts_with("关于") && i > 0 && LooksLikeIssuer(lines_[i - 1])) {
        return std::string(lines_[i - 1]) + std::string(lines_[i]);
      }
      return std::string(lines_[i]);
    }
    return "";
  }

  // The year the report reviews: the year in the title, else the year the body speaks of most. A
  // speech's title names the year it is delivered in, not the year it reviews: its part headings
  // and delivery date settle that (speech.h).
  std::optional<int> ReportYear(std::string_view title) const {
    if (speech_.is_speech) {
      if (speech_.reviewed_year) return speech_.reviewed_year;
      return BodyYear();
    }
    if (std::optional<int> year = FirstYear(title); year.has_value()) return year;
    return BodyYear();
  }

  // The year the body speaks of most ("2020年,我县...", "2020年以来"), not counting range ends
  // (2016-2020年) or years inside cited titles.
  std::optional<int> BodyYear() const {
    std::map<int, double> weights;
    std::map<int, size_t> first_seen;
    // A speech's plans name the coming years: only its review and the notes after it count.
    for (size_t l = 0; l < lines_.size(); ++l) {
      if (speech_.is_speech && l >= speech_.review_end_line && l < speech_.appendix_line) continue;
      if (lines_[l].find("年") == std::string_view::npos) continue;  // most lines: no year to read
      const std::u32string cps = CodePoints(lines_[l]);
      int depth = 0;
      for (size_t i = 0; i < cps.size(); ++i) {
        if (cps[i] == U'《') ++depth;
        if (cps[i] == U'》') depth = std::max(0, depth - 1);
        if (depth > 0 || !IsAsciiDigit(cps[i]) ||
            (i > 0 && (IsAsciiDigit(cps[i - 1]) || cps[i - 1] == '-' || cps[i - 1] == U'—' ||
                       cps[i - 1] == '~' || cps[i - 1] == U'至'))) {
          continue;
        }
        size_t j = i;
        std::optional<int> year = Year(cps, j);
        if (!year || *year < 1990 || *year > 2100 || j >= cps.size() || cps[j] != U'年') continue;
        const std::u32string_view after = std::u32string_view(cps).substr(j + 1, 2);
        double weight = 1;
        for (const std::u32string& follower : ReportYearFollowers()) {
          if (after.starts_with(follower)) weight = 2;
        }
        // In a speech's review, a dated event (2021年6月) lies in the reviewed period.
        if (speech_.is_speech && MonthFollows(cps, j + 1)) weight = 2;
        if (i == 0) weight += 2;
        weights[*year] += weight;
        first_seen.emplace(*year, l * 100000 + i);
      }
    }
    std::optional<int> best;
    for (const auto& [year, weight] : weights) {
      if (!best || weight > weights[*best] ||
          (weight == weights[*best] && first_seen.at(year) < first_seen.at(*best))) {
        best = year;
      }
    }
    // A speech whose review names no year more than in passing (a five-year review at a new
    // congress) leaves its year unset rather than guessed.
    if (best && speech_.is_speech && weights[*best] < cues::kMinSpeechYearWeight)
      return std::nullopt;
    return best;
  }

  // "6月" or "12月" starting at cps[i].
  static bool MonthFollows(std::u32string_view cps, size_t i) {
    size_t digits = 0;
    while (i + digits < cps.size() && digits < 3 && IsAsciiDigit(cps[i + digits])) ++digits;
    return digits >= 1 && digits <= 2 && i + digits < cps.size() && cps[i + digits] == U'月';
  }

  static std::optional<int> FirstYear(std::string_view s) {
    const std::u32string cps = CodePoints(s);
    for (size_t i = 0; i < cps.size(); ++i) {
      if (i > 0 && IsAsciiDigit(cps[i - 1])) continue;
      size_t j = i;
      std::optional<int> year = Year(cps, j);
      if (year && *year >= 1990 && *year <= 2100 && j < cps.size() && cps[j] == U'年') return year;
    }
    return std::nullopt;
  }

  // A labelled header date; else a header line that starts with a date ("2021年12月22日 04时21分");
  // else the signature's date; else the day a speech was delivered.
  std::string PublishedOn() const {
    if (std::string_view labelled = FirstField(fields_, Field::kDate); !labelled.empty())
      return ParseLeadingDate(labelled);
    for (size_t i = 0; i < header_end_; ++i) {
      if (std::string date = ParseLeadingDate(lines_[i]);
          !date.empty() && text::CountCodepoints(lines_[i]) <= 30) {
        return date;
      }
    }
    if (!signature_date_.empty()) return signature_date_;
    return speech_.delivered_on;
  }

  std::vector<std::string> Issuers(std::string_view title) const {
    std::vector<std::string> issuers;
    auto add = [&](std::string_view issuer) {
      if (!issuer.empty() && std::find(issuers.begin(), issuers.end(), issuer) == issuers.end())
        issuers.emplace_back(issuer);
    };
    if (auto it = fields_.find(Field::kIssuer); it != fields_.end()) {
      for (const std::string& issuer : it->second) add(issuer);
    }
    add(speech_.speaker);
    for (const std::string& issuer : signature_issuers_) add(issuer);
    // 来源 names whoever posted the page: a body of the government may issue, a newspaper or a
    // site does not.
    if (auto it = fields_.find(Field::kSource); it != fields_.end()) {
      for (const std::string& source : it->second) {
        if (LooksLikeIssuer(source) && !ContainsAny(source, cues::kMediaWords)) add(source);
      }
    }
    if (size_t about = title.find("关于"); issuers.empty() && about != title.npos && about > 0) {
      std::string_view before = title.substr(0, about);
      if (LooksLikeIssuer(before)) add(before);
    }
    return issuers;
  }

  std::string SourceUrl() const {
    size_t pos = std::min(text_.find("http://"), text_.find("https://"));
    if (pos == std::string_view::npos) return "";
    size_t end = pos;
    static constexpr std::string_view kUrlChars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'*+,;=%";
    while (end < text_.size() && kUrlChars.find(text_[end]) != std::string_view::npos) ++end;
    std::string_view url = text_.substr(pos, end - pos);
    while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == ';'))
      url.remove_suffix(1);
    return std::string(url);
  }

  // "我代表省人民政府" becomes the province's government once the jurisdiction is known.
  void QualifySpeaker(Metadata& metadata) const {
    if (speech_.speaker.empty() || !metadata.jurisdiction ||
        metadata.jurisdiction->level == "national")
      return;
    // The place as the report writes it first: 光明新区 (now 光明区) for "新区管委会"; else its
    // official name (盐田区 for "区政府" where the report writes 盐田).
    const Jurisdiction& j = *metadata.jurisdiction;
    std::string qualified = QualifiedSpeaker(speech_.speaker, j.name_as_written);
    if (qualified == speech_.speaker) qualified = QualifiedSpeaker(speech_.speaker, j.name);
    if (qualified == speech_.speaker) return;
    auto it = std::find(metadata.issuers.begin(), metadata.issuers.end(), speech_.speaker);
    if (it != metadata.issuers.end()) *it = std::move(qualified);
  }

  // From the title when it names a kind; else a speech to a congress is a work report; else the
  // kind the text names most often. A rule-of-law report of one department (its title or first
  // issuer a 局, 委 or 办) is a department report.
  std::string DocumentKind(std::string_view title, const std::vector<std::string>& issuers) const {
    std::string kind = KindNamed(title);
    if (kind == cues::kRuleOfLawKind && IsDepartment(title, issuers))
      return std::string(cues::kDepartmentKind);
    return kind;
  }

  static bool IsDepartment(std::string_view title, const std::vector<std::string>& issuers) {
    std::string_view body =
        issuers.empty() ? std::string_view() : std::string_view(issuers.front());
    if (size_t about = title.find("关于"); about != title.npos && about > 0)
      body = title.substr(0, about);
    if (body.empty()) return false;
    if (EndsWithAny(body, cues::kGovernmentSuffixes)) return false;
    return EndsWithAny(body, cues::kDepartmentSuffixes);
  }

  std::string KindNamed(std::string_view title) const {
    for (const cues::DocumentKindCue& cue : cues::kDocumentKinds) {
      if (title.find(cue.cue) != title.npos) return std::string(cue.kind);
    }
    if (speech_.is_speech) return std::string(cues::kWorkReportKind);
    std::map<std::string_view, int> counts;
    for (const cues::DocumentKindCue& cue : cues::kDocumentKinds) {
      if (!cue.in_body) continue;
      // Skipping ahead by up to the cue's length: a plain find stops at nearly every character.
      const std::boyer_moore_horspool_searcher searcher(cue.cue.begin(), cue.cue.end());
      for (auto at = std::search(text_.begin(), text_.end(), searcher); at != text_.end();
           at = std::search(at + static_cast<std::ptrdiff_t>(cue.cue.size()), text_.end(),
                            searcher)) {
        ++counts[cue.kind];
      }
    }
    std::string_view best = cues::kOtherKind;
    int best_count = 0;
    for (const auto& [kind, count] : counts) {
      if (count > best_count) best = kind, best_count = count;
    }
    return std::string(best);
  }

  std::string_view text_;
  std::vector<std::string_view> lines_;  // non-empty, trimmed
  size_t header_end_ = 0;
  std::map<Field, std::vector<std::string>> fields_;
  std::string signature_date_;
  std::vector<std::string> signature_issuers_;
  SpeechFacts speech_;
};

}  // namespace

std::string ParseLeadingDate(std::string_view text) {
  std::array<char32_t, kLeadingDateLength> buffer;
  const std::u32string_view cps = LeadingDateCodePoints(Trim(text), buffer);
  size_t i = 0;
  std::optional<int> year = Year(cps, i);
  if (!year || i >= cps.size()) return "";
  char32_t separator = cps[i];
  bool chinese = separator == U'年';
  if (!chinese && separator != '-' && separator != '/' && separator != '.') return "";
  ++i;
  std::optional<int> month = Number(cps, i, 2);
  if (!month || i >= cps.size() || cps[i] != (chinese ? U'月' : separator)) return "";
  ++i;
  std::optional<int> day = Number(cps, i, 2);
  if (!day) return "";
  if (chinese && (i >= cps.size() || (cps[i] != U'日' && cps[i] != U'号'))) return "";
  if (!chinese && i < cps.size() && IsAsciiDigit(cps[i])) return "";
  return IsoDate(*year, *month, *day);
}

Metadata ExtractMetadata(std::string_view normalized_text, const DivisionIndex* divisions) {
  return ExtractMetadata(normalized_text, DecodeUtf8(normalized_text), divisions);
}

Metadata ExtractMetadata(std::string_view normalized_text, std::u32string_view code_points,
                         const DivisionIndex* divisions, const Prescan* prescan) {
  return MetadataReader(normalized_text).Read(code_points, divisions, prescan);
}

}  // namespace fazhi::extraction
