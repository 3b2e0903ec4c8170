#include "common/security/authorizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fazhi::security {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kReader[] = "reader-token-0123456789";
constexpr char kWriter[] = "writer-token-0123456789";
constexpr char kAdmin[] = "admin-token-0123456789";
constexpr char kSearch[] = "/fazhi.v1.QueryService/SearchReports";
constexpr char kIngest[] = "/fazhi.v1.IngestionService/IngestDocument";
constexpr char kRequeue[] = "/fazhi.v1.ExtractionService/RequeueJobs";

Authorizer MakeAuthorizer() {
  absl::StatusOr<TokenTable> tokens = TokenTable::Parse(
      std::string("reader ") + kReader + ";writer " + kWriter + ";admin " + kAdmin, ';', "test");
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  return Authorizer(*std::move(tokens));
}

std::string Bearer(std::string_view token) { return "Bearer " + std::string(token); }

TEST(AuthorizerTest, EachRoleMayCallItsMethodsAndThoseBelow) {
  Authorizer authorizer = MakeAuthorizer();
  EXPECT_TRUE(authorizer.Check(kSearch, Bearer(kReader)).ok());
  EXPECT_TRUE(authorizer.Check(kSearch, Bearer(kWriter)).ok());
  EXPECT_TRUE(authorizer.Check(kIngest, Bearer(kWriter)).ok());
  EXPECT_TRUE(authorizer.Check(kIngest, Bearer(kAdmin)).ok());
  EXPECT_TRUE(authorizer.Check(kRequeue, Bearer(kAdmin)).ok());
}

TEST(AuthorizerTest, TooLowARoleIsPermissionDeniedNamingTheNeededRole) {
  Authorizer authorizer = MakeAuthorizer();
  absl::Status status = authorizer.Check(kIngest, Bearer(kReader));
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(status.message(), HasSubstr("role reader may not call " + std::string(kIngest)));
  EXPECT_THAT(status.message(), HasSubstr("needs writer"));
  EXPECT_EQ(authorizer.Check(kRequeue, Bearer(kWriter)).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(AuthorizerTest, MissingMalformedOrUnknownTokensAreUnauthenticated) {
  Authorizer authorizer = MakeAuthorizer();
  EXPECT_EQ(authorizer.Check(kSearch, std::nullopt).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(authorizer.Check(kSearch, kReader).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(authorizer.Check(kSearch, "Basic dXNlcjpwYXNz").code(),
            absl::StatusCode::kUnauthenticated);
  absl::Status unknown = authorizer.Check(kSearch, "Bearer guessed-token-0123456789");
  EXPECT_EQ(unknown.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(unknown.message(), Not(HasSubstr("guessed")));
}

TEST(AuthorizerTest, BearerSchemeIsCaseInsensitive) {
  Authorizer authorizer = MakeAuthorizer();
  EXPECT_TRUE(authorizer.Check(kSearch, std::string("bearer ") + kReader).ok());
  EXPECT_TRUE(authorizer.Check(kSearch, std::string("BEARER  ") + kReader).ok());
}

TEST(AuthorizerTest, OpenMethodsNeedNoToken) {
  Authorizer authorizer = MakeAuthorizer();
  EXPECT_TRUE(authorizer.Check("/grpc.health.v1.Health/Check", std::nullopt).ok());
  EXPECT_TRUE(authorizer.Check("/grpc.health.v1.Health/Check", "Bearer nonsense").ok());
}

}  // namespace
}  // namespace fazhi::security
