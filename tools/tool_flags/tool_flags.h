// Small pieces the developer tools' command lines share: integer `--name=value` flags and the
// check that a tool which loads services only talks to this machine.
//
//   int64_t reports = 10000; bool bad = false;
//   if (ParseIntFlag("--reports=500", "reports", &reports, &bad)) ...  // reports == 500
//   IsLoopbackAddress("127.0.0.1:50051");  // true
#ifndef FAZHI_TOOLS_TOOL_FLAGS_TOOL_FLAGS_H_
#define FAZHI_TOOLS_TOOL_FLAGS_TOOL_FLAGS_H_

#include <cstdint>
#include <string_view>

namespace fazhi::tools {

// `--name=value` into an integer option; false when `arg` is not that flag. A value that is not
// an integer sets *bad.
bool ParseIntFlag(std::string_view arg, std::string_view name, int64_t* value, bool* bad);

// Whether `address` (host:port) names this machine: localhost, 127.x.x.x or [::1].
bool IsLoopbackAddress(std::string_view address);

}  // namespace fazhi::tools

#endif  // FAZHI_TOOLS_TOOL_FLAGS_TOOL_FLAGS_H_
