// A fixed-size pool of PostgreSQL connections shared by a service's threads, and the mapping of
// libpqxx exceptions onto absl::Status codes.
//
//   auto pool = db::ConnectionPool::Create(url, 4);
//   absl::Status status = (*pool)->WithTransaction([&](pqxx::work& work) {
//     work.exec_params0("UPDATE ...", id);
//     return absl::OkStatus();
//   });
//
// After a restart of PostgreSQL (or a terminated backend) the pool's idle connections are dead
// without knowing it. A transaction whose BEGIN finds its connection broken is begun again on a
// fresh connection (nothing was sent yet, so that is safe): callers see no error for a connection
// that died while idle. A connection that breaks later, inside the body or during COMMIT, is
// reopened on its next use and that call gets UNAVAILABLE (the caller decides whether to retry).
#ifndef FAZHI_COMMON_DB_CONNECTION_POOL_H_
#define FAZHI_COMMON_DB_CONNECTION_POOL_H_

#include <exception>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace fazhi::db {

// UNAVAILABLE for lost connections (also during COMMIT, whose outcome is then unknown), ABORTED
// for serialization failures and deadlocks, ALREADY_EXISTS for unique violations, INTERNAL
// otherwise; `what` says what was being done.
absl::Status StatusFromException(const std::exception& error, std::string_view what);

// What the pool has done since it was created, for metrics.
struct PoolStats {
  int size = 0;
  int in_use = 0;
  int64_t acquisitions = 0;  // connections handed out
  int64_t waited = 0;        // acquisitions that found no connection free
  double wait_seconds = 0;   // total time callers waited for a connection
  int64_t timeouts = 0;      // callers that gave up waiting (RESOURCE_EXHAUSTED, or their deadline)
  int64_t replaced = 0;      // connections found broken at BEGIN and replaced
};

class ConnectionPool final {
 public:
  // Opens `size` connections; UNAVAILABLE if the database cannot be reached.
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Create(std::string url, int size);

  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Runs `body` in a read-write transaction and commits it when `body` returns OK. With a
  // `deadline` (the RPC's: CallDeadline in common/server/call_deadline.h), the wait for a free
  // connection ends at it and each statement gets the time left as its statement_timeout
  // (SET LOCAL); either cut off returns DEADLINE_EXCEEDED, and a deadline already past fails
  // before touching the database. The connection goes back to the pool usable.
  absl::Status WithTransaction(const std::function<absl::Status(pqxx::work&)>& body,
                               absl::Time deadline = absl::InfiniteFuture());

  // Runs `body` on a connection of the pool outside any transaction (e.g. for migrations).
  absl::Status WithConnection(const std::function<absl::Status(pqxx::connection&)>& body);

  const std::string& url() const { return url_; }
  PoolStats Stats() const;

 private:
  ConnectionPool(std::string url, int size) : url_(std::move(url)), slots_(size) {}

  // A free slot; waits at most 30 s (RESOURCE_EXHAUSTED) and until `deadline` (DEADLINE_EXCEEDED).
  absl::StatusOr<int> Acquire(absl::Time deadline);
  void Release(int slot);
  absl::Status EnsureOpen(int slot);
  // Runs `use` on a slot of the pool, mapping libpqxx exceptions onto a status; a slot whose
  // connection was lost (UNAVAILABLE) is reopened on its next use.
  absl::Status WithSlot(const std::function<absl::Status(int slot)>& use, absl::Time deadline);
  // BEGIN on the slot's connection; one found broken is replaced once by a fresh connection.
  absl::StatusOr<std::unique_ptr<pqxx::work>> Begin(int slot);

  std::string url_;
  mutable absl::Mutex mutex_;
  std::vector<std::unique_ptr<pqxx::connection>> slots_;
  std::vector<int> free_ ABSL_GUARDED_BY(mutex_);
  PoolStats stats_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace fazhi::db

#endif  // FAZHI_COMMON_DB_CONNECTION_POOL_H_
