// Names and states of the archive's reports, shared by every service:
// the resource name `reports/{id}` (id: 16 lowercase hex digits of the content's SHA-256) and the
// mapping between the `state` column and fazhi.v1.ReportState.
//
//   std::string name = ReportName(ReportIdFromSha256(sha));      // "reports/3ec515af8b8a42ca"
//   absl::StatusOr<std::string> id = ParseReportName("reports/3ec515af8b8a42ca");
#ifndef FAZHI_COMMON_ARCHIVE_REPORT_NAMES_H_
#define FAZHI_COMMON_ARCHIVE_REPORT_NAMES_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi {

std::string ReportIdFromSha256(std::string_view sha256_hex);
std::string ReportName(std::string_view id);

// INVALID_ARGUMENT (naming the expected form) unless `name` is `reports/` + 16 hex digits.
absl::StatusOr<std::string> ParseReportName(std::string_view name);

v1::ReportState ReportStateFromColumn(std::string_view state);
std::string_view ReportStateName(v1::ReportState state);  // "pending", "extracted", "failed"

}  // namespace fazhi

#endif  // FAZHI_COMMON_ARCHIVE_REPORT_NAMES_H_
