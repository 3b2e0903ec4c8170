// Paging for every List method of the API (AIP-158): opaque page tokens for keyset pagination,
// and the page size a request asks for. A token carries the sort key and id of the last row of a
// page and a fingerprint of the request's parameters (method, filter, order, query), so the next
// page starts strictly after that row however many rows arrive meanwhile, and a token reused with
// different parameters (or given to another method) is INVALID_ARGUMENT.
//
//   absl::StatusOr<int> size = PageSize(request.page_size(), /*default_size=*/50,
//   /*max_size=*/1000); uint64_t fingerprint = Fingerprint({"list", filter, order_by}); std::string
//   token = EncodePageToken({.fingerprint = fingerprint,
//                                        .last_key = "2021", .last_id = "3ec515af8b8a42ca"});
//   absl::StatusOr<PageCursor> cursor = DecodePageToken(token, fingerprint);
#ifndef FAZHI_COMMON_PAGING_PAGE_TOKEN_H_
#define FAZHI_COMMON_PAGING_PAGE_TOKEN_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace fazhi::paging {

struct PageCursor {
  uint64_t fingerprint = 0;
  std::string last_key;  // the sort key of the last row, as text
  std::string last_id;   // the id of the last row
};

// A stable 64-bit fingerprint of request parameters (FNV-1a over length-prefixed parts).
uint64_t Fingerprint(std::initializer_list<std::string_view> parts);

std::string EncodePageToken(const PageCursor& cursor);

// INVALID_ARGUMENT when the token is malformed or was issued for other parameters.
absl::StatusOr<PageCursor> DecodePageToken(std::string_view token, uint64_t expected_fingerprint);

// page_size: 0 means `default_size`; negative is INVALID_ARGUMENT; larger than `max_size` is
// capped (AIP-158).
absl::StatusOr<int> PageSize(int requested, int default_size, int max_size);

}  // namespace fazhi::paging

#endif  // FAZHI_COMMON_PAGING_PAGE_TOKEN_H_
