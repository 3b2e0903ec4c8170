// Structured logging for the services: one logfmt line per event on stderr, through spdlog.
//
//   InitLogging("query", "info");
//   LogEvent(spdlog::level::info, "rpc", {{"method", "/fazhi.v1.QueryService/GetReport"},
//                                         {"code", "OK"}, {"ms", "1.2"}});
// prints
//   2026-11-23T11:02:03.123Z level=info service=query event=rpc method=/fazhi... code=OK ms=1.2
#ifndef FAZHI_COMMON_LOGGING_LOGGING_H_
#define FAZHI_COMMON_LOGGING_LOGGING_H_

#include <spdlog/spdlog.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace fazhi {

using LogField = std::pair<std::string_view, std::string_view>;

// Sets up the default logger for a service; `level` is trace/debug/info/warn/error.
void InitLogging(std::string_view service, std::string_view level);

// Logs one event with its fields as key=value pairs; values with spaces or quotes are quoted.
void LogEvent(spdlog::level::level_enum level, std::string_view event,
              std::initializer_list<LogField> fields);

}  // namespace fazhi

#endif  // FAZHI_COMMON_LOGGING_LOGGING_H_
