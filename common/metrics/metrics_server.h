// Serves a metrics::Registry over HTTP as `GET /metrics` in the Prometheus text format, on its
// own port so scrapes never compete with gRPC calls (and the port can stay private).
//
//   absl::StatusOr<std::unique_ptr<MetricsServer>> server =
//       MetricsServer::Start("127.0.0.1:9451", &metrics::Registry::Default());
//   // curl http://127.0.0.1:9451/metrics
//
// Port 0 picks a free port (see port()). The destructor stops the server.
#ifndef FAZHI_COMMON_METRICS_METRICS_SERVER_H_
#define FAZHI_COMMON_METRICS_METRICS_SERVER_H_

#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/statusor.h"
#include "common/metrics/registry.h"

namespace httplib {
class Server;
}

namespace fazhi::metrics {

class MetricsServer final {
 public:
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  // Listens on `address` (host:port); INVALID_ARGUMENT for a malformed address, UNAVAILABLE
  // when it cannot be bound.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(std::string_view address,
                                                              const Registry* registry);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  int port() const { return port_; }

 private:
  MetricsServer() = default;

  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
};

// Binds `http` to `address` ("host:port", "[::1]:port", ":port"; port 0: a free one) without
// SO_REUSEPORT and serves it on `thread`, returning once it runs (so stop() cannot be missed).
// Returns the port; INVALID_ARGUMENT for a malformed address, UNAVAILABLE when it cannot be bound.
absl::StatusOr<int> ListenInBackground(httplib::Server* http, std::string_view address,
                                       std::thread* thread);

// The body of `GET http://{address}/metrics` (for tests and tools); UNAVAILABLE when nothing
// answers, INTERNAL for a status other than 200.
absl::StatusOr<std::string> FetchMetrics(std::string_view address);

}  // namespace fazhi::metrics

#endif  // FAZHI_COMMON_METRICS_METRICS_SERVER_H_
