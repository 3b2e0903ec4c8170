#include "common/security/access_policy.h"

#include <gtest/gtest.h>

namespace fazhi::security {
namespace {

TEST(AccessPolicyTest, HealthAndReflectionAreOpen) {
  EXPECT_EQ(RequiredRole("/grpc.health.v1.Health/Check"), std::nullopt);
  EXPECT_EQ(RequiredRole("/grpc.health.v1.Health/Watch"), std::nullopt);
  EXPECT_EQ(RequiredRole("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"),
            std::nullopt);
}

TEST(AccessPolicyTest, ReadersQueryWritersIngestAndExtract) {
  EXPECT_EQ(RequiredRole("/fazhi.v1.QueryService/SearchReports"), Role::kReader);
  EXPECT_EQ(RequiredRole("/fazhi.v1.QueryService/ExportReports"), Role::kReader);
  EXPECT_EQ(RequiredRole("/fazhi.v1.IngestionService/IngestDocument"), Role::kWriter);
  EXPECT_EQ(RequiredRole("/fazhi.v1.IngestionService/StreamIngestDocuments"), Role::kWriter);
  EXPECT_EQ(RequiredRole("/fazhi.v1.ExtractionService/ExtractReport"), Role::kWriter);
  EXPECT_EQ(RequiredRole("/fazhi.v1.ExtractionService/ExtractText"), Role::kWriter);
}

TEST(AccessPolicyTest, JobAdministrationNeedsAdmin) {
  EXPECT_EQ(RequiredRole("/fazhi.v1.ExtractionService/ReextractReports"), Role::kAdmin);
  EXPECT_EQ(RequiredRole("/fazhi.v1.ExtractionService/ListJobs"), Role::kAdmin);
  EXPECT_EQ(RequiredRole("/fazhi.v1.ExtractionService/RequeueJobs"), Role::kAdmin);
}

TEST(AccessPolicyTest, MethodRulesMatchWholeNamesOnly) {
  // "ExtractReport" must not open "ExtractReports" or a longer name to writers.
  EXPECT_EQ(RequiredRole("/fazhi.v1.ExtractionService/ExtractReportsInBulk"), Role::kAdmin);
  EXPECT_EQ(RequiredRole("/fazhi.v1.QueryServiceX/GetReport"), Role::kAdmin);
}

TEST(AccessPolicyTest, UnknownMethodsNeedAdmin) {
  EXPECT_EQ(RequiredRole("/fazhi.v2.NewService/Anything"), Role::kAdmin);
  EXPECT_EQ(RequiredRole(""), Role::kAdmin);
}

TEST(AccessPolicyTest, RolesAreOrderedAndNamed) {
  EXPECT_LT(Role::kReader, Role::kWriter);
  EXPECT_LT(Role::kWriter, Role::kAdmin);
  for (Role role : {Role::kReader, Role::kWriter, Role::kAdmin}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_EQ(ParseRole("Admin"), std::nullopt);
  EXPECT_EQ(ParseRole("root"), std::nullopt);
}

}  // namespace
}  // namespace fazhi::security
