// Admission of the calls that return a whole stored report: GetReport in the full view (its
// text) and GetReportOriginal (its original bytes). Before reading them it reads their stored
// sizes (cheap columns of `reports`) and admits the call by the memory its answer takes, through
// the same Admission as searches, so full texts, originals and search windows share one budget
// (FAZHI_QUERY_SEARCH_BYTES). Over it, RESOURCE_EXHAUSTED "retry later", as for searches: 64
// concurrent full gets of 10 MB reports took the service from 161 MB to ~1 GB without it.
//
//   LargeReadAdmission large_reads(pool, admission);
//   absl::StatusOr<Admission::Ticket> ticket = large_reads.AdmitOriginal(id, deadline);
//   if (!ticket.ok()) return ticket.status();  // NOT_FOUND, RESOURCE_EXHAUSTED, ...
//   ... read the original; the ticket gives its share back when it goes out of scope
#ifndef FAZHI_SERVICES_QUERY_SERVICE_LARGE_READ_ADMISSION_H_
#define FAZHI_SERVICES_QUERY_SERVICE_LARGE_READ_ADMISSION_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/admission/admission.h"
#include "common/db/connection_pool.h"

namespace fazhi::query {

class LargeReadAdmission final {
 public:
  // Copies of a text held while answering: the database's row, the string read from it, the
  // serialized response.
  static constexpr int64_t kTextCopies = 3;
  // An original is sent to the service hex-encoded (twice its size), then unescaped, copied
  // into the response and serialized.
  static constexpr int64_t kOriginalCopies = 5;
  static constexpr int64_t kResponseBytes = int64_t{64} << 10;  // the rest of the answer

  LargeReadAdmission(db::ConnectionPool* pool, Admission* admission)
      : pool_(pool), admission_(admission) {}

  // Admits GetReport(REPORT_VIEW_FULL) of report `id` by its text's size.
  absl::StatusOr<Admission::Ticket> AdmitText(const std::string& id, absl::Time deadline);
  // Admits GetReportOriginal of report `id` by original_size_bytes.
  absl::StatusOr<Admission::Ticket> AdmitOriginal(const std::string& id, absl::Time deadline);

 private:
  // Reads `size_sql` (a column of `reports r`) for report `id`, then admits `copies` of it;
  // NOT_FOUND when there is no such report.
  absl::StatusOr<Admission::Ticket> Admit(const std::string& id, const char* size_sql,
                                          int64_t copies, absl::Time deadline);

  db::ConnectionPool* pool_;
  Admission* admission_;
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_LARGE_READ_ADMISSION_H_
