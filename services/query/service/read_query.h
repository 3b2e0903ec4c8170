// Read-only SQL for the query service: a parameter list that hands out matching placeholders,
// narrowing a filter's condition to a set of reports, and running a statement in a READ ONLY
// transaction from the pool.
//
//   QueryParams params;
//   std::string sql = "SELECT ... WHERE r.id = " + params.Add(id);
//   pqxx::result rows;
//   absl::Status status = RunReadOnly(pool, CallDeadline(*context), sql, params, &rows);
#ifndef FAZHI_SERVICES_QUERY_SERVICE_READ_QUERY_H_
#define FAZHI_SERVICES_QUERY_SERVICE_READ_QUERY_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "services/query/filter/filter.h"

namespace fazhi::query {

// One column of a SELECT list: its SQL and the name it is read back by (and exported under).
struct NamedColumn {
  std::string name;
  std::string sql;
};

// "sql AS name, ...": rows are then read by name, never by position.
std::string SelectList(const std::vector<NamedColumn>& columns);

class QueryParams final {
 public:
  // Appends a parameter; returns its placeholder ("$3").
  std::string Add(std::string value);
  // Number of the next placeholder.
  int next() const { return static_cast<int>(values_.size()) + 1; }
  // Appends parameters whose placeholders the caller already wrote (from next() on).
  void Append(const std::vector<std::string>& values);
  const std::vector<std::string>& values() const { return values_; }

 private:
  std::vector<std::string> values_;
};

// A PostgreSQL text[] literal of report ids ("{a1b2...,c3d4...}"). Safe without quoting because
// the archive only holds ids of 16 hex digits.
std::string IdArrayLiteral(const std::vector<std::string>& ids);

// Narrows `condition` (whose parameters are already in `params`) to the reports of `ids`, e.g. a
// search query's matches. The condition then reads `r`: a report without a record still counts.
void RestrictToReports(const std::vector<std::string>& ids, QueryParams* params,
                       SqlCondition* condition);

// Runs `body` in a READ ONLY transaction on one connection of the pool (for several statements),
// bounded by `deadline` (the call's: see ConnectionPool::WithTransaction).
absl::Status WithReadOnly(db::ConnectionPool* pool, absl::Time deadline,
                          const std::function<absl::Status(pqxx::work&)>& body);

// `settings` are run first in the same transaction ("SET LOCAL enable_seqscan = off").
absl::Status RunReadOnly(db::ConnectionPool* pool, absl::Time deadline, const std::string& sql,
                         const QueryParams& params, pqxx::result* rows,
                         const std::vector<std::string>& settings = {});

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_READ_QUERY_H_
