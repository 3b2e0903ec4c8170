// The JSON API of fazhi-web: HTTP GET requests mapped onto a gRPC service's methods by their
// google.api.http annotations, answered with the protos' canonical JSON mapping (AIP-127), so
// any language can use the API with an HTTP client alone.
//
//   JsonGateway gateway(channel, v1::QueryService::descriptor(), {.deadline = absl::Seconds(10)});
//   HttpReply reply = gateway.Handle({.path = "/v1/reports:search",
//                                     .params = {{"query", "行政复议"}, {"pageSize", "5"}}});
//   // reply.status == 200, reply.body ==
//   R"({"hits":[...],"nextPageToken":"...","totalSize":"12"})"
//
// Request fields come from the path variables and the query parameters (by field name or its
// JSON name, `page_size` or `pageSize`; enums by name; repeated fields by repeating the
// parameter). Every field is printed, zeros included, so 0 and absent differ; int64 values are
// JSON strings as the mapping says. A rule with `response_body` answers with that bytes field
// raw (the report's original), typed by the message's `content_type` field and named for saving
// by its `file_name`. Errors carry the gRPC status as HTTP status and an AIP-193 body:
// {"error": {"code": 404, "status": "NOT_FOUND", "message": "report reports/… not found"}}.
//
// Each call carries a deadline, the caller's `Authorization` header (or the gateway's own token
// when the caller sends none) and an `x-request-id` (the caller's, or a new one), as the other
// clients' calls do.
#ifndef FAZHI_SERVICES_WEB_JSON_GATEWAY_H_
#define FAZHI_SERVICES_WEB_JSON_GATEWAY_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/web/http_rule.h"

namespace fazhi::web {

struct HttpCall {
  std::string method = "GET";
  std::string path;                                // decoded, without the query string
  std::multimap<std::string, std::string> params;  // decoded query parameters
  std::string authorization;                       // the Authorization header, if any
  std::string request_id;                          // the X-Request-Id header, if any
};

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::map<std::string, std::string> headers;
  std::string grpc_method;  // the method called, for logs and metrics; empty when none matched
};

struct GatewayOptions {
  absl::Duration deadline = absl::Seconds(10);
  std::string token;  // sent as `Bearer {token}` when the caller sends no Authorization
};

class JsonGateway final {
 public:
  // The routes of every method of `service` that has a google.api.http rule.
  // INVALID_ARGUMENT when a rule cannot be parsed.
  static absl::StatusOr<std::unique_ptr<JsonGateway>> Create(
      std::shared_ptr<grpc::Channel> channel, const google::protobuf::ServiceDescriptor* service,
      GatewayOptions options);

  // Whether a route's path fits `path` (any method); the server sends other paths elsewhere.
  bool Routes(const std::string& path) const;

  HttpReply Handle(const HttpCall& call) const;

  // "GET /v1/{name=reports/*}" -> "fazhi.v1.QueryService.GetReport", for docs and tests.
  std::vector<std::pair<std::string, std::string>> RouteTable() const;

 private:
  struct Route {
    std::string http_method;
    PathTemplate path;
    const google::protobuf::MethodDescriptor* method = nullptr;
    std::string response_body;  // a field of the response sent raw; empty: the JSON of it all
  };

  JsonGateway(std::shared_ptr<grpc::Channel> channel, GatewayOptions options)
      : channel_(std::move(channel)), stub_(channel_), options_(std::move(options)) {}

  HttpReply Call(const Route& route, const PathBindings& bindings, const HttpCall& call) const;

  std::shared_ptr<grpc::Channel> channel_;
  mutable grpc::GenericStub stub_;
  GatewayOptions options_;
  std::vector<Route> routes_;
};

// fazhi.v1.QueryService, from its generated file (which this reference also links in).
const google::protobuf::ServiceDescriptor* QueryServiceDescriptor();

// Sets `message`'s fields from path bindings and query parameters. INVALID_ARGUMENT names an
// unknown parameter or a value that does not fit its field.
absl::Status SetRequestFields(const PathBindings& bindings,
                              const std::multimap<std::string, std::string>& params,
                              google::protobuf::Message* message);

// The HTTP status of a gRPC status code (google.rpc.Code's mapping).
int HttpStatusOf(grpc::StatusCode code);

// {"error": {"code": ..., "status": "NOT_FOUND", "message": ...}}
std::string ErrorBody(int http_status, grpc::StatusCode code, const std::string& message);

}  // namespace fazhi::web

#endif  // FAZHI_SERVICES_WEB_JSON_GATEWAY_H_
