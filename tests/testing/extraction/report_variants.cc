#include "tests/testing/extraction/report_variants.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "common/text/code_points.h"
#include "common/text/utf8.h"

namespace fazhi::extraction::testing {
namespace {

using text::IsHan;

using nlohmann::json;

// What may follow a figure that re-figuring leaves alone: dates, times, ordinals, issue numbers.
constexpr std::u32string_view kNotCounted = U"年月日号时分秒届期版";
// Between a figure and its counted word.
constexpr std::u32string_view kApproximations = U"余多";

std::u32string Decode(std::string_view utf8) {
  std::u32string out;
  for (size_t pos = 0; pos < utf8.size();) {
    const text::DecodedCodepoint c = text::DecodeCodepoint(utf8, pos);
    out.push_back(c.codepoint);
    pos += std::max(1, c.length);
  }
  return out;
}

std::string Encode(std::u32string_view cps) {
  std::string out;
  for (char32_t c : cps) text::AppendUtf8(out, c);
  return out;
}

bool IsDigit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
int DigitOf(char32_t c) {
  return c >= U'０' ? static_cast<int>(c - U'０') : static_cast<int>(c - U'0');
}
char32_t DigitLike(char32_t like, int d) {
  return (like >= U'０' ? U'０' : U'0') + static_cast<char32_t>(d);
}
bool IsPoint(char32_t c) { return c == U'.' || c == U'．'; }
bool IsComma(char32_t c) { return c == U',' || c == U'，'; }
bool IsPercent(char32_t c) { return c == U'%' || c == U'％'; }

// An Arabic number in code points: [begin, end), integer digits (thousands commas allowed) and
// an optional decimal part.
struct Token {
  size_t begin = 0;
  size_t end = 0;
  size_t point = 0;  // position of the decimal point, or end
  double value = 0;
};

std::optional<Token> TokenAt(std::u32string_view s, size_t pos) {
  if (!IsDigit(s[pos]) ||
      (pos > 0 && (IsDigit(s[pos - 1]) || IsPoint(s[pos - 1]) || IsComma(s[pos - 1])))) {
    return std::nullopt;
  }
  Token t{pos, pos, 0, 0};
  while (t.end < s.size() && (IsDigit(s[t.end]) || (IsComma(s[t.end]) && t.end + 1 < s.size() &&
                                                    IsDigit(s[t.end + 1])))) {
    ++t.end;
  }
  t.point = t.end;
  if (t.end + 1 < s.size() && IsPoint(s[t.end]) && IsDigit(s[t.end + 1])) {
    ++t.end;
    while (t.end < s.size() && IsDigit(s[t.end])) ++t.end;
  }
  double scale = 0.1;
  for (size_t i = t.begin; i < t.end; ++i) {
    if (!IsDigit(s[i])) continue;
    if (i < t.point) {
      t.value = t.value * 10 + DigitOf(s[i]);
    } else {
      t.value += scale * DigitOf(s[i]);
      scale /= 10;
    }
  }
  return t;
}

// Whether the token counts something (件, 人, %, 万 ...), as opposed to a date or an ordinal.
bool Counted(std::u32string_view s, const Token& t) {
  size_t next = t.end;
  while (next < s.size() && kApproximations.find(s[next]) != std::u32string_view::npos) ++next;
  if (next >= s.size()) return false;
  if (IsPercent(s[next])) return t.value < 100;  // a rate stays a rate; 100% stays whole
  return IsHan(s[next]) && kNotCounted.find(s[next]) == std::u32string_view::npos;
}

// Same shape, other digits: the first integer digit stays non-zero (and a rate below 100).
void MapDigits(std::u32string& s, const Token& t) {
  bool first = true;
  for (size_t i = t.begin; i < t.end; ++i) {
    if (!IsDigit(s[i])) continue;
    const int d = DigitOf(s[i]);
    int mapped = 0;
    if (i > t.point) {
      mapped = (d + 3) % 10;
    } else if (first) {
      mapped = d == 0 ? 0 : (d - 1 + 4) % 9 + 1;
      first = false;
    } else {
      mapped = (d + 7) % 10;
    }
    s[i] = DigitLike(s[i], mapped);
  }
}

std::u32string RefigureText(std::u32string s) {
  for (size_t pos = 0; pos < s.size(); ++pos) {
    std::optional<Token> t = TokenAt(s, pos);
    if (!t) continue;
    if (Counted(s, *t)) MapDigits(s, *t);
    pos = t->end - 1;
  }
  return s;
}

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)); }

// The value `value` stated by a token of `before`, as the same token reads in `after`
// (magnitudes 万/亿 carried over), or nullopt when no token states it.
std::optional<double> MapValue(std::u32string_view before, std::u32string_view after,
                               double value) {
  for (size_t pos = 0; pos < before.size(); ++pos) {
    std::optional<Token> old_token = TokenAt(before, pos);
    if (!old_token) continue;
    for (double magnitude : {1.0, 1e4, 1e8}) {
      if (!Near(old_token->value * magnitude, value)) continue;
      std::optional<Token> new_token = TokenAt(after, pos);
      if (!new_token) return std::nullopt;
      return std::round(new_token->value * magnitude * 1e6) / 1e6;
    }
    pos = old_token->end - 1;
  }
  return std::nullopt;
}

class Refigurer final {
 public:
  explicit Refigurer(std::string_view text)
      : before_(Decode(text)), after_(RefigureText(before_)) {}

  std::string text() const { return Encode(after_); }

  // The surface as it reads in the re-figured text (found in the original: same offsets).
  std::u32string Surface(std::u32string_view surface) const {
    const size_t at = before_.find(surface);
    if (at == std::u32string::npos) return RefigureText(std::u32string(surface));
    return after_.substr(at, surface.size());
  }

  json SurfaceJson(const json& surface) const {
    if (!surface.is_string()) return surface;
    return Encode(Surface(Decode(surface.get<std::string>())));
  }

  // A gold value stated in `surface` (else anywhere in the text), mapped like its digits.
  json Value(const json& value, const json& surface) const {
    if (!value.is_number()) return value;
    const double v = value.get<double>();
    if (surface.is_string()) {
      // A value its evidence writes in Chinese numerals (一件) or words (暂无) keeps.
      const std::u32string old_surface = Decode(surface.get<std::string>());
      auto mapped = MapValue(old_surface, Surface(old_surface), v);
      return mapped ? Number(*mapped) : value;
    }
    if (auto mapped = MapValue(before_, after_, v)) return Number(*mapped);
    return value;
  }

 private:
  static json Number(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return static_cast<int64_t>(v);
    return v;
  }

  std::u32string before_;
  std::u32string after_;
};

void MapAccept(json& field, const Refigurer& r) {
  if (!field.is_object() || !field.contains("accept")) return;
  for (json& s : field["accept"]) s = r.SurfaceJson(s);
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line(text.substr(start, nl - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = nl + 1;
  }
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i];
  }
  return out;
}

std::string EscapeHtml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A body paragraph that may move: a long line of sentences, not a heading.
bool Movable(const std::string& line) {
  const std::u32string cps = Decode(line);
  if (cps.size() < 40 || line.find("。") == std::string::npos) return false;
  const bool numbered = cps.size() > 1 && (cps[1] == U'、' || cps[0] == U'(' || cps[0] == U'（');
  return !numbered;
}

}  // namespace

absl::StatusOr<std::string> ToGb18030(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t length =
      ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                   static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status))
    return absl::InternalError(std::string("ICU GB18030: ") + u_errorName(status));
  out.resize(static_cast<size_t>(length));
  return out;
}

std::string ToUtf16LeWithBom(std::string_view utf8) {
  std::string out = "\xFF\xFE";
  auto unit = [&](uint32_t u) {
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
  };
  for (char32_t c : Decode(utf8)) {
    if (c < 0x10000) {
      unit(c);
    } else {
      unit(0xD800 + ((c - 0x10000) >> 10));
      unit(0xDC00 + ((c - 0x10000) & 0x3FF));
    }
  }
  return out;
}

AnnotatedReport AsHtmlPage(const AnnotatedReport& report, std::string_view charset) {
  std::vector<std::string> lines = Lines(report.text);
  std::string title;
  for (const std::string& line : lines) {
    if (line.find_first_not_of(" \t") != std::string::npos) {
      title = line;
      break;
    }
  }
  std::string page =
      "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=" +
      std::string(charset) + "\"><title>" + EscapeHtml(title) +
      "</title><script>var _hmt = _hmt || [];</script></head><body>\n"
      "<header><div class=\"logo\">政务公开</div><a href=\"/\">无障碍</a> | <a "
      "href=\"/en\">English</a></header>\n"
      "<nav><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk\">政务公开</a></li>"
      "<li><a href=\"/hdjl\">互动交流</a></li><li><a href=\"/bsfw\">办事服务</a></li></ul></nav>\n"
      "<div class=\"breadcrumb\">当前位置:<a href=\"/\">首页</a> &gt; <a "
      "href=\"/zwgk\">政务公开</a> &gt; "
      "<a href=\"/zwgk/fzzfjs\">法治政府建设</a></div>\n<div class=\"article\">\n";
  for (const std::string& line : lines) page += "<p>" + EscapeHtml(line) + "</p>\n";
  page +=
      "</div>\n<div class=\"share\">分享到:微信 微博</div>\n"
      "<footer><p>主办单位:人民政府办公室 承办:信息中心</p>"
      "<p>网站标识码:4301000001 备案号:湘ICP备05003476号-1 湘公网安备 43010202000123号</p>"
      "<p>联系电话:0731-88888888 地址:人民路1号</p></footer>\n</body></html>\n";
  AnnotatedReport out = report;
  out.text = std::move(page);
  out.extension = ".html";
  return out;
}

AnnotatedReport ToFullWidth(const AnnotatedReport& report) {
  std::u32string cps = Decode(report.text);
  for (char32_t& c : cps) {
    if (c == U' ') {
      c = U'\u3000';
    } else if ((c >= U'0' && c <= U'9') ||
               std::u32string_view(U"().,:;!?%-/").find(c) != std::u32string_view::npos) {
      c = c - U'!' + U'！';
    }
  }
  AnnotatedReport out = report;
  out.text = Encode(cps);
  return out;
}

AnnotatedReport Refigure(const AnnotatedReport& report) {
  const Refigurer r(report.text);
  AnnotatedReport out = report;
  out.text = r.text();
  json& gold = out.gold;
  if (gold.contains("metadata")) {
    MapAccept(gold["metadata"]["title"], r);
    MapAccept(gold["metadata"]["issuer"], r);
  }
  if (gold.contains("indicators")) {
    for (auto& [id, cell] : gold["indicators"].items()) {
      if (!cell.is_object()) continue;
      const json old_evidence = cell.value("evidence", json());
      if (cell.contains("value")) cell["value"] = r.Value(cell["value"], old_evidence);
      if (cell.contains("also_accept") && cell["also_accept"].is_array()) {
        for (json& v : cell["also_accept"]) v = r.Value(v, old_evidence);
      }
      if (cell.contains("evidence")) cell["evidence"] = r.SurfaceJson(old_evidence);
    }
  }
  if (gold.contains("quantities")) {
    for (json& q : gold["quantities"]) {
      const json old_surface = q["surface"];
      q["value"] = r.Value(q["value"], old_surface);
      q["surface"] = r.SurfaceJson(old_surface);
    }
  }
  if (gold.contains("dates")) {
    for (json& d : gold["dates"]) d["surface"] = r.SurfaceJson(d["surface"]);
  }
  for (const char* list : {"citations", "document_numbers"}) {
    if (!gold.contains(list)) continue;
    for (json& s : gold[list]) s = r.SurfaceJson(s);
  }
  return out;
}

AnnotatedReport ReorderParagraphs(const AnnotatedReport& report) {
  std::vector<std::string> lines = Lines(report.text);
  size_t i = 0;
  while (i < lines.size()) {
    if (!Movable(lines[i])) {
      ++i;
      continue;
    }
    // A run of movable lines, blank lines between them allowed.
    std::vector<size_t> run;
    size_t j = i;
    while (j < lines.size() &&
           (Movable(lines[j]) || lines[j].find_first_not_of(" \t") == std::string::npos)) {
      if (Movable(lines[j])) run.push_back(j);
      ++j;
    }
    std::vector<std::string> moved;
    for (size_t k : run) moved.push_back(lines[k]);
    std::reverse(moved.begin(), moved.end());
    for (size_t k = 0; k < run.size(); ++k) lines[run[k]] = std::move(moved[k]);
    i = j;
  }
  AnnotatedReport out = report;
  out.text = JoinLines(lines);
  return out;
}

AnnotatedReport HardWrap(const AnnotatedReport& report, int width) {
  std::vector<std::string> wrapped;
  for (const std::string& line : Lines(report.text)) {
    const std::u32string cps = Decode(line);
    if (cps.size() <= static_cast<size_t>(width)) {
      wrapped.push_back(line);
      continue;
    }
    for (size_t at = 0; at < cps.size(); at += static_cast<size_t>(width)) {
      wrapped.push_back(Encode(std::u32string_view(cps).substr(at, static_cast<size_t>(width))));
    }
  }
  AnnotatedReport out = report;
  out.text = JoinLines(wrapped);
  return out;
}

AnnotatedReport Rename(const AnnotatedReport& report, std::string name, std::string extension) {
  AnnotatedReport out = report;
  out.name = std::move(name);
  out.extension = std::move(extension);
  out.gold["document"] = out.name + out.extension;
  return out;
}

}  // namespace fazhi::extraction::testing
