#include "common/archive/indicator_values_schema.h"

#include <gtest/gtest.h>

#include <cmath>

namespace fazhi {
namespace {

const IndicatorValueColumn& Column(std::string_view name) {
  const IndicatorValueColumn* column = FindColumn(IndicatorValueColumns(), name);
  if (column == nullptr) ADD_FAILURE() << "no column " << name;
  return column != nullptr ? *column : IndicatorValueColumns().front();
}

v1::Indicator CaseCount() {
  v1::Indicator indicator;
  indicator.set_id("administrative_litigation_cases");
  indicator.set_value(27.42);
  indicator.set_unit("件");
  indicator.set_approximate(true);
  indicator.set_confidence(0.1 + 0.2);
  indicator.set_evidence("行政诉讼案件27.42件");
  indicator.mutable_span()->set_begin(12);
  indicator.mutable_span()->set_end(17);
  return indicator;
}

TEST(IndicatorValuesSchemaTest, WrittenValuesAreTheTextPostgresReads) {
  v1::Indicator indicator = CaseCount();
  StoredIndicator stored{"00000000000000aa", indicator};
  EXPECT_EQ(Column("report_id").ValueOf(stored), "00000000000000aa");
  EXPECT_EQ(Column("indicator_id").ValueOf(stored), "administrative_litigation_cases");
  EXPECT_EQ(Column("value").ValueOf(stored), "27.42");
  EXPECT_EQ(Column("unit").ValueOf(stored), "件");
  EXPECT_EQ(Column("approximate").ValueOf(stored), "true");
  EXPECT_EQ(Column("suspect").ValueOf(stored), "false");
  EXPECT_EQ(Column("confidence").ValueOf(stored), "0.30000000000000004");
  EXPECT_EQ(Column("evidence").ValueOf(stored), "行政诉讼案件27.42件");
  EXPECT_EQ(Column("span_begin").ValueOf(stored), "12");
  EXPECT_EQ(Column("span_end").ValueOf(stored), "17");
}

TEST(IndicatorValuesSchemaTest, NotANumberIsWrittenAsPostgresSpellsIt) {
  v1::Indicator indicator = CaseCount();
  indicator.set_value(std::nan(""));
  EXPECT_EQ(Column("value").ValueOf({"00000000000000aa", indicator}), "NaN");
}

TEST(IndicatorValuesSchemaTest, ReportYearIsLeftToTheDatabase) {
  EXPECT_FALSE(Column("report_year").written());
  EXPECT_EQ(ColumnNameList(WrittenIndicatorValueColumns()),
            "report_id, indicator_id, value, unit, approximate, suspect, confidence, evidence, "
            "span_begin, span_end");
}

}  // namespace
}  // namespace fazhi
