// The phrase index over every report of the archive, kept in step with it: Load reads every
// report at start; CatchUp adds the reports committed since the last look, and every search
// catches up first, so a report whose ingestion was acknowledged is found by the next search.
//
//   IndexedArchive archive(pool);
//   absl::Status loaded = archive.Load();  // before serving
//   archive.Read([&](const PhraseIndex& index) { hits = index.Search(*root); return OkStatus(); });
//
// Following the archive uses reports.ingest_xid (migration 0003): a look reads the reports whose
// inserting transaction is not older than the oldest transaction still running at the previous
// look, so a transaction that commits late is never skipped.
#ifndef FAZHI_SERVICES_QUERY_SERVICE_INDEXED_ARCHIVE_H_
#define FAZHI_SERVICES_QUERY_SERVICE_INDEXED_ARCHIVE_H_

#include <chrono>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "absl/status/status.h"
#include "common/db/connection_pool.h"
#include "services/query/phrase_index/phrase_index.h"

namespace fazhi::query {

class IndexedArchive final {
 public:
  explicit IndexedArchive(db::ConnectionPool* pool) : pool_(pool) {}

  // Indexes every report in the archive (in batches; the texts are not kept).
  // FAILED_PRECONDITION when the archive is not migrated yet: searches catch up once it is.
  absl::Status Load();

  // Indexes the reports committed since the last Load or CatchUp.
  absl::Status CatchUp();

  // Catches up, then runs `read` on the index (concurrent reads share it).
  absl::Status Read(const std::function<absl::Status(const PhraseIndex&)>& read);

  PhraseIndexStats Stats() const;

 private:
  using Clock = std::chrono::steady_clock;

  // Adds the reports among `ids` that the index does not hold yet.
  absl::Status AddMissing(const std::vector<std::string>& ids);
  void AddToIndex(std::string id, const std::string& text);

  db::ConnectionPool* pool_;
  mutable std::shared_mutex index_mutex_;  // Add excludes readers
  PhraseIndex index_;
  std::mutex feed_mutex_;  // one look at the archive at a time
  std::string oldest_running_xid_ = "0";
  Clock::time_point last_look_started_{};
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_INDEXED_ARCHIVE_H_
