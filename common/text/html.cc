#include "common/text/html.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <vector>

#include "common/text/html_stand_ins.h"
#include "common/text/utf8.h"

namespace fazhi::text {
namespace {

using html_internal::IsHtmlSpace;

// Collects text with HTML whitespace rules: runs of white space become one space, block
// boundaries become one line break, table cells a tab.
class TextBuilder final {
 public:
  void Text(std::string_view text, bool preformatted) {
    size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (preformatted && c == '\n') {
        Break();
        ++i;
      } else if (IsHtmlSpace(c)) {
        space_ = true;
        ++i;
      } else {  // a run up to the next space, appended at once
        Flush();
        const size_t start = i;
        while (i < text.size() && !IsHtmlSpace(text[i])) ++i;
        out_.append(text, start, i - start);
      }
    }
  }
  void Break() {
    if (!out_.empty()) pending_ = '\n';
    space_ = false;
  }
  void Cell() {
    if (!out_.empty() && out_.back() != '\n' && pending_ != '\n') pending_ = '\t';
    space_ = false;
  }
  std::string Take() { return std::move(out_); }

 private:
  void Flush() {
    if (pending_ != 0) {
      out_.push_back(pending_);
    } else if (space_ && !out_.empty() && out_.back() != '\n' && out_.back() != '\t') {
      out_.push_back(' ');
    }
    pending_ = 0;
    space_ = false;
  }

  std::string out_;
  char pending_ = 0;
  bool space_ = false;
};

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Elements whose content is never text of the document.
bool IsNonTextTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
      return true;
    default:
      return false;
  }
}

// Splits an id/class value into lowercase words at non-letters and camelCase humps.
std::vector<std::string> AttributeWords(std::string_view value) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < value.size() && words.size() < 64; ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (!std::isalpha(c)) {
      flush();
      continue;
    }
    if (std::isupper(c) && !word.empty() && std::islower(static_cast<unsigned char>(word.back()))) {
      flush();
    }
    if (word.size() < 32) word.push_back(static_cast<char>(std::tolower(c)));
  }
  flush();
  return words;
}

bool AttributeSaysNavigation(const GumboElement& element, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
  if (attribute == nullptr) return false;
  for (const std::string& word : AttributeWords(attribute->value)) {
    if (std::find(std::begin(kNavigationWords), std::end(kNavigationWords), word) !=
        std::end(kNavigationWords))
      return true;
  }
  return false;
}

bool IsHidden(const GumboElement& element) {
  if (gumbo_get_attribute(&element.attributes, "hidden") != nullptr) return true;
  const GumboAttribute* style = gumbo_get_attribute(&element.attributes, "style");
  if (style == nullptr) return false;
  std::string compact;
  for (const char* p = style->value; *p != 0 && compact.size() < 4096; ++p) {
    if (!IsHtmlSpace(*p)) compact.push_back(static_cast<char>(std::tolower(*p)));
  }
  return compact.find("display:none") != std::string::npos;
}

struct WalkOptions {
  bool drop_navigation = true;
  // The runs the parsed page's stand-ins replace; null where the page was parsed as it is.
  const html_internal::StandIns* stand_ins = nullptr;
};

class Walker final {
 public:
  explicit Walker(WalkOptions options) : options_(options) {}

  std::string Walk(const GumboNode* root) {
    std::vector<Frame> stack = {{root, false}};
    while (!stack.empty()) {
      const Frame frame = stack.back();
      stack.pop_back();
      if (frame.exit) {
        Leave(frame.node->v.element);
        continue;
      }
      const GumboNode* node = frame.node;
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
          node->type == GUMBO_NODE_WHITESPACE) {
        AppendText(node->v.text.text);
        continue;
      }
      if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
      const GumboVector& children =
          node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
      if (node->type == GUMBO_NODE_ELEMENT) {
        if (Skip(node->v.element)) continue;
        Enter(node->v.element);
        stack.push_back({node, true});
      }
      for (size_t i = children.length; i > 0; --i) {
        stack.push_back({static_cast<const GumboNode*>(children.data[i - 1]), false});
      }
    }
    return out_.Take();
  }

 private:
  struct Frame {
    const GumboNode* node;
    bool exit;
  };

  void AppendText(std::string_view text) {
    const bool preformatted = pre_depth_ > 0;
    if (options_.stand_ins == nullptr) {
      out_.Text(text, preformatted);
      return;
    }
    options_.stand_ins->ForEachSegment(
        text, [&](std::string_view segment) { out_.Text(segment, preformatted); });
  }

  bool Skip(const GumboElement& element) const {
    if (IsNonTextTag(element.tag) || IsHidden(element)) return true;
    if (!options_.drop_navigation) return false;
    if (element.tag == GUMBO_TAG_NAV || element.tag == GUMBO_TAG_ASIDE) return true;
    // A <header> inside an article holds its title and date; the page's own does not.
    if ((element.tag == GUMBO_TAG_HEADER || element.tag == GUMBO_TAG_FOOTER) && article_depth_ == 0)
      return true;
    return AttributeSaysNavigation(element, "id") || AttributeSaysNavigation(element, "class");
  }

  void Enter(const GumboElement& element) {
    if (element.tag == GUMBO_TAG_ARTICLE || element.tag == GUMBO_TAG_MAIN) ++article_depth_;
    if (element.tag == GUMBO_TAG_PRE) ++pre_depth_;
    if (element.tag == GUMBO_TAG_BR) out_.Break();
    if (element.tag == GUMBO_TAG_TD || element.tag == GUMBO_TAG_TH) out_.Cell();
    if (IsBlockTag(element.tag)) out_.Break();
  }

  void Leave(const GumboElement& element) {
    if (element.tag == GUMBO_TAG_ARTICLE || element.tag == GUMBO_TAG_MAIN) --article_depth_;
    if (element.tag == GUMBO_TAG_PRE) --pre_depth_;
    if (IsBlockTag(element.tag)) out_.Break();
  }

  WalkOptions options_;
  TextBuilder out_;
  int article_depth_ = 0;
  int pre_depth_ = 0;
};

std::string FindTitle(const GumboNode* root) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
    const bool document = node->type == GUMBO_NODE_DOCUMENT;
    if (!document && node->v.element.tag == GUMBO_TAG_TITLE) {
      TextBuilder title;
      for (size_t i = 0; i < node->v.element.children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(node->v.element.children.data[i]);
        if (child->type == GUMBO_NODE_TEXT) title.Text(child->v.text.text, false);
      }
      return title.Take();
    }
    if (!document && node->v.element.tag == GUMBO_TAG_BODY) continue;  // title lives in <head>
    const GumboVector& children = document ? node->v.document.children : node->v.element.children;
    for (size_t i = children.length; i > 0; --i) {
      stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  }
  return {};
}

// ---------------------------------------------------------------- Linear fallback.

bool StartsWithIgnoreCase(std::string_view text, size_t pos, std::string_view prefix) {
  if (text.size() < pos + prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) != prefix[i]) return false;
  }
  return true;
}

std::string_view TagNameAt(std::string_view html, size_t pos) {  // pos after '<' or '</'
  size_t end = pos;
  while (end < html.size() && end - pos < 16 && std::isalnum(static_cast<unsigned char>(html[end])))
    ++end;
  return html.substr(pos, end - pos);
}

// Elements that end a page's nesting implicitly, so they do not count towards its depth.
bool IsImplicitlyClosed(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area",   "base",  "br",  "col", "embed", "hr", "img", "input", "link",   "meta", "param",
      "source", "track", "wbr", "p",   "li",    "td", "th",  "tr",    "option", "dt",   "dd"};
  std::string lower;
  for (char c : name)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return std::find(std::begin(kNames), std::end(kNames), lower) != std::end(kNames);
}

// The <title> of a page too large for the parser: its first <title> element's text.
std::string FindTitleLinear(std::string_view html) {
  for (size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    if (!StartsWithIgnoreCase(html, lt, "<title") || lt + 6 >= html.size() ||
        (html[lt + 6] != '>' && !IsHtmlSpace(html[lt + 6]))) {
      continue;
    }
    const size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) return "";
    size_t end = html.find('<', gt);
    while (end != std::string_view::npos && !StartsWithIgnoreCase(html, end, "</title"))
      end = html.find('<', end + 1);
    TextBuilder title;
    title.Text(
        html.substr(gt + 1, end == std::string_view::npos ? std::string_view::npos : end - gt - 1),
        false);
    return title.Take();
  }
  return "";
}

bool IsBlockName(std::string_view name) {
  const GumboTag tag = gumbo_tag_enum(std::string(name).c_str());
  return IsBlockTag(tag) || tag == GUMBO_TAG_BR;
}

std::string StripTagsLinear(std::string_view html) {
  TextBuilder out;
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    out.Text(html.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i), false);
    if (lt == std::string_view::npos) break;
    if (StartsWithIgnoreCase(html, lt, "<!--")) {
      const size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    const bool close = lt + 1 < html.size() && html[lt + 1] == '/';
    std::string name(TagNameAt(html, lt + (close ? 2 : 1)));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t gt = html.find('>', lt);
    i = gt == std::string_view::npos ? html.size() : gt + 1;
    if (name.empty()) continue;
    if (!close && (name == "script" || name == "style" || name == "noscript" ||
                   name == "template" || name == "title")) {
      const std::string end_tag = "</" + name;
      size_t end = i;
      while (end < html.size() && !StartsWithIgnoreCase(html, end, end_tag)) {
        end = html.find('<', end + 1);
        if (end == std::string_view::npos) end = html.size();
      }
      i = end;
      continue;
    }
    if (name == "td" || name == "th") {
      if (!close) out.Cell();
    } else if (IsBlockName(name)) {
      out.Break();
    }
  }
  return out.Take();
}

constexpr size_t kMinNavigationFreeText = 200;

// Counts the attributes of a tag from `pos` (just after its name) to its '>', skipping quoted
// values (which may hold '<' and '>'); returns the position after the tag.
size_t CountAttributes(std::string_view html, size_t pos, int64_t* attributes) {
  const auto ends_name = [&](size_t at) {
    const char c = html[at];
    return IsHtmlSpace(c) || c == '>' || c == '=' || c == '/';
  };
  while (pos < html.size()) {
    const char c = html[pos];
    if (c == '>') return pos + 1;
    if (IsHtmlSpace(c) || c == '/') {
      ++pos;
    } else if (c == '=') {
      pos = html_internal::SkipAttributeValue(html, pos + 1);
    } else {
      ++*attributes;
      while (pos < html.size() && !ends_name(pos)) ++pos;
    }
  }
  return pos;
}

// Gumbo records every parse error with a copy of the open elements; nothing here reads them.
GumboOptions ParserOptions() {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  return options;
}

}  // namespace

HtmlTreeEstimate EstimateHtmlTree(std::string_view html) {
  HtmlTreeEstimate tree;
  int depth = 0;
  for (size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt)) {
    const char after = lt + 1 < html.size() ? html[lt + 1] : '\0';
    if (StartsWithIgnoreCase(html, lt, "<!--")) {  // a comment node
      ++tree.nodes;
      const size_t end = html.find("-->", lt + 4);
      lt = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    if (after == '!' || after == '?') {  // a doctype or a bogus comment
      ++tree.nodes;
      lt += 2;
      continue;
    }
    const bool close = after == '/';
    const size_t name_at = lt + (close ? 2 : 1);
    const std::string_view name = TagNameAt(html, name_at);
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) {
      if (close) ++tree.nodes;  // "</1": a bogus comment
      lt += 1;
      continue;
    }
    // An end tag makes an element too when nothing matches it ("</p>", "</br>").
    ++tree.nodes;
    lt = CountAttributes(html, name_at + name.size(), &tree.attributes);
    if (IsImplicitlyClosed(name)) continue;
    depth += close ? -1 : 1;
    depth = std::max(depth, 0);
    tree.max_nesting = std::max(tree.max_nesting, depth);
  }
  return tree;
}

namespace {

bool FitsParser(std::string_view html) {
  const HtmlTreeEstimate tree = EstimateHtmlTree(html);
  return tree.max_nesting <= kMaxHtmlNesting && tree.bytes() <= MaxHtmlTreeBytes(html.size());
}

}  // namespace

bool ReducesWithParser(std::string_view utf8) { return FitsParser(RepairUtf8(utf8)); }

ReducedHtml ReduceHtml(std::string_view utf8) { return ReduceValidHtml(RepairUtf8(utf8)); }

namespace {

GumboOutput* Parse(std::string_view page) {
  const GumboOptions options = ParserOptions();
  return gumbo_parse_with_options(&options, page.data(), page.size());
}

void Destroy(GumboOutput* output) {
  const GumboOptions options = ParserOptions();
  gumbo_destroy_output(&options, output);
}

ReducedHtml ReduceTree(const GumboOutput& output, const html_internal::StandIns* stand_ins) {
  ReducedHtml reduced;
  reduced.title = FindTitle(output.document);
  reduced.text =
      Walker(WalkOptions{.drop_navigation = true, .stand_ins = stand_ins}).Walk(output.document);
  // A page whose whole body sits in, say, a "main-menu" wrapper: keep its text rather than none.
  if (reduced.text.size() < kMinNavigationFreeText) {
    std::string all =
        Walker(WalkOptions{.drop_navigation = false, .stand_ins = stand_ins}).Walk(output.document);
    if (all.size() > 2 * kMinNavigationFreeText) reduced.text = std::move(all);
  }
  // gumbo 0.10 overflows on a numeric reference too long to be a code point ("&#x3e2d25685") and
  // writes invalid UTF-8 for it (found by the html fuzzer): repair what it gave back.
  if (!IsValidUtf8(reduced.text)) reduced.text = RepairUtf8(reduced.text);
  if (!IsValidUtf8(reduced.title)) reduced.title = RepairUtf8(reduced.title);
  return reduced;
}

ReducedHtml ReduceLinear(std::string_view html) {
  ReducedHtml reduced;
  reduced.text = StripTagsLinear(html);
  reduced.title = FindTitleLinear(html);
  return reduced;
}

// The page reduced from gumbo's tree of it with its text runs stood in for (html_stand_ins.h);
// nothing where the page takes no stand-ins or one did not come back where its run was.
std::optional<ReducedHtml> ReduceWithStandIns(std::string_view html) {
  html_internal::StandIns stand_ins;
  if (!stand_ins.Build(html)) return std::nullopt;
  GumboOutput* output = Parse(stand_ins.page());
  std::optional<ReducedHtml> reduced;
  if (stand_ins.AllCameBack(output->document)) reduced = ReduceTree(*output, &stand_ins);
  Destroy(output);
  return reduced;
}

// The page reduced from gumbo's tree of the page as it is.
ReducedHtml ReduceAsIs(std::string_view html) {
  GumboOutput* output = Parse(html);
  ReducedHtml reduced = ReduceTree(*output, nullptr);
  Destroy(output);
  return reduced;
}

}  // namespace

ReducedHtml ReduceValidHtml(std::string_view html) {
  if (!FitsParser(html)) return ReduceLinear(html);
  std::optional<ReducedHtml> reduced = ReduceWithStandIns(html);
  return reduced ? *std::move(reduced) : ReduceAsIs(html);
}

ReducedHtml ReduceValidHtmlWithoutStandIns(std::string_view html) {
  return FitsParser(html) ? ReduceAsIs(html) : ReduceLinear(html);
}

}  // namespace fazhi::text
