#include "services/web/web_server.h"

#include <httplib.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/logging/logging.h"
#include "common/metrics/metrics_server.h"
#include "common/metrics/registry.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace fazhi::web {
namespace {

// The app loads only its own files; ECharts sets inline styles on the elements it draws.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "frame-ancestors 'none'";

void Count(std::string_view route, int status, double seconds) {
  metrics::Registry& registry = metrics::Registry::Default();
  registry
      .GetCounter("fazhi_http_requests_total", "HTTP requests fazhi-web answered",
                  {{"route", std::string(route)}, {"code", std::to_string(status)}})
      ->Increment();
  registry
      .GetHistogram("fazhi_http_request_seconds", "Time fazhi-web took per request",
                    metrics::LatencyBuckets(), {{"route", std::string(route)}})
      ->Observe(seconds);
}

}  // namespace

WebServer::WebServer(const JsonGateway* gateway, std::shared_ptr<grpc::Channel> query_channel,
                     WebServerOptions options)
    : gateway_(gateway),
      query_channel_(std::move(query_channel)),
      options_(std::move(options)),
      server_(std::make_unique<httplib::Server>()) {
  // Headers and body go out as separate writes: with Nagle's algorithm on, the body waited for
  // the client's delayed ACK, 40 ms on every call.
  server_->set_tcp_nodelay(true);
  server_->set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                {"Content-Security-Policy", kContentSecurityPolicy},
                                {"Referrer-Policy", "same-origin"}});
  server_->Get(R"(/v1/.*)", [this](const httplib::Request& request, httplib::Response& response) {
    ServeApi(request, response);
  });
  server_->Get("/healthz", [this](const httplib::Request&, httplib::Response& response) {
    ServeHealth(response);
  });
  // Anything but GET under /v1/ is refused by the gateway (405), not by a missing route (404).
  auto refuse = [this](const httplib::Request& request, httplib::Response& response) {
    HttpReply reply = gateway_->Handle({.method = request.method, .path = request.path});
    for (const auto& [name, value] : reply.headers) response.set_header(name, value);
    response.status = reply.status;
    response.set_content(reply.body, reply.content_type);
  };
  server_->Post(R"(/.*)", refuse);
  server_->Put(R"(/.*)", refuse);
  server_->Patch(R"(/.*)", refuse);
  server_->Delete(R"(/.*)", refuse);
  if (!options_.static_dir.empty()) server_->set_mount_point("/", options_.static_dir);
  server_->set_logger([](const httplib::Request& request, const httplib::Response& response) {
    if (request.path.starts_with("/v1/") || request.path == "/healthz") return;  // counted there
    Count(response.status == 404 ? "unknown" : "static", response.status, 0);
  });
}

WebServer::~WebServer() { Stop(); }

void WebServer::ServeApi(const httplib::Request& request, httplib::Response& response) const {
  const absl::Time start = absl::Now();
  HttpCall call{.method = "GET", .path = request.path};
  for (const auto& [name, value] : request.params) call.params.emplace(name, value);
  call.authorization = request.get_header_value("Authorization");
  call.request_id = request.get_header_value("X-Request-Id");
  HttpReply reply = gateway_->Handle(call);
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
  response.set_header("Cache-Control", "no-store");
  response.status = reply.status;
  response.set_content(std::move(reply.body), reply.content_type);
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  const std::string route = reply.grpc_method.empty() ? "unknown" : reply.grpc_method;
  Count(route, reply.status, seconds);
  LogEvent(reply.status < 500 ? spdlog::level::info : spdlog::level::warn, "http",
           {{"method", "GET"},
            {"route", route},
            {"status", std::to_string(reply.status)},
            {"ms", absl::StrCat(seconds * 1000)}});
}

void WebServer::ServeHealth(httplib::Response& response) const {
  auto health = grpc::health::v1::Health::NewStub(query_channel_);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse answer;
  const bool serving = health->Check(&context, request, &answer).ok() &&
                       answer.status() == grpc::health::v1::HealthCheckResponse::SERVING;
  response.status = serving ? 200 : 503;
  response.set_content(serving ? "SERVING\n" : "NOT_SERVING: the query service does not answer\n",
                       "text/plain; charset=utf-8");
  Count("healthz", response.status, 0);
}

absl::Status WebServer::Listen(std::string_view address) {
  absl::StatusOr<int> port = metrics::ListenInBackground(server_.get(), address, &thread_);
  if (!port.ok()) return port.status();
  port_ = *port;
  return absl::OkStatus();
}

void WebServer::Stop() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace fazhi::web
