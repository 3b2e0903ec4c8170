// For tests only: NormalizeText with its shortcuts turned off, the reference its fast paths must
// agree with byte for byte. Without shortcuts ICU checks every text for NFC (not only texts holding
// a code point that is not NFC quick-check YES), and every line rule runs on every line (not only
// on lines holding what the rule acts on).
//
//   EXPECT_EQ(NormalizeText(s), internal::NormalizeTextWithoutShortcuts(s));
#ifndef FAZHI_COMMON_TEXT_NORMALIZE_INTERNAL_H_
#define FAZHI_COMMON_TEXT_NORMALIZE_INTERNAL_H_

#include <string>
#include <string_view>

namespace fazhi::text::internal {

std::string NormalizeTextWithoutShortcuts(std::string_view utf8);

}  // namespace fazhi::text::internal

#endif  // FAZHI_COMMON_TEXT_NORMALIZE_INTERNAL_H_
