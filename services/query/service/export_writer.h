// Exports reports or indicator rows matching a filter (and a search query's matches) as CSV or JSON
// Lines, streamed in chunks from a database cursor, so millions of rows never sit in memory at
// once.
//
//   ExportWriter writer(pool);
//   absl::Status status = writer.Export(request, std::nullopt, [&](const v1::ExportReportsResponse&
//   chunk) {
//     return stream->Write(chunk);  // false stops the export
//   });
#ifndef FAZHI_SERVICES_QUERY_SERVICE_EXPORT_WRITER_H_
#define FAZHI_SERVICES_QUERY_SERVICE_EXPORT_WRITER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/db/connection_pool.h"
#include "fazhi/v1/query.pb.h"

namespace fazhi::query {

class ExportWriter final {
 public:
  explicit ExportWriter(db::ConnectionPool* pool, size_t chunk_bytes = 64 * 1024)
      : pool_(pool), chunk_bytes_(chunk_bytes) {}

  // Calls `write` with each chunk until done; stops early (CANCELLED) when `write` returns false.
  // `reports`: when set, only those reports are exported (a search query's matches). Each
  // statement is bounded by `deadline` (the call's).
  absl::Status Export(const v1::ExportReportsRequest& request,
                      const std::optional<std::vector<std::string>>& reports,
                      const std::function<bool(const v1::ExportReportsResponse&)>& write,
                      absl::Time deadline = absl::InfiniteFuture());

 private:
  db::ConnectionPool* pool_;
  size_t chunk_bytes_;
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_EXPORT_WRITER_H_
