// libFuzzer target: the report filter parser. It either fails with INVALID_ARGUMENT or gives
// SQL whose placeholders match its parameters, starting at the requested number.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "services/query/filter/filter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view filter(reinterpret_cast<const char*>(data), size);
  constexpr int kFirstParam = 3;
  auto condition = fazhi::query::ParseReportFilter(filter, kFirstParam);
  if (!condition.ok()) {
    if (!absl::IsInvalidArgument(condition.status())) std::abort();
    return 0;
  }
  // Every value travels as a parameter: the SQL holds exactly $3 .. $(3 + n - 1).
  const size_t count = condition->params.size();
  for (size_t i = 0; i < count; ++i) {
    std::string placeholder = absl::StrCat("$", kFirstParam + i);
    if (condition->sql.find(placeholder) == std::string::npos) std::abort();
  }
  if (condition->sql.find(absl::StrCat("$", kFirstParam + count)) != std::string::npos)
    std::abort();
  return 0;
}
