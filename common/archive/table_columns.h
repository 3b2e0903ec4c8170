// What the archive's schema tables share (records_schema.h, indicator_values_schema.h,
// reports_schema.h): a column is a name and an SQL type as information_schema names it ("text",
// "integer", "bigint", "double precision", "boolean", "jsonb", ...) and, for a column a writer
// fills, how its value is taken from what the writer stores. The helpers here work on any such
// column type.
//
//   const std::vector<IndicatorValueColumn>& written = WrittenIndicatorValueColumns();
//   std::string columns = ColumnNameList(written);  // "report_id, indicator_id, value, ..."
//   std::optional<std::string> value = written[2].ValueOf({report_id, indicator});
#ifndef FAZHI_COMMON_ARCHIVE_TABLE_COLUMNS_H_
#define FAZHI_COMMON_ARCHIVE_TABLE_COLUMNS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fazhi {

// A column whose written value is taken from a `Source` alone.
template <typename Source>
struct TableColumn {
  std::string_view name;
  std::string_view type;
  // Its value in the source, as the text PostgreSQL reads (nullopt: NULL); nullptr: the
  // database fills it in (a default or a trigger).
  std::optional<std::string> (*value_of)(const Source& source) = nullptr;

  bool written() const { return value_of != nullptr; }
  // Only for written().
  std::optional<std::string> ValueOf(const Source& source) const { return value_of(source); }
};

// Names of `columns` joined by ", " (a column list for INSERT or COPY).
template <typename Column>
std::string ColumnNameList(const std::vector<Column>& columns) {
  std::string list;
  for (const Column& column : columns) {
    if (!list.empty()) list += ", ";
    list.append(column.name.data(), column.name.size());
  }
  return list;
}

// The column of `columns` named `name`, or nullptr.
template <typename Column>
const Column* FindColumn(const std::vector<Column>& columns, std::string_view name) {
  for (const Column& column : columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

// The columns of `columns` a writer gives a value, in the same order.
template <typename Column>
std::vector<Column> WrittenColumns(const std::vector<Column>& columns) {
  std::vector<Column> written;
  for (const Column& column : columns) {
    if (column.written()) written.push_back(column);
  }
  return written;
}

}  // namespace fazhi

#endif  // FAZHI_COMMON_ARCHIVE_TABLE_COLUMNS_H_
