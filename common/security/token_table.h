// The bearer tokens a service accepts and the role of each. Entries are `role token`
// (role: reader, writer or admin; tokens of at least 16 characters, no spaces), one a line in
// FAZHI_TOKENS_FILE (blank lines and `#` comments skipped) or `;`-separated in FAZHI_TOKENS.
// Only SHA-256 digests are kept, and a lookup compares the presented token's digest with every
// entry in constant time, so timing tells nothing about how much of a guess was right.
//
//   absl::StatusOr<TokenTable> tokens =
//       TokenTable::Parse("reader r-0123456789abcdef\nadmin a-0123456789abcdef", '\n',
//       "tokens.txt");
//   std::optional<Role> role = tokens->Find("r-0123456789abcdef");  // Role::kReader
#ifndef FAZHI_COMMON_SECURITY_TOKEN_TABLE_H_
#define FAZHI_COMMON_SECURITY_TOKEN_TABLE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/security/access_policy.h"

namespace fazhi::security {

class TokenTable final {
 public:
  static constexpr size_t kMinTokenLength = 16;

  // Entries separated by `separator`; `source` names the file or variable in errors, which never
  // quote a token. INVALID_ARGUMENT for a malformed entry, an unknown role, a short or repeated
  // token.
  static absl::StatusOr<TokenTable> Parse(std::string_view text, char separator,
                                          std::string_view source);

  // Adds the entries of `other` (FAZHI_TOKENS_FILE and FAZHI_TOKENS together).
  absl::Status Merge(const TokenTable& other);

  std::optional<Role> Find(std::string_view token) const;

  bool empty() const { return entries_.empty(); }
  // How many tokens have `role`, for the start-up log.
  int CountWithRole(Role role) const;

 private:
  using Digest = std::array<uint8_t, 32>;
  struct Entry {
    Digest digest;
    Role role;
  };

  static Digest DigestOf(std::string_view token);
  bool Contains(const Digest& digest) const;

  std::vector<Entry> entries_;
};

}  // namespace fazhi::security

#endif  // FAZHI_COMMON_SECURITY_TOKEN_TABLE_H_
