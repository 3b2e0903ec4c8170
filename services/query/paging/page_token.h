// Forwards to common/paging (the paging of every service's List methods), under the query
// service's names so that its code and tests keep them.
#ifndef FAZHI_SERVICES_QUERY_PAGING_PAGE_TOKEN_H_
#define FAZHI_SERVICES_QUERY_PAGING_PAGE_TOKEN_H_

#include "common/paging/page_token.h"

namespace fazhi::query {

using paging::DecodePageToken;
using paging::EncodePageToken;
using paging::Fingerprint;
using paging::PageCursor;
using paging::PageSize;

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_PAGING_PAGE_TOKEN_H_
