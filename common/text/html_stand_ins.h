// Stand-ins for the text runs of an HTML page while gumbo parses it, and the pieces of HTML
// tokenizing html.cc shares with them (internal to html.cc).
//
// gumbo's tokenizer and tree builder take a page one character at a time, about 250 instructions
// per byte, and most of a report page is text between tags. StandIns::Build copies the page with
// each long run of plain text replaced by one private-use character, U+F0000 + the run's number
// (after the run's leading white space, which some insertion modes treat apart from other
// characters); gumbo parses the much shorter page, and the walker puts the runs back
// (ForEachSegment). A run holds no byte the parser acts on or changes ('<', '&', CR, NUL, control
// characters, noncharacters), so in the tokenizer's data state a run and its stand-in are both
// plain character tokens, handled alike by every insertion mode but a frameset's (such pages are
// not stood in for), and the tree is the original page's.
//
// Whether each run was read in the data state is not taken on trust from Build's scan of the
// markup: AllCameBack checks that every stand-in came back exactly once in a text node outside the
// raw-text elements (script, style, title, textarea, ...) and foreign content. Where one did not
// (a tag Build read otherwise than gumbo, such as an <iframe> that a <select> ignores, or a run
// where an insertion mode drops characters one by one), the caller parses the original page
// instead. A page
// that holds a character of the stand-ins' plane (a byte 0xF3, or a numeric reference that could
// name one) is not stood in for, so no stand-in can be confused with the page's own text.
#ifndef FAZHI_COMMON_TEXT_HTML_STAND_INS_H_
#define FAZHI_COMMON_TEXT_HTML_STAND_INS_H_

#include <gumbo.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace fazhi::text::html_internal {

// HTML's white space, ' ', '\t', '\n', '\r', '\f', as one shift and mask: it runs on every byte
// of a page's text.
inline bool IsHtmlSpace(char c) {
  constexpr uint64_t kSpaces =
      (uint64_t{1} << ' ') | (1u << '\t') | (1u << '\n') | (1u << '\r') | (1u << '\f');
  const auto byte = static_cast<unsigned char>(c);
  return byte <= ' ' && ((kSpaces >> byte) & 1) != 0;
}

// Past an attribute's value, from just after its '=': white space, then a quoted value (which may
// hold '>') or an unquoted one up to white space or '>'. How gumbo's tokenizer reads it; html.cc's
// tree estimate reads tags the same way.
size_t SkipAttributeValue(std::string_view html, size_t pos);

class StandIns final {
 public:
  // Copies `valid_utf8` (a whole page) with its runs stood in for. False where the page takes no
  // stand-in: none of its runs is long enough, or it has frameset, svg, math or CDATA markup, or a
  // character of the stand-ins' plane.
  bool Build(std::string_view valid_utf8);

  // The page to parse: valid UTF-8 as long as the original was.
  std::string_view page() const { return page_; }
  size_t count() const { return runs_.size(); }

  // Whether every stand-in is in the parsed tree exactly once, each in a text node whose parent
  // is an HTML element other than a raw-text one.
  bool AllCameBack(const GumboNode* root) const;

  // Calls visit(segment) for the pieces of a text node's text, its stand-ins replaced by their
  // runs, in order.
  template <typename Visit>
  void ForEachSegment(std::string_view text, Visit&& visit) const {
    size_t start = 0;
    while (true) {
      const void* found = std::memchr(text.data() + start, kStandInLead, text.size() - start);
      if (found == nullptr) break;
      const size_t at = static_cast<const char*>(found) - text.data();
      if (at > start) visit(text.substr(start, at - start));
      visit(runs_[IndexAt(text, at)]);
      start = at + kStandInBytes;
    }
    if (start < text.size()) visit(text.substr(start));
  }

  // The first byte of every stand-in's UTF-8 (F3 B0..BF xx xx: U+F0000 to U+FFFFF).
  static constexpr char kStandInLead = '\xF3';
  static constexpr size_t kStandInBytes = 4;

 private:
  static uint32_t IndexAt(std::string_view text, size_t at) {
    const auto byte = [&](size_t i) { return static_cast<uint32_t>(text[at + i]) & 0x3F; };
    return ((static_cast<uint32_t>(text[at + 1]) & 0x0F) << 12 | byte(2) << 6 | byte(3));
  }

  bool AppendText(std::string_view text);
  void AppendStandIn(std::string_view run);
  size_t AppendMarkup(std::string_view html, size_t lt);

  std::string page_;
  std::vector<std::string_view> runs_;  // views into the page given to Build
  bool refused_ = false;                // markup that takes no stand-ins was seen
};

}  // namespace fazhi::text::html_internal

#endif  // FAZHI_COMMON_TEXT_HTML_STAND_INS_H_
