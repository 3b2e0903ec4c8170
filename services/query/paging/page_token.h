// Opaque page tokens for keyset pagination. A token carries the sort key and id of the last row
// of a page and a fingerprint of the request's parameters (filter, order, query), so the next
// page starts strictly after that row however many reports arrive meanwhile, and a token reused
// with different parameters is rejected.
//
//   std::string token = EncodePageToken({.fingerprint = Fingerprint({filter, order_by}),
//                                        .last_key = "2021", .last_id = "3ec515af8b8a42ca"});
//   absl::StatusOr<PageCursor> cursor = DecodePageToken(token, Fingerprint({filter, order_by}));
#ifndef FAZHI_SERVICES_QUERY_PAGING_PAGE_TOKEN_H_
#define FAZHI_SERVICES_QUERY_PAGING_PAGE_TOKEN_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace fazhi::query {

struct PageCursor {
  uint64_t fingerprint = 0;
  std::string last_key;  // the sort key of the last row, as text
  std::string last_id;   // the report id of the last row
};

// A stable 64-bit fingerprint of request parameters (FNV-1a over length-prefixed parts).
uint64_t Fingerprint(std::initializer_list<std::string_view> parts);

std::string EncodePageToken(const PageCursor& cursor);

// INVALID_ARGUMENT when the token is malformed or was issued for other parameters.
absl::StatusOr<PageCursor> DecodePageToken(std::string_view token, uint64_t expected_fingerprint);

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_PAGING_PAGE_TOKEN_H_
