#include "services/query/service/indexed_archive.h"

#include <chrono>
#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"
#include "common/logging/logging.h"
#include "services/query/service/read_query.h"

namespace fazhi::query {
namespace {

constexpr int kLoadBatch = 1000;
// Reports added per writer lock while serving: a few milliseconds of waiting for searches.
constexpr int kFollowBatch = 8;

// ingest_xid as text (an xid8 is a 64-bit number).
uint64_t XidOf(const pqxx::field& field) {
  uint64_t xid = 0;
  (void)absl::SimpleAtoi(field.c_str(), &xid);
  return xid;
}

}  // namespace

// Indexes the rows (id, ingest_xid, normalized_text) the cursor `cursor` yields, `batch` rows
// per writer lock, skipping ids indexed at the same xid. Returns how many were (re)indexed.
int IndexedArchive::AddFromCursor(pqxx::dbtransaction& work, std::string_view cursor, int batch) {
  const std::string fetch = absl::StrCat("FETCH ", batch, " FROM ", Absl(cursor));
  int added = 0;
  while (true) {
    pqxx::result rows = work.exec(fetch);
    absl::WriterMutexLock lock(&index_mutex_);
    for (const pqxx::row& row : rows) {
      std::string id = row[0].as<std::string>();
      const uint64_t xid = XidOf(row[1]);
      if (IndexedAt(id, xid)) continue;
      const uint32_t doc =
          index_.Add(std::move(id), std::string_view(row[2].c_str(), row[2].size()));
      indexed_xids_.resize(doc + 1);
      indexed_xids_[doc] = xid;
      ++added;
    }
    if (static_cast<int>(rows.size()) < batch) return added;
  }
}

bool IndexedArchive::IndexedAt(std::string_view id, uint64_t xid) const {
  const int64_t doc = index_.Find(id);
  return doc >= 0 && indexed_xids_[doc] == xid;
}

IndexedArchive::~IndexedArchive() {
  {
    std::lock_guard lock(follow_mutex_);
    stopping_ = true;
  }
  look_wanted_.notify_all();
  if (follower_.joinable()) follower_.join();
}

absl::Status IndexedArchive::Load() {
  if (snapshot_path_.empty()) return Rebuild();
  absl::StatusOr<ArchiveIdentity> archive = Identify();
  if (!archive.ok()) {  // e.g. pg_control_system() not granted: serve without a snapshot
    LogEvent(
        spdlog::level::warn, "search_index_snapshot_off",
        {{"reason", absl::StrCat("cannot identify the archive: ", archive.status().message())}});
    return Rebuild();
  }
  const absl::Time start = absl::Now();
  absl::Status read;
  {
    std::lock_guard feed(feed_mutex_);
    database_ = archive->database;
    read = ReadSnapshot(*archive);
  }
  loaded_from_snapshot_ = read.ok();
  if (read.ok()) {
    absl::StatusOr<int> added = CatchUpInBatches(kLoadBatch);  // nobody searches yet
    if (!added.ok()) return added.status();
    if (*added > 0) {
      absl::WriterMutexLock lock(&index_mutex_);
      index_.Compact();  // as after a build: the lists the catch-up grew give back their slack
    }
    LogEvent(spdlog::level::info, "search_index_snapshot_read",
             {{"path", snapshot_path_},
              {"caught_up_reports", std::to_string(*added)},
              {"seconds", absl::StrCat(absl::ToDoubleSeconds(absl::Now() - start))}});
    return absl::OkStatus();
  }
  LogEvent(absl::IsNotFound(read) ? spdlog::level::info : spdlog::level::warn,
           "search_index_snapshot_refused",
           {{"reason", std::string(read.message())}, {"then", "rebuilding from the archive"}});
  if (absl::Status rebuilt = Rebuild(); !rebuilt.ok()) return rebuilt;
  WriteSnapshotAndLog();
  return absl::OkStatus();
}

absl::Status IndexedArchive::Rebuild() {
  std::lock_guard feed(feed_mutex_);
  absl::Status status = pool_->WithConnection([&](pqxx::connection& connection) {
    // One snapshot for the oldest running transaction and every row read.
    pqxx::transaction<pqxx::repeatable_read, pqxx::readwrite_policy::read_only> work(connection);
    if (work.exec1("SELECT to_regclass('reports') IS NULL")[0].as<bool>()) {
      return absl::FailedPreconditionError(
          "the archive has no reports table yet (run fazhi-ingestion --migrate-only)");
    }
    oldest_running_xid_ =
        work.exec1("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")[0].as<std::string>();
    work.exec0(
        "DECLARE report_feed NO SCROLL CURSOR FOR"
        " SELECT id, ingest_xid::text, normalized_text FROM reports");
    AddFromCursor(work, "report_feed", kLoadBatch);
    work.commit();
    return absl::OkStatus();
  });
  absl::WriterMutexLock lock(&index_mutex_);
  index_.Compact();
  return status;
}

absl::StatusOr<IndexedArchive::ArchiveIdentity> IndexedArchive::Identify() {
  ArchiveIdentity archive;
  absl::Status status = pool_->WithTransaction([&](pqxx::work& work) {
    pqxx::row row = work.exec1(
        "SELECT (SELECT system_identifier FROM pg_control_system())::text || '/' || d.oid::text"
        " || '/' || d.datname, pg_snapshot_xmin(pg_current_snapshot())::text"
        " FROM pg_database d WHERE d.datname = current_database()");
    archive.database = row[0].as<std::string>();
    archive.oldest_running_xid = XidOf(row[1]);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return archive;
}

absl::Status IndexedArchive::ReadSnapshot(const ArchiveIdentity& archive) {
  absl::StatusOr<SnapshotReader> in = SnapshotReader::Open(snapshot_path_, kSnapshotFormat);
  if (!in.ok()) return in.status();
  const std::string database = in->String();
  if (in->status().ok() && database != archive.database) {
    return absl::FailedPreconditionError(absl::StrCat("snapshot ", snapshot_path_,
                                                      " is of another database (", database,
                                                      "; this is ", archive.database, ")"));
  }
  std::string oldest_running = in->String();
  std::vector<uint64_t> xids = in->Vector<uint64_t>();
  absl::StatusOr<PhraseIndex> index = PhraseIndex::Load(*in);
  if (!index.ok()) return index.status();
  if (absl::Status whole = in->Finish(); !whole.ok()) return whole;
  uint64_t snapshot_xid = 0;
  if (xids.size() != index->size() || !absl::SimpleAtoi(oldest_running, &snapshot_xid)) {
    return absl::DataLossError(absl::StrCat("snapshot ", snapshot_path_, ": inconsistent (",
                                            xids.size(), " ingest xids for ", index->size(),
                                            " documents)"));
  }
  // A database restored from an older backup keeps its identifier but not what came later.
  if (archive.oldest_running_xid < snapshot_xid) {
    return absl::FailedPreconditionError(absl::StrCat(
        "snapshot ", snapshot_path_, " is newer than the archive (transaction ", snapshot_xid,
        " > ", archive.oldest_running_xid, "): was the database restored from a backup?"));
  }
  absl::WriterMutexLock lock(&index_mutex_);
  index_ = *std::move(index);
  indexed_xids_ = std::move(xids);
  oldest_running_xid_ = std::move(oldest_running);
  snapshot_written_ = absl::Now();
  added_since_snapshot_ = false;
  return absl::OkStatus();
}

absl::Status IndexedArchive::WriteSnapshot() {
  std::lock_guard feed(feed_mutex_);  // the index and oldest_running_xid_ are of one look
  if (snapshot_path_.empty() || database_.empty()) {
    return absl::FailedPreconditionError("no snapshot path, or the archive was not loaded yet");
  }
  absl::StatusOr<SnapshotWriter> out = SnapshotWriter::Create(snapshot_path_, kSnapshotFormat);
  if (!out.ok()) return out.status();
  {
    // Searches go on meanwhile; the follower (the only writer) is here.
    absl::ReaderMutexLock lock(&index_mutex_);
    out->String(database_);
    out->String(oldest_running_xid_);
    out->Vector(indexed_xids_);
    index_.Save(*out);
  }
  absl::Status committed = out->Commit();  // the slow fsync, outside the index lock
  if (committed.ok()) {
    snapshot_written_ = absl::Now();
    added_since_snapshot_ = false;
  }
  return committed;
}

void IndexedArchive::WriteSnapshotAndLog() {
  const absl::Time start = absl::Now();
  absl::Status written = WriteSnapshot();
  if (written.ok()) {
    LogEvent(spdlog::level::info, "search_index_snapshot_written",
             {{"path", snapshot_path_},
              {"seconds", absl::StrCat(absl::ToDoubleSeconds(absl::Now() - start))}});
  } else {
    LogEvent(spdlog::level::warn, "search_index_snapshot_not_written",
             {{"reason", std::string(written.message())}});
  }
}

void IndexedArchive::WriteSnapshotIfDue() {
  {
    std::lock_guard feed(feed_mutex_);
    if (snapshot_path_.empty() || database_.empty() || !added_since_snapshot_ ||
        absl::Now() - snapshot_written_ < options_.snapshot_interval) {
      return;
    }
  }
  WriteSnapshotAndLog();
}

absl::StatusOr<int> IndexedArchive::CatchUp() { return CatchUpInBatches(kFollowBatch); }

absl::StatusOr<int> IndexedArchive::CatchUpInBatches(int batch) {
  std::lock_guard feed(feed_mutex_);
  std::vector<std::pair<std::string, uint64_t>> reports;
  std::string oldest_running;
  absl::Status status = pool_->WithTransaction([&](pqxx::work& work) {
    pqxx::result rows = work.exec_params(
        "WITH snapshot AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin) "
        "SELECT snapshot.xmin, r.id, r.ingest_xid::text FROM snapshot "
        "LEFT JOIN reports r ON r.ingest_xid >= $1::xid8",
        oldest_running_xid_);
    for (const pqxx::row& row : rows) {
      oldest_running = row[0].as<std::string>();
      if (!row[1].is_null()) reports.emplace_back(row[1].as<std::string>(), XidOf(row[2]));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  absl::StatusOr<int> added = AddNewOrChanged(reports, batch);
  if (added.ok()) {
    oldest_running_xid_ = oldest_running;
    if (*added > 0) added_since_snapshot_ = true;
  }
  return added;
}

absl::StatusOr<int> IndexedArchive::AddNewOrChanged(
    const std::vector<std::pair<std::string, uint64_t>>& reports, int batch) {
  std::vector<std::string> missing;
  {
    absl::ReaderMutexLock lock(&index_mutex_);
    for (const auto& [id, xid] : reports) {
      if (!IndexedAt(id, xid)) missing.push_back(id);
    }
  }
  if (missing.empty()) return 0;
  int added = 0;
  absl::Status status = pool_->WithTransaction([&](pqxx::work& work) {
    work.exec_params0(
        "DECLARE new_reports NO SCROLL CURSOR FOR SELECT id, ingest_xid::text, normalized_text"
        " FROM reports WHERE id = ANY($1::text[]) ORDER BY id",
        IdArrayLiteral(missing));
    added = AddFromCursor(work, "new_reports", batch);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return added;
}

void IndexedArchive::StartFollowing(FollowOptions options) {
  std::lock_guard lock(follow_mutex_);
  if (following_) return;
  options_ = options;
  following_ = true;
  follower_ = std::thread([this] { Follow(); });
}

void IndexedArchive::Follow() {
  const auto idle = absl::ToChronoMilliseconds(options_.idle_interval);
  bool found_reports = false;
  std::unique_lock lock(follow_mutex_);
  while (true) {
    // After a look that found reports, look again at once: more are likely on their way.
    if (!found_reports) {
      look_wanted_.wait_for(lock, idle, [this] { return stopping_ || look_requested_; });
    }
    if (stopping_) return;
    look_requested_ = false;
    const uint64_t look = ++looks_started_;
    lock.unlock();
    absl::StatusOr<int> added = CatchUp();
    lock.lock();
    found_reports = added.ok() && *added > 0;
    looks_done_ = look;
    last_look_ = added.status();
    look_done_.notify_all();
    lock.unlock();
    WriteSnapshotIfDue();  // after the searches waiting for this look are let go
    lock.lock();
  }
}

absl::Status IndexedArchive::WaitForArchive() {
  std::unique_lock lock(follow_mutex_);
  if (!following_) {
    lock.unlock();
    return CatchUp().status();
  }
  const uint64_t wanted = looks_started_ + 1;  // the first look to start after this call
  look_requested_ = true;
  look_wanted_.notify_one();
  if (!look_done_.wait_for(lock, absl::ToChronoMilliseconds(options_.max_wait),
                           [&] { return looks_done_ >= wanted; })) {
    return absl::UnavailableError(
        absl::StrCat("the search index did not catch up with the archive in ",
                     absl::FormatDuration(options_.max_wait)));
  }
  if (!last_look_.ok()) {
    return absl::UnavailableError(
        absl::StrCat("the search index cannot read the archive: ", last_look_.message()));
  }
  return absl::OkStatus();
}

absl::Status IndexedArchive::Read(
    const std::function<absl::Status(const PhraseIndex&)>& read) const {
  absl::ReaderMutexLock lock(&index_mutex_);
  return read(index_);
}

PhraseIndexStats IndexedArchive::Stats() const {
  absl::ReaderMutexLock lock(&index_mutex_);
  return index_.Stats();
}

}  // namespace fazhi::query
