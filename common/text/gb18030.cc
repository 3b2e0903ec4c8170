#include "common/text/gb18030.h"

#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
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

// A table character as UTF-8: its `length` bytes (0: none), written by one four-byte copy.
struct Utf8Character {
  char bytes[3];
  uint8_t length;
};
static_assert(sizeof(Utf8Character) == 4);

// BuildTable's characters encoded once, so that converting is a lookup and a copy per code.
const std::vector<Utf8Character>& Table() {
  static const std::vector<Utf8Character>* table = [] {
    const std::vector<char16_t> characters = BuildTable();
    auto* encoded = new std::vector<Utf8Character>(characters.size(), Utf8Character{});
    for (size_t i = 0; i < characters.size(); ++i) {
      if (characters[i] == 0) continue;
      char bytes[4];
      const char* end = EncodeUtf8(characters[i], bytes);
      Utf8Character& character = (*encoded)[i];
      character.length = static_cast<uint8_t>(end - bytes);
      std::memcpy(character.bytes, bytes, character.length);
    }
    return encoded;
  }();
  return *table;
}

}  // namespace

std::optional<std::string> Gb18030TwoByteToUtf8(std::string_view bytes) {
  const std::vector<Utf8Character>& table = Table();
  if (table.empty()) return std::nullopt;
  std::string utf8;
  if (bytes.empty()) return utf8;
  utf8.reserve(bytes.size() + bytes.size() / 2);  // two bytes become at most three
  // A block of input at a time, written on the stack and appended: a std::string sized for the
  // output would be zero-filled before it is written. Before the last byte a code's second byte is
  // there to read; a block's last code may take one byte past it; each character's copy writes
  // one byte past its own.
  constexpr size_t kBlock = 1024;
  char chunk[(kBlock + 1) * 3 / 2 + 1];
  const auto* read = reinterpret_cast<const uint8_t*>(bytes.data());
  const uint8_t* const last = read + bytes.size() - 1;
  while (read < last) {
    const uint8_t* const stop = read + std::min<size_t>(static_cast<size_t>(last - read), kBlock);
    char* write = chunk;
    while (read < stop) {
      const uint8_t byte = *read;
      if (byte < 0x80) {
        *write++ = static_cast<char>(byte);
        ++read;
        continue;
      }
      const Utf8Character character = table[CodeIndex(byte, read[1])];  // 0 for any other pair
      if (character.length == 0) return std::nullopt;
      std::memcpy(write, &character, sizeof character);
      write += character.length;
      read += 2;
    }
    utf8.append(chunk, write);
  }
  if (read == last) {  // one byte left: ASCII, or a lead without its trail
    if (*read >= 0x80) return std::nullopt;
    utf8.push_back(static_cast<char>(*read));
  }
  return utf8;
}

}  // namespace fazhi::text
