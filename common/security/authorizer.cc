#include "common/security/authorizer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"

namespace fazhi::security {
namespace {

constexpr std::string_view kBearerPrefix = "bearer ";  // the scheme is case-insensitive

// The token of "Bearer <token>", or std::nullopt for any other scheme.
std::optional<std::string_view> BearerToken(std::string_view authorization) {
  if (!absl::StartsWithIgnoreCase(Absl(authorization), Absl(kBearerPrefix))) return std::nullopt;
  return Std(absl::StripAsciiWhitespace(Absl(authorization.substr(kBearerPrefix.size()))));
}

}  // namespace

absl::Status Authorizer::Check(std::string_view method,
                               std::optional<std::string_view> authorization) const {
  std::optional<Role> needed = RequiredRole(method);
  if (!needed) return absl::OkStatus();
  if (!authorization) {
    return absl::UnauthenticatedError(
        "missing credentials: send metadata `authorization: Bearer <token>`");
  }
  std::optional<std::string_view> token = BearerToken(*authorization);
  if (!token) {
    return absl::UnauthenticatedError("the authorization metadata is not `Bearer <token>`");
  }
  std::optional<Role> role = tokens_.Find(*token);
  if (!role) return absl::UnauthenticatedError("unknown bearer token");
  if (*role < *needed) {
    return absl::PermissionDeniedError(absl::StrCat("role ", Absl(RoleName(*role)),
                                                    " may not call ", Absl(method), " (needs ",
                                                    Absl(RoleName(*needed)), ")"));
  }
  return absl::OkStatus();
}

}  // namespace fazhi::security
