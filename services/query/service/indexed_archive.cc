#include "services/query/service/indexed_archive.h"

#include <chrono>

#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"
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
      const uint32_t doc = index_.Add(std::move(id), std::string_view(row[2].c_str(), row[2].size()));
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
  std::lock_guard feed(feed_mutex_);
  absl::Status status = pool_->WithConnection([&](pqxx::connection& connection) {
    // One snapshot for the oldest running transaction and every row read.
    pqxx::transaction<pqxx::repeatable_read, pqxx::readwrite_policy::read_only> work(
        connection);
    if (work.exec1("SELECT to_regclass('reports') IS NULL")[0].as<bool>()) {
      return absl::FailedPreconditionError(
          "the archive has no reports table yet (run fazhi-ingestion --migrate-only)");
    }
    oldest_running_xid_ =
        work.exec1("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")[0].as<std::string>();
    work.exec0("DECLARE report_feed NO SCROLL CURSOR FOR"
               " SELECT id, ingest_xid::text, normalized_text FROM reports");
    AddFromCursor(work, "report_feed", kLoadBatch);
    work.commit();
    return absl::OkStatus();
  });
  absl::WriterMutexLock lock(&index_mutex_);
  index_.Compact();
  return status;
}

absl::StatusOr<int> IndexedArchive::CatchUp() {
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
  absl::StatusOr<int> added = AddNewOrChanged(reports);
  if (added.ok()) oldest_running_xid_ = oldest_running;
  return added;
}

absl::StatusOr<int> IndexedArchive::AddNewOrChanged(
    const std::vector<std::pair<std::string, uint64_t>>& reports) {
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
    added = AddFromCursor(work, "new_reports", kFollowBatch);
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
    return absl::UnavailableError(absl::StrCat("the search index did not catch up with the archive in ",
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
