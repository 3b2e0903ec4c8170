// Comparisons, facets and lists on a real PostgreSQL, for the cases the generated archive of the
// e2e tests never makes: records written after, re-dated after or removed before their values,
// and reports that have no record yet.
#include <gtest/gtest.h>

#include "services/query/service/analytics_reader.h"
#include "services/query/service/report_reader.h"
#include "tests/testing/migrated_archive.h"

namespace fazhi::query {
namespace {

constexpr char kIndicator[] = "legal_aid.cases";

class AnalyticsReaderPgTest : public testing::MigratedArchiveTest {
 protected:
  void AddReport(const std::string& id, const std::string& state = "pending") {
    Exec(
        "INSERT INTO reports (id, content_sha256, original, original_size_bytes, original_encoding,"
        " original_format, normalized_text, normalizer_version, text_length, state) VALUES ('" +
        id + "', '" + id + "', '\\x00', 1, 'UTF-8', 'text', '报告', 'test', 2, '" + state + "')");
  }

  // As the extraction service stores one: an upsert.
  void StoreRecord(const std::string& id, int year, const std::string& province = "四川省") {
    Exec(
        "INSERT INTO records (report_id, record, extractor_version, indicator_set_version,"
        " report_year, province) VALUES ('" +
        id + "', '{}', 'test', 'test', " + std::to_string(year) + ", '" + province +
        "') ON CONFLICT (report_id) DO UPDATE SET"
        " report_year = EXCLUDED.report_year, province = EXCLUDED.province");
  }

  // `suspect`: the extractor marked the value probably damaged or impossible.
  void StoreValue(const std::string& id, double value, bool suspect = false) {
    Exec("INSERT INTO indicator_values (report_id, indicator_id, value, suspect) VALUES ('" + id +
         "', '" + kIndicator + "', " + std::to_string(value) + ", " + (suspect ? "true" : "false") +
         ")");
  }

  v1::CompareIndicatorResponse Compare(int year, const std::string& filter = "",
                                       bool descending = false, int page_size = 0) {
    AnalyticsReader analytics(pool_.get(), {kIndicator});
    v1::CompareIndicatorRequest request;
    request.set_indicator_id(kIndicator);
    request.set_report_year(year);
    request.set_filter(filter);
    request.set_descending(descending);
    request.set_page_size(page_size);
    absl::StatusOr<v1::CompareIndicatorResponse> response = analytics.Compare(request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? *response : v1::CompareIndicatorResponse();
  }

  static std::vector<std::string> Reports(const v1::CompareIndicatorResponse& response) {
    std::vector<std::string> names;
    for (const v1::IndicatorValue& row : response.rows()) names.push_back(row.report());
    return names;
  }

  std::vector<std::string> List(const std::string& filter) {
    ReportReader reader(pool_.get(), nullptr, nullptr);
    absl::StatusOr<ListOrder> order = ParseListOrder("name");
    EXPECT_TRUE(order.ok());
    absl::StatusOr<ReportPage> page =
        reader.List(filter, *order, std::nullopt, 100, v1::REPORT_VIEW_BASIC);
    EXPECT_TRUE(page.ok()) << filter << ": " << page.status();
    std::vector<std::string> names;
    if (page.ok()) {
      for (const v1::Report& report : page->reports) names.push_back(report.name());
    }
    return names;
  }

  int64_t FacetTotal(const std::string& filter) {
    AnalyticsReader analytics(pool_.get(), {kIndicator});
    absl::StatusOr<v1::GetFacetsResponse> facets = analytics.Facets(filter);
    EXPECT_TRUE(facets.ok()) << filter << ": " << facets.status();
    return facets.ok() ? facets->total_size() : -1;
  }
};

TEST(IndicatorRowColumnsTest, EveryIndicatorValueIsReadWithConfidenceLastAsExportsHaveIt) {
  std::vector<std::string> names;
  for (const NamedColumn& column : IndicatorRowColumns()) names.push_back(column.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "report", "jurisdiction_code", "jurisdiction_name", "level", "province",
                       "prefecture", "report_year", "indicator_id", "value", "unit", "approximate",
                       "suspect", "evidence", "span_begin", "span_end", "confidence"}));
}

TEST_F(AnalyticsReaderPgTest, CompareByYearFollowsTheRecordWhicheverIsWrittenFirst) {
  AddReport("a000000000000001");  // record, then value
  StoreRecord("a000000000000001", 2020);
  StoreValue("a000000000000001", 5);
  AddReport("a000000000000002");  // value, then record
  StoreValue("a000000000000002", 7);
  StoreRecord("a000000000000002", 2020);
  AddReport("a000000000000003");  // re-extracted with another year
  StoreRecord("a000000000000003", 2021);
  StoreValue("a000000000000003", 9);
  StoreRecord("a000000000000003", 2020);

  v1::CompareIndicatorResponse in_2020 = Compare(2020);
  EXPECT_EQ(Reports(in_2020),
            (std::vector<std::string>{"reports/a000000000000001", "reports/a000000000000002",
                                      "reports/a000000000000003"}));
  EXPECT_EQ(in_2020.rows(2).report_year(), 2020);
  EXPECT_EQ(in_2020.summary().report_count(), 3);
  EXPECT_EQ(in_2020.summary().stating_count(), 3);
  EXPECT_EQ(in_2020.summary().median(), 7);
  v1::CompareIndicatorResponse in_2021 = Compare(2021);
  EXPECT_EQ(in_2021.rows_size(), 0);
  EXPECT_EQ(in_2021.summary().report_count(), 0);
}

TEST_F(AnalyticsReaderPgTest, CompareLeavesOutValuesWhoseRecordIsGone) {
  AddReport("b000000000000001");
  StoreRecord("b000000000000001", 2020);
  StoreValue("b000000000000001", 5);
  AddReport("b000000000000002");
  StoreRecord("b000000000000002", 2020);
  StoreValue("b000000000000002", 7);
  Exec("DELETE FROM records WHERE report_id = 'b000000000000002'");

  for (int year : {2020, 0}) {
    v1::CompareIndicatorResponse response = Compare(year);
    EXPECT_EQ(Reports(response), std::vector<std::string>{"reports/b000000000000001"}) << year;
    EXPECT_EQ(response.summary().stating_count(), 1) << year;
  }
  // Without a year the scope is every report, with a record or not.
  EXPECT_EQ(Compare(0).summary().report_count(), 2);
  EXPECT_EQ(Compare(2020).summary().report_count(), 1);
}

// Issue 19: a damaged figure (a rate of 101.07%) made the maximum and moved the mean, and only
// the CLI's table marked it, for the rows of the page it showed.
TEST_F(AnalyticsReaderPgTest, SuspectValuesAreListedCountedAndLeftOutOfTheStatistics) {
  int n = 0;
  for (auto [value, suspect] : std::vector<std::pair<double, bool>>{
           {40, false}, {60, false}, {80, false}, {101.07, true}}) {
    std::string id = "e00000000000000" + std::to_string(++n);
    AddReport(id);
    StoreRecord(id, 2020);
    StoreValue(id, value, suspect);
  }
  // The page of one row holds the suspect value; the summary is over every row all the same.
  v1::CompareIndicatorResponse first = Compare(2020, "", /*descending=*/true, /*page_size=*/1);
  ASSERT_EQ(first.rows_size(), 1);
  EXPECT_EQ(first.rows(0).value(), 101.07);
  EXPECT_TRUE(first.rows(0).suspect());
  const v1::IndicatorSummary& summary = first.summary();
  EXPECT_EQ(summary.stating_count(), 4);
  EXPECT_EQ(summary.suspect_count(), 1);
  EXPECT_EQ(summary.min(), 40);
  EXPECT_EQ(summary.median(), 60);
  EXPECT_EQ(summary.max(), 80);
  EXPECT_EQ(summary.mean(), 60);
  EXPECT_EQ(Compare(2020).summary().SerializeAsString(), summary.SerializeAsString())
      << "every page, in either order, has the same summary";
}

TEST_F(AnalyticsReaderPgTest, ACompareWithoutAValueToSummarizeHasNoStatistics) {
  AddReport("f000000000000001");
  StoreRecord("f000000000000001", 2020);
  StoreValue("f000000000000001", 250, /*suspect=*/true);
  AddReport("f000000000000002");
  StoreRecord("f000000000000002", 2021);
  StoreValue("f000000000000002", 0);
  for (int year : {2020, 1999}) {
    const v1::IndicatorSummary summary = Compare(year).summary();
    EXPECT_EQ(summary.suspect_count(), year == 2020 ? 1 : 0) << year;
    EXPECT_FALSE(summary.has_min() || summary.has_median() || summary.has_max() ||
                 summary.has_mean())
        << year << ": unset, not 0";
  }
  // A stated zero is a value.
  const v1::IndicatorSummary zero = Compare(2021).summary();
  ASSERT_TRUE(zero.has_min() && zero.has_mean());
  EXPECT_EQ(zero.min(), 0);
  EXPECT_EQ(zero.mean(), 0);
}

TEST_F(AnalyticsReaderPgTest, CompareWithAFilterAndAYearKeepsBoth) {
  AddReport("c000000000000001");
  StoreRecord("c000000000000001", 2020, "四川省");
  StoreValue("c000000000000001", 5);
  AddReport("c000000000000002");
  StoreRecord("c000000000000002", 2020, "河北省");
  StoreValue("c000000000000002", 7);
  AddReport("c000000000000003");
  StoreRecord("c000000000000003", 2021, "四川省");
  StoreValue("c000000000000003", 9);

  v1::CompareIndicatorResponse response = Compare(2020, "province = \"四川省\"");
  EXPECT_EQ(Reports(response), std::vector<std::string>{"reports/c000000000000001"});
  EXPECT_EQ(response.summary().report_count(), 1);
  response = Compare(0, "province = \"四川省\" OR state = \"extracted\"");
  EXPECT_EQ(Reports(response),
            (std::vector<std::string>{"reports/c000000000000001", "reports/c000000000000003"}));
}

TEST_F(AnalyticsReaderPgTest, ReportsWithoutARecordMatchOnlyFiltersOnTheReport) {
  AddReport("d000000000000001", "extracted");
  StoreRecord("d000000000000001", 2020, "四川省");
  AddReport("d000000000000002");  // not extracted yet

  EXPECT_EQ(List("province = \"四川省\""), std::vector<std::string>{"reports/d000000000000001"});
  EXPECT_EQ(List("NOT province = \"河北省\""),
            std::vector<std::string>{"reports/d000000000000001"});
  EXPECT_EQ(List("state = \"pending\""), std::vector<std::string>{"reports/d000000000000002"});
  EXPECT_EQ(List("").size(), 2u);
  EXPECT_EQ(FacetTotal("NOT province = \"河北省\""), 1);
  EXPECT_EQ(FacetTotal("level = \"county\" OR state = \"pending\""), 1);
  EXPECT_EQ(FacetTotal(""), 2);
}

}  // namespace
}  // namespace fazhi::query
