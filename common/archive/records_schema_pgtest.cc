#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/archive/indicator_values_schema.h"
#include "common/archive/records_schema.h"
#include "common/archive/reports_schema.h"
#include "common/db/migrations.h"
#include "tests/testing/test_database.h"

namespace fazhi {
namespace {

using NamedTypes = std::vector<std::pair<std::string, std::string>>;

// A migration that adds, drops or retypes a column of an archive table without the same change in
// its schema table in common/archive (or the other way round) fails here, before a writer or
// reader does.
class ArchiveSchemaPgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<int> applied = db::ApplyMigrations(connection_);
    ASSERT_TRUE(applied.ok()) << applied.status();
  }

  // `table`'s columns and types in the migrated database, in table order.
  NamedTypes Migrated(std::string_view table) {
    pqxx::work work(connection_);
    NamedTypes migrated;
    for (const pqxx::row& row : work.exec_params(
             "SELECT column_name, data_type FROM information_schema.columns"
             " WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
             std::string(table))) {
      migrated.emplace_back(row["column_name"].as<std::string>(),
                            row["data_type"].as<std::string>());
    }
    return migrated;
  }

  testing::TestDatabase database_;
  pqxx::connection connection_{database_.url()};
};

// The names and types of a schema table's columns (common/archive/table_columns.h).
template <typename Column>
NamedTypes Schema(const std::vector<Column>& columns) {
  NamedTypes schema;
  for (const Column& column : columns) {
    schema.emplace_back(std::string(column.name), std::string(column.type));
  }
  return schema;
}

TEST_F(ArchiveSchemaPgTest, MigratedRecordsTableHasExactlyTheSchemaColumnsAndTypes) {
  EXPECT_EQ(Migrated("records"), Schema(RecordColumns()));
}

TEST_F(ArchiveSchemaPgTest, MigratedIndicatorValuesTableHasExactlyTheSchemaColumnsAndTypes) {
  EXPECT_EQ(Migrated("indicator_values"), Schema(IndicatorValueColumns()));
}

TEST_F(ArchiveSchemaPgTest, MigratedReportsTableHasExactlyTheSchemaColumnsAndTypes) {
  EXPECT_EQ(Migrated("reports"), Schema(ReportColumns()));
}

}  // namespace
}  // namespace fazhi
