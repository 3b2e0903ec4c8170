#include "services/query/service/indexed_archive.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "services/query/service/read_query.h"

namespace fazhi::query {
namespace {

constexpr int kLoadBatch = 1000;

}  // namespace

void IndexedArchive::AddToIndex(std::string id, const std::string& text) {
  std::unique_lock lock(index_mutex_);
  index_.Add(std::move(id), text);
}

absl::Status IndexedArchive::Load() {
  std::lock_guard feed(feed_mutex_);
  last_look_started_ = Clock::now();
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
    work.exec0("DECLARE report_feed NO SCROLL CURSOR FOR SELECT id, normalized_text FROM reports");
    while (true) {
      pqxx::result rows = work.exec(absl::StrCat("FETCH ", kLoadBatch, " FROM report_feed"));
      for (const pqxx::row& row : rows) {
        std::string id = row[0].as<std::string>();
        if (index_.Find(id) < 0) AddToIndex(std::move(id), row[1].as<std::string>());
      }
      if (static_cast<int>(rows.size()) < kLoadBatch) break;
    }
    work.commit();
    return absl::OkStatus();
  });
  std::unique_lock lock(index_mutex_);
  index_.Compact();
  return status;
}

absl::Status IndexedArchive::CatchUp() {
  const Clock::time_point wanted_after = Clock::now();
  std::lock_guard feed(feed_mutex_);
  // A look that started after this call began has seen everything committed before it.
  if (last_look_started_ > wanted_after) return absl::OkStatus();
  last_look_started_ = Clock::now();
  std::vector<std::string> ids;
  std::string oldest_running;
  absl::Status status = pool_->WithTransaction([&](pqxx::work& work) {
    pqxx::result rows = work.exec_params(
        "WITH snapshot AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin) "
        "SELECT snapshot.xmin, r.id FROM snapshot "
        "LEFT JOIN reports r ON r.ingest_xid >= $1::xid8",
        oldest_running_xid_);
    for (const pqxx::row& row : rows) {
      oldest_running = row[0].as<std::string>();
      if (!row[1].is_null()) ids.push_back(row[1].as<std::string>());
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (absl::Status added = AddMissing(ids); !added.ok()) return added;
  oldest_running_xid_ = oldest_running;
  return absl::OkStatus();
}

absl::Status IndexedArchive::AddMissing(const std::vector<std::string>& ids) {
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    if (index_.Find(id) < 0) missing.push_back(id);  // only this thread adds: no lock needed
  }
  if (missing.empty()) return absl::OkStatus();
  return pool_->WithTransaction([&](pqxx::work& work) {
    pqxx::result rows = work.exec_params(
        "SELECT id, normalized_text FROM reports WHERE id = ANY($1::text[]) ORDER BY id",
        IdArrayLiteral(missing));
    for (const pqxx::row& row : rows) AddToIndex(row[0].as<std::string>(), row[1].as<std::string>());
    return absl::OkStatus();
  });
}

absl::Status IndexedArchive::Read(const std::function<absl::Status(const PhraseIndex&)>& read) {
  if (absl::Status caught_up = CatchUp(); !caught_up.ok()) return caught_up;
  std::shared_lock lock(index_mutex_);
  return read(index_);
}

PhraseIndexStats IndexedArchive::Stats() const {
  std::shared_lock lock(index_mutex_);
  return index_.Stats();
}

}  // namespace fazhi::query
