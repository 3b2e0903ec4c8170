#include "common/db/connection_pool.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"
#include "common/logging/logging.h"

namespace fazhi::db {

absl::Status StatusFromException(const std::exception& error, std::string_view what) {
  std::string message = absl::StrCat(Absl(what), ": ", error.what());
  if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr) {
    return absl::UnavailableError(message);
  }
  // The connection died during COMMIT: the outcome is unknown, so only an idempotent caller
  // may retry (it then finds its committed work); UNAVAILABLE says exactly that.
  if (dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr) {
    return absl::UnavailableError(message);
  }
  if (dynamic_cast<const pqxx::unique_violation*>(&error) != nullptr) {
    return absl::AlreadyExistsError(message);
  }
  if (dynamic_cast<const pqxx::serialization_failure*>(&error) != nullptr ||
      dynamic_cast<const pqxx::deadlock_detected*>(&error) != nullptr) {
    return absl::AbortedError(message);
  }
  if (auto* sql = dynamic_cast<const pqxx::sql_error*>(&error); sql != nullptr) {
    // Class 08 is connection exceptions; 57P0x is the server shutting down.
    const std::string& state = sql->sqlstate();
    if (state == "57014") return absl::DeadlineExceededError(message);  // statement timeout
    if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) {
      return absl::UnavailableError(message);
    }
  }
  return absl::InternalError(message);
}

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::Create(std::string url, int size) {
  if (size < 1) return absl::InvalidArgumentError("database pool size must be at least 1");
  std::unique_ptr<ConnectionPool> pool(new ConnectionPool(std::move(url), size));
  for (int slot = 0; slot < size; ++slot) {
    if (absl::Status opened = pool->EnsureOpen(slot); !opened.ok()) return opened;
    pool->free_.push_back(slot);
  }
  return pool;
}

absl::Status ConnectionPool::EnsureOpen(int slot) {
  std::unique_ptr<pqxx::connection>& connection = slots_[slot];
  if (connection != nullptr && connection->is_open()) return absl::OkStatus();
  try {
    connection = std::make_unique<pqxx::connection>(url_);
    return absl::OkStatus();
  } catch (const std::exception& error) {
    connection.reset();
    return absl::UnavailableError(absl::StrCat("cannot connect to the database: ", error.what()));
  }
}

absl::StatusOr<int> ConnectionPool::Acquire(absl::Time deadline) {
  constexpr absl::Duration kMaxWait = absl::Seconds(30);
  absl::Time start = absl::Now();
  const bool deadline_first = deadline < start + kMaxWait;
  absl::MutexLock lock(&mutex_);
  auto has_free = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return !free_.empty(); };
  bool waited = free_.empty();
  if (!mutex_.AwaitWithDeadline(absl::Condition(&has_free),
                                deadline_first ? deadline : start + kMaxWait)) {
    ++stats_.timeouts;
    stats_.wait_seconds += absl::ToDoubleSeconds(absl::Now() - start);
    if (deadline_first) {
      return absl::DeadlineExceededError(
          "the deadline passed while waiting for a database connection");
    }
    return absl::ResourceExhaustedError("no database connection free within 30 s");
  }
  int slot = free_.back();
  free_.pop_back();
  ++stats_.acquisitions;
  if (waited) {
    ++stats_.waited;
    stats_.wait_seconds += absl::ToDoubleSeconds(absl::Now() - start);
  }
  return slot;
}

PoolStats ConnectionPool::Stats() const {
  absl::MutexLock lock(&mutex_);
  PoolStats stats = stats_;
  stats.size = static_cast<int>(slots_.size());
  stats.in_use = stats.size - static_cast<int>(free_.size());
  return stats;
}

void ConnectionPool::Release(int slot) {
  absl::MutexLock lock(&mutex_);
  free_.push_back(slot);
}

absl::Status ConnectionPool::WithSlot(const std::function<absl::Status(int slot)>& use,
                                      absl::Time deadline) {
  absl::StatusOr<int> slot = Acquire(deadline);
  if (!slot.ok()) return slot.status();
  absl::Status status;
  try {
    status = use(*slot);
  } catch (const std::exception& error) {
    status = StatusFromException(error, "database");
  }
  if (absl::IsUnavailable(status)) slots_[*slot].reset();  // reopen on next use
  Release(*slot);
  return status;
}

absl::StatusOr<std::unique_ptr<pqxx::work>> ConnectionPool::Begin(int slot) {
  for (int attempt = 1;; ++attempt) {
    if (absl::Status opened = EnsureOpen(slot); !opened.ok()) return opened;
    try {
      return std::make_unique<pqxx::work>(*slots_[slot]);
    } catch (const pqxx::broken_connection& error) {
      // It died while idle (PostgreSQL restarted, the backend was terminated): nothing was sent
      // on it yet, so a fresh connection may begin the same transaction. A fresh one that breaks
      // too means the server is going away: that is the caller's UNAVAILABLE.
      slots_[slot].reset();
      if (attempt == 2) return StatusFromException(error, "beginning a transaction");
      LogEvent(spdlog::level::info, "db_connection_replaced", {{"error", error.what()}});
      absl::MutexLock lock(&mutex_);
      ++stats_.replaced;
    }
  }
}

absl::Status ConnectionPool::WithConnection(
    const std::function<absl::Status(pqxx::connection&)>& body) {
  return WithSlot(
      [&](int slot) {
        if (absl::Status opened = EnsureOpen(slot); !opened.ok()) return opened;
        return body(*slots_[slot]);
      },
      absl::InfiniteFuture());
}

absl::Status ConnectionPool::WithTransaction(const std::function<absl::Status(pqxx::work&)>& body,
                                             absl::Time deadline) {
  if (deadline <= absl::Now()) {
    return absl::DeadlineExceededError("the deadline passed before the transaction began");
  }
  return WithSlot(
      [&](int slot) {
        absl::StatusOr<std::unique_ptr<pqxx::work>> work = Begin(slot);
        if (!work.ok()) return work.status();
        // Deadlines beyond a day are no limit in practice (and beyond PostgreSQL's int range).
        if (absl::Duration left = deadline - absl::Now(); left < absl::Hours(24)) {
          // Whole milliseconds, at least 1: statement_timeout 0 would mean no limit.
          int64_t left_ms = std::max<int64_t>(1, absl::ToInt64Milliseconds(left));
          (*work)->exec0(absl::StrCat("SET LOCAL statement_timeout = ", left_ms));
        }
        absl::Status status = body(**work);
        if (status.ok()) (*work)->commit();
        return status;
      },
      deadline);
}

}  // namespace fazhi::db
