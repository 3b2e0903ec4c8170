#include "services/query/service/read_query.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace fazhi::query {

std::string SelectList(const std::vector<NamedColumn>& columns) {
  return absl::StrJoin(columns, ", ", [](std::string* out, const NamedColumn& column) {
    absl::StrAppend(out, column.sql, " AS ", column.name);
  });
}

std::string QueryParams::Add(std::string value) {
  values_.push_back(std::move(value));
  return absl::StrCat("$", values_.size());
}

void QueryParams::Append(const std::vector<std::string>& values) {
  values_.insert(values_.end(), values.begin(), values.end());
}

std::string IdArrayLiteral(const std::vector<std::string>& ids) {
  return absl::StrCat("{", absl::StrJoin(ids, ","), "}");
}

void RestrictToReports(const std::vector<std::string>& ids, QueryParams* params,
                       SqlCondition* condition) {
  condition->sql = absl::StrCat("(", condition->sql, ") AND r.id = ANY(",
                                params->Add(IdArrayLiteral(ids)), "::text[])");
  condition->records_only = false;
}

absl::Status WithReadOnly(db::ConnectionPool* pool, absl::Time deadline,
                          const std::function<absl::Status(pqxx::work&)>& body) {
  return pool->WithTransaction(
      [&](pqxx::work& work) {
        work.exec0("SET TRANSACTION READ ONLY");
        return body(work);
      },
      deadline);
}

absl::Status RunReadOnly(db::ConnectionPool* pool, absl::Time deadline, const std::string& sql,
                         const QueryParams& params, pqxx::result* rows,
                         const std::vector<std::string>& settings) {
  return WithReadOnly(pool, deadline, [&](pqxx::work& work) {
    for (const std::string& setting : settings) work.exec0(setting);
    *rows = work.exec_params(sql, pqxx::prepare::make_dynamic_params(params.values()));
    return absl::OkStatus();
  });
}

}  // namespace fazhi::query
