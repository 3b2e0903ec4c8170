#include "services/query/filter/filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fazhi::query {
namespace {

using ::testing::HasSubstr;

TEST(ReportFilterTest, EmptyFilterMatchesEverything) {
  absl::StatusOr<SqlCondition> condition = ParseReportFilter("  ");
  ASSERT_TRUE(condition.ok());
  EXPECT_EQ(condition->sql, "TRUE");
  EXPECT_TRUE(condition->params.empty());
}

TEST(ReportFilterTest, ComparisonsBecomeParametersNeverInlineText) {
  absl::StatusOr<SqlCondition> condition =
      ParseReportFilter("province = \"四川省\" AND report_year >= 2020", 3);
  ASSERT_TRUE(condition.ok()) << condition.status();
  EXPECT_EQ(condition->sql, "(rec.province = $3 AND rec.report_year >= $4::integer)");
  EXPECT_EQ(condition->params, (std::vector<std::string>{"四川省", "2020"}));
}

TEST(ReportFilterTest, SqlMetacharactersStayInsideParameters) {
  absl::StatusOr<SqlCondition> condition =
      ParseReportFilter("province = \"x'; DROP TABLE reports;--\"");
  ASSERT_TRUE(condition.ok());
  EXPECT_EQ(condition->sql, "rec.province = $1");
  EXPECT_EQ(condition->params[0], "x'; DROP TABLE reports;--");
}

TEST(ReportFilterTest, AnEnumValueThatCanMatchNothingIsRefusedNamingTheValidOnes) {
  absl::StatusOr<SqlCondition> city = ParseReportFilter("level = \"city\"");
  ASSERT_EQ(city.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      std::string(city.status().message()),
      HasSubstr("field 'level' is one of national, province, prefecture, county, township"));
  EXPECT_EQ(ParseReportFilter("state = \"done\"").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseReportFilter("document_kind = \"report\"").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ParseReportFilter("level = \"\" OR state != \"failed\"").ok())
      << "unknown, and valid values";
}

TEST(ReportFilterTest, NamesTheIndicatorsItComparesForTheCallerToCheck) {
  absl::StatusOr<SqlCondition> condition =
      ParseReportFilter("indicators.litigation.cases > 10 OR indicators.foo.bar: *");
  ASSERT_TRUE(condition.ok()) << condition.status();
  EXPECT_EQ(condition->indicator_ids, (std::vector<std::string>{"litigation.cases", "foo.bar"}));
}

// Every filterable column of the archive schema is a field, with the column's type.
TEST(ReportFilterTest, SchemaColumnsMarkedAsFiltersAreFields) {
  absl::StatusOr<SqlCondition> condition =
      ParseReportFilter("county = \"通道侗族自治县\" AND published_on < \"2021-01-01\"");
  ASSERT_TRUE(condition.ok()) << condition.status();
  EXPECT_EQ(condition->sql, "(rec.county = $1 AND rec.published_on < $2::date)");
  EXPECT_TRUE(condition->records_only);
  EXPECT_EQ(ParseReportFilter("title = \"x\"").status().code(), absl::StatusCode::kInvalidArgument)
      << "title is exported, not filtered";
  EXPECT_THAT(std::string(ParseReportFilter("county: \"通道\"").status().message()),
              HasSubstr("field 'county' has no prefix match ':'"));
}

TEST(ReportFilterTest, PrefixMatchOnJurisdictionCode) {
  absl::StatusOr<SqlCondition> condition = ParseReportFilter("jurisdiction_code: \"5133\"");
  ASSERT_TRUE(condition.ok());
  EXPECT_EQ(condition->sql, "starts_with(rec.jurisdiction_code, $1)");
}

TEST(ReportFilterTest, OrNotAndParenthesesNest) {
  absl::StatusOr<SqlCondition> condition =
      ParseReportFilter("NOT (level = \"county\" OR level = \"township\") state = \"extracted\"");
  ASSERT_TRUE(condition.ok()) << condition.status();
  EXPECT_EQ(condition->sql, "((NOT (rec.level = $1 OR rec.level = $2)) AND r.state = $3)");
}

TEST(ReportFilterTest, IndicatorComparisonAndPresence) {
  absl::StatusOr<SqlCondition> compared =
      ParseReportFilter("indicators.litigation.head_appearance_rate < 80");
  ASSERT_TRUE(compared.ok()) << compared.status();
  EXPECT_THAT(compared->sql, HasSubstr("iv.indicator_id = $1 AND iv.value < $2::double precision"));
  EXPECT_EQ(compared->params, (std::vector<std::string>{"litigation.head_appearance_rate", "80"}));
  absl::StatusOr<SqlCondition> present = ParseReportFilter("indicators.legal_aid.cases:*");
  ASSERT_TRUE(present.ok()) << present.status();
  EXPECT_THAT(present->sql, HasSubstr("EXISTS"));
}

TEST(ReportFilterTest, OnlyRecordColumnsMakeAConditionRecordsOnly) {
  auto records_only = [](std::string_view filter) {
    absl::StatusOr<SqlCondition> condition = ParseReportFilter(filter);
    EXPECT_TRUE(condition.ok()) << filter << ": " << condition.status();
    return condition.ok() && condition->records_only;
  };
  EXPECT_TRUE(records_only("province = \"四川省\" AND report_year >= 2020"));
  EXPECT_TRUE(records_only("NOT (level = \"county\" OR jurisdiction_code: \"51\")"));
  // The empty filter also matches reports that have no record yet.
  EXPECT_FALSE(records_only(""));
  EXPECT_FALSE(records_only("level = \"county\" AND state = \"extracted\""));
  EXPECT_FALSE(records_only("report_year = 2020 OR indicators.legal_aid.cases:*"));
  EXPECT_FALSE(records_only("NOT indicators.legal_aid.cases > 3"));
}

TEST(ReportFilterTest, UnknownFieldNamesTheFieldAndColumn) {
  absl::StatusOr<SqlCondition> condition = ParseReportFilter("level = \"county\" AND yr = 2020");
  ASSERT_FALSE(condition.ok());
  EXPECT_EQ(condition.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(condition.status().message(), "filter: unknown field 'yr' at column 22");
}

// The caller's name or value is quoted cut short: 19 KB of it whole broke gRPC's metadata limit.
TEST(ReportFilterTest, AHugeNameOrValueIsQuotedShortInTheError) {
  const std::string name(19000, 'a');
  for (const std::string& filter :
       {name + " = 1", name + " 1", "level = \"" + name + "\"", "state = '" + name + "'"}) {
    absl::StatusOr<SqlCondition> condition = ParseReportFilter(filter);
    ASSERT_FALSE(condition.ok());
    EXPECT_EQ(condition.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_LT(condition.status().message().size(), 300u) << filter.substr(filter.size() - 10);
    EXPECT_THAT(std::string(condition.status().message()), HasSubstr(std::string(80, 'a') + "…"));
  }
}

TEST(ReportFilterTest, ColumnsCountCharactersNotBytes) {
  absl::StatusOr<SqlCondition> condition = ParseReportFilter("province = \"四川\" AND x = 1");
  ASSERT_FALSE(condition.ok());
  EXPECT_THAT(std::string(condition.status().message()), HasSubstr("at column 21"));
}

TEST(ReportFilterTest, WrongValueTypesAreRejected) {
  EXPECT_THAT(std::string(ParseReportFilter("report_year = \"2020\"").status().message()),
              HasSubstr("expects an integer at column 15"));
  EXPECT_THAT(std::string(ParseReportFilter("published_on > \"2020\"").status().message()),
              HasSubstr("expects a quoted date"));
  EXPECT_THAT(
      std::string(ParseReportFilter("indicators.legal_aid.cases > \"many\"").status().message()),
      HasSubstr("compares with a number"));
}

TEST(ReportFilterTest, SyntaxErrorsNameThePosition) {
  for (std::string_view bad :
       {"province =", "province \"x\"", "(level = \"county\"", "level = \"county",
        "report_year >= 2020 )", "level ~ 1", "province: \"四\""}) {
    absl::StatusOr<SqlCondition> condition = ParseReportFilter(bad);
    ASSERT_FALSE(condition.ok()) << bad;
    EXPECT_EQ(condition.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(condition.status().message()), HasSubstr("at column")) << bad;
  }
}

// Found by tests/integration/bad_input_test.cc: each of these reached PostgreSQL, which failed
// with an internal error (out-of-range cast) or the parser exhausted its stack.
TEST(ReportFilterTest, ValuesPostgresqlCannotCastAreRejectedHere) {
  for (std::string_view bad : {"report_year = 99999999999", "published_on = \"2021-13-45\"",
                               "published_on = \"2021-02-29\"", "published_on = \"0000-01-01\""}) {
    absl::StatusOr<SqlCondition> condition = ParseReportFilter(bad);
    EXPECT_EQ(condition.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(ParseReportFilter("published_on = \"2020-02-29\"").ok());
  std::string huge = "indicators.litigation.cases > " + std::string(400, '9');
  EXPECT_THAT(std::string(ParseReportFilter(huge).status().message()),
              HasSubstr("compares with a number"));
}

TEST(ReportFilterTest, DeepNestingIsRejectedNotOverflowed) {
  std::string parens = std::string(5000, '(') + "level = \"county\"" + std::string(5000, ')');
  EXPECT_THAT(std::string(ParseReportFilter(parens).status().message()),
              HasSubstr("nested more than"));
  std::string nots;
  for (int i = 0; i < 2000; ++i) nots += "NOT ";
  EXPECT_THAT(std::string(ParseReportFilter(nots + "level = \"county\"").status().message()),
              HasSubstr("nested more than"));
  std::string fine = std::string(30, '(') + "NOT level = \"county\"" + std::string(30, ')');
  EXPECT_TRUE(ParseReportFilter(fine).ok());
}

TEST(ReportFilterTest, OverlongFiltersAndNulCharactersAreRejected) {
  std::string longest;
  while (longest.size() < 30000) longest += "level = \"county\" AND ";
  EXPECT_THAT(std::string(ParseReportFilter(longest + "level = \"county\"").status().message()),
              HasSubstr("over the limit"));
  EXPECT_THAT(
      std::string(ParseReportFilter(std::string("province = \"a\0b\"", 16)).status().message()),
      HasSubstr("NUL character"));
}

TEST(ReportFilterTest, ColumnsStayRightDeepIntoALongFilter) {
  std::string filter;
  for (int i = 0; i < 200; ++i) filter += "province = \"四川省\" AND ";  // 21 characters each
  filter += "yr = 1";
  EXPECT_THAT(std::string(ParseReportFilter(filter).status().message()),
              HasSubstr("unknown field 'yr' at column 4201"));
}

}  // namespace
}  // namespace fazhi::query
