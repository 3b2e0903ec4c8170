#include "common/security/token_table.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/compat/string_view.h"

namespace fazhi::security {

absl::StatusOr<TokenTable> TokenTable::Parse(std::string_view text, char separator,
                                             std::string_view source) {
  TokenTable table;
  int entry_number = 0;
  for (absl::string_view entry : absl::StrSplit(Absl(text), separator)) {
    ++entry_number;
    entry = absl::StripAsciiWhitespace(entry);
    if (entry.empty() || entry.front() == '#') continue;
    std::vector<absl::string_view> fields =
        absl::StrSplit(entry, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    // Errors name the entry by number and never quote it: it holds a secret.
    std::string where = absl::StrCat(Absl(source), " entry ", entry_number);
    if (fields.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": expected `role token` (2 fields), got ", fields.size()));
    }
    std::optional<Role> role = ParseRole(Std(fields[0]));
    if (!role) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": unknown role '", fields[0],
                                                     "'; the roles are reader, writer and admin"));
    }
    if (fields[1].size() < kMinTokenLength) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": tokens need at least ", kMinTokenLength, " characters"));
    }
    Digest digest = DigestOf(Std(fields[1]));
    if (table.Contains(digest)) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": the token is listed twice"));
    }
    table.entries_.push_back({digest, *role});
  }
  return table;
}

absl::Status TokenTable::Merge(const TokenTable& other) {
  for (const Entry& entry : other.entries_) {
    if (Contains(entry.digest)) {
      return absl::InvalidArgumentError(
          "a token is listed in both FAZHI_TOKENS_FILE and FAZHI_TOKENS");
    }
    entries_.push_back(entry);
  }
  return absl::OkStatus();
}

std::optional<Role> TokenTable::Find(std::string_view token) const {
  Digest digest = DigestOf(token);
  std::optional<Role> found;
  // No early exit: every lookup costs the same whichever entry matches.
  for (const Entry& entry : entries_) {
    if (CRYPTO_memcmp(entry.digest.data(), digest.data(), digest.size()) == 0) found = entry.role;
  }
  return found;
}

int TokenTable::CountWithRole(Role role) const {
  int count = 0;
  for (const Entry& entry : entries_) count += entry.role == role ? 1 : 0;
  return count;
}

TokenTable::Digest TokenTable::DigestOf(std::string_view token) {
  Digest digest;
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest.data());
  return digest;
}

bool TokenTable::Contains(const Digest& digest) const {
  for (const Entry& entry : entries_) {
    if (entry.digest == digest) return true;
  }
  return false;
}

}  // namespace fazhi::security
