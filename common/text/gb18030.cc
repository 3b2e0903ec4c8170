#include "common/text/gb18030.h"

#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "common/text/utf8.h"

namespace fazhi::text {
namespace {

// Two-byte codes: a lead 0x81-0xFE and a trail 0x40-0x7E or 0x80-0xFE. The table is indexed by
// both bytes at once (128 KiB): one lookup tells a code's character or that it has none here.
size_t CodeIndex(uint8_t lead, uint8_t trail) { return size_t{lead} << 8 | trail; }
constexpr size_t kTableSize = size_t{1} << 16;

bool IsTrail(uint8_t byte) { return byte >= 0x40 && byte <= 0xFE && byte != 0x7F; }

// Each two-byte code's character as ICU converts it, 0 where ICU gives anything but one BMP
// character (the code then goes to ICU). Empty where ICU has no gb18030 converter or does not map
// ASCII to itself.
std::vector<char16_t> BuildTable() {
  std::string source;
  for (int byte = 0; byte < 0x80; ++byte) source.push_back(static_cast<char>(byte));
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      if (!IsTrail(static_cast<uint8_t>(trail))) continue;
      source.push_back(static_cast<char>(lead));
      source.push_back(static_cast<char>(trail));
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open("GB18030", &status),
                                                               ucnv_close);
  if (U_FAILURE(status)) return {};
  // As decoding converts: a code ICU cannot map stops it, and then no code is taken from the table.
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> units(source.size());
  std::vector<int32_t> offsets(source.size());
  UChar* target = units.data();
  const char* read = source.data();
  ucnv_toUnicode(converter.get(), &target, units.data() + units.size(), &read,
                 source.data() + source.size(), offsets.data(), /*flush=*/true, &status);
  if (U_FAILURE(status)) return {};
  const size_t count = static_cast<size_t>(target - units.data());
  if (count < 0x80) return {};
  for (size_t i = 0; i < 0x80; ++i) {
    if (units[i] != i || offsets[i] != static_cast<int32_t>(i)) return {};
  }
  // How many units each code gave: a code whose units are not exactly one BMP character stays 0.
  std::vector<int> units_of_code(kTableSize, 0);
  std::vector<char16_t> table(kTableSize, 0);
  for (size_t i = 0x80; i < count; ++i) {
    const size_t at = static_cast<size_t>(offsets[i]);
    const size_t index =
        CodeIndex(static_cast<uint8_t>(source[at]), static_cast<uint8_t>(source[at + 1]));
    ++units_of_code[index];
    table[index] = U16_IS_SURROGATE(units[i]) ? 0 : units[i];
  }
  for (size_t index = 0; index < table.size(); ++index) {
    if (units_of_code[index] != 1) table[index] = 0;
  }
  return table;
}

const std::vector<char16_t>& Table() {
  static const std::vector<char16_t>* table = new std::vector<char16_t>(BuildTable());
  return *table;
}

}  // namespace

std::optional<std::string> Gb18030TwoByteToUtf8(std::string_view bytes) {
  const std::vector<char16_t>& table = Table();
  if (table.empty()) return std::nullopt;
  // Two bytes become at most three.
  std::string utf8(bytes.size() + bytes.size() / 2, '\0');
  char* write = utf8.data();
  const auto* read = reinterpret_cast<const uint8_t*>(bytes.data());
  const uint8_t* const end = read + bytes.size();
  while (read < end) {
    const uint8_t byte = *read;
    if (byte < 0x80) {
      *write++ = static_cast<char>(byte);
      ++read;
      continue;
    }
    if (end - read < 2) return std::nullopt;
    const char16_t character = table[CodeIndex(byte, read[1])];  // 0 for any other pair
    if (character == 0) return std::nullopt;
    write = EncodeUtf8(character, write);
    read += 2;
  }
  utf8.resize(static_cast<size_t>(write - utf8.data()));
  return utf8;
}

}  // namespace fazhi::text
