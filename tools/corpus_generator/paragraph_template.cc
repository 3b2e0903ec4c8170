#include "tools/corpus_generator/paragraph_template.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "services/extraction/divisions/division_names.h"
#include "tools/corpus_generator/generator_words.h"

namespace fazhi::corpus {
namespace {

using extraction::Division;
using extraction::DivisionIndex;
using extraction::DivisionLevel;

// Characters around a number that make it a date part, an ordinal, a list marker or an ID
// rather than a figure.
constexpr std::array<std::string_view, 11> kLiteralBefore = {
    {"第", "月", "-", "—", "–", "/", ":", "~", "至", ".", "#"}};
constexpr std::array<std::string_view, 16> kLiteralAfter = {
    {"月", "日", "号", "时", "点", "届", "版", "、", ".", "-", "—", "–", "/", ":", "楼", "路"}};
// Around a four-digit year: 2021年, 2015-2020, 2021.12, 至2025.
constexpr std::array<std::string_view, 7> kYearAfter = {{"年", "-", "—", "–", "至", "/", "."}};
constexpr std::array<std::string_view, 4> kYearBefore = {{"-", "—", "–", "至"}};
// Brackets whose content is a title or a document number: figures and years inside stay.
constexpr std::array<std::string_view, 4> kOpenBrackets = {{"《", "〔", "【", "["}};
constexpr std::array<std::string_view, 4> kCloseBrackets = {{"》", "〕", "】", "]"}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The UTF-8 character that ends at `pos` (empty at the start).
std::string_view CharBefore(std::string_view text, size_t pos) {
  if (pos == 0) return {};
  size_t begin = pos - 1;
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
  return text.substr(begin, pos - begin);
}

// The UTF-8 character that starts at `pos` (empty at the end).
std::string_view CharAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return {};
  unsigned char lead = static_cast<unsigned char>(text[pos]);
  size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return text.substr(pos, std::min(length, text.size() - pos));
}

template <size_t N>
bool OneOf(std::string_view c, const std::array<std::string_view, N>& set) {
  return !c.empty() && std::find(set.begin(), set.end(), c) != set.end();
}

bool EndsWith(std::string_view text, size_t pos, std::string_view word) {
  return pos >= word.size() && text.substr(pos - word.size(), word.size()) == word;
}

// A compiled slot over [begin, end) of the paragraph, before literals are filled in.
struct Claim {
  size_t begin;
  size_t end;
  int order;  // index into the slot list being built
};

}  // namespace

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

PlaceNames NamesOf(const Division& division) {
  const std::string official(division.name);
  PlaceNames names{official, official, official};
  // The type word a short name keeps (县 in 通道县, 州 in 甘孜州): the suffix's generic form, or
  // a one-character suffix itself. Asking HasTypeSuffix instead would call 郴州 typed.
  std::string_view suffix = extraction::DivisionSuffixOf(division.name);
  std::string_view type_word;
  for (const extraction::DivisionSuffix& entry : extraction::kDivisionSuffixes) {
    if (entry.suffix != suffix) continue;
    type_word = !entry.generic.empty() ? entry.generic : suffix.size() <= 3 ? suffix : "";
    break;
  }
  bool have_typed = false;
  bool have_bare = false;
  for (const std::string& name : extraction::ShortNames(division.name)) {
    bool typed = !type_word.empty() && name.size() > type_word.size() &&
                 std::string_view(name).substr(name.size() - type_word.size()) == type_word;
    if (typed && !have_typed) {
      names.typed_short = name;
      have_typed = true;
    } else if (!typed && !have_bare) {
      names.bare = name;
      have_bare = true;
    }
  }
  return names;
}

std::string_view LevelWordOf(std::string_view official_name) {
  for (const LevelWord& row : kLevelWords) {
    if (official_name.size() >= row.suffix.size() &&
        official_name.substr(official_name.size() - row.suffix.size()) == row.suffix) {
      return row.word;
    }
  }
  return {};
}

ParagraphTemplate ParagraphTemplate::Compile(std::string_view text, const SourcePlace& source,
                                             const DivisionIndex& index) {
  ParagraphTemplate result;
  result.text_ = std::string(text);
  std::vector<bool> taken(text.size(), false);
  auto is_free = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      if (taken[i]) return false;
    }
    return true;
  };
  std::vector<std::pair<size_t, Slot>> claims;  // begin -> slot (end in slot.end)
  auto claim = [&](size_t begin, size_t end, Slot slot) {
    std::fill(taken.begin() + begin, taken.begin() + end, true);
    slot.begin = static_cast<uint32_t>(begin);
    slot.end = static_cast<uint32_t>(end);
    claims.emplace_back(begin, slot);
  };

  // Names of the source's own jurisdiction and its ancestors.
  std::vector<int32_t> chain;
  if (source.own != nullptr) chain.push_back(index.IndexOf(*source.own));
  for (const Division* ancestor : source.ancestors) chain.push_back(index.IndexOf(*ancestor));
  if (!chain.empty()) {
    for (const extraction::DivisionMention& mention : index.FindMentions(text)) {
      for (const extraction::NameHit& hit : mention.hits) {
        if (std::find(chain.begin(), chain.end(), hit.division) == chain.end()) continue;
        if (!is_free(mention.begin, mention.end)) break;
        const Division& division = index.at(hit.division);
        Slot slot;
        slot.kind = Kind::kPlace;
        slot.level = static_cast<int8_t>(division.level);
        slot.own = hit.division == chain.front();
        std::string_view name = text.substr(mention.begin, mention.end - mention.begin);
        slot.form = name == division.name ? Form::kOfficial
                    : mention.typed       ? Form::kTypedShort
                                          : Form::kBare;
        claim(mention.begin, mention.end, slot);
        break;
      }
    }
  }

  // Self-references by level word.
  auto scan_level_word = [&](std::string_view word, bool superior) {
    if (word.empty()) return;
    for (size_t pos = text.find(word); pos != std::string_view::npos;
         pos = text.find(word, pos + word.size())) {
      size_t end = pos + word.size();
      if (!is_free(pos, end)) continue;
      bool self = false;
      if (!superior) {
        for (std::string_view prefix : kSelfPrefixes) {
          if (!EndsWith(text, pos, prefix)) continue;
          self = prefix != "全" || !OneOf(CharBefore(text, pos - prefix.size()), kWholeGuards);
          break;
        }
      }
      if (!self && !OneOf(CharBefore(text, pos), kLevelWordGuards)) {
        std::string_view rest = text.substr(end);
        auto follows = [&](const auto& followers) {
          return std::any_of(followers.begin(), followers.end(),
                             [&](std::string_view f) { return rest.substr(0, f.size()) == f; });
        };
        self = superior ? follows(kSuperiorFollowers) : follows(kSelfFollowers);
      }
      if (!self) continue;
      Slot slot;
      slot.kind = Kind::kLevelWord;
      slot.superior = superior;
      claim(pos, end, slot);
    }
  };
  scan_level_word(source.own_word, false);
  scan_level_word(source.superior_word, true);

  // Years and figures.
  int bracket_depth = 0;
  for (size_t i = 0; i < text.size();) {
    std::string_view c = CharAt(text, i);
    if (OneOf(c, kOpenBrackets)) ++bracket_depth;
    if (OneOf(c, kCloseBrackets) && bracket_depth > 0) --bracket_depth;
    if (!IsDigit(text[i])) {
      i += c.size();
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsDigit(text[j])) ++j;
    size_t k = j;
    if (k + 1 < text.size() && text[k] == '.' && IsDigit(text[k + 1])) {
      ++k;
      while (k < text.size() && IsDigit(text[k])) ++k;
    }
    std::string_view before = CharBefore(text, i);
    std::string_view after = CharAt(text, k);
    // 1,234: a grouped figure; left as it is.
    if (after == "," && k + 3 < text.size() && IsDigit(text[k + 1]) && IsDigit(text[k + 2]) &&
        IsDigit(text[k + 3]) && (k + 4 == text.size() || !IsDigit(text[k + 4]))) {
      i = k + 4;
      continue;
    }
    bool adjoins_id = (!before.empty() && (IsAsciiLetter(before[0]) || before == ".")) ||
                      (!after.empty() && IsAsciiLetter(after[0]));
    size_t digits = j - i;
    bool whole = k == j;
    int64_t integer = digits <= 9 ? std::stoll(std::string(text.substr(i, digits))) : 0;
    bool year_shaped = whole && digits == 4 && integer >= 1980 && integer <= 2035;
    bool is_year = year_shaped && (OneOf(after, kYearAfter) || OneOf(before, kYearBefore));
    // Inside 《》 a year stays (纲要(2015-2020年)) unless it is the report year's own plan
    // (《XX市2021年度法治政府建设重点工作安排》 in a 2021 report).
    bool own_year_plan = year_shaped && integer == source.year && after == "年" &&
                         CharAt(text, k + after.size()) == "度";
    if ((bracket_depth > 0 && !own_year_plan) || adjoins_id || digits > 9 || !is_free(i, k) ||
        (year_shaped && !is_year)) {
      i = k;
      continue;
    }
    if (is_year) {
      if (source.year > 0) {
        Slot slot;
        slot.kind = Kind::kYear;
        slot.year_offset = static_cast<int16_t>(integer - source.year);
        claim(i, k, slot);
      }
      i = k;
      continue;
    }
    bool marker_or_date = OneOf(before, kLiteralBefore) || OneOf(after, kLiteralAfter) ||
                          (before == "(" && after == ")") || (digits > 1 && text[i] == '0');
    if (!marker_or_date) {
      Slot slot;
      slot.kind = Kind::kNumber;
      slot.value = std::stod(std::string(text.substr(i, k - i)));
      slot.decimals = static_cast<int8_t>(whole ? 0 : k - j - 1);
      slot.percent = after == "%";
      if (whole && !slot.percent && integer >= 10) {
        int64_t v = integer;
        while (v % 10 == 0 && v >= 10) {
          v /= 10;
          ++slot.trailing_zeros;
        }
      }
      claim(i, k, slot);
    }
    i = k;
  }

  // Order the claims, mark qualifying names, and fill the gaps with literals.
  std::sort(claims.begin(), claims.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t n = 0; n + 1 < claims.size(); ++n) {
    Slot& slot = claims[n].second;
    const Slot& next = claims[n + 1].second;
    slot.qualifier = slot.kind == Kind::kPlace && !slot.own && next.kind == Kind::kPlace &&
                     next.begin == slot.end;
  }
  uint32_t cursor = 0;
  for (const auto& [begin, slot] : claims) {
    result.AddLiteral(cursor, slot.begin);
    result.slots_.push_back(slot);
    cursor = slot.end;
  }
  result.AddLiteral(cursor, static_cast<uint32_t>(text.size()));
  return result;
}

void ParagraphTemplate::AddLiteral(uint32_t begin, uint32_t end) {
  if (begin >= end) return;
  Slot slot;
  slot.kind = Kind::kLiteral;
  slot.begin = begin;
  slot.end = end;
  slots_.push_back(slot);
}

const PlaceNames* ParagraphTemplate::PlaceFor(const Slot& slot, const TargetPlace& target) const {
  if (slot.own) return &target.own;
  int level = slot.level;
  int target_level = static_cast<int>(target.level);
  if (level < target_level) {
    for (int l = level; l >= 0; --l) {
      if (target.present[l]) return &target.ancestors[l];
    }
  }
  // The target is at or above the source ancestor's level: the target itself stands for it,
  // unless the name only qualified the next one (海原县 in 海原县三河镇).
  return slot.qualifier ? nullptr : &target.own;
}

void ParagraphTemplate::Render(const TargetPlace& target, Rng& rng, std::string* out) const {
  std::string_view last_place;
  size_t last_place_end = std::string::npos;
  for (const Slot& slot : slots_) {
    switch (slot.kind) {
      case Kind::kLiteral:
        out->append(text_, slot.begin, slot.end - slot.begin);
        break;
      case Kind::kPlace: {
        const PlaceNames* names = PlaceFor(slot, target);
        if (names == nullptr) break;
        std::string_view name = slot.form == Form::kOfficial     ? names->official
                                : slot.form == Form::kTypedShort ? names->typed_short
                                                                 : names->bare;
        // 北京市北京市海淀区: a province-level city standing for both province and prefecture.
        if (last_place_end == out->size() &&
            (last_place == name || last_place == names->official)) {
          break;
        }
        out->append(name);
        last_place = name;
        last_place_end = out->size();
        break;
      }
      case Kind::kLevelWord:
        out->append(slot.superior ? target.superior_word : target.own_word);
        break;
      case Kind::kYear:
        out->append(std::to_string(target.year + slot.year_offset));
        break;
      case Kind::kNumber:
        RenderNumber(slot, rng, out);
        break;
    }
  }
}

void ParagraphTemplate::RenderNumber(const Slot& slot, Rng& rng, std::string* out) {
  double value = slot.value;
  if (slot.percent) {
    bool keep_full = value == 100 && rng.Chance(0.7);
    if (!keep_full) value *= 0.8 + 0.28 * rng.Unit();
    // A rare percentage above 100 (增长120%) is kept on purpose: extractors must not choke on it.
    if (value > 100 && !rng.Chance(0.02)) value = 100;
  } else {
    value *= 0.55 + 1.25 * rng.Unit();
  }
  char buffer[32];
  if (slot.decimals > 0) {
    std::snprintf(buffer, sizeof buffer, "%.*f", slot.decimals, value);
  } else {
    double unit = std::pow(10.0, slot.trailing_zeros);
    int64_t rounded = std::llround(value / unit) * static_cast<int64_t>(unit);
    if (rounded < static_cast<int64_t>(unit) && slot.value > 0)
      rounded = static_cast<int64_t>(unit);
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(rounded));
  }
  out->append(buffer);
}

}  // namespace fazhi::corpus
