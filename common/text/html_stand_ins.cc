#include "common/text/html_stand_ins.h"

#include <algorithm>
#include <array>

#include "common/text/utf8.h"

namespace fazhi::text::html_internal {
namespace {

constexpr uint32_t kFirstStandIn = 0xF0000;
// U+FFFFE and U+FFFFF are noncharacters, which gumbo would replace.
constexpr size_t kMaxStandIns = 0xFFFE;
// A shorter run saves too few of gumbo's bytes to pay for its stand-in.
constexpr size_t kMinStandInBytes = 8;

// What a byte that begins a character says about the run it may be in.
enum class Lead : uint8_t {
  kEndsRun,    // '<', '&', CR, NUL, control characters, 4-byte characters
  kOne,        // printable ASCII, tab, LF, FF
  kTwo,        // U+00C0 to U+07FF
  kThree,      // U+0800 to U+EFFF
  kCheckNext,  // C2 (the C1 controls) and EF (noncharacters) need a look at the next bytes
};

constexpr std::array<Lead, 256> MakeLeads() {
  std::array<Lead, 256> leads{};
  for (int b = 0; b < 256; ++b) {
    Lead lead = Lead::kEndsRun;
    if ((b >= 0x20 && b < 0x7F && b != '<' && b != '&') || b == '\t' || b == '\n' || b == '\f') {
      lead = Lead::kOne;
    } else if (b == 0xC2 || b == 0xEF) {
      lead = Lead::kCheckNext;
    } else if (b >= 0xC3 && b <= 0xDF) {
      lead = Lead::kTwo;
    } else if (b >= 0xE0 && b <= 0xEE) {
      lead = Lead::kThree;
    }
    leads[b] = lead;
  }
  return leads;
}
constexpr std::array<Lead, 256> kLeads = MakeLeads();

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The width of the character at `i` if it may stand in a run (gumbo passes it through as it is),
// else 0.
size_t RunCharWidth(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  switch (kLeads[byte(0)]) {
    case Lead::kOne:
      return 1;
    case Lead::kTwo:
      return 2;
    case Lead::kThree:
      return 3;
    case Lead::kCheckNext:
      if (byte(0) == 0xC2) return byte(1) >= 0xA0 ? 2 : 0;  // U+0080 to U+009F are controls
      // U+FDD0 to U+FDEF and U+FFFE, U+FFFF are noncharacters.
      if (byte(1) == 0xB7 && byte(2) >= 0x90 && byte(2) <= 0xAF) return 0;
      if (byte(1) == 0xBF && byte(2) >= 0xBE) return 0;
      return 3;
    case Lead::kEndsRun:
      return 0;
  }
  return 0;
}

// The end of the run of characters that may stand in a run, from `i`.
size_t RunEnd(std::string_view text, size_t i) {
  while (i < text.size()) {
    const size_t width = RunCharWidth(text, i);
    if (width == 0) break;
    i += width;
  }
  return i;
}

// Whether the numeric character reference at `amp` ("&#...") could name a character of the
// stand-ins' plane, or overflow gumbo 0.10's arithmetic into one.
bool MayNameStandIn(std::string_view text, size_t amp) {
  if (amp + 1 >= text.size() || text[amp + 1] != '#') return false;
  size_t i = amp + 2;
  const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
  if (hex) ++i;
  uint64_t value = 0;
  size_t digits = 0;
  for (; i < text.size(); ++i, ++digits) {
    const char c = text[i];
    uint64_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')) {
      digit = (c | 0x20) - 'a' + 10;
    } else {
      break;
    }
    if (digits >= 7) return true;
    value = value * (hex ? 16 : 10) + digit;
  }
  return value >= kFirstStandIn && value <= 0xFFFFF;
}

// The bytes from `amp` that gumbo may read as a character reference: "&", then '#' and 'x', ASCII
// letters and digits, and a ';'. They stay as they are, so a stand-in never ends a reference's
// name.
size_t ReferenceLength(std::string_view text, size_t amp) {
  size_t end = amp + 1;
  const auto is_name_char = [](char c) {
    return (c >= '0' && c <= '9') || IsAsciiLetter(c) || c == '#';
  };
  while (end < text.size() && is_name_char(text[end])) ++end;
  if (end < text.size() && text[end] == ';') ++end;
  return end - amp;
}

// Whether `name` (lowercase) stands at `at`, compared without case, followed by white space, '/'
// or '>': how the tokenizer recognizes the tag that ends or escapes raw text.
bool IsNameAt(std::string_view html, size_t at, std::string_view name) {
  const size_t after = at + name.size();
  if (after >= html.size()) return false;
  for (size_t k = 0; k < name.size(); ++k) {
    if ((html[at + k] | 0x20) != name[k]) return false;
  }
  return IsHtmlSpace(html[after]) || html[after] == '/' || html[after] == '>';
}

bool IsEndTagAt(std::string_view html, size_t lt, std::string_view name) {
  return html.compare(lt, 2, "</") == 0 && IsNameAt(html, lt + 2, name);
}

// Where the element `name`'s raw text (RAWTEXT or RCDATA) ends: at its end tag; else at the end of
// the page.
size_t RawTextEnd(std::string_view html, size_t from, std::string_view name) {
  for (size_t lt = html.find("</", from); lt != std::string_view::npos;
       lt = html.find("</", lt + 2)) {
    if (IsEndTagAt(html, lt, name)) return lt;
  }
  return html.size();
}

// Where a script's text ends. Inside "<!--", a "<script" begins a part (double-escaped) where
// "</script>" does not end it but returns to the comment, and "-->" leaves the comment: old pages
// write `<!-- document.write("<script src=...></script>"); //-->`.
size_t ScriptTextEnd(std::string_view html, size_t from) {
  enum class State { kData, kEscaped, kDoubleEscaped };
  State state = State::kData;
  size_t pos = from;
  while (pos < html.size()) {
    const size_t at = state == State::kData ? html.find('<', pos) : html.find_first_of("<-", pos);
    if (at == std::string_view::npos) break;
    pos = at + 1;
    if (html[at] == '-') {
      if (html.compare(at, 3, "-->") == 0) {
        state = State::kData;
        pos = at + 3;
      }
    } else if (IsEndTagAt(html, at, "script")) {
      if (state != State::kDoubleEscaped) return at;
      state = State::kEscaped;
      pos = at + 8;
    } else if (state == State::kData && html.compare(at, 4, "<!--") == 0) {
      state = State::kEscaped;
      pos = at + 2;  // "<!-->" leaves at once
    } else if (state == State::kEscaped && IsNameAt(html, at + 1, "script")) {
      state = State::kDoubleEscaped;
      pos = at + 7;
    }
  }
  return html.size();
}

// The end of a start or end tag whose name begins at `pos`: past its '>', skipping quoted
// attribute values (which may hold '>'); the end of the page where it has none (gumbo drops
// such a tag). Sets `name` to the tag's name, lowercased ASCII, at most 16 bytes.
size_t TagEnd(std::string_view html, size_t pos, std::string* name) {
  name->clear();
  while (pos < html.size() && !IsHtmlSpace(html[pos]) && html[pos] != '/' && html[pos] != '>') {
    if (name->size() < 16) name->push_back(static_cast<char>(html[pos] | 0x20));
    ++pos;
  }
  while (pos < html.size()) {
    const char c = html[pos];
    if (c == '>') return pos + 1;
    pos = c == '=' ? SkipAttributeValue(html, pos + 1) : pos + 1;
  }
  return html.size();
}

// Markup whose content gumbo reads otherwise than the data state: stood-in pages refuse it.
bool RefusesStandIns(GumboTag tag) {
  return tag == GUMBO_TAG_FRAMESET || tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH ||
         tag == GUMBO_TAG_PLAINTEXT;
}

bool IsRawTextTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return false;
  }
}

// Whether a text node under `parent` was read in the data state as HTML.
bool IsDataText(const GumboNode* parent) {
  if (parent == nullptr || parent->type != GUMBO_NODE_ELEMENT) return true;
  return parent->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
         !IsRawTextTag(parent->v.element.tag);
}

}  // namespace

size_t SkipAttributeValue(std::string_view html, size_t pos) {
  while (pos < html.size() && IsHtmlSpace(html[pos])) ++pos;
  if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
    const size_t end = html.find(html[pos], pos + 1);
    return end == std::string_view::npos ? html.size() : end + 1;
  }
  while (pos < html.size() && !IsHtmlSpace(html[pos]) && html[pos] != '>') ++pos;
  return pos;
}

bool StandIns::Build(std::string_view html) {
  page_.clear();
  runs_.clear();
  refused_ = false;
  if (html.find(kStandInLead) != std::string_view::npos) return false;
  page_.reserve(html.size());
  size_t pos = 0;
  while (pos < html.size() && !refused_) {
    size_t lt = html.find('<', pos);
    if (lt == std::string_view::npos) lt = html.size();
    if (!AppendText(html.substr(pos, lt - pos))) return false;
    if (lt == html.size()) break;
    pos = AppendMarkup(html, lt);
  }
  return !refused_ && !runs_.empty();
}

bool StandIns::AppendText(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t run_end = RunEnd(text, i);
    if (run_end == i) {  // a character that ends runs: kept as it is
      size_t width = static_cast<size_t>(std::max(1, DecodeCodepoint(text, i).length));
      if (text[i] == '&') {
        if (MayNameStandIn(text, i)) return false;
        width = ReferenceLength(text, i);
      }
      page_.append(text, i, width);
      i += width;
      continue;
    }
    size_t first = i;  // leading white space stays: some insertion modes treat it apart
    while (first < run_end && IsHtmlSpace(text[first])) ++first;
    page_.append(text, i, first - i);
    if (run_end - first >= kMinStandInBytes && runs_.size() < kMaxStandIns) {
      AppendStandIn(text.substr(first, run_end - first));
    } else {
      page_.append(text, first, run_end - first);
    }
    i = run_end;
  }
  return true;
}

void StandIns::AppendStandIn(std::string_view run) {
  const uint32_t code_point = kFirstStandIn + static_cast<uint32_t>(runs_.size());
  const char utf8[kStandInBytes] = {kStandInLead,
                                    static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)),
                                    static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)),
                                    static_cast<char>(0x80 | (code_point & 0x3F))};
  page_.append(utf8, kStandInBytes);
  runs_.push_back(run);
}

// Copies the markup at `lt` ('<') as it is and returns where the page's text goes on. Raw text
// (a script, a style, a title ...) is copied with its element, up to its end tag.
size_t StandIns::AppendMarkup(std::string_view html, size_t lt) {
  const char next = lt + 1 < html.size() ? html[lt + 1] : '\0';
  size_t end = lt + 1;  // a '<' that begins no markup is a character of the text
  if (IsAsciiLetter(next)) {
    std::string name;
    end = TagEnd(html, lt + 1, &name);
    const GumboTag tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()));
    if (RefusesStandIns(tag)) refused_ = true;
    if (tag == GUMBO_TAG_SCRIPT) {
      end = ScriptTextEnd(html, end);
    } else if (IsRawTextTag(tag)) {
      end = RawTextEnd(html, end, name);
    }
  } else if (next == '/') {
    const char after = lt + 2 < html.size() ? html[lt + 2] : '\0';
    std::string name;
    if (IsAsciiLetter(after)) {
      end = TagEnd(html, lt + 2, &name);
    } else {  // "</>" or a bogus comment
      const size_t gt = html.find('>', lt + 2);
      end = gt == std::string_view::npos ? html.size() : gt + 1;
    }
  } else if (next == '!' || next == '?') {
    if (html.compare(lt, 4, "<!--") == 0) {
      // "<!-->" and "<!--->" are whole comments, so the search starts at the first dash; a
      // comment also ends at "--!>".
      const size_t close = std::min(html.find("-->", lt + 2), html.find("--!>", lt + 4));
      end =
          close == std::string_view::npos ? html.size() : close + (html[close + 2] == '!' ? 4 : 3);
    } else if (html.compare(lt, 9, "<![CDATA[") == 0) {
      refused_ = true;
      end = html.size();
    } else {  // a doctype or a bogus comment ends at the first '>'
      const size_t gt = html.find('>', lt + 2);
      end = gt == std::string_view::npos ? html.size() : gt + 1;
    }
  }
  page_.append(html, lt, end - lt);
  return end;
}

bool StandIns::AllCameBack(const GumboNode* root) const {
  std::vector<bool> seen(runs_.size(), false);
  size_t found = 0;
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
      const std::string_view text = node->v.text.text;
      for (size_t at = text.find(kStandInLead); at != std::string_view::npos;
           at = text.find(kStandInLead, at + 1)) {
        if (!IsDataText(node->parent) || at + kStandInBytes > text.size() ||
            (static_cast<unsigned char>(text[at + 1]) & 0xF0) != 0xB0) {
          return false;
        }
        const uint32_t index = IndexAt(text, at);
        if (index >= runs_.size() || seen[index]) return false;
        seen[index] = true;
        ++found;
      }
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT &&
        node->type != GUMBO_NODE_TEMPLATE) {
      continue;  // a stand-in in a comment or CDATA is missed, and so fails the count
    }
    const GumboVector& children =
        node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
    for (size_t i = 0; i < children.length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }
  return found == runs_.size();
}

}  // namespace fazhi::text::html_internal
