#include "common/text/normalize.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <cwchar>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "common/text/chrome_rules.h"
#include "common/text/han.h"
#include "common/text/normalize_internal.h"
#include "common/text/utf8.h"

namespace fazhi::text {
namespace {

using Line = std::u32string;
using LineView = std::u32string_view;

// ---------------------------------------------------------------- Step 1: characters.

struct NamedEntity {
  std::string_view name;
  char32_t codepoint;
};

// The entities that survive in scraped text; others are left as they are.
constexpr NamedEntity kNamedEntities[] = {
    {"nbsp", 0xA0},    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},    {"ensp", 0x2002},  {"emsp", 0x2003},   {"thinsp", 0x2009}, {"middot", 0xB7},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"laquo", 0xAB},    {"raquo", 0xBB},    {"times", 0xD7},
    {"divide", 0xF7},  {"copy", 0xA9},    {"reg", 0xAE},      {"deg", 0xB0},      {"plusmn", 0xB1},
    {"yen", 0xA5},     {"bull", 0x2022},  {"shy", 0xAD},
};

struct Entity {
  char32_t codepoint;
  size_t end;  // offset just past the entity
};

bool IsAsciiAlpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
char32_t AsciiLower(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses an entity whose name starts at `pos` (just after '&'). "&nbsp" is also accepted
// without its ';' because scrapers often drop it.
std::optional<Entity> ParseEntityAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return std::nullopt;
  if (text[pos] == '#') {
    size_t i = pos + 1;
    const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    uint32_t value = 0;
    int digits = 0;
    for (; i < text.size() && digits < 8; ++i, ++digits) {
      const int d = hex ? HexValue(text[i]) : (IsAsciiDigit(text[i]) ? text[i] - '0' : -1);
      if (d < 0) break;
      value = value * (hex ? 16 : 10) + d;
    }
    if (digits == 0 || i >= text.size() || text[i] != ';') return std::nullopt;
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      value = kReplacementCharacter;
    }
    return Entity{value, i + 1};
  }
  size_t i = pos;
  while (i < text.size() && i - pos < 8 && IsAsciiAlpha(text[i])) ++i;
  if (i == pos) return std::nullopt;
  std::string name(text.substr(pos, i - pos));
  for (char& c : name) c = static_cast<char>(AsciiLower(c));
  const bool semicolon = i < text.size() && text[i] == ';';
  for (const NamedEntity& entity : kNamedEntities) {
    if (entity.name != name) continue;
    if (semicolon) return Entity{entity.codepoint, i + 1};
    if (name == "nbsp") return Entity{entity.codepoint, i};
  }
  if (!semicolon && name.starts_with("nbsp")) return Entity{0xA0, pos + 4};  // "&nbspfoo"
  return std::nullopt;
}

// Decodes the entity at `amp` (a '&'). "&amp;nbsp;" is decoded all the way to U+00A0 so that a
// second pass has nothing left to decode.
std::optional<Entity> DecodeEntityChain(std::string_view text, size_t amp) {
  std::optional<Entity> entity = ParseEntityAt(text, amp + 1);
  while (entity && entity->codepoint == '&') {
    std::optional<Entity> next = ParseEntityAt(text, entity->end);
    if (!next) break;
    entity = next;
  }
  return entity;
}

// What folding makes of one code point: itself, another, or nothing (kDropped).
constexpr char32_t kDropped = 0xFFFFFFFF;

// Code points from `first` to `last`.
struct CodePointRange {
  char32_t first;
  char32_t last;
  bool Holds(char32_t c) const { return c - first <= last - first; }
};

// Common Chinese text, which folds to itself and which NFC leaves alone: Han, CJK punctuation
// (、。《》【】〔〕) and curly quotes. All three bytes in UTF-8, and none overlong or a surrogate.
constexpr CodePointRange kHan = {0x4E00, 0x9FFF};
constexpr CodePointRange kCjkPunctuation = {0x3001, 0x301F};
constexpr CodePointRange kCurlyQuotes = {0x2018, 0x201D};

bool IsPlainChinese(char32_t cp) {
  return kHan.Holds(cp) || kCjkPunctuation.Holds(cp) || kCurlyQuotes.Holds(cp);
}

// The ASCII character that a full-width form (U+FF01 to U+FF5E, ",:;()" in Chinese text) at `i`
// folds to, or 0. `i` holds its lead byte, 0xEF, which is never overlong or a surrogate.
char FullWidthAsciiAt(std::string_view text, size_t i) {
  if (i + 3 > text.size()) return 0;
  const unsigned b1 = static_cast<unsigned char>(text[i + 1]);
  const unsigned b2 = static_cast<unsigned char>(text[i + 2]);
  const char32_t cp = 0xF000 | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
  if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || cp < 0xFF01 || cp > 0xFF5E) return 0;
  return static_cast<char>(cp - 0xFEE0);
}

char32_t FoldCodepoint(char32_t cp) {
  switch (cp) {
    case '\n':
    case 0x0B:
    case 0x0C:
    case 0x85:
    case 0x2028:
    case 0x2029:
      return '\n';
    case '\t':
      return ' ';
    default:
      break;
  }
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return kDropped;  // control characters
  if (cp < 0x80 || IsPlainChinese(cp)) return cp;
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;  // full-width ASCII
  if (u_isUWhiteSpace(cp)) return ' ';
  // Zero-width characters, soft hyphens, BOMs, bidi marks, variation selectors, fillers.
  if (u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return kDropped;
  if (u_hasBinaryProperty(cp, UCHAR_NONCHARACTER_CODE_POINT)) return kDropped;
  return cp;
}

// Whether NFC could change a text holding `cp`: a text whose every code point is NFC quick-check
// YES with combining class 0 is already NFC, so only such a code point sends the text to ICU.
// General Punctuation from U+2002 (quotes, dashes, the ellipsis, per mille) is all YES and class 0.
bool MayNeedComposition(char32_t cp) {
  if (cp < 0x300 || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3001 && cp <= 0x3029) ||
      (cp >= 0x2002 && cp <= 0x206F)) {
    return false;
  }
  return u_getCombiningClass(cp) != 0 ||
         u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK) != UNORM_YES;
}

// Whether both code points of DecodeTwoThreeByteSequences are from U+4E00 to U+9FFF, tested in
// both lanes (bits 0-15 and 24-39) at once: adding to a lane below U+10000 carries into the bit
// above it (16 or 40, both clear) exactly when the lane reaches the bound, and never further.
bool BothHan(uint64_t pair) {
  constexpr uint64_t kLanes = (uint64_t{1} << 24) | 1;
  const uint64_t from_first = pair + (0x10000 - 0x4E00) * kLanes;  // carried: >= U+4E00
  const uint64_t past_last = pair + (0x10000 - 0xA000) * kLanes;   // carried: >= U+A000
  return ((from_first & ~past_last) & (0x10000 * kLanes)) == 0x10000 * kLanes;
}

#if defined(__SSE2__)
// The lanes of `code_points` (each below 2^31) in `range`: one compare, biased, as SSE2 compares
// only signed.
inline __m128i LanesIn(__m128i code_points, CodePointRange range) {
  const __m128i biased =
      _mm_add_epi32(code_points, _mm_set1_epi32(static_cast<int>(0x80000000u - range.first)));
  return _mm_cmplt_epi32(
      biased, _mm_set1_epi32(static_cast<int>(0x80000000u + (range.last - range.first + 1))));
}

// How many of the four three-byte sequences in the twelve bytes from `bytes` (sixteen are read)
// are plain Chinese (IsPlainChinese) before the first that is not; their code points are written
// to out[0] on, and something to the rest of out[0..3]. Each sequence is moved into a 32-bit lane,
// lead byte lowest, and all four are checked and decoded at once: half the work per character of
// DecodeTwoThreeByteSequences and BothHan.
inline int DecodeLeadingPlainChinese(const unsigned char* bytes, char32_t* out) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
  const __m128i first_two = _mm_unpacklo_epi32(v, _mm_srli_si128(v, 3));
  const __m128i last_two = _mm_unpacklo_epi32(_mm_srli_si128(v, 6), _mm_srli_si128(v, 9));
  const __m128i lanes = _mm_unpacklo_epi64(first_two, last_two);  // each lane's top byte unused
  // 1110xxxx 10xxxxxx 10xxxxxx, and the code point from its payload bits.
  const __m128i shaped =
      _mm_cmpeq_epi32(_mm_and_si128(lanes, _mm_set1_epi32(0xC0C0F0)), _mm_set1_epi32(0x8080E0));
  const __m128i code_points =
      _mm_or_si128(_mm_or_si128(_mm_slli_epi32(_mm_and_si128(lanes, _mm_set1_epi32(0x0F)), 12),
                                _mm_srli_epi32(_mm_and_si128(lanes, _mm_set1_epi32(0x3F00)), 2)),
                   _mm_and_si128(_mm_srli_epi32(lanes, 16), _mm_set1_epi32(0x3F)));
  const __m128i plain = _mm_or_si128(
      LanesIn(code_points, kHan),
      _mm_or_si128(LanesIn(code_points, kCjkPunctuation), LanesIn(code_points, kCurlyQuotes)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), code_points);
  const auto good = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(shaped, plain)));
  return std::countr_one(good) / 4;  // four mask bits a lane
}
#endif

// Three-byte characters that IsPlainChinese, validated and decoded at once, in runs: most of a
// report. Returns the bytes of the run from `i`, 0 if none starts there.
template <typename Sink>
size_t FoldPlainChineseRun(std::string_view text, size_t i, Sink& sink) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t start = i;
  const auto spelled = [&] {
    sink.Spelled(text.substr(start, i - start));
    return i - start;
  };
#if defined(__SSE2__)
  // Four at a time where SSE2 is there (all of x86-64), while sixteen bytes are left.
  while (i + 16 <= text.size()) {
    char32_t four[4];
    const int plain = DecodeLeadingPlainChinese(bytes + i, four);
    sink.SameFour(four, plain);
    i += 3 * static_cast<size_t>(plain);
    if (plain < 4) return spelled();  // the run ends inside these four
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    // Two at a time from one eight-byte load: both lead bytes 0xEX and their four continuation
    // bytes 10xxxxxx; then both Han (most pairs, tested at once) or else both plain Chinese.
    while (i + 8 <= text.size()) {
      uint64_t w;
      std::memcpy(&w, bytes + i, 8);
      if (!StartsWithTwoThreeByteSequences(w)) break;
      const uint64_t pair = DecodeTwoThreeByteSequences(w);
      const auto first = static_cast<char32_t>(pair & 0xFFFF);
      const auto second = static_cast<char32_t>(pair >> 24);
      if (!BothHan(pair) && !(IsPlainChinese(first) && IsPlainChinese(second))) break;
      sink.Same(first);
      sink.Same(second);
      i += 6;
    }
  }
  while (i + 3 <= text.size()) {
    const unsigned lead = bytes[i];
    const unsigned b1 = bytes[i + 1];
    const unsigned b2 = bytes[i + 2];
    const char32_t cp = ((lead & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
    if ((lead & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 ||
        !IsPlainChinese(cp)) {
      break;
    }
    sink.Same(cp);
    i += 3;
  }
  return spelled();
}

// Step 1 without NFC, into a sink that takes the folded text as code points, as UTF-8 or both:
//   sink.Ascii(c)        printable ASCII (from itself or a full-width form)
//   sink.LineEnd()       '\n' (from itself or another line end)
//   sink.Same(cp)        a code point that folds to itself (sink.SameFour(cps, count): the
//                        first `count` of char32_t[4]), followed (after a run of them) by
//   sink.Spelled(bytes)  the input bytes that spelled the run: its UTF-8
//   sink.Folded(cp)      any other folded code point
// Returns whether NFC may have something to do (MayNeedComposition of some folded code point).
template <typename Sink>
bool FoldEach(std::string_view text, Sink& sink) {
  bool may_need_composition = false;
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // Printable ASCII other than an entity start, and line ends: they fold to themselves.
    if (c >= 0x20 && c < 0x7F && c != '&') {
      sink.Ascii(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c == '\n') {
      sink.LineEnd();
      ++i;
      continue;
    }
    if (c >= 0xE2 && c <= 0xE9) {  // the lead bytes of plain Chinese
      if (const size_t run = FoldPlainChineseRun(text, i, sink); run > 0) {
        i += run;
        continue;
      }
    }
    if (c == 0xEF) {
      if (const char ascii = FullWidthAsciiAt(text, i); ascii != 0) {
        sink.Ascii(ascii);
        i += 3;
        continue;
      }
    }
    char32_t cp = c;
    size_t next = i + 1;
    if (c == '&') {
      if (std::optional<Entity> entity = DecodeEntityChain(text, i)) {
        cp = entity->codepoint;
        next = entity->end;
      }
    } else if (c >= 0x80) {
      const DecodedCodepoint decoded = DecodeCodepoint(text, i);
      if (decoded.codepoint >= 0x4E00 && decoded.codepoint <= 0x9FFF) {  // Han: nothing to do
        sink.Folded(decoded.codepoint);
        i += decoded.length;
        continue;
      }
      cp = decoded.codepoint;
      next = i + decoded.length;
    }
    if (cp == '\r') {
      cp = '\n';
      if (next < text.size() && text[next] == '\n') ++next;
    }
    const char32_t folded = FoldCodepoint(cp);
    if (folded == '\n') {
      sink.LineEnd();
    } else if (folded != kDropped) {
      may_need_composition = may_need_composition || MayNeedComposition(folded);
      sink.Folded(folded);
    }
    i = next;
  }
  return may_need_composition;
}

std::string ComposeNfc(std::string text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc->isNormalizedUTF8(text, status) || U_FAILURE(status)) return text;
  std::string out;
  out.reserve(text.size());
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, text, sink, nullptr, status);
  return U_SUCCESS(status) ? out : text;
}

Line ToLine(std::string_view utf8) {
  Line line;
  line.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const DecodedCodepoint d = DecodeCodepoint(utf8, i);
    line.push_back(d.codepoint);
    i += d.length;
  }
  return line;
}

// Where a '\n' stands in a text's code points and in its UTF-8.
struct LineBreak {
  size_t code_point;
  size_t byte;
};

// The '\n's of `text`, found in it and in `utf8`, its UTF-8.
std::vector<LineBreak> FindLineBreaks(LineView text, std::string_view utf8) {
  std::vector<LineBreak> breaks;
  size_t byte = 0;
  for (size_t at = text.find(U'\n'); at != LineView::npos; at = text.find(U'\n', at + 1)) {
    byte = utf8.find('\n', byte);
    breaks.push_back({at, byte++});
  }
  return breaks;
}

// Step 1 as code points, for the line rules, and as UTF-8: the lines that no rule changes (most
// of a report) are copied from it into the normalized text instead of being encoded again. Where
// its lines end in both is noted as they are written, so that no search splits them.
class FoldedText final {
 public:
  FoldedText(std::string_view utf8, bool shortcuts)
      // A folded code point never takes more than the bytes it came from, and its UTF-8 at most
      // three times as many (an invalid byte becomes U+FFFD); left uninitialized, as every code
      // point and byte used is written.
      : code_points_(std::make_unique_for_overwrite<char32_t[]>(utf8.size())),
        bytes_(std::make_unique_for_overwrite<char[]>(3 * utf8.size())) {
    line_breaks_.reserve(utf8.size() / 64 + 1);  // about a line per 64 bytes in reports
    Writer writer{code_points_.get(), bytes_.get(), code_points_.get(), bytes_.get(),
                  &line_breaks_};
    const bool compose = FoldEach(utf8, writer);
    text_ =
        LineView(code_points_.get(), static_cast<size_t>(writer.code_point - code_points_.get()));
    utf8_ = std::string_view(bytes_.get(), static_cast<size_t>(writer.byte - bytes_.get()));
    if (compose || !shortcuts) {
      composed_utf8_ = ComposeNfc(std::string(utf8_));
      composed_ = ToLine(composed_utf8_);
      text_ = composed_;
      utf8_ = composed_utf8_;
      line_breaks_ = FindLineBreaks(text_, utf8_);
    }
  }
  FoldedText(const FoldedText&) = delete;
  FoldedText& operator=(const FoldedText&) = delete;

  LineView text() const { return text_; }
  std::string_view utf8() const { return utf8_; }                             // text() as UTF-8
  const std::vector<LineBreak>& line_breaks() const { return line_breaks_; }  // in order

 private:
  // FoldEach's sink: both forms side by side.
  struct Writer {
    char32_t* code_point;
    char* byte;
    const char32_t* first_code_point;
    const char* first_byte;
    std::vector<LineBreak>* line_breaks;
    void Ascii(char c) {
      *code_point++ = static_cast<unsigned char>(c);
      *byte++ = c;
    }
    // Inline, so that the writer's pointers stay in registers through FoldEach's loop.
    [[gnu::always_inline]] void LineEnd() {
      line_breaks->push_back({static_cast<size_t>(code_point - first_code_point),
                              static_cast<size_t>(byte - first_byte)});
      Ascii('\n');
    }
    void Same(char32_t cp) { *code_point++ = cp; }
    void SameFour(const char32_t* four, int count) {
      // Room for all four: `count` code points took 3 bytes each, and 16 bytes were left.
      std::memcpy(code_point, four, 4 * sizeof(char32_t));
      code_point += count;
    }
    void Spelled(std::string_view bytes) {
      std::memcpy(byte, bytes.data(), bytes.size());
      byte += bytes.size();
    }
    void Folded(char32_t cp) {
      *code_point++ = cp;
      byte = EncodeUtf8(cp, byte);
    }
  };

  std::unique_ptr<char32_t[]> code_points_;
  std::unique_ptr<char[]> bytes_;
  std::string composed_utf8_;  // when NFC was asked for
  Line composed_;
  LineView text_;
  std::string_view utf8_;
  std::vector<LineBreak> line_breaks_;
};

// ---------------------------------------------------------------- Character classes.

// Every Han ideograph (han.h), and 々 and 〇, as lines join over them.
bool IsCjkIdeograph(char32_t c) { return IsHanIdeograph(c) || c == 0x3005 || c == 0x3007; }

// CJK punctuation, including the curly quotes Chinese text uses.
bool IsCjkPunctuation(char32_t c) {
  return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
         (c >= 0x3014 && c <= 0x301F) || (c >= 0x2018 && c <= 0x201D) || c == 0x2026;
}

bool IsCjk(char32_t c) { return IsCjkIdeograph(c) || IsCjkPunctuation(c); }

// A switch, which compiles to a few compares, not a search of the list: it runs at every line
// start.
bool IsChineseNumeral(char32_t c) {
  switch (c) {
    case U'一':
    case U'二':
    case U'三':
    case U'四':
    case U'五':
    case U'六':
    case U'七':
    case U'八':
    case U'九':
    case U'十':
    case U'百':
    case U'零':
    case U'〇':
    case U'两':
      return true;
    default:
      return false;
  }
}

// Width as laid out in the source: wide characters 2 columns, ASCII letters and digits 1. ASCII
// punctuation counts 2 because in Chinese text it was full-width before folding.
int DisplayWidth(LineView line) {
  int width = 0;
  for (char32_t c : line) {
    if (c < 0x80) {
      width += (IsAsciiAlpha(c) || IsAsciiDigit(c) || c == ' ') ? 1 : 2;
      continue;
    }
    if (c >= 0x3000 && c <= 0x9FFF) {  // CJK punctuation and ideographs
      width += 2;
      continue;
    }
    const int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

bool StartsWith(LineView line, size_t pos, std::u32string_view prefix) {
  return line.size() >= pos + prefix.size() && line.substr(pos, prefix.size()) == prefix;
}

// Where `c` is in `line` from `pos`, or npos. wmemchr compares many code points at a time where
// char_traits<char32_t>::find compares one by one; wchar_t is 32 bits on the platforms we build on.
static_assert(sizeof(wchar_t) == sizeof(char32_t));
size_t FindChar(LineView line, char32_t c, size_t pos = 0) {
  if (pos >= line.size()) return LineView::npos;
  const auto* begin = reinterpret_cast<const wchar_t*>(line.data());
  const wchar_t* found = std::wmemchr(begin + pos, static_cast<wchar_t>(c), line.size() - pos);
  return found == nullptr ? LineView::npos : static_cast<size_t>(found - begin);
}

bool Contains(LineView line, char32_t c) { return FindChar(line, c) != LineView::npos; }

// ---------------------------------------------------------------- Step 2: debris.

constexpr CodePointRange kDotDebrisRanges[] = {{0x2800, 0x28FF},
                                               {0x2500, 0x259F}};  // braille, boxes

bool IsDotDebris(char32_t c) {
  return std::any_of(std::begin(kDotDebrisRanges), std::end(kDotDebrisRanges),
                     [c](CodePointRange range) { return range.Holds(c); });
}

// Symbols that scraping leaves next to dot runs (e.g. a stray Tibetan digit after braille).
bool IsStraySymbol(char32_t c) {
  if (c < 0x80 || IsCjk(c)) return false;
  if (c == kReplacementCharacter) return true;
  switch (u_charType(c)) {
    case U_OTHER_NUMBER:
    case U_OTHER_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_PRIVATE_USE_CHAR:
      return true;
    default:
      return false;
  }
}

constexpr int kMinDotRun = 3;

// Replaces each run of dots/box drawing (with the spaces and stray symbols inside and around
// it) by one space.
Line RemoveDotRuns(LineView line) {
  Line out;
  out.reserve(line.size());
  size_t i = 0;
  while (i < line.size()) {
    const char32_t c = line[i];
    if (!(c == ' ' || IsDotDebris(c) || IsStraySymbol(c))) {
      out.push_back(c);
      ++i;
      continue;
    }
    size_t j = i;
    int dots = 0;
    while (j < line.size() && (line[j] == ' ' || IsDotDebris(line[j]) || IsStraySymbol(line[j]))) {
      dots += IsDotDebris(line[j]) ? 1 : 0;
      ++j;
    }
    if (dots >= kMinDotRun) {
      out.push_back(' ');
    } else {
      out.append(line.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

constexpr std::string_view kHtmlTagNames[] = {
    "a",       "abbr",   "b",      "big",    "blockquote", "body",    "br",          "center",
    "code",    "dd",     "div",    "dl",     "dt",         "em",      "font",        "form",
    "h1",      "h2",     "h3",     "h4",     "h5",         "h6",      "head",        "hr",
    "html",    "i",      "iframe", "img",    "input",      "label",   "li",          "link",
    "meta",    "o:p",    "ol",     "option", "p",          "pre",     "s",           "script",
    "section", "select", "small",  "span",   "strike",     "strong",  "style",       "sub",
    "sup",     "table",  "tbody",  "td",     "textarea",   "th",      "thead",       "title",
    "tr",      "tt",     "u",      "ul",     "nobr",       "article", "st1:chsdate",
};

bool IsTagNameChar(char32_t c) { return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == ':'; }

bool IsKnownTag(LineView name) {
  if (name.empty() || name.size() > 16) return false;
  std::string lower;
  for (char32_t c : name) lower.push_back(static_cast<char>(AsciiLower(c)));
  return std::find(std::begin(kHtmlTagNames), std::end(kHtmlTagNames), lower) !=
         std::end(kHtmlTagNames);
}

constexpr size_t kMaxTagAttributes = 300;

// Length of an HTML tag fragment starting at `i` ("<br>", "<br", "</p>", "<font color=red>",
// "font>", "/span>", "<!-- x -->"), or 0.
size_t TagFragmentLength(LineView line, size_t i) {
  if (StartsWith(line, i, U"<!--")) {
    const size_t end = line.find(U"-->", i + 4);
    return end == LineView::npos ? line.size() - i : end + 3 - i;
  }
  const bool open = line[i] == '<';
  if (!open && (i > 0 && IsTagNameChar(line[i - 1]))) return 0;  // inside a word
  size_t j = open ? i + 1 : i;
  if (j < line.size() && line[j] == '/') ++j;
  const size_t name_start = j;
  while (j < line.size() && IsTagNameChar(line[j])) ++j;
  if (!IsKnownTag(line.substr(name_start, j - name_start))) return 0;
  if (j < line.size() && line[j] == '>') return j + 1 - i;
  if (!open) return 0;
  if (j == line.size()) return j - i;  // cut off: "<br"
  if (line[j] == ' ' || line[j] == '/') {
    for (size_t k = j; k < line.size() && k - j < kMaxTagAttributes && line[k] != '<'; ++k) {
      if (line[k] == '>') return k + 1 - i;
    }
    return j - i;
  }
  return 0;
}

Line RemoveTagFragments(LineView line) {
  Line out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    const char32_t c = line[i];
    const size_t length =
        (c == '<' || c == '/' || IsAsciiAlpha(c)) ? TagFragmentLength(line, i) : 0;
    if (length > 0) {
      out.push_back(' ');
      i += length;
      continue;
    }
    // Skip the rest of a word we decided not to treat as a tag, so "xfont>" stays whole.
    if (IsTagNameChar(c)) {
      while (i < line.size() && IsTagNameChar(line[i])) out.push_back(line[i++]);
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

struct Trimmed {
  LineView words;
  bool inner_space = false;  // a space is left between words
};

// The line without its leading and trailing spaces, if that is all CollapseSpaces would change.
std::optional<Trimmed> TrimmedOnly(LineView line) {
  const size_t first = line.find_first_not_of(U' ');
  if (first == LineView::npos) return Trimmed{};
  const size_t last = line.find_last_not_of(U' ');
  Trimmed trimmed{line.substr(first, last + 1 - first)};
  for (size_t space = FindChar(trimmed.words, ' '); space != LineView::npos;
       space = FindChar(trimmed.words, ' ', space + 1)) {
    if (trimmed.words[space + 1] == ' ') return std::nullopt;  // a run inside: not a view
    trimmed.inner_space = true;
  }
  return trimmed;
}

// Drops leading and trailing spaces and keeps one of each run between words; the words are
// copied whole.
Line CollapseSpaces(LineView line) {
  Line out;
  out.reserve(line.size());
  size_t i = 0;
  while (i < line.size()) {
    const size_t space = std::min(FindChar(line, ' ', i), line.size());
    out.append(line.substr(i, space - i));
    i = space;
    while (i < line.size() && line[i] == ' ') ++i;
    if (!out.empty() && i < line.size()) out.push_back(' ');
  }
  return out;
}

// ---------------------------------------------------------------- Step 2: chrome.

constexpr char32_t kBracketOpens[] = {U'【', '[', U'〖'};
constexpr char32_t kBracketCloses[] = {U'】', ']', U'〗'};

bool IsBracketOpen(char32_t c) {
  return std::find(std::begin(kBracketOpens), std::end(kBracketOpens), c) !=
         std::end(kBracketOpens);
}
bool IsBracketClose(char32_t c) {
  return std::find(std::begin(kBracketCloses), std::end(kBracketCloses), c) !=
         std::end(kBracketCloses);
}

struct ChromeCue {
  Line cue;
  ChromeMatch match;
};

const std::vector<ChromeCue>& ChromeCues() {
  static const std::vector<ChromeCue>* cues = [] {
    auto* list = new std::vector<ChromeCue>;
    for (const ChromeRule& rule : kChromeRules) list->push_back({ToLine(rule.cue), rule.match});
    return list;
  }();
  return *cues;
}

// What the line rules look for, one byte per BMP code point, so that a scan over a line asks one
// question per character.
class CharKinds final {
 public:
  static constexpr uint8_t kSpace = 1;
  static constexpr uint8_t kAngle = 2;          // '<' '>': RemoveTagFragments
  static constexpr uint8_t kBracketOpen = 4;    // RemoveInlineChrome
  static constexpr uint8_t kDotDebris = 8;      // RemoveDotRuns
  static constexpr uint8_t kCounterStart = 16;  // may start a counter cue (outside ASCII)
  static constexpr uint8_t kBoundary = 32;  // a counter cue may follow: ' ', '|', a close bracket
  static constexpr uint8_t kLineStartCue = 64;   // first of a kLineStartsWith cue
  static constexpr uint8_t kContainedCue = 128;  // first of a kLineContains cue
  static constexpr uint8_t kLineCueStart = kLineStartCue | kContainedCue;  // IsChromeLine's

  static const CharKinds& Get() {
    static const CharKinds* const kinds = new CharKinds;
    return *kinds;
  }
  // Beyond the BMP (the last entry): nothing but a possible counter cue, which CounterChromeAt
  // then turns away.
  uint8_t Of(char32_t c) const { return kinds_[std::min(c, kBmp)]; }
  // The kinds of the four code points from `at`, together: one test that all are in the BMP (as
  // nearly all are) instead of a clamp for each.
  uint8_t OfFour(const char32_t* at) const {
    if ((at[0] | at[1] | at[2] | at[3]) < kBmp) {
      return kinds_[at[0]] | kinds_[at[1]] | kinds_[at[2]] | kinds_[at[3]];
    }
    return Of(at[0]) | Of(at[1]) | Of(at[2]) | Of(at[3]);
  }

 private:
  static constexpr char32_t kBmp = 0x10000;

  CharKinds() : kinds_(std::make_unique<uint8_t[]>(kBmp + 1)) {
    kinds_[kBmp] = kCounterStart;
    kinds_[' '] = kSpace | kBoundary;
    kinds_['|'] = kBoundary;
    kinds_['<'] = kinds_['>'] = kAngle;
    for (char32_t c : kBracketOpens) kinds_[c] |= kBracketOpen;
    for (char32_t c : kBracketCloses) kinds_[c] |= kBoundary;
    for (CodePointRange range : kDotDebrisRanges) {
      for (char32_t c = range.first; c <= range.last; ++c) kinds_[c] |= kDotDebris;
    }
    for (const ChromeCue& cue : ChromeCues()) {
      if (cue.cue.empty() || cue.cue[0] >= kBmp) continue;
      const char32_t first = cue.cue[0];
      if (cue.match == ChromeMatch::kCounter && first >= 0x80 && !IsDotDebris(first)) {
        kinds_[first] |= kCounterStart;
      }
      if (cue.match == ChromeMatch::kLineStartsWith) kinds_[first] |= kLineStartCue;
      if (cue.match == ChromeMatch::kLineContains) kinds_[first] |= kContainedCue;
    }
  }
  std::unique_ptr<uint8_t[]> kinds_;  // zeroed
};

bool IsSentenceEnd(char32_t c) {
  static constexpr std::u32string_view kEnds = U"。!?;:…”’」』)】》.!?;:)";
  return kEnds.find(c) != std::u32string_view::npos;
}

bool HasPunctuation(LineView line) {
  for (char32_t c : line) {
    if (IsCjkPunctuation(c) || c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?')
      return true;
  }
  return false;
}

// "【字体:大 中 小】", "[打印本页]", or "【字体:" cut off at the line end: length, or 0.
size_t BracketedChromeLength(LineView line, size_t i) {
  if (!IsBracketOpen(line[i])) return 0;
  size_t j = i + 1;
  while (j < line.size() && line[j] == ' ') ++j;
  for (const ChromeCue& cue : ChromeCues()) {
    if (cue.match != ChromeMatch::kBracketed || !StartsWith(line, j, cue.cue)) continue;
    for (size_t k = j; k < line.size(); ++k) {
      if (IsBracketClose(line[k])) return k + 1 - i;
      if (IsBracketOpen(line[k])) return k - i;
    }
    return line.size() - i;
  }
  return 0;
}

struct CounterMatch {
  size_t length = 0;
  bool bare = false;  // the cue with no number: the number is on the next line
};

// "访问量:60", "浏览次数:759 次", "浏览量" at a field boundary.
CounterMatch CounterChromeAt(LineView line, size_t i) {
  if (i > 0 && !(line[i - 1] == ' ' || IsBracketClose(line[i - 1]) || line[i - 1] == '|')) {
    return {};
  }
  for (const ChromeCue& cue : ChromeCues()) {
    if (cue.match != ChromeMatch::kCounter || !StartsWith(line, i, cue.cue)) continue;
    size_t j = i + cue.cue.size();
    const auto skip_spaces = [&] {
      while (j < line.size() && line[j] == ' ') ++j;
    };
    skip_spaces();
    const bool colon = j < line.size() && line[j] == ':';
    if (colon) ++j;
    skip_spaces();
    const size_t digits_start = j;
    while (j < line.size() && IsAsciiDigit(line[j])) ++j;
    const bool digits = j > digits_start;
    if (!colon && !digits && j < line.size()) return {};  // prose: "访问量达到..."
    const size_t before_unit = j;
    skip_spaces();
    if (StartsWith(line, j, U"人次")) {
      j += 2;
    } else if (StartsWith(line, j, U"次")) {
      j += 1;
    } else {
      j = before_unit;
    }
    return {j - i, !digits};
  }
  return {};
}

struct InlineChromeResult {
  Line line;
  bool bare_counter = false;
};

InlineChromeResult RemoveInlineChrome(LineView line) {
  InlineChromeResult result;
  result.line.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    if (const size_t n = BracketedChromeLength(line, i); n > 0) {
      result.line.push_back(' ');
      i += n;
      continue;
    }
    if (const CounterMatch counter = CounterChromeAt(line, i); counter.length > 0) {
      result.bare_counter = result.bare_counter || counter.bare;
      result.line.push_back(' ');
      i += counter.length;
      continue;
    }
    result.line.push_back(line[i++]);
  }
  result.line = CollapseSpaces(result.line);
  return result;
}

bool IsDash(char32_t c) { return c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2212; }

// "- 3 -", "—3—", "第 3 页", "共 5 页", "第3页/共5页".
bool IsPageNumber(LineView line) {
  // Every form starts with a dash, 第 or 共: most lines are turned away before the copy below.
  const size_t first = line.find_first_not_of(U' ');
  if (first == LineView::npos ||
      !(IsDash(line[first]) || line[first] == U'第' || line[first] == U'共')) {
    return false;
  }
  Line s;
  for (char32_t c : line) {
    if (c != ' ') s.push_back(c);
  }
  if (s.size() >= 3 && IsDash(s.front()) && IsDash(s.back())) {
    const LineView middle = LineView(s).substr(1, s.size() - 2);
    return std::all_of(middle.begin(), middle.end(), IsAsciiDigit);
  }
  size_t i = 0;
  int pieces = 0;
  while (i < s.size()) {
    if (pieces > 0 && (s[i] == '/' || s[i] == ',' || s[i] == '|')) ++i;
    if (i >= s.size() || (s[i] != U'第' && s[i] != U'共')) return false;
    size_t j = i + 1;
    while (j < s.size() && IsAsciiDigit(s[j])) ++j;
    if (j == i + 1 || j >= s.size() || s[j] != U'页') return false;
    i = j + 1;
    ++pieces;
  }
  return pieces > 0;
}

// The cues of one ChromeMatch.
std::vector<Line> CuesMatching(ChromeMatch match) {
  std::vector<Line> cues;
  for (const ChromeCue& cue : ChromeCues()) {
    if (cue.match == match) cues.push_back(cue.cue);
  }
  return cues;
}

// Whether one of `cues` starts at line[i]; their first characters are compared first.
bool AnyStartsAt(LineView line, size_t i, const std::vector<Line>& cues) {
  return std::any_of(cues.begin(), cues.end(), [&](const Line& cue) {
    return cue.empty() || (i < line.size() && cue.front() == line[i] && StartsWith(line, i, cue));
  });
}

bool IsBreadcrumb(LineView line) {
  if (static_cast<int>(line.size()) > kMaxChromeLineCodepoints) return false;
  static const std::vector<Line>* const starts = [] {
    auto* list = new std::vector<Line>;
    for (std::string_view start : kBreadcrumbStarts) list->push_back(ToLine(start));
    return list;
  }();
  if (!AnyStartsAt(line, 0, *starts)) return false;
  return std::any_of(line.begin(), line.end(), [](char32_t c) {
    return c == '>' || c == 0xBB || c == 0x2192 || c == 0x203A;  // > » → ›
  });
}

// Whether a kLineStartsWith cue starts the line or a kLineContains cue is in it: the cues are
// only compared where a character that begins one stands.
bool HasLineCue(LineView line) {
  static const std::vector<Line>* const starts =
      new std::vector<Line>(CuesMatching(ChromeMatch::kLineStartsWith));
  static const std::vector<Line>* const contained =
      new std::vector<Line>(CuesMatching(ChromeMatch::kLineContains));
  const CharKinds& kinds = CharKinds::Get();
  const bool short_line = static_cast<int>(line.size()) <= kMaxChromeLineCodepoints;
  for (size_t i = 0; i < line.size(); ++i) {
    // Four characters that begin no cue passed over at once.
    if (i + 4 <= line.size() && (kinds.OfFour(line.data() + i) & CharKinds::kLineCueStart) == 0) {
      i += 3;
      continue;
    }
    const uint8_t kind = kinds.Of(line[i]);
    if ((kind & CharKinds::kLineCueStart) == 0) continue;
    if ((i == 0 && short_line && (kind & CharKinds::kLineStartCue) != 0 &&
         AnyStartsAt(line, 0, *starts)) ||
        ((kind & CharKinds::kContainedCue) != 0 && AnyStartsAt(line, i, *contained))) {
      return true;
    }
  }
  return false;
}

bool IsChromeLine(LineView line) {
  if (static_cast<int>(line.size()) > 3 * kMaxChromeLineCodepoints) return false;  // prose
  if (IsPageNumber(line) || IsBreadcrumb(line)) return true;
  return !Contains(line, U'。') && HasLineCue(line);
}

// A line of a link list ("各省区市政府网站"); dropped only in runs of two or more.
bool IsLinkLine(LineView line) {
  static const std::vector<Line>* const ends =
      new std::vector<Line>(CuesMatching(ChromeMatch::kShortLineEndsWith));
  if (static_cast<int>(line.size()) > kMaxLinkLineCodepoints || HasPunctuation(line)) return false;
  for (const Line& end : *ends) {
    if (line.size() >= end.size() && line.substr(line.size() - end.size()) == end) return true;
  }
  return false;
}

bool IsNumberOnly(LineView line) {
  size_t i = 0;
  while (i < line.size() && IsAsciiDigit(line[i])) ++i;
  if (i == 0) return false;
  const Line rest = CollapseSpaces(line.substr(i));  // a Line: a view would dangle
  return rest.empty() || rest == U"次" || rest == U"人次";
}

// ---------------------------------------------------------------- Step 2: stray CJK spaces.

bool IsProse(LineView line) {
  for (char32_t c : line) {
    if (c == U'。' || c == U'、' || c == ',' || c == ';' || c == '!' || c == '?') return true;
  }
  return false;
}

constexpr size_t kMaxLabelCodepoints = 8;

// "发布时间:" / "来源:" — a field label, before which a space separates fields.
bool StartsLabel(LineView line, size_t i) {
  size_t j = i;
  while (j < line.size() && j - i <= kMaxLabelCodepoints && IsCjkIdeograph(line[j])) ++j;
  return j > i && j - i <= kMaxLabelCodepoints && j < line.size() && line[j] == ':';
}

// Whether JoinCjkSpaces keeps the space at line[i], `out` being what it kept before it.
bool KeepsSpace(LineView line, size_t i, const Line& out, bool prose) {
  if (out.empty() || i + 1 >= line.size() || !IsCjk(out.back()) || !IsCjk(line[i + 1]) ||
      StartsLabel(line, i + 1)) {
    return true;
  }
  const bool single_left =
      IsCjkIdeograph(out.back()) && (out.size() == 1 || out[out.size() - 2] == ' ');
  const bool single_right =
      IsCjkIdeograph(line[i + 1]) && (i + 2 == line.size() || line[i + 2] == ' ');
  return !(prose || single_left || single_right);
}

// The words between spaces are copied whole; each space is kept or dropped by what is around it.
// If `out_utf8` is given, it receives the result as UTF-8, cut from `utf8` (the line's UTF-8, where
// each space is one byte) instead of encoded again.
Line JoinCjkSpaces(LineView line, std::string_view utf8 = {}, std::string* out_utf8 = nullptr) {
  const bool prose = IsProse(line);
  Line out;
  out.reserve(line.size());
  if (out_utf8 != nullptr) out_utf8->reserve(utf8.size());
  size_t byte = 0;  // where line[i] starts in utf8
  for (size_t i = 0; i < line.size(); ++i) {
    const size_t space = std::min(FindChar(line, ' ', i), line.size());
    out.append(line.substr(i, space - i));
    i = space;
    const size_t space_byte = out_utf8 == nullptr ? 0 : std::min(utf8.find(' ', byte), utf8.size());
    if (out_utf8 != nullptr) out_utf8->append(utf8.substr(byte, space_byte - byte));
    byte = space_byte + 1;
    if (i == line.size()) break;
    if (KeepsSpace(line, i, out, prose)) {
      out.push_back(' ');
      if (out_utf8 != nullptr) out_utf8->push_back(' ');
    }
  }
  return out;
}

// ---------------------------------------------------------------- Step 3: hard wraps.

// The texts of lines that are not a view of the folded text: lines a rule changed and lines
// joined from wrapped ones, and the UTF-8 of joined lines whose pieces all had theirs. Deques, so
// that adding one leaves the others where they are.
struct LineStore {
  std::deque<Line> texts;
  std::deque<std::string> utf8;
};

struct TextLine {
  LineView text;          // into the folded text or a LineStore
  std::string_view utf8;  // the text as UTF-8 when that is at hand (a view of the folded text, or
                          // joined from such views), else empty: JoinLines encodes it
  int indent = 0;         // leading spaces: a paragraph start in wrapped text
};

bool IsBlank(const TextLine& line) { return line.text.empty(); }

// "一、" "(二)" "3." "4、" "(5)" "第三章" "①" at the line start.
bool StartsWithListMarker(LineView line) {
  if (line.empty()) return false;
  const char32_t first = line[0];
  if ((first >= 0x2460 && first <= 0x249B) || (first >= 0x3220 && first <= 0x3229)) return true;
  if (first == '(') {
    size_t j = 1;
    while (j < line.size() && j <= 4 && (IsChineseNumeral(line[j]) || IsAsciiDigit(line[j]))) ++j;
    return j > 1 && j < line.size() && line[j] == ')';
  }
  if (first == U'第') {
    size_t j = 1;
    while (j < line.size() && j <= 4 && (IsChineseNumeral(line[j]) || IsAsciiDigit(line[j]))) ++j;
    static constexpr std::u32string_view kUnits = U"章节条部篇";
    return j > 1 && j < line.size() && kUnits.find(line[j]) != std::u32string_view::npos;
  }
  size_t j = 0;
  if (IsChineseNumeral(first)) {
    while (j < line.size() && j < 4 && IsChineseNumeral(line[j])) ++j;
    return j < line.size() && (line[j] == U'、' || line[j] == '.');
  }
  while (j < line.size() && j < 3 && IsAsciiDigit(line[j])) ++j;
  if (j == 0 || j >= line.size()) return false;
  if (line[j] == U'、' || line[j] == ')') return true;
  return line[j] == '.' && (j + 1 >= line.size() || !IsAsciiDigit(line[j + 1]));
}

bool IsHeading(LineView line) { return StartsWithListMarker(line) && !Contains(line, U'。'); }

// Line i could continue into line i+1 if the document turns out to be hard-wrapped.
bool IsWrapCandidate(const std::vector<TextLine>& lines, size_t i) {
  if (i + 1 >= lines.size() || IsBlank(lines[i]) || IsBlank(lines[i + 1])) return false;
  const LineView line = lines[i].text;
  const LineView next = lines[i + 1].text;
  return !IsSentenceEnd(line.back()) && !IsHeading(line) && !StartsWithListMarker(next) &&
         !StartsLabel(next, 0);
}

constexpr int kMinWrapWidth = 20;  // display columns (10 Chinese characters)
constexpr int kMaxWrapWidth = 400;
// A wrapped line may end this much short of the wrap width (a wide character that did not fit,
// mixed half-width digits): at least 4 columns, and up to 1/8 of the width.
int WrapSlack(int width) { return std::max(4, width / 8); }
constexpr int kMinWrappedLines = 3;

// The wrap width the document shows, or 0: many candidate lines of about the same width.
// `support` receives how many lines share that width.
// `candidate[i]`: IsWrapCandidate(lines, i), worked out once for the whole document.
int DetectWrapWidth(const std::vector<TextLine>& lines, const std::vector<char>& candidate,
                    const std::vector<int>& widths, int* support) {
  std::array<int, kMaxWrapWidth + 1> histogram{};
  int non_blank = 0;
  int candidates = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!IsBlank(lines[i])) ++non_blank;
    if (candidate[i] && widths[i] <= kMaxWrapWidth) ++histogram[widths[i]], ++candidates;
  }
  // No width can gather more lines than there are candidates (prose that ends its lines).
  if (candidates < kMinWrappedLines || candidates * 3 < non_blank) {
    *support = 0;
    return 0;
  }
  // at_most[w]: candidate lines of width w or less, so a window of widths is one subtraction.
  std::array<int, kMaxWrapWidth + 1> at_most{};
  for (int w = 0, sum = 0; w <= kMaxWrapWidth; ++w) at_most[w] = sum += histogram[w];
  int best_width = 0;
  int best_count = 0;
  for (int width = kMinWrapWidth; width <= kMaxWrapWidth; ++width) {
    const int below = width - WrapSlack(width) - 1;  // >= 0: the slack is at most 1/8 of the width
    const int count = at_most[width] - at_most[below];
    if (count >= best_count) best_width = width, best_count = count;
  }
  const bool wrapped = best_count >= kMinWrappedLines && best_count * 3 >= non_blank;
  *support = wrapped ? best_count : 0;
  return wrapped ? best_width : 0;
}

std::vector<TextLine> JoinWrappedLines(std::vector<TextLine> lines, LineStore& store) {
  // A wrap width is counted in display columns (a console or typewriter width) or in characters
  // (an editor's wrap column, where half-width digits make lines look short): the measure under
  // which more lines share one width is the document's.
  std::vector<char> candidate(lines.size());  // a byte a line: no bit masking per read
  std::vector<int> widths(lines.size());
  std::vector<int> characters(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    candidate[i] = IsWrapCandidate(lines, i);
    // Only a wrap candidate's width is ever looked at (here and below).
    widths[i] = candidate[i] ? DisplayWidth(lines[i].text) : 0;
    characters[i] = static_cast<int>(lines[i].text.size());
  }
  int column_support = 0;
  int character_support = 0;
  int wrap_width = DetectWrapWidth(lines, candidate, widths, &column_support);
  const int character_width = DetectWrapWidth(lines, candidate, characters, &character_support);
  if (character_support > column_support) {
    wrap_width = character_width;
    widths = std::move(characters);
  }
  if (wrap_width == 0) return lines;
  std::vector<TextLine> out;
  out.reserve(lines.size());
  bool joining = false;
  Line* joined = nullptr;  // out.back()'s text in the store, once a line was joined onto it
  std::string* joined_utf8 = nullptr;  // ... and its UTF-8 while every piece had its UTF-8
  for (size_t i = 0; i < lines.size(); ++i) {
    // An indented first line is shorter by its indentation (2 columns per folded space at most).
    const int min_width = wrap_width - WrapSlack(wrap_width) - 2 * lines[i].indent;
    const bool wraps = candidate[i] && widths[i] <= wrap_width && widths[i] >= min_width;
    const bool next_indented = wraps && lines[i + 1].indent > 0;
    if (joining) {
      if (joined == nullptr) {
        joined = &store.texts.emplace_back(out.back().text);
        joined_utf8 = out.back().utf8.empty() ? nullptr : &store.utf8.emplace_back(out.back().utf8);
      }
      const bool space = IsAsciiAlpha(joined->back()) && IsAsciiAlpha(lines[i].text.front());
      if (space) joined->push_back(' ');
      *joined += lines[i].text;
      if (joined_utf8 != nullptr && !lines[i].utf8.empty()) {
        if (space) joined_utf8->push_back(' ');
        *joined_utf8 += lines[i].utf8;
      } else {
        joined_utf8 = nullptr;  // JoinLines encodes the joined text instead
      }
      out.back().text = *joined;
      out.back().utf8 = joined_utf8 == nullptr ? std::string_view() : *joined_utf8;
    } else {
      out.push_back(lines[i]);
      joined = nullptr;
    }
    joining = wraps && !next_indented;
    // A paragraph start after a full-width line: keep the break visible as a blank line so the
    // next pass (which no longer sees the indentation) does not join it.
    if (next_indented) {
      out.push_back(TextLine{});
      joined = nullptr;
    }
  }
  return out;
}

// ---------------------------------------------------------------- The pipeline.

// What a line holds that a line rule acts on. A rule whose trigger is absent would return the
// line unchanged, so it is skipped: most lines of prose trigger nothing and are never copied.
struct LineTriggers {
  bool dot_debris = false;     // RemoveDotRuns
  bool angle = false;          // '<' or '>': RemoveTagFragments
  bool loose_space = false;    // a leading, trailing or doubled space: CollapseSpaces
  bool inline_chrome = false;  // a bracket or a counter cue's first character: RemoveInlineChrome
  bool space = false;          // JoinCjkSpaces
};

LineTriggers FindTriggers(LineView line) {
  const CharKinds& kinds = CharKinds::Get();
  uint8_t seen = 0;  // every kind met
  bool loose_space = false;
  bool counter = false;  // a counter cue's first character where CounterChromeAt looks for one
  uint8_t previous = kinds.Of(' ');  // so that a leading space counts as loose
  const size_t size = line.size();
  for (size_t i = 0; i < size;) {
    // Four characters of plain prose (most of a report) passed over at once. (Han alone, tested
    // four at a time before this, cost more than it saved: prose breaks its runs every few
    // characters with a comma, a 、 or a digit.)
    if (i + 4 <= size && (kinds.OfFour(line.data() + i) & ~CharKinds::kLineCueStart) == 0) {
      previous = 0;
      i += 4;
      continue;
    }
    const uint8_t kind = kinds.Of(line[i++]) & ~CharKinds::kLineCueStart;  // not a trigger
    seen |= kind;
    loose_space = loose_space || (kind & previous & CharKinds::kSpace) != 0;
    counter = counter ||
              ((kind & CharKinds::kCounterStart) != 0 && (previous & CharKinds::kBoundary) != 0);
    previous = kind;
  }
  LineTriggers found;
  found.dot_debris = (seen & CharKinds::kDotDebris) != 0;
  found.angle = (seen & CharKinds::kAngle) != 0;
  found.loose_space = loose_space || (!line.empty() && line.back() == ' ');
  found.inline_chrome = (seen & CharKinds::kBracketOpen) != 0 || counter;
  found.space = (seen & CharKinds::kSpace) != 0;
  return found;
}

struct CleanedLine {
  LineView text;              // the line itself, or a LineCleaner's buffer until its next call
  std::string_view utf8;      // the text as UTF-8 when that is at hand (as text), else empty
  bool chrome = false;        // the line is site chrome: drop it
  bool bare_counter = false;  // ... and it was a counter label whose value is on the next line
  bool settled = false;       // the text triggers no rule: another round would change nothing
  bool in_place = false;      // no rule changed the text but trimming: it is a view of the raw line
};

// Equal texts. memcmp: char_traits<char32_t>::compare goes one code point at a time.
bool SameText(LineView a, LineView b) {
  return a.size() == b.size() &&
         (a.empty() || a.data() == b.data() ||
          std::memcmp(a.data(), b.data(), a.size() * sizeof(char32_t)) == 0);
}

// Step 2 for one line at a time; its buffers are reused from line to line.
class LineCleaner final {
 public:
  // Without shortcuts every rule runs on every line (the reference the triggers must agree with).
  explicit LineCleaner(bool shortcuts) : shortcuts_(shortcuts) {}

  // The line rules, repeated until nothing changes: removing one piece can expose another
  // ("访问量:60font>"), and a second NormalizeText must find nothing left to do.
  // `utf8`: `raw` as UTF-8.
  CleanedLine Clean(LineView raw, std::string_view utf8) {
    CleanedLine line = CleanOnce(raw, utf8, rounds_[0], /*may_trim_in_place=*/true);
    // Nothing changed but trimming, or what came out triggers nothing: another round would change
    // nothing (the rules that found nothing in the line find nothing in it without its end spaces,
    // and the rest already ran on it trimmed).
    if (line.settled || line.in_place || SameText(line.text, raw)) return line;
    int next = 1;  // the buffer that line.text is not in
    for (int round = 1; round < kMaxCleanRounds && !line.chrome && !line.text.empty(); ++round) {
      const CleanedLine again =
          CleanOnce(line.text, line.utf8, rounds_[next], /*may_trim_in_place=*/false);
      if (!again.chrome && SameText(again.text, line.text)) break;
      line = again;
      next = 1 - next;
    }
    return line;
  }

 private:
  static constexpr int kMaxCleanRounds = 4;

  // A round's changed line, and its UTF-8 when the rules made that.
  struct Round {
    Line text;
    std::string utf8;
  };

  // One round of the line rules; a changed line is left in `storage`, or, if `may_trim_in_place`
  // and only spaces at its ends went, is the rest of `raw` (which must then outlive the line: the
  // first round's raw line is the folded text's).
  // `raw_utf8`: `raw` as UTF-8, or empty if not at hand. Without shortcuts it is not used: every
  // line is encoded from its code points, so that the reference does not rely on it.
  CleanedLine CleanOnce(LineView raw, std::string_view raw_utf8, Round& storage,
                        bool may_trim_in_place) const {
    CleanedLine out;
    LineView text = raw;
    std::string_view utf8 = shortcuts_ ? raw_utf8 : std::string_view();  // text's, if at hand
    LineTriggers triggers = Triggers(raw);
    Line changed;
    std::string changed_utf8;
    bool owned = false;  // text is `changed`
    // A rule's output, unless it changed nothing: then the line stays a view (with its UTF-8) and
    // keeps its triggers. Returns whether the text changed. `line_utf8`: the output as UTF-8, if
    // the rule made it.
    const auto take = [&](Line line, std::string* line_utf8 = nullptr) {
      if (shortcuts_ && SameText(line, text)) return false;
      changed = std::move(line);
      text = changed;
      if (line_utf8 != nullptr) {
        changed_utf8 = std::move(*line_utf8);
        utf8 = changed_utf8;
      } else {
        utf8 = {};
      }
      owned = true;
      triggers = Triggers(text);
      return true;
    };
    if (triggers.dot_debris) take(RemoveDotRuns(text));
    if (triggers.angle) take(RemoveTagFragments(text));
    if (triggers.loose_space) {
      // Without shortcuts CollapseSpaces itself runs: the reference that trimming must agree with.
      const std::optional<Trimmed> trimmed =
          may_trim_in_place && shortcuts_ && !owned ? TrimmedOnly(text) : std::nullopt;
      if (trimmed) {
        // What CollapseSpaces would make of it, in place; each space went with its one byte.
        utf8 = TrimmedUtf8(utf8, text, trimmed->words);
        text = trimmed->words;
        triggers = TrimmedTriggers(triggers, trimmed->inner_space);
      } else {
        take(CollapseSpaces(text));
      }
    }
    if (text.empty()) return out;
    bool bare_counter = false;
    if (triggers.inline_chrome) {
      InlineChromeResult chrome = RemoveInlineChrome(text);
      bare_counter = chrome.bare_counter;
      take(std::move(chrome.line));
    }
    if (text.empty() || IsChromeLine(text)) {
      out.chrome = true;
      out.bare_counter = bare_counter && text.empty();
      return out;
    }
    if (triggers.space) {
      std::string joined_utf8;
      Line joined = utf8.empty() ? JoinCjkSpaces(text) : JoinCjkSpaces(text, utf8, &joined_utf8);
      // "版权 所有" only matches once joined.
      if (take(std::move(joined), utf8.empty() ? nullptr : &joined_utf8)) {
        out.chrome = IsChromeLine(text);
      }
    }
    if (owned) {
      storage.text = std::move(changed);
      text = storage.text;
      if (!utf8.empty()) {
        storage.utf8 = std::move(changed_utf8);
        utf8 = storage.utf8;
      }
    }
    out.text = text;
    out.utf8 = utf8;
    out.in_place = !owned;
    // The triggers are the final text's: a second round would run no rule on it and find the
    // same (not chrome) verdict.
    out.settled = !(triggers.dot_debris || triggers.angle || triggers.loose_space ||
                    triggers.inline_chrome || triggers.space);
    return out;
  }

  // The UTF-8 of `words`, `text` without its end spaces, cut from `utf8`, the UTF-8 of `text`.
  static std::string_view TrimmedUtf8(std::string_view utf8, LineView text, LineView words) {
    if (utf8.empty() || words.empty()) return {};
    const auto leading = static_cast<size_t>(words.data() - text.data());
    return utf8.substr(leading, utf8.size() - (text.size() - words.size()));
  }

  LineTriggers Triggers(LineView line) const {
    return shortcuts_ ? FindTriggers(line) : LineTriggers{true, true, true, true, true};
  }

  // The triggers of a line trimmed of its end spaces, from the untrimmed line's, without another
  // scan: only spaces went, none of them between words, and a counter cue that began a word is
  // still at a field boundary (the line start counts as one).
  static LineTriggers TrimmedTriggers(LineTriggers untrimmed, bool inner_space) {
    untrimmed.loose_space = false;
    untrimmed.space = inner_space;
    return untrimmed;
  }

  bool shortcuts_;
  Round rounds_[2];
};

bool IsViewInside(LineView part, LineView line) {
  const std::less_equal<const char32_t*> at_most;
  return at_most(line.data(), part.data()) &&
         at_most(part.data() + part.size(), line.data() + line.size());
}

std::vector<TextLine> SplitAndCleanLines(const FoldedText& folded, bool shortcuts,
                                         LineStore& store) {
  const LineView text = folded.text();
  const std::string_view utf8 = folded.utf8();
  const std::vector<LineBreak>& breaks = folded.line_breaks();
  std::vector<TextLine> lines;
  lines.reserve(breaks.size() + 1);
  LineCleaner cleaner(shortcuts);
  bool drop_number_line = false;
  size_t start = 0;
  size_t byte_start = 0;
  for (size_t next = 0; next <= breaks.size(); ++next) {
    const LineBreak end = next < breaks.size() ? breaks[next] : LineBreak{text.size(), utf8.size()};
    const LineView raw = text.substr(start, end.code_point - start);
    const std::string_view raw_utf8 = utf8.substr(byte_start, end.byte - byte_start);
    start = end.code_point + 1;
    byte_start = end.byte + 1;
    const CleanedLine cleaned = cleaner.Clean(raw, raw_utf8);
    if (drop_number_line && IsNumberOnly(cleaned.text)) {
      drop_number_line = false;
      continue;
    }
    drop_number_line = cleaned.chrome && cleaned.bare_counter;
    if (cleaned.chrome) continue;
    TextLine line;
    while (line.indent < static_cast<int>(raw.size()) && raw[line.indent] == ' ') ++line.indent;
    if (cleaned.text.empty()) {
      line.text = cleaned.text;
    } else if (IsViewInside(cleaned.text, raw)) {  // unchanged, or trimmed in place
      line.text = cleaned.text;
      line.utf8 = cleaned.utf8;
    } else {
      line.text = store.texts.emplace_back(cleaned.text);
      if (!cleaned.utf8.empty()) line.utf8 = store.utf8.emplace_back(cleaned.utf8);
    }
    lines.push_back(line);
  }
  return lines;
}

std::vector<TextLine> DropLinkLists(std::vector<TextLine> lines) {
  std::vector<char> link(lines.size());  // a byte a line: no bit masking per read
  for (size_t i = 0; i < lines.size(); ++i) link[i] = IsLinkLine(lines[i].text);
  std::vector<TextLine> out;
  out.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool in_run =
        link[i] && ((i > 0 && link[i - 1]) || (i + 1 < lines.size() && link[i + 1]));
    if (!in_run) out.push_back(std::move(lines[i]));
  }
  return out;
}

// The lines as the normalized text: one '\n' between lines, "\n\n" where blank lines were. Also
// as code points into `code_points` unless it is null.
std::string JoinLines(const std::vector<TextLine>& lines, Line* code_points) {
  // Sized exactly first, so both texts are appended into one allocation each and no byte is
  // zero-filled before it is written.
  size_t count = 0;
  size_t bytes = 0;
  for (const TextLine& line : lines) {
    count += line.text.size();
    bytes += line.utf8.size();
    if (line.utf8.empty()) {
      for (const char32_t c : line.text) bytes += Utf8Length(c);
    }
  }
  std::string out;
  out.reserve(bytes + 2 * lines.size());
  if (code_points != nullptr) code_points->reserve(count + 2 * lines.size());
  bool pending_blank = false;
  for (const TextLine& line : lines) {
    if (IsBlank(line)) {
      pending_blank = !out.empty();
      continue;
    }
    if (!out.empty()) {
      out.append(pending_blank ? "\n\n" : "\n");
      if (code_points != nullptr) code_points->append(pending_blank ? U"\n\n" : U"\n");
    }
    pending_blank = false;
    if (!line.utf8.empty()) {  // its UTF-8 is there already
      out.append(line.utf8);
    } else {
      AppendUtf8(out, line.text);
    }
    if (code_points != nullptr) code_points->append(line.text);
  }
  return out;
}

// `shortcuts`: skip ICU composition for texts that are NFC already, and a line rule for a line
// that holds nothing it acts on. Off only to check that they change nothing.
std::string Normalize(std::string_view utf8, Line* code_points, bool shortcuts = true) {
  const FoldedText folded(utf8, shortcuts);
  LineStore store;
  std::vector<TextLine> lines = SplitAndCleanLines(folded, shortcuts, store);
  return JoinLines(JoinWrappedLines(DropLinkLists(std::move(lines)), store), code_points);
}

}  // namespace

std::string FoldCharacters(std::string_view utf8) {
  // FoldEach's sink for UTF-8 alone.
  struct Writer {
    std::string out;
    void Ascii(char c) { out.push_back(c); }
    void LineEnd() { out.push_back('\n'); }
    void Same(char32_t) {}
    void SameFour(const char32_t*, int) {}
    void Spelled(std::string_view bytes) { out.append(bytes); }
    void Folded(char32_t cp) { AppendUtf8(out, cp); }
  } writer;
  writer.out.reserve(utf8.size());
  const bool compose = FoldEach(utf8, writer);
  return compose ? ComposeNfc(std::move(writer.out)) : std::move(writer.out);
}

std::string NormalizeText(std::string_view utf8) { return Normalize(utf8, nullptr); }

namespace internal {
std::string NormalizeTextWithoutShortcuts(std::string_view utf8) {
  return Normalize(utf8, nullptr, /*shortcuts=*/false);
}
}  // namespace internal

NormalizedText NormalizeTextAndCodePoints(std::string_view utf8) {
  NormalizedText normalized;
  normalized.text = Normalize(utf8, &normalized.code_points);
  return normalized;
}

}  // namespace fazhi::text
