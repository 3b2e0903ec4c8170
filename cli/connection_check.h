// Why the CLI cannot reach a service, found by asking the network directly instead of retrying
// gRPC's generic UNAVAILABLE: the host does not resolve, nothing listens on the port, nothing
// answers, or the server speaks TLS to a plaintext client (or plaintext to a TLS client). The
// probe opens one TCP connection and sends the HTTP/2 greeting every gRPC client sends; a
// plaintext gRPC server answers it with its SETTINGS, a TLS server cannot.
//
//   ConnectionCheck check = CheckConnection("127.0.0.1:50053", /*tls=*/false, absl::Seconds(2));
//   if (check.fault == ConnectionFault::kRefused) ...  // nothing listens there (yet)
#ifndef FAZHI_CLI_CONNECTION_CHECK_H_
#define FAZHI_CLI_CONNECTION_CHECK_H_

#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace fazhi::cli {

enum class ConnectionFault {
  kNone,                   // a server answers as the client expects (or the probe cannot tell)
  kUnresolvable,           // the host name does not resolve
  kRefused,                // nothing listens on the port
  kUnreachable,            // no TCP connection in time (no route, no answer, a firewall)
  kServerSpeaksTls,        // a plaintext client met a server that does not answer plaintext HTTP/2
  kServerSpeaksPlaintext,  // a TLS client met a plaintext gRPC server
  kNotGrpc,                // the server answered, but not in HTTP/2 (a web server, another program)
};

struct ConnectionCheck {
  ConnectionFault fault = ConnectionFault::kNone;
  std::string detail;  // the resolver's or the socket's own words, when there are some
};

// Whether waiting may help: a service that is not running yet may start; a wrong host or a
// TLS mismatch stays wrong.
bool MayPassByItself(ConnectionFault fault);

// Probes `address` (host:port, [v6]:port, optionally dns:///); kNone for targets it does not
// understand (unix:...), which are left to gRPC.
ConnectionCheck CheckConnection(std::string_view address, bool tls, absl::Duration timeout);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_CONNECTION_CHECK_H_
