// The archive's `indicator_values` table (deploy/migrations), one row per (report, indicator) for
// series and comparisons: each column with its SQL type and how its value is taken from one
// indicator of a record. The extraction service's job queue and the benchmark's bulk load write
// their rows from it; records_schema_pgtest checks that the migrated table and this one agree.
//
//   for (const IndicatorValueColumn& column : WrittenIndicatorValueColumns()) {
//     std::optional<std::string> value = column.ValueOf({report_id, indicator});
//   }
#ifndef FAZHI_COMMON_ARCHIVE_INDICATOR_VALUES_SCHEMA_H_
#define FAZHI_COMMON_ARCHIVE_INDICATOR_VALUES_SCHEMA_H_

#include <string_view>
#include <vector>

#include "common/archive/table_columns.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi {

// What a writer stores one indicator row from.
struct StoredIndicator {
  std::string_view report_id;
  const v1::Indicator& indicator;
};

using IndicatorValueColumn = TableColumn<StoredIndicator>;

// Every column, in the migrated table's order.
const std::vector<IndicatorValueColumn>& IndicatorValueColumns();
// The columns a writer gives a value (all but report_year, which a trigger copies from the
// report's record), in the same order.
const std::vector<IndicatorValueColumn>& WrittenIndicatorValueColumns();

}  // namespace fazhi

#endif  // FAZHI_COMMON_ARCHIVE_INDICATOR_VALUES_SCHEMA_H_
