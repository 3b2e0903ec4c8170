// Parses AIP-160-style filter strings over reports into a parameterized SQL condition.
//
//   absl::StatusOr<SqlCondition> condition = ParseReportFilter(
//       "province = \"四川省\" AND report_year >= 2020 AND indicators.legal_aid.cases > 100");
//   // condition->sql: "(rec.province = $1 AND ...)", condition->params: {"四川省", "2020", ...}
//
// Grammar: expr := term { OR term } ; term := factor { AND factor } ;
//          factor := NOT factor | "(" expr ")" | field op value | field ":" "*"
// Operators: = != < <= > >= and ":" (prefix match on codes, presence with "*").
// Values: "double" or 'single' quoted strings, integers and decimals.
// Every error is INVALID_ARGUMENT and names the column (1-based, in characters) where it is.
// The fields are the records columns common/archive/records_schema.h marks as filters (the one
// place to add one), and `state`.
#ifndef FAZHI_SERVICES_QUERY_FILTER_FILTER_H_
#define FAZHI_SERVICES_QUERY_FILTER_FILTER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::query {

struct SqlCondition {
  std::string sql = "TRUE";         // refers to tables `r` (reports) and `rec` (records)
  std::vector<std::string> params;  // $first_param, $first_param+1, ... in order
  // The condition reads only `rec` columns, so it is NULL (never true) for a report without a
  // record: a query may then run it over `records rec` alone, with rec.report_id as the id.
  bool records_only = false;
  // The indicator ids its `indicators.ID` comparisons name, for the caller to check: the parser
  // does not know the indicator list, and an unknown id could only ever match nothing.
  std::vector<std::string> indicator_ids;
};

// Where a query reads the reports a condition selects, and the SQL of a report's id there.
struct ReportSource {
  std::string_view from;  // " FROM ... ", binding `rec` and, unless records alone, `r`
  std::string_view id;
};

// `records rec` alone when `records_only` (see SqlCondition; a condition the caller adds must be
// NULL without a record too), else `reports r LEFT JOIN records rec`. Records alone spare a
// lookup into reports per matching row.
ReportSource ReportSourceFor(bool records_only);

// `first_param` is the number of the first placeholder to use ($1 by default), so the condition
// can be combined with parameters of the surrounding query.
absl::StatusOr<SqlCondition> ParseReportFilter(std::string_view filter, int first_param = 1);

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_FILTER_FILTER_H_
