#include "common/metrics/metrics_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"

namespace fazhi::metrics {
namespace {

constexpr size_t kHttpThreads = 2;  // scrapes are rare; a stuck client must not cost more

struct HostPort {
  std::string host;
  int port = 0;
};

// "127.0.0.1:9451", "[::1]:9451", ":9451" (all interfaces).
absl::StatusOr<HostPort> ParseAddress(std::string_view address) {
  size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string_view::npos ||
      !absl::SimpleAtoi(Absl(address.substr(colon + 1)), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics address '", Absl(address), "' is not host:port"));
  }
  std::string_view host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return HostPort{host.empty() ? "0.0.0.0" : std::string(host), port};
}

}  // namespace

absl::StatusOr<int> ListenInBackground(httplib::Server* http, std::string_view address,
                                       std::thread* thread) {
  absl::StatusOr<HostPort> parsed = ParseAddress(address);
  if (!parsed.ok()) return parsed.status();
  // SO_REUSEADDR only: httplib's default SO_REUSEPORT would let a second process share the port
  // and answer half the requests.
  http->set_socket_options([](int socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  int port = 0;
  if (parsed->port == 0) {
    port = http->bind_to_any_port(parsed->host);
  } else if (http->bind_to_port(parsed->host, parsed->port)) {
    port = parsed->port;
  }
  if (port <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", Absl(address), " (address in use?)"));
  }
  *thread = std::thread([http] { http->listen_after_bind(); });
  // stop() is a no-op until the loop runs: wait for it, so a stop right after cannot miss it.
  while (!http->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return port;
}

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(std::string_view address,
                                                                    const Registry* registry) {
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  server->http_ = std::make_unique<httplib::Server>();
  server->http_->new_task_queue = [] { return new httplib::ThreadPool(kHttpThreads); };
  server->http_->Get("/metrics", [registry](const httplib::Request&, httplib::Response& response) {
    response.set_content(registry->Render(), std::string(kContentType));
  });
  absl::StatusOr<int> port = ListenInBackground(server->http_.get(), address, &server->thread_);
  if (!port.ok()) {
    return absl::Status(port.status().code(),
                        absl::StrCat("metrics address: ", port.status().message()));
  }
  server->port_ = *port;
  return server;
}

absl::StatusOr<std::string> FetchMetrics(std::string_view address) {
  absl::StatusOr<HostPort> parsed = ParseAddress(address);
  if (!parsed.ok()) return parsed.status();
  httplib::Client client(parsed->host, parsed->port);
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(std::chrono::seconds(10));
  httplib::Result response = client.Get("/metrics");
  if (!response) {
    return absl::UnavailableError(
        absl::StrCat("no answer from http://", Absl(address), "/metrics"));
  }
  if (response->status != 200) {
    return absl::InternalError(
        absl::StrCat("http://", Absl(address), "/metrics answered ", response->status));
  }
  return response->body;
}

MetricsServer::~MetricsServer() {
  http_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace fazhi::metrics
