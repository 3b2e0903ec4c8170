// Bridges std::string_view and absl::string_view. Debian's Abseil is built with
// ABSL_OPTION_USE_STD_STRING_VIEW 0, so absl::string_view is a distinct type there and
// absl::StrCat, absl::StartsWith & co. do not accept a std::string_view.
//
//   std::string_view name = ...;
//   absl::StrCat("unknown field '", Absl(name), "'");
#ifndef FAZHI_COMMON_COMPAT_STRING_VIEW_H_
#define FAZHI_COMMON_COMPAT_STRING_VIEW_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace fazhi {

inline absl::string_view Absl(std::string_view text) { return {text.data(), text.size()}; }
inline std::string_view Std(absl::string_view text) { return {text.data(), text.size()}; }

}  // namespace fazhi

#endif  // FAZHI_COMMON_COMPAT_STRING_VIEW_H_
