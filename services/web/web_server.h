// fazhi-web's HTTP server: the JSON API (json_gateway.h) under /v1/, the built web app's static
// files everywhere else, and /healthz (200 when the query service answers SERVING, else 503).
// Read-only: GET and HEAD only; nothing here writes the archive.
//
//   WebServer server(gateway.get(), health_channel, {.static_dir = "build/web"});
//   absl::Status listening = server.Listen("127.0.0.1:8080");   // serves on its own thread
//   ...
//   server.Stop();
//
// Each request is logged (method, path, status, milliseconds) and counted in
// fazhi_http_requests_total{route, code} and fazhi_http_request_seconds{route}, where route is
// the gRPC method, "static", "healthz" or "unknown": a bounded set whatever clients send.
#ifndef FAZHI_SERVICES_WEB_WEB_SERVER_H_
#define FAZHI_SERVICES_WEB_WEB_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/status.h"
#include "services/web/json_gateway.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace fazhi::web {

struct WebServerOptions {
  std::string static_dir;  // the built app; empty: no app, only the API
};

class WebServer final {
 public:
  WebServer(const JsonGateway* gateway, std::shared_ptr<grpc::Channel> query_channel,
            WebServerOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds host:port (port 0: a free one, see port()) and serves on a thread of its own.
  // UNAVAILABLE when the address cannot be bound.
  absl::Status Listen(std::string_view address);
  int port() const { return port_; }

  // Stops taking requests and waits for the serving thread.
  void Stop();

 private:
  void ServeApi(const httplib::Request& request, httplib::Response& response) const;
  void ServeHealth(httplib::Response& response) const;

  const JsonGateway* gateway_;
  std::shared_ptr<grpc::Channel> query_channel_;
  WebServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace fazhi::web

#endif  // FAZHI_SERVICES_WEB_WEB_SERVER_H_
