#include "services/extraction/divisions/division_names.h"

#include <algorithm>

namespace fazhi::extraction {
namespace {

size_t CodePointCount(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Whether `name` ends with `suffix` and is longer. The last bytes are compared first: every name
// of the list is tried against every suffix at start-up, and nearly every try fails there.
bool EndsLongerWith(std::string_view name, std::string_view suffix) {
  return name.size() > suffix.size() && name.back() == suffix.back() && name.ends_with(suffix);
}

const DivisionSuffix* FindSuffix(std::string_view name) {
  for (const DivisionSuffix& entry : kDivisionSuffixes) {
    if (EndsLongerWith(name, entry.suffix)) return &entry;
  }
  return nullptr;
}

// Drops `suffix` from the end of `s` when it ends so.
bool RemoveSuffix(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
  return true;
}

// Suffixes whose names carry bare ethnic names (新疆维吾尔自治区, 鄂温克民族乡) as well as X族.
bool AllowsBareEthnicName(std::string_view suffix) {
  return suffix == "自治区" || suffix.starts_with("民族");
}

// Drops trailing ethnic names ("通道侗族" -> "通道"); returns whether any was dropped.
bool StripEthnicNames(std::string_view suffix, std::string_view& base) {
  bool stripped = false;
  bool again = true;
  // Ethnic names come before 族, or bare before a suffix that allows them: most names have
  // neither, and are not tried against the 56 ethnic names.
  const bool bare_allowed = AllowsBareEthnicName(suffix);
  while (again && (bare_allowed || base.ends_with("族"))) {
    again = false;
    for (std::string_view ethnic : kEthnicNames) {
      for (bool with_zu : {true, false}) {
        if (!with_zu && !bare_allowed) continue;
        std::string_view rest = base;
        if (with_zu && !RemoveSuffix(rest, "族")) continue;
        // What is left must still be a name of two characters (内蒙古 is not 内 + 蒙古).
        if (RemoveSuffix(rest, ethnic) && CodePointCount(rest) >= 2) {
          base = rest;
          stripped = again = true;
          break;
        }
      }
      if (again) break;
    }
  }
  return stripped;
}

}  // namespace

std::string_view DivisionSuffixOf(std::string_view official_name) {
  const DivisionSuffix* entry = FindSuffix(official_name);
  return entry == nullptr ? std::string_view() : entry->suffix;
}

std::string_view TypeWordOf(std::string_view official_name) {
  const DivisionSuffix* entry = FindSuffix(official_name);
  if (entry == nullptr) return {};
  if (!entry->generic.empty()) return entry->generic;
  return CodePointCount(entry->suffix) == 1 ? entry->suffix : std::string_view();
}

std::vector<std::string> ShortNames(std::string_view official_name) {
  std::vector<std::string> names;
  if (CodePointCount(official_name) <= 2) return names;
  const DivisionSuffix* entry = FindSuffix(official_name);
  if (entry == nullptr) return names;
  std::string_view base = official_name.substr(0, official_name.size() - entry->suffix.size());
  if (StripEthnicNames(entry->suffix, base)) {
    // 通道侗族自治县 -> 通道县; 管城回族区 -> 管城区.
    std::string_view generic = entry->generic;
    if (generic.empty() && CodePointCount(entry->suffix) == 1) generic = entry->suffix;
    if (!generic.empty()) names.push_back(std::string(base) + std::string(generic));
  }
  if (CodePointCount(base) >= 2) names.emplace_back(base);
  return names;
}

bool HasTypeSuffix(std::string_view name) {
  return std::any_of(kDivisionSuffixes.begin(), kDivisionSuffixes.end(),
                     [&](const DivisionSuffix& entry) {
                       return EndsLongerWith(name, entry.suffix) ||
                              (!entry.generic.empty() && EndsLongerWith(name, entry.generic));
                     });
}

bool IsPlaceholderPrefecture(std::string_view name) {
  return std::find(kPlaceholderPrefectures.begin(), kPlaceholderPrefectures.end(), name) !=
         kPlaceholderPrefectures.end();
}

}  // namespace fazhi::extraction
