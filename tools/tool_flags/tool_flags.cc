#include "tools/tool_flags/tool_flags.h"

#include <string>

#include "absl/strings/numbers.h"
#include "common/compat/string_view.h"

namespace fazhi::tools {

bool ParseIntFlag(std::string_view arg, std::string_view name, int64_t* value, bool* bad) {
  std::string prefix = "--" + std::string(name) + "=";
  if (arg.rfind(prefix, 0) != 0) return false;
  if (!absl::SimpleAtoi(Absl(arg.substr(prefix.size())), value)) *bad = true;
  return true;
}

bool IsLoopbackAddress(std::string_view address) {
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return false;
  std::string_view host = address.substr(0, colon);
  return host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

}  // namespace fazhi::tools
