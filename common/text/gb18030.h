// GB18030 to UTF-8 at the speed of a table lookup, for the two-byte codes that make up nearly all
// of a Chinese text in GBK or GB18030 (as older government sites publish). The table is built
// once per process from ICU's own gb18030 converter, so every byte out is the one ICU would give;
// a document with anything else (a four-byte sequence, a byte invalid in GB18030) gets nothing
// here and goes to ICU whole, which also names the offset of an invalid byte.
//
//   std::optional<std::string> utf8 = Gb18030TwoByteToUtf8("\xB7\xA8\xD6\xCE");  // "法治"
#ifndef FAZHI_COMMON_TEXT_GB18030_H_
#define FAZHI_COMMON_TEXT_GB18030_H_

#include <optional>
#include <string>
#include <string_view>

namespace fazhi::text {

// `bytes` in UTF-8 if they are ASCII and two-byte GB18030 codes only, else nothing.
std::optional<std::string> Gb18030TwoByteToUtf8(std::string_view bytes);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_GB18030_H_
