// The phrase index over every report of the archive, kept in step with it: Load reads every
// report at start; then a follower thread looks at the archive again and again and indexes the
// reports committed since its last look. A search waits only for a look that started after the
// search did, so a report whose ingestion was acknowledged before a search is found by it, and
// concurrent searches share one look instead of each reading the archive.
//
//   IndexedArchive archive(pool);
//   absl::Status loaded = archive.Load();  // before serving
//   archive.StartFollowing();
//   absl::Status current = archive.WaitForArchive();  // every acknowledged report is in
//   archive.Read([&](const PhraseIndex& index) { hits = index.Search(*root); return OkStatus(); });
//
// Following the archive uses reports.ingest_xid (migration 0003): a look reads the reports whose
// inserting transaction is not older than the oldest transaction still running at the previous
// look, so a transaction that commits late is never skipped. A text read again from its original
// gets a new ingest_xid (services/extraction/service/job_queue.h) and replaces the indexed one. New
// reports enter the index a few at a time under the writer lock (absl::Mutex lets a waiting writer
// in before new readers), so a steady stream of searches neither starves the follower nor waits
// long behind it.
//
// With a snapshot path (FAZHI_QUERY_INDEX_SNAPSHOT), Load first reads the index from that file
// and then catches up like a look does (the snapshot keeps the oldest running transaction of its
// last look and every document's ingest_xid), so a restart takes seconds instead of a rebuild. A
// snapshot of another format version or of another database (system identifier, database oid
// and name), or one truncated or corrupt, is logged and discarded: the index is rebuilt from the
// archive. The snapshot is written after a rebuild, and by the follower once reports were added
// and FollowOptions::snapshot_interval has passed since the last write; not at shutdown, whose
// grace period is for draining calls (what a restart catches up is at most one interval).
#ifndef FAZHI_SERVICES_QUERY_SERVICE_INDEXED_ARCHIVE_H_
#define FAZHI_SERVICES_QUERY_SERVICE_INDEXED_ARCHIVE_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "services/query/search/phrase_index.h"

namespace fazhi::query {

struct FollowOptions {
  // How long the follower rests after a look that found nothing, unless a search wakes it.
  absl::Duration idle_interval = absl::Milliseconds(100);
  // How long a search waits for the index to reach the archive before UNAVAILABLE.
  absl::Duration max_wait = absl::Seconds(10);
  // How often, at most, the follower writes the snapshot again after it added reports. (Searches
  // pause while the index is copied out: about a second per 100,000 reports.)
  absl::Duration snapshot_interval = absl::Minutes(10);
};

class IndexedArchive final {
 public:
  // `snapshot_path` empty: no snapshot, Load always reads the whole archive.
  explicit IndexedArchive(db::ConnectionPool* pool, std::string snapshot_path = "")
      : pool_(pool), snapshot_path_(std::move(snapshot_path)) {}
  ~IndexedArchive();  // stops the follower
  IndexedArchive(const IndexedArchive&) = delete;
  IndexedArchive& operator=(const IndexedArchive&) = delete;

  // Indexes every report in the archive (in batches; the texts are not kept), or reads the
  // snapshot and indexes what was added or read again since it was written.
  // FAILED_PRECONDITION when the archive is not migrated yet: the follower catches up once it is.
  absl::Status Load();

  // Writes the snapshot now (temporary file, fsync, rename). FAILED_PRECONDITION without a
  // snapshot path or before Load has seen the archive.
  absl::Status WriteSnapshot();

  // Starts the follower thread. Without it, every WaitForArchive looks at the archive itself.
  void StartFollowing(FollowOptions options = {});

  // One look: indexes the reports committed since the last Load or look. Returns how many.
  absl::StatusOr<int> CatchUp();

  // Waits until every report committed before the call is indexed. UNAVAILABLE when the archive
  // cannot be read or the index does not catch up within FollowOptions::max_wait.
  absl::Status WaitForArchive();

  // Runs `read` on the index as it is (concurrent reads share it). Document numbers never
  // change, so what one Read found can be looked up again in a later one (a replaced report's
  // old number is retired: it still names its id but matches nothing).
  absl::Status Read(const std::function<absl::Status(const PhraseIndex&)>& read) const;

  PhraseIndexStats Stats() const;
  // Whether the last Load read the snapshot (else it read the whole archive).
  bool loaded_from_snapshot() const { return loaded_from_snapshot_; }

  // Raised whenever what the snapshot holds around the index changes (the index's own coding
  // has its version, PhraseIndex::kCoding).
  static constexpr uint32_t kSnapshotFormat = 1;

 private:
  // Indexes the reports among (id, ingest_xid) that the index does not hold at that xid: new
  // ones, and texts read again from their originals (which replace the old). Returns how many.
  // `batch` reports per writer lock.
  absl::StatusOr<int> AddNewOrChanged(const std::vector<std::pair<std::string, uint64_t>>& reports,
                                      int batch);
  // CatchUp with `batch` reports per writer lock (larger before serving).
  absl::StatusOr<int> CatchUpInBatches(int batch);
  int AddFromCursor(pqxx::dbtransaction& work, std::string_view cursor, int batch);
  bool IndexedAt(std::string_view id, uint64_t xid) const;  // under index_mutex_
  void Follow();
  // Reads the whole archive into the index (the old Load).
  absl::Status Rebuild();
  struct ArchiveIdentity {
    std::string database;  // system identifier / database oid / name
    uint64_t oldest_running_xid = 0;
  };
  absl::StatusOr<ArchiveIdentity> Identify();
  // Replaces the index with the snapshot's if it is whole and of this database (under feed_mutex_).
  absl::Status ReadSnapshot(const ArchiveIdentity& archive);
  void WriteSnapshotAndLog();
  // Writes the snapshot if reports were added and the interval has passed.
  void WriteSnapshotIfDue();

  db::ConnectionPool* pool_;
  mutable absl::Mutex index_mutex_;  // adding excludes readers
  PhraseIndex index_;
  std::vector<uint64_t> indexed_xids_;  // by document number: the ingest_xid of the text indexed

  std::mutex feed_mutex_;  // one look at the archive at a time
  std::string oldest_running_xid_ = "0";
  // Under feed_mutex_: the snapshot file, the archive the index is of (empty until Load saw it),
  // when the snapshot was last written and whether reports were added since.
  const std::string snapshot_path_;
  std::string database_;
  absl::Time snapshot_written_ = absl::InfinitePast();
  bool added_since_snapshot_ = false;
  bool loaded_from_snapshot_ = false;

  // The follower and the searches waiting for it.
  std::mutex follow_mutex_;
  std::condition_variable look_wanted_, look_done_;
  bool following_ = false, stopping_ = false, look_requested_ = false;
  uint64_t looks_started_ = 0, looks_done_ = 0;
  absl::Status last_look_;
  FollowOptions options_;
  std::thread follower_;
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_INDEXED_ARCHIVE_H_
