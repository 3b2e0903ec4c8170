// Paged listings (list, search, jobs) fetched as one response: the first page, or with --all
// every page, merged so that a command prints one table or ONE JSON document per invocation.
// The merged response keeps the last page's next_page_token: empty after --all, else the token
// a user passes back with --page-token.
//
//   v1::ListReportsResponse all;
//   grpc::Status status = FetchPages(request, line.Has("all"), [&](const auto& page_request, auto*
//   page) {
//     return CallReadOnly(kTimeout, [&](grpc::ClientContext* c) { return stub->ListReports(c,
//     page_request, page); });
//   }, &all);
#ifndef FAZHI_CLI_PAGES_H_
#define FAZHI_CLI_PAGES_H_

#include <grpcpp/grpcpp.h>

#include <string>

namespace fazhi::cli {

template <typename Request, typename Response, typename Call>
grpc::Status FetchPages(Request request, bool all, Call&& call, Response* merged) {
  while (true) {
    Response page;
    grpc::Status status = call(request, &page);
    if (!status.ok()) return status;
    std::string next = page.next_page_token();
    merged->MergeFrom(page);  // appends the repeated field; total_size is the same on every page
    merged->set_next_page_token(next);  // MergeFrom keeps a non-empty token over the last empty one
    if (next.empty() || !all) return grpc::Status::OK;
    request.set_page_token(std::move(next));
  }
}

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_PAGES_H_
