#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <poppler/cpp/poppler-rectangle.h>
#include <poppler/cpp/poppler-version.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/formats/readers/readers.h"
#include "common/text/han.h"   // header-only
#include "common/text/utf8.h"  // inline DecodeCodepoint only: the module links no fazhi_text

namespace fazhi::formats::readers {
namespace {

// ---------------------------------------------------------------------------------------------
// Characters. The readers sit below common/text (its decoder calls them): only the inline
// UTF-8 decoder of common/text/utf8.h is used from there, the CJK facts needed here are local.

// The code point starting at text[*i] (i < size), advancing *i past it; U+FFFD for a broken
// sequence.
char32_t DecodeAt(std::string_view text, size_t* i) {
  const text::DecodedCodepoint decoded = text::DecodeCodepoint(text, *i);
  *i += decoded.length;
  return decoded.codepoint;
}

char32_t FirstCodePoint(std::string_view text) {
  size_t i = 0;
  return text.empty() ? 0 : DecodeAt(text, &i);
}

// Where the last code point of a non-empty text starts.
size_t LastCodePointStart(std::string_view text) {
  size_t start = text.size() - 1;
  while (start > 0 && text.size() - start < 4 &&
         (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  return start;
}

char32_t LastCodePoint(std::string_view text) {
  if (text.empty()) return 0;
  size_t start = LastCodePointStart(text);
  return DecodeAt(text, &start);
}

// Han characters and the punctuation and full-width forms set with them.
bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||  // radicals
         (c >= 0x3000 && c <= 0x303F) ||  // CJK punctuation: 。、〔〕《》
         (c >= 0x3100 && c <= 0x31BF) ||  // bopomofo
         (c >= 0x3200 && c <= 0x4DBF) ||  // enclosed (㈠), compatibility, extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||  // compatibility forms
         (c >= 0xFF00 && c <= 0xFFEF) ||  // full-width forms: ，（）：；
         (c >= 0x20000 && c <= 0x3FFFF);  // extensions B and later
}

bool IsAsciiAlnum(char32_t c) { return c < 0x80 && absl::ascii_isalnum(static_cast<char>(c)); }

// Poppler puts a space where the font changes between Han and Latin glyphs ("2021 年 12 月",
// "不得少于 2 次"); a single such space is layout, not text. Spaces between Latin words stay.
std::string RemoveSpacesBetweenCjkAndAscii(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  char32_t previous = 0;
  for (size_t i = 0; i < line.size();) {
    const size_t start = i;
    const char32_t c = DecodeAt(line, &i);
    if (c == U' ' && previous != U' ' && i < line.size()) {
      size_t peek = i;
      const char32_t next = DecodeAt(line, &peek);
      if ((IsCjk(previous) && IsAsciiAlnum(next)) || (IsAsciiAlnum(previous) && IsCjk(next))) {
        continue;  // dropped; `previous` stays the character before the space
      }
    }
    out.append(line.substr(start, i - start));
    previous = c;
  }
  return out;
}

// What a wrapped line and its continuation need between them: nothing in Chinese, a space
// between Latin words, nothing after a hyphen or a URL's slash.
const char* Joint(std::string_view left, std::string_view right) {
  const char32_t last = LastCodePoint(left);
  const char32_t first = FirstCodePoint(right);
  if (IsCjk(last) || IsCjk(first) || last == U'-' || last == U'/') return "";
  return " ";
}

// A line ending a sentence or a clause that announces what follows ("如下：") ends its paragraph
// in documents without first-line indents. Closing quotes and brackets after the mark are skipped;
// a full stop counts after a letter only ("accessible.", not the list number "2.").
bool EndsSentence(std::string_view line) {
  static constexpr std::u32string_view kClosers = U"”’」』）)】》\"'";
  static constexpr std::u32string_view kFinal = U"。！？；：!?;:";
  while (!line.empty() && kClosers.find(LastCodePoint(line)) != std::u32string_view::npos) {
    line = line.substr(0, LastCodePointStart(line));
  }
  if (line.empty()) return false;
  const std::string_view before = line.substr(0, LastCodePointStart(line));
  if (line.back() == '.') {
    return !before.empty() && absl::ascii_isalpha(static_cast<unsigned char>(before.back()));
  }
  return kFinal.find(LastCodePoint(line)) != std::u32string_view::npos;
}

bool ConsumePrefix(std::string_view* text, std::string_view prefix) {
  if (!text->starts_with(prefix)) return false;
  text->remove_prefix(prefix.size());
  return true;
}

bool ConsumeSuffix(std::string_view* text, std::string_view suffix) {
  if (!text->ends_with(suffix)) return false;
  text->remove_suffix(suffix.size());
  return true;
}

bool ConsumeDigits(std::string_view* text) {
  size_t n = 0;
  while (n < text->size() && absl::ascii_isdigit(static_cast<unsigned char>((*text)[n]))) ++n;
  text->remove_prefix(n);
  return n > 0;
}

bool ConsumeChineseNumeral(std::string_view* text) {
  static constexpr std::u32string_view kNumerals = U"一二三四五六七八九十百零〇";
  size_t n = 0;
  while (n < text->size()) {
    size_t next = n;
    if (kNumerals.find(DecodeAt(*text, &next)) == std::u32string_view::npos) break;
    n = next;
  }
  text->remove_prefix(n);
  return n > 0;
}

// "一、" "（二）" "(3)" "4." "5、" "第六条": a heading or list item, which starts its own line.
bool StartsLikeListItem(std::string_view line) {
  std::string_view rest = line;
  if (ConsumeChineseNumeral(&rest)) return rest.starts_with("、");
  rest = line;
  if (ConsumePrefix(&rest, "（") || ConsumePrefix(&rest, "(")) {
    return (ConsumeChineseNumeral(&rest) || ConsumeDigits(&rest)) &&
           (rest.starts_with("）") || rest.starts_with(")"));
  }
  if (ConsumePrefix(&rest, "第")) {
    return (ConsumeChineseNumeral(&rest) || ConsumeDigits(&rest)) &&
           (rest.starts_with("条") || rest.starts_with("章") || rest.starts_with("节"));
  }
  return ConsumeDigits(&rest) &&
         (rest.starts_with(".") || rest.starts_with("、") || rest.starts_with("．"));
}

// What a running line says, for comparing it across pages: its letters and Han characters, every
// run of digits as '#', no spaces or punctuation ("— 3 —" and "—12—" compare equal, and so do
// OCR's readings "（公开）" and "〈公开)" of the same header).
std::string RunningLineKey(std::string_view line) {
  std::string key;
  for (size_t i = 0; i < line.size();) {
    const size_t start = i;
    const char32_t c = DecodeAt(line, &i);
    if (c < 0x80 && absl::ascii_isdigit(static_cast<char>(c))) {
      if (key.empty() || key.back() != '#') key += '#';
    } else if ((c < 0x80 && absl::ascii_isalpha(static_cast<char>(c))) || text::IsHanIdeograph(c)) {
      key.append(line.substr(start, i - start));
    }
  }
  return key;
}

// The line in lower case without spaces or the dashes page numbers are set between ("— 3 —").
std::string PageNumberCore(std::string_view line) {
  static constexpr std::string_view kDashes[] = {"-", "—", "–", "－", "―", "~", "·", "•", "_"};
  std::string compact;
  for (const char c : line) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) compact += absl::ascii_tolower(c);
  }
  std::string_view core = compact;
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (const std::string_view dash : kDashes) {
      stripped |= ConsumePrefix(&core, dash);
      stripped |= ConsumeSuffix(&core, dash);
    }
  }
  return std::string(core);
}

bool ConsumePageOf(std::string_view* text) {  // "第3页"
  return ConsumePrefix(text, "第") && ConsumeDigits(text) && ConsumePrefix(text, "页");
}

bool ConsumePageCount(std::string_view* text) {  // "共7页"
  return ConsumePrefix(text, "共") && ConsumeDigits(text) && ConsumePrefix(text, "页");
}

void ConsumeSeparator(std::string_view* text) {
  (void)(ConsumePrefix(text, ",") || ConsumePrefix(text, "，") || ConsumePrefix(text, "/"));
}

// "3", "— 3 —", "- 3 -", "3/7", "第 3 页", "第3页 共7页", "共7页 第3页", "Page 3 of 7".
bool IsPageNumber(std::string_view line) {
  const std::string core = PageNumberCore(line);
  std::string_view text = core;
  if (ConsumeDigits(&text)) {
    return text.empty() || (ConsumePrefix(&text, "/") && ConsumeDigits(&text) && text.empty());
  }
  if (ConsumePageOf(&text)) {
    ConsumeSeparator(&text);
    return text.empty() || (ConsumePageCount(&text) && text.empty());
  }
  text = core;
  if (ConsumePageCount(&text)) {
    ConsumeSeparator(&text);
    return ConsumePageOf(&text) && text.empty();
  }
  text = core;
  return ConsumePrefix(&text, "page") && ConsumeDigits(&text) &&
         (text.empty() || ((ConsumePrefix(&text, "of") || ConsumePrefix(&text, "/")) &&
                           ConsumeDigits(&text) && text.empty()));
}

// ---------------------------------------------------------------------------------------------
// Lines of the text layer, with where they stand on the page.

struct Box {
  double left = 0, top = 0, right = 0, bottom = 0;
  double Height() const { return bottom - top; }
  double Width() const { return right - left; }
  void Add(const Box& other) {
    left = std::min(left, other.left);
    top = std::min(top, other.top);
    right = std::max(right, other.right);
    bottom = std::max(bottom, other.bottom);
  }
};

struct Word {
  std::string text;
  Box box;
  double size;                      // font size (pt): the em that gaps and indents are measured in
  const poppler::text_box* source;  // for its glyphs' boxes
};

struct Line {
  std::string text;
  Box box;
  double size = 0;              // the largest font size on the line
  double first_unit_width = 0;  // what the line before would have had to fit (FirstUnitWidth)
  bool has_column_gap = false;  // cells of a table row, '\t' in text: never joined
  bool placed = true;           // false for OCR lines, which carry no geometry
};

// Where body text starts and where a full line ends on pages of one size.
struct Margins {
  double left = 0, right = 0;
};

struct Page {
  std::vector<Line> lines;
  double width = 0, height = 0;
  Margins margins;
  bool ocr = false;
  double ocr_confidence = 0;
};

// A gap between two words on a line wider than this many ems separates table cells. Beside Han
// characters a narrower gap does: the space a layout leaves between Han and Latin is 0.2 em.
constexpr double kColumnGap = 1.0;
constexpr double kColumnGapBesideHan = 0.4;

std::vector<Word> ReadWords(const std::vector<poppler::text_box>& boxes) {
  std::vector<Word> words;
  for (const poppler::text_box& box : boxes) {
    const poppler::byte_array utf8 = box.text().to_utf8();
    std::string text(utf8.begin(), utf8.end());
    if (absl::StripAsciiWhitespace(text).empty()) continue;
    const poppler::rectf r = box.bbox();
    words.push_back(
        {std::move(text), {r.left(), r.top(), r.right(), r.bottom()}, box.get_font_size(), &box});
  }
  return words;
}

// The width of a word's first unbreakable unit, which the line before did not have room for.
// Line breaking keeps an opening quote or bracket with the character after it, a closing one or
// a comma with the character before it, and a Latin word or number whole.
double FirstUnitWidth(const Word& word) {
  static constexpr std::u32string_view kOpening = U"“‘（《〔【「『〈([{";
  static constexpr std::u32string_view kNoLineStart = U"，。、；：！？”’）》〕】」』〉,.;:!?%)]}…";
  std::u32string chars;
  for (size_t i = 0; i < word.text.size();) chars += DecodeAt(word.text, &i);
  const auto is = [&](size_t i, std::u32string_view set) {
    return i < chars.size() && set.find(chars[i]) != set.npos;
  };
  const auto is_ascii = [&](size_t i) { return i < chars.size() && chars[i] < 0x80; };
  size_t end = 0;
  while (is(end, kOpening)) ++end;
  if (is_ascii(end)) {
    while (is_ascii(end)) ++end;
  } else if (end < chars.size()) {
    ++end;
  }
  while (is(end, kNoLineStart)) ++end;
  if (end > 0 && is(end - 1, kNoLineStart)) {
    while (is_ascii(end)) ++end;  // “天府通办”APP
  }
  if (end == 0) return 0;
  const double width = word.source->char_bbox(end - 1).right() - word.source->char_bbox(0).left();
  return width > 0 ? width : word.box.Width();
}

// Words on one baseline overlap vertically by at least half the smaller height.
bool OnSameLine(const Box& line, const Box& word) {
  const double overlap = std::min(line.bottom, word.bottom) - std::max(line.top, word.top);
  return overlap >= 0.5 * std::min(line.Height(), word.Height());
}

bool IsColumnGap(const Word& left, const Word& right) {
  const double size = std::max(left.size, right.size);
  const bool beside_han = IsCjk(LastCodePoint(left.text)) || IsCjk(FirstCodePoint(right.text));
  return right.box.left - left.box.right >= (beside_han ? kColumnGapBesideHan : kColumnGap) * size;
}

Line MakeLine(std::vector<Word> row) {
  std::sort(row.begin(), row.end(),
            [](const Word& a, const Word& b) { return a.box.left < b.box.left; });
  Line line;
  line.box = row.front().box;
  line.first_unit_width = FirstUnitWidth(row.front());
  std::string text;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      const Word& previous = row[i - 1];
      if (IsColumnGap(previous, row[i])) {
        text += '\t';
        line.has_column_gap = true;
      } else if (previous.source->has_space_after()) {
        text += ' ';
      }
    }
    text += row[i].text;
    line.box.Add(row[i].box);
    line.size = std::max(line.size, row[i].size);
  }
  line.text = RemoveSpacesBetweenCjkAndAscii(text);
  return line;
}

// Top to bottom, each line's words left to right: table rows stay rows. (Poppler's own reading
// order would read a table column by column; two-column pages are rare in government reports.)
std::vector<Line> GroupIntoLines(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.box.top != b.box.top ? a.box.top < b.box.top : a.box.left < b.box.left;
  });
  std::vector<Line> lines;
  std::vector<Word> row;
  Box row_box;
  for (Word& word : words) {
    if (!row.empty() && !OnSameLine(row_box, word.box)) {
      lines.push_back(MakeLine(std::move(row)));
      row.clear();
    }
    if (row.empty()) {
      row_box = word.box;
    } else {
      row_box.Add(word.box);
    }
    row.push_back(std::move(word));
  }
  if (!row.empty()) lines.push_back(MakeLine(std::move(row)));
  return lines;
}

Page ReadTextLayer(const poppler::page& page) {
  const poppler::rectf rect = page.page_rect();
  Page result;
  result.width = rect.width();
  result.height = rect.height();
  const std::vector<poppler::text_box> boxes =
      page.text_list(poppler::page::text_list_include_font);
  result.lines = GroupIntoLines(ReadWords(boxes));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Running headers, footers and page numbers.

constexpr int kEdgeLines = 2;          // lines at the top and at the bottom looked at
constexpr double kRunningShare = 0.6;  // of the pages a running line must repeat on

struct EdgeLine {
  Page* page;
  size_t index;
  double offset;  // from its page's top or bottom edge
};

// The first and last kEdgeLines lines of each page, by what they say ("top|法治…", "bottom|—#—").
std::map<std::string, std::vector<EdgeLine>> EdgeLinesByKey(const std::vector<Page*>& pages) {
  std::map<std::string, std::vector<EdgeLine>> by_key;
  for (Page* page : pages) {
    const size_t n = page->lines.size();
    for (size_t i = 0; i < n && i < kEdgeLines; ++i) {
      by_key["top|" + RunningLineKey(page->lines[i].text)].push_back(
          {page, i, page->lines[i].box.top});
    }
    for (size_t i = n > kEdgeLines ? n - kEdgeLines : 0; i < n; ++i) {
      by_key["bottom|" + RunningLineKey(page->lines[i].text)].push_back(
          {page, i, page->height - page->lines[i].box.bottom});
    }
  }
  return by_key;
}

size_t DistinctPages(const std::vector<EdgeLine>& lines) {
  std::vector<const Page*> pages;
  for (const EdgeLine& line : lines) pages.push_back(line.page);
  std::sort(pages.begin(), pages.end());
  return std::unique(pages.begin(), pages.end()) - pages.begin();
}

double Median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

double MedianOffset(const std::vector<EdgeLine>& lines) {
  std::vector<double> offsets;
  for (const EdgeLine& line : lines) offsets.push_back(line.offset);
  return Median(std::move(offsets));
}

// Removes, from the edges of `pages`, page numbers and the lines repeating on most of them. A
// repeating line must also stand where it stands on the other pages, so a title that happens to
// read like the running header, further down page 1, stays.
void RemoveRunningLines(const std::vector<Page*>& pages) {
  const size_t with_text = std::count_if(pages.begin(), pages.end(),
                                         [](const Page* page) { return !page->lines.empty(); });
  const size_t needed = std::max<size_t>(2, std::ceil(kRunningShare * with_text));
  std::map<Page*, std::vector<size_t>> doomed;
  for (const auto& [key, lines] : EdgeLinesByKey(pages)) {
    const bool running = DistinctPages(lines) >= needed;
    const double median = running ? MedianOffset(lines) : 0;
    for (const EdgeLine& edge : lines) {
      const Line& line = edge.page->lines[edge.index];
      const bool in_place =
          !line.placed || std::abs(edge.offset - median) <= std::max(line.box.Height(), 6.0);
      if ((running && in_place) || IsPageNumber(line.text)) doomed[edge.page].push_back(edge.index);
    }
  }
  for (auto& [page, indices] : doomed) {
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    for (auto it = indices.rbegin(); it != indices.rend(); ++it) {
      page->lines.erase(page->lines.begin() + *it);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Joining lines wrapped by the layout.

// The value most of `edges` lie within `window` of: the densest window, the highest (`high`) or
// lowest edge in it.
double DensestEdge(std::vector<double> edges, double window, bool high) {
  std::sort(edges.begin(), edges.end());
  size_t best_count = 0;
  double best = edges.front();
  for (size_t lo = 0, hi = 0; hi < edges.size(); ++hi) {
    while (edges[hi] - edges[lo] > window) ++lo;
    const size_t count = hi - lo + 1;
    if (count > best_count || (high && count == best_count)) {
      best_count = count;
      best = high ? edges[hi] : edges[lo];
    }
  }
  return best;
}

// Margins from the lines of all pages of the same width (portrait and landscape pages differ).
void FindMargins(std::vector<Page>& pages) {
  std::map<long, std::vector<Page*>> by_width;
  for (Page& page : pages) {
    if (!page.ocr && !page.lines.empty()) by_width[std::lround(page.width)].push_back(&page);
  }
  for (const auto& [width, group] : by_width) {
    std::vector<double> lefts, rights, sizes;
    for (const Page* page : group) {
      for (const Line& line : page->lines) {
        lefts.push_back(line.box.left);
        rights.push_back(line.box.right);
        sizes.push_back(line.size);
      }
    }
    const double em = Median(sizes);
    Margins margins{DensestEdge(lefts, 0.5 * em, false), DensestEdge(rights, em, true)};
    // Too few full lines to show where they end (short lines, a table): margins are about even.
    if (margins.right - margins.left < 0.5 * width) margins.right = width - margins.left;
    for (Page* page : group) page->margins = margins;
  }
}

double Indent(const Line& line, const Margins& margins) { return line.box.left - margins.left; }

// Whether paragraphs open with a first-line indent (two characters, as Chinese documents are
// set): then the indent, not the punctuation, tells where a paragraph starts.
bool IndentsParagraphs(const std::vector<Page>& pages) {
  int after_sentence = 0, indented = 0;
  for (const Page& page : pages) {
    for (size_t i = 1; i < page.lines.size(); ++i) {
      const Line& line = page.lines[i];
      if (!line.placed || !EndsSentence(page.lines[i - 1].text)) continue;
      ++after_sentence;
      const double indent = Indent(line, page.margins);
      indented += indent >= 1.0 * line.size && indent <= 4.0 * line.size;
    }
  }
  return after_sentence >= 3 && 2 * indented >= after_sentence;
}

// A line is full when it reaches the right margin (justified text) or when the next line's first
// unit would not have fitted in the room left (ragged text). A short line before a long
// unbreakable word (a URL) is a line of its own.
bool ReachesRightMargin(const Line& line, const Margins& margins, const Line& next) {
  const double em = line.size;
  const double room = margins.right - line.box.right;
  if (room <= 0.5 * em) return true;
  const bool long_line = line.box.Width() >= 0.35 * (margins.right - margins.left);
  return long_line && room < next.first_unit_width + 0.3 * em;
}

struct PlacedLine {
  const Line* line;
  const Page* page;
  size_t page_number;
};

bool ContinuesOn(const PlacedLine& a, const PlacedLine& b, bool indented_paragraphs) {
  const Line& line = *a.line;
  const Line& next = *b.line;
  if (!line.placed || !next.placed || b.page_number > a.page_number + 1) return false;
  if (line.has_column_gap || next.has_column_gap) return false;
  const double em = std::max(line.size, next.size);
  if (std::abs(line.size - next.size) > 0.15 * em) return false;  // a heading and its body
  if (!ReachesRightMargin(line, a.page->margins, next)) return false;
  const double next_indent = Indent(next, b.page->margins);
  if (indented_paragraphs) {
    return next_indent <= 0.5 * em && !(EndsSentence(line.text) && StartsLikeListItem(next.text));
  }
  return next_indent <= std::max(0.0, Indent(line, a.page->margins)) + 0.5 * em &&
         !EndsSentence(line.text);
}

// The page texts, wrapped lines joined; a paragraph running onto the next page stays on the page
// it starts on, so the page break moves to the paragraph's end.
std::vector<std::vector<std::string>> JoinWrappedLines(const std::vector<Page>& pages) {
  std::vector<PlacedLine> sequence;
  for (size_t p = 0; p < pages.size(); ++p) {
    for (const Line& line : pages[p].lines) sequence.push_back({&line, &pages[p], p});
  }
  const bool indented = IndentsParagraphs(pages);
  std::vector<std::vector<std::string>> texts(pages.size());
  std::string* open = nullptr;  // the paragraph the last line went into
  for (size_t i = 0; i < sequence.size(); ++i) {
    const std::string& text = sequence[i].line->text;
    if (open != nullptr && ContinuesOn(sequence[i - 1], sequence[i], indented)) {
      absl::StrAppend(open, Joint(*open, text), text);
    } else {
      open = &texts[sequence[i].page_number].emplace_back(text);
    }
  }
  return texts;
}

// ---------------------------------------------------------------------------------------------
// OCR of pages without a text layer.

absl::StatusOr<RecognizedPage> RecognizePage(const poppler::page& page, size_t page_number,
                                             const ConvertOptions& options) {
  const int dpi = options.ocr.dpi;
  if (dpi <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("OCR dpi must be positive, not ", dpi));
  }
  const poppler::rectf rect = page.page_rect();
  const double width = std::ceil(rect.width() * dpi / 72.0);
  const double height = std::ceil(rect.height() * dpi / 72.0);
  if (!(width * height <= static_cast<double>(options.limits.max_image_pixels))) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "page ", page_number, " of the PDF has no text layer and would be rendered for OCR at ",
        width, "x", height, " pixels (", dpi, " dpi), more than the limit of ",
        options.limits.max_image_pixels, " pixels"));
  }
  if (width < 1 || height < 1) return RecognizedPage{};
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  const poppler::image image = renderer.render_page(&page, dpi, dpi);
  if (!image.is_valid()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "page ", page_number, " of the PDF cannot be rendered for OCR: it is damaged"));
  }
  return readers::RecognizeGrayPage(reinterpret_cast<const uint8_t*>(image.const_data()),
                                    image.width(), image.height(), image.bytes_per_row(), dpi,
                                    options.ocr);
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    std::string line(text.substr(0, end));
    if (!absl::StripAsciiWhitespace(line).empty()) lines.push_back(std::move(line));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return lines;
}

// Reads every page left without lines by OCR, each line of it an unplaced line.
absl::Status RecognizeEmptyPages(const poppler::document& document, const ConvertOptions& options,
                                 std::vector<Page>& pages) {
  std::vector<size_t> empty;
  for (size_t p = 0; p < pages.size(); ++p) {
    if (pages[p].lines.empty()) empty.push_back(p);
  }
  if (empty.size() > static_cast<size_t>(std::max(0, options.limits.max_ocr_pages))) {
    return absl::ResourceExhaustedError(absl::StrCat(
        empty.size(), " pages of the PDF have no text layer and need OCR, more than the limit of ",
        options.limits.max_ocr_pages));
  }
  std::vector<Page*> recognized;
  for (const size_t p : empty) {
    const std::unique_ptr<poppler::page> page(document.create_page(static_cast<int>(p)));
    if (page == nullptr) continue;
    absl::StatusOr<RecognizedPage> text = RecognizePage(*page, p + 1, options);
    if (!text.ok()) return text.status();
    pages[p].ocr = true;
    pages[p].ocr_confidence = text->confidence;
    for (std::string& text_line : SplitLines(text->text)) {
      Line line;
      line.text = std::move(text_line);
      line.placed = false;
      pages[p].lines.push_back(std::move(line));
    }
    recognized.push_back(&pages[p]);
  }
  RemoveRunningLines(recognized);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------------------------
// The document.

void IgnorePopplerMessage(const std::string&, void*) {}

// Poppler reports every repaired xref and unknown operator on stderr; the caller gets a Status.
void SilencePoppler() {
  static const bool silenced = [] {
    poppler::set_debug_error_function(IgnorePopplerMessage, nullptr);
    return true;
  }();
  (void)silenced;
}

absl::StatusOr<std::unique_ptr<poppler::document>> LoadDocument(std::string_view bytes,
                                                                const ConvertLimits& limits) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the PDF has ", bytes.size(), " bytes; Poppler reads at most ", INT_MAX));
  }
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (document == nullptr) {
    return absl::InvalidArgumentError(
        "the PDF cannot be read: it is damaged, truncated or not a PDF");
  }
  // Checked first: Poppler crashes when asked the page count of a locked document.
  if (document->is_locked()) {
    return absl::InvalidArgumentError(
        "the PDF is encrypted (password-protected); save an unprotected copy to archive it");
  }
  const int count = document->pages();
  if (count <= 0) return absl::InvalidArgumentError("the PDF cannot be read: it has no pages");
  if (count > limits.max_pages) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the PDF has ", count, " pages, more than the limit of ", limits.max_pages));
  }
  return document;
}

std::vector<Page> ReadTextLayers(const poppler::document& document) {
  std::vector<Page> pages;
  for (int p = 0; p < document.pages(); ++p) {
    const std::unique_ptr<poppler::page> page(document.create_page(p));
    pages.push_back(page == nullptr ? Page{} : ReadTextLayer(*page));
  }
  return pages;
}

std::vector<Page*> Pointers(std::vector<Page>& pages) {
  std::vector<Page*> pointers;
  for (Page& page : pages) pointers.push_back(&page);
  return pointers;
}

bool HasText(const std::vector<Page>& pages) {
  return std::any_of(pages.begin(), pages.end(),
                     [](const Page& page) { return !page.lines.empty(); });
}

ConvertedText Assemble(const std::vector<Page>& pages, const OcrOptions& ocr) {
  ConvertedText result;
  result.format = "pdf";
  result.converter = readers::PdfConverter();
  std::vector<std::string> page_texts;
  for (const std::vector<std::string>& lines : JoinWrappedLines(pages)) {
    page_texts.push_back(absl::StrJoin(lines, "\n"));
  }
  result.text = absl::StrJoin(page_texts, "\f");
  for (const Page& page : pages) {
    result.pages.push_back({.ocr = page.ocr, .ocr_confidence = page.ocr_confidence});
  }
  if (std::any_of(pages.begin(), pages.end(), [](const Page& page) { return page.ocr; })) {
    absl::StrAppend(&result.converter, " + ", readers::OcrConverter(ocr));
  }
  return result;
}

}  // namespace

absl::StatusOr<ConvertedText> ReadPdf(std::string_view bytes, const ConvertOptions& options) {
  SilencePoppler();
  absl::StatusOr<std::unique_ptr<poppler::document>> document = LoadDocument(bytes, options.limits);
  if (!document.ok()) return document.status();
  std::vector<Page> pages = ReadTextLayers(**document);
  // A page whose text layer holds only a running header or a page number is a scan too.
  RemoveRunningLines(Pointers(pages));
  if (!HasText(pages) && !options.ocr.enabled) {
    return absl::InvalidArgumentError(
        "the PDF has no text layer (a scan?) and OCR is off; enable OCR to read it");
  }
  FindMargins(pages);
  if (options.ocr.enabled) {
    absl::Status status = RecognizeEmptyPages(**document, options, pages);
    if (!status.ok()) return status;
    if (!HasText(pages)) {
      return absl::InvalidArgumentError(
          "the PDF has no text layer and OCR recognized no text on its pages");
    }
  }
  return Assemble(pages, options.ocr);
}

}  // namespace fazhi::formats::readers
