#include "common/config/settings.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace fazhi {
namespace {

TEST(SettingsTest, DefaultsApplyWhenNothingIsSet) {
  unsetenv("FAZHI_QUERY_ADDR");
  Settings settings = Settings::FromEnvironment();
  EXPECT_EQ(settings.Get(kQueryAddr), "127.0.0.1:50053");
}

TEST(SettingsTest, AnEmptyVariableIsUnsetExceptWhereEmptyMeansOff) {
  setenv("FAZHI_QUERY_ADDR", "", 1);
  setenv("FAZHI_QUERY_METRICS_ADDR", "", 1);
  Settings settings = Settings::FromEnvironment();
  unsetenv("FAZHI_QUERY_ADDR");
  unsetenv("FAZHI_QUERY_METRICS_ADDR");
  EXPECT_EQ(settings.Get(kQueryAddr), "127.0.0.1:50053");
  EXPECT_EQ(settings.Get(kQueryMetricsAddr), "");
}

TEST(SettingsTest, EnvironmentOverridesDefault) {
  setenv("FAZHI_QUERY_ADDR", "127.0.0.1:7000", 1);
  Settings settings = Settings::FromEnvironment();
  unsetenv("FAZHI_QUERY_ADDR");
  EXPECT_EQ(settings.Get(kQueryAddr), "127.0.0.1:7000");
}

TEST(SettingsTest, FlagOverridesEnvironmentAndKeepsOtherArguments) {
  setenv("FAZHI_QUERY_ADDR", "127.0.0.1:7000", 1);
  Settings settings = Settings::FromEnvironment();
  unsetenv("FAZHI_QUERY_ADDR");
  const char* argv[] = {"fazhi", "--query-addr=127.0.0.1:8000", "search", "--db-pool-size", "9"};
  std::vector<std::string> rest;
  ASSERT_TRUE(settings.ApplyCommandLine(5, const_cast<char**>(argv), &rest).ok());
  EXPECT_EQ(settings.Get(kQueryAddr), "127.0.0.1:8000");
  EXPECT_EQ(*settings.GetInt(kDbPoolSize), 9);
  EXPECT_EQ(rest, (std::vector<std::string>{"fazhi", "search"}));
}

TEST(SettingsTest, UnknownFlagIsAnErrorWithoutRest) {
  Settings settings;
  const char* argv[] = {"svc", "--no-such-flag=1"};
  absl::Status status = settings.ApplyCommandLine(2, const_cast<char**>(argv));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("--no-such-flag"), std::string::npos);
}

TEST(SettingsTest, NonIntegerIsReportedWithTheVariableName) {
  Settings settings;
  settings.Set(kDbPoolSize, "four");
  absl::StatusOr<int64_t> value = settings.GetInt(kDbPoolSize);
  ASSERT_FALSE(value.ok());
  EXPECT_NE(value.status().message().find("FAZHI_DB_POOL_SIZE"), std::string::npos);
}

}  // namespace
}  // namespace fazhi
