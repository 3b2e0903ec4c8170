#include "cli/table.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <vector>

#include "common/text/utf8.h"

namespace fazhi::cli {
namespace {

int CodepointWidth(char32_t codepoint) {
  int width = u_getIntPropertyValue(static_cast<UChar32>(codepoint), UCHAR_EAST_ASIAN_WIDTH);
  return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

// Calls visit(codepoint) for each code point of `utf8` until it returns false.
template <typename Visit>
void VisitCodepoints(std::string_view utf8, Visit visit) {
  for (size_t offset = 0; offset < utf8.size();) {
    text::DecodedCodepoint decoded = text::DecodeCodepoint(utf8, offset);
    if (!visit(decoded.codepoint)) return;
    offset += std::max(decoded.length, 1);
  }
}

}  // namespace

int DisplayWidth(std::string_view utf8) {
  int width = 0;
  VisitCodepoints(utf8, [&](char32_t codepoint) {
    width += CodepointWidth(codepoint);
    return true;
  });
  return width;
}

std::string TruncateToWidth(std::string_view utf8, int max_columns) {
  if (DisplayWidth(utf8) <= max_columns) return std::string(utf8);
  std::string out;
  int width = 0;
  VisitCodepoints(utf8, [&](char32_t codepoint) {
    int next = CodepointWidth(codepoint);
    if (width + next > max_columns - 1) return false;
    width += next;
    text::AppendUtf8(out, codepoint);
    return true;
  });
  return out + "…";
}

std::string WindowAround(std::string_view utf8, int64_t focus_begin, int64_t focus_end,
                         int max_columns) {
  if (DisplayWidth(utf8) <= max_columns) return std::string(utf8);
  std::vector<char32_t> codepoints;
  VisitCodepoints(utf8, [&](char32_t codepoint) {
    codepoints.push_back(codepoint);
    return true;
  });
  const auto size = static_cast<int64_t>(codepoints.size());
  int64_t begin = std::clamp<int64_t>(focus_begin, 0, size);
  int64_t end = std::clamp<int64_t>(focus_end, begin, size);
  int width = 0;
  for (int64_t i = begin; i < end; ++i) width += CodepointWidth(codepoints[i]);
  // Columns of [from, to) with an ellipsis for each side cut.
  auto fits = [&](int64_t from, int64_t to, int with_width) {
    return with_width + (from > 0 ? 1 : 0) + (to < size ? 1 : 0) <= max_columns;
  };
  if (!fits(begin, end, width)) {
    std::string from_focus;
    for (int64_t i = begin; i < size; ++i) text::AppendUtf8(from_focus, codepoints[i]);
    return begin > 0 ? "…" + TruncateToWidth(from_focus, max_columns - 1)
                     : TruncateToWidth(from_focus, max_columns);
  }
  // Grow one character at a time on the side that has less, while it fits.
  for (bool grown = true; grown;) {
    grown = false;
    const bool left_first =
        begin > 0 && (end >= size || (focus_begin - begin) <= (end - focus_end));
    for (int side = 0; side < 2 && !grown; ++side) {
      const bool left = (side == 0) == left_first;
      if (left && begin > 0 &&
          fits(begin - 1, end, width + CodepointWidth(codepoints[begin - 1]))) {
        width += CodepointWidth(codepoints[--begin]);
        grown = true;
      } else if (!left && end < size &&
                 fits(begin, end + 1, width + CodepointWidth(codepoints[end]))) {
        width += CodepointWidth(codepoints[end++]);
        grown = true;
      }
    }
  }
  std::string out = begin > 0 ? "…" : "";
  for (int64_t i = begin; i < end; ++i) text::AppendUtf8(out, codepoints[i]);
  return end < size ? out + "…" : out;
}

std::string Table::Render() const {
  std::vector<int> widths(headers_.size(), 0);
  auto measure = [&widths](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(cells[i]));
    }
  };
  measure(headers_);
  for (const auto& row : rows_) measure(row);
  std::string out;
  auto render_row = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < cells.size() ? cells[i] : "";
      out += cell;
      if (i + 1 < widths.size()) out += std::string(widths[i] - DisplayWidth(cell) + 2, ' ');
    }
    out += "\n";
  };
  render_row(headers_);
  for (const auto& row : rows_) render_row(row);
  return out;
}

}  // namespace fazhi::cli
