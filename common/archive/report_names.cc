#include "common/archive/report_names.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"
#include "common/status/quoted_input.h"

namespace fazhi {
namespace {

constexpr absl::string_view kCollection = "reports/";
constexpr size_t kIdLength = 16;

}  // namespace

std::string ReportIdFromSha256(std::string_view sha256_hex) {
  return absl::AsciiStrToLower(Absl(sha256_hex.substr(0, kIdLength)));
}

std::string ReportName(std::string_view id) { return absl::StrCat(kCollection, Absl(id)); }

absl::StatusOr<std::string> ParseReportName(std::string_view name) {
  if (!absl::StartsWith(Absl(name), kCollection)) {
    return absl::InvalidArgumentError(absl::StrCat("report name '", QuotedInput(name),
                                                   "' must look like reports/{16 hex digits}"));
  }
  std::string_view id = name.substr(kCollection.size());
  bool hex = id.size() == kIdLength;
  for (char c : id) hex = hex && absl::ascii_isxdigit(static_cast<unsigned char>(c));
  if (!hex) {
    return absl::InvalidArgumentError(absl::StrCat(
        "report id '", QuotedInput(id), "' must be 16 hex digits, as in reports/3ec515af8b8a42ca"));
  }
  return absl::AsciiStrToLower(Absl(id));
}

v1::ReportState ReportStateFromColumn(std::string_view state) {
  if (state == "pending") return v1::REPORT_STATE_PENDING;
  if (state == "extracted") return v1::REPORT_STATE_EXTRACTED;
  if (state == "failed") return v1::REPORT_STATE_FAILED;
  return v1::REPORT_STATE_UNSPECIFIED;
}

std::string_view ReportStateName(v1::ReportState state) {
  switch (state) {
    case v1::REPORT_STATE_PENDING:
      return "pending";
    case v1::REPORT_STATE_EXTRACTED:
      return "extracted";
    case v1::REPORT_STATE_FAILED:
      return "failed";
    default:
      return "unspecified";
  }
}

}  // namespace fazhi
