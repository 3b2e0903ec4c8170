#include "common/paging/page_token.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"

namespace fazhi::paging {
namespace {

constexpr int kTokenVersion = 1;

}  // namespace

uint64_t Fingerprint(std::initializer_list<std::string_view> parts) {
  uint64_t hash = 1469598103934665603ULL;
  auto mix = [&hash](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  };
  for (std::string_view part : parts) {
    for (int shift = 0; shift < 64; shift += 8)
      mix(static_cast<unsigned char>(part.size() >> shift));
    for (char c : part) mix(static_cast<unsigned char>(c));
  }
  return hash;
}

std::string EncodePageToken(const PageCursor& cursor) {
  nlohmann::json json = {{"v", kTokenVersion},
                         {"f", std::to_string(cursor.fingerprint)},
                         {"k", cursor.last_key},
                         {"i", cursor.last_id}};
  return absl::WebSafeBase64Escape(json.dump());
}

absl::StatusOr<PageCursor> DecodePageToken(std::string_view token, uint64_t expected_fingerprint) {
  auto malformed = [] {
    return absl::InvalidArgumentError("page_token is malformed: pass back a next_page_token as is");
  };
  std::string decoded;
  if (!absl::WebSafeBase64Unescape(Absl(token), &decoded)) return malformed();
  nlohmann::json json = nlohmann::json::parse(decoded, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || json.value("v", 0) != kTokenVersion || !json["f"].is_string() ||
      !json["k"].is_string() || !json["i"].is_string()) {
    return malformed();
  }
  PageCursor cursor{0, json["k"], json["i"]};
  if (!absl::SimpleAtoi(json["f"].get<std::string>(), &cursor.fingerprint)) return malformed();
  if (cursor.fingerprint != expected_fingerprint) {
    return absl::InvalidArgumentError(
        "page_token was issued for a different query, filter or order_by: start again without it");
  }
  return cursor;
}

absl::StatusOr<int> PageSize(int requested, int default_size, int max_size) {
  if (requested < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size must not be negative, got ", requested));
  }
  return requested == 0 ? default_size : std::min(requested, max_size);
}

}  // namespace fazhi::paging
