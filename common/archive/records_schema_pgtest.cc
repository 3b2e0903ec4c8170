#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "common/archive/records_schema.h"
#include "common/db/migrations.h"
#include "tests/testing/test_database.h"

namespace fazhi {
namespace {

using NamedTypes = std::vector<std::pair<std::string, std::string>>;

// A migration that adds, drops or retypes a column of `records` without the same change in
// RecordColumns() (or the other way round) fails here, before a writer or reader does.
TEST(RecordsSchemaPgTest, MigratedRecordsTableHasExactlyTheSchemaColumnsAndTypes) {
  testing::TestDatabase database;
  pqxx::connection connection(database.url());
  absl::StatusOr<int> applied = db::ApplyMigrations(connection);
  ASSERT_TRUE(applied.ok()) << applied.status();
  pqxx::work work(connection);
  NamedTypes migrated;
  for (const pqxx::row& row :
       work.exec("SELECT column_name, data_type FROM information_schema.columns"
                 " WHERE table_schema = current_schema() AND table_name = 'records'"
                 " ORDER BY ordinal_position")) {
    migrated.emplace_back(row["column_name"].as<std::string>(), row["data_type"].as<std::string>());
  }
  NamedTypes schema;
  for (const RecordColumn& column : RecordColumns()) {
    schema.emplace_back(std::string(column.name), std::string(column.type));
  }
  EXPECT_EQ(migrated, schema);
}

}  // namespace
}  // namespace fazhi
