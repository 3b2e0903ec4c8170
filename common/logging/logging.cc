#include "common/logging/logging.h"

#include <spdlog/sinks/stdout_sinks.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/compat/string_view.h"

namespace fazhi {

void InitLogging(std::string_view service, std::string_view level) {
  auto logger = spdlog::stderr_logger_mt(absl::StrCat("fazhi-", Absl(service)));
  logger->set_pattern(absl::StrCat("%Y-%m-%dT%H:%M:%S.%eZ level=%l service=", Absl(service), " %v"),
                      spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

namespace {

std::string QuoteIfNeeded(std::string_view value) {
  if (!value.empty() && value.find_first_of(" \"=\n\t") == std::string_view::npos) {
    return std::string(value);
  }
  return absl::StrCat(
      "\"", absl::StrReplaceAll(Absl(value), {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}}),
      "\"");
}

}  // namespace

void LogEvent(spdlog::level::level_enum level, std::string_view event,
              std::initializer_list<LogField> fields) {
  std::string line = absl::StrCat("event=", Absl(event));
  for (const auto& [key, value] : fields)
    absl::StrAppend(&line, " ", Absl(key), "=", QuoteIfNeeded(value));
  spdlog::log(level, "{}", line);
}

}  // namespace fazhi
