#include "tools/corpus_generator/scrape_noise.h"

#include <array>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace fazhi::corpus {
namespace {

// Lines seen above and below the article on government sites (a scraper's text of the page).
constexpr std::array<std::string_view, 5> kChromeBefore = {{
    "当前位置：首页 > 政务公开 > 法治政府建设",
    "【字体：大 中 小】",
    "分享到：",
    "扫一扫在手机打开当前页",
    "【打印本页】【关闭窗口】",
}};
constexpr std::array<std::string_view, 4> kChromeAfter = {{
    "【打印本文】 【关闭窗口】",
    "上一篇：",
    "下一篇：",
    "网站地图 | 联系我们",
}};

size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  return 4;
}

// The common CJK ideographs (U+4E00..U+9FFF) as UTF-8 at `at`.
bool IsHanAt(std::string_view text, size_t at) {
  if (at + 3 > text.size()) return false;
  auto lead = static_cast<unsigned char>(text[at]);
  return lead >= 0xE4 && lead <= 0xE9;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool IsYearAt(std::string_view text, size_t at) {
  if (at + 4 > text.size()) return false;
  for (size_t i = at; i < at + 4; ++i) {
    if (!IsAsciiDigit(text[i])) return false;
  }
  return (at == 0 || !IsAsciiDigit(text[at - 1])) && (text[at] == '1' || text[at] == '2');
}

// "2016—2020" and "2016-2020" lose their dash.
std::string FuseYearRanges(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    if (IsYearAt(line, i)) {
      out.append(line.substr(i, 4));
      i += 4;
      for (std::string_view dash : {std::string_view("—"), std::string_view("-")}) {
        if (line.substr(i, dash.size()) == dash && IsYearAt(line, i + dash.size())) {
          i += dash.size();
          break;
        }
      }
      continue;
    }
    out.push_back(line[i++]);
  }
  return out;
}

// Each line of `table` with an even chance, in order.
template <size_t N>
std::vector<std::string> SomeOf(const std::array<std::string_view, N>& table, Rng& rng) {
  std::vector<std::string> lines;
  for (std::string_view line : table) {
    if (rng.Chance(0.5)) lines.emplace_back(line);
  }
  return lines;
}

}  // namespace

ScrapeNoise ScrapeNoise::Draw(Rng& rng) {
  ScrapeNoise noise;
  noise.chrome = rng.Chance(0.3);
  noise.wrap_width = rng.Chance(0.15) ? rng.Between(28, 42) : 0;
  noise.stray_space_rate = rng.Chance(0.25) ? 0.002 * rng.Between(1, 5) : 0;
  noise.full_width_digits = rng.Chance(0.1);
  noise.fused_year_ranges = rng.Chance(0.2);
  return noise;
}

std::vector<std::string> ScrapeNoise::ChromeBefore(Rng& rng) const {
  std::vector<std::string> lines = chrome ? SomeOf(kChromeBefore, rng) : std::vector<std::string>();
  if (chrome && rng.Chance(0.5)) lines.push_back(absl::StrCat("浏览次数：", rng.Between(12, 9999)));
  return lines;
}

std::vector<std::string> ScrapeNoise::ChromeAfter(Rng& rng) const {
  return chrome ? SomeOf(kChromeAfter, rng) : std::vector<std::string>();
}

std::string ScrapeNoise::DamageProse(std::string_view line, Rng& rng) const {
  std::string fused = fused_year_ranges ? FuseYearRanges(line) : std::string(line);
  if (stray_space_rate == 0 && !full_width_digits) return fused;
  std::string out;
  out.reserve(fused.size() + fused.size() / 8);
  for (size_t i = 0; i < fused.size();) {
    size_t length = SequenceLength(static_cast<unsigned char>(fused[i]));
    if (full_width_digits && IsAsciiDigit(fused[i])) {
      // U+FF10..U+FF19: EF BC 90..99.
      out += "\xEF\xBC";
      out.push_back(static_cast<char>(0x90 + (fused[i] - '0')));
    } else {
      out.append(fused, i, length);
    }
    if (IsHanAt(fused, i) && IsHanAt(fused, i + length) && rng.Chance(stray_space_rate)) {
      out.push_back(' ');
    }
    i += length;
  }
  return out;
}

std::vector<std::string> ScrapeNoise::Wrap(std::string_view line) const {
  if (wrap_width <= 0) return {std::string(line)};
  std::vector<std::string> pieces;
  size_t start = 0;
  int counted = 0;
  for (size_t i = 0; i < line.size(); i += SequenceLength(static_cast<unsigned char>(line[i]))) {
    if (counted == wrap_width) {
      pieces.emplace_back(line.substr(start, i - start));
      start = i;
      counted = 0;
    }
    ++counted;
  }
  if (start < line.size()) pieces.emplace_back(line.substr(start));
  return pieces;
}

}  // namespace fazhi::corpus
