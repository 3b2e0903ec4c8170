#include "services/query/service/large_read_admission.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/archive/report_names.h"
#include "common/metrics/registry.h"
#include "services/query/service/read_query.h"

namespace fazhi::query {

absl::StatusOr<Admission::Ticket> LargeReadAdmission::AdmitText(const std::string& id,
                                                                absl::Time deadline) {
  // octet_length of a stored text reads its header, not the text.
  return Admit(id, "octet_length(r.normalized_text)", kTextCopies, deadline);
}

absl::StatusOr<Admission::Ticket> LargeReadAdmission::AdmitOriginal(const std::string& id,
                                                                    absl::Time deadline) {
  return Admit(id, "r.original_size_bytes", kOriginalCopies, deadline);
}

absl::StatusOr<Admission::Ticket> LargeReadAdmission::Admit(const std::string& id,
                                                            const char* size_sql, int64_t copies,
                                                            absl::Time deadline) {
  QueryParams params;
  const std::string sql = absl::StrCat("SELECT coalesce(", size_sql,
                                       ", 0) AS size FROM reports r WHERE r.id = ", params.Add(id));
  pqxx::result rows;
  if (absl::Status status = RunReadOnly(pool_, deadline, sql, params, &rows); !status.ok())
    return status;
  if (rows.empty())
    return absl::NotFoundError(absl::StrCat("report ", ReportName(id), " not found"));
  // A report larger than one call's share may still be read, alone: it takes the whole share.
  const int64_t bytes = std::min(copies * rows[0]["size"].as<int64_t>() + kResponseBytes,
                                 admission_->options().call_bytes);
  absl::StatusOr<Admission::Ticket> ticket = admission_->Admit(bytes, deadline);
  if (!ticket.ok()) {
    metrics::Registry::Default()
        .GetCounter("fazhi_query_large_read_shed_total",
                    "Full report texts and originals refused with RESOURCE_EXHAUSTED by the "
                    "admission (calls or bytes)")
        ->Increment();
  }
  return ticket;
}

}  // namespace fazhi::query
