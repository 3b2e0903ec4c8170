// Decides whether one call may proceed: the role its method needs (access_policy.h) against the
// role of the token in its `authorization: Bearer <token>` metadata (token_table.h).
//
//   Authorizer authorizer(std::move(tokens));
//   absl::Status allowed =
//       authorizer.Check("/fazhi.v1.IngestionService/IngestDocument", "Bearer r-0123456789abcdef");
//   // PERMISSION_DENIED for a reader's token
#ifndef FAZHI_COMMON_SECURITY_AUTHORIZER_H_
#define FAZHI_COMMON_SECURITY_AUTHORIZER_H_

#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "common/security/token_table.h"

namespace fazhi::security {

class Authorizer final {
 public:
  explicit Authorizer(TokenTable tokens) : tokens_(std::move(tokens)) {}

  // OK when the method is open or the token's role suffices; UNAUTHENTICATED when the header is
  // missing, not a bearer token, or the token is unknown; PERMISSION_DENIED when the role is too
  // low. Messages never contain the token.
  absl::Status Check(std::string_view method, std::optional<std::string_view> authorization) const;

  const TokenTable& tokens() const { return tokens_; }

 private:
  TokenTable tokens_;
};

}  // namespace fazhi::security

#endif  // FAZHI_COMMON_SECURITY_AUTHORIZER_H_
