#include "common/archive/indicator_values_schema.h"

#include "common/text/shortest_decimal.h"

namespace fazhi {
namespace {

using Value = std::optional<std::string>;

// Doubles travel as their shortest exact text, so that every value (NaN and infinities too)
// arrives as the same double.
Value Decimal(double value) { return text::ShortestDecimal(value); }
Value Boolean(bool value) { return value ? "true" : "false"; }

}  // namespace

const std::vector<IndicatorValueColumn>& IndicatorValueColumns() {
  // In the migrated table's order; a new column goes at the end, as ALTER TABLE adds it.
  static const auto* const kColumns = new std::vector<IndicatorValueColumn>{
      {"report_id", "text",
       [](const StoredIndicator& s) -> Value { return std::string(s.report_id); }},
      {"indicator_id", "text", [](const StoredIndicator& s) -> Value { return s.indicator.id(); }},
      {"value", "double precision",
       [](const StoredIndicator& s) { return Decimal(s.indicator.value()); }},
      {"unit", "text", [](const StoredIndicator& s) -> Value { return s.indicator.unit(); }},
      {"approximate", "boolean",
       [](const StoredIndicator& s) { return Boolean(s.indicator.approximate()); }},
      {"suspect", "boolean",
       [](const StoredIndicator& s) { return Boolean(s.indicator.suspect()); }},
      {"confidence", "double precision",
       [](const StoredIndicator& s) { return Decimal(s.indicator.confidence()); }},
      {"evidence", "text",
       [](const StoredIndicator& s) -> Value { return s.indicator.evidence(); }},
      {"span_begin", "bigint",
       [](const StoredIndicator& s) -> Value {
         return std::to_string(s.indicator.span().begin());
       }},
      {"span_end", "bigint",
       [](const StoredIndicator& s) -> Value { return std::to_string(s.indicator.span().end()); }},
      // Mirrors records.report_year (migration 0006's triggers).
      {"report_year", "integer"},
  };
  return *kColumns;
}

const std::vector<IndicatorValueColumn>& WrittenIndicatorValueColumns() {
  static const auto* const kWritten =
      new std::vector<IndicatorValueColumn>(WrittenColumns(IndicatorValueColumns()));
  return *kWritten;
}

}  // namespace fazhi
