#include "cli/connection_check.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "common/compat/string_view.h"

namespace fazhi::cli {
namespace {

struct HostPort {
  std::string host;
  std::string port;
};

// "127.0.0.1:50053", "[::1]:50053", "dns:///localhost:50053"; nullopt for what gRPC alone knows
// (unix:, ipv4: lists, a bare host).
std::optional<HostPort> SplitAddress(std::string_view address) {
  if (address.rfind("dns:///", 0) == 0) address.remove_prefix(7);
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || address.find('/') != std::string_view::npos)
    return std::nullopt;
  std::string_view host = address.substr(0, colon);
  std::string_view port = address.substr(colon + 1);
  int port_number = 0;
  if (!absl::SimpleAtoi(Absl(port), &port_number) || port_number <= 0 || port_number > 65535)
    return std::nullopt;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host.empty() || (host.find(':') != std::string_view::npos && address.front() != '[')) {
    return std::nullopt;  // "unix:/x" and friends
  }
  return HostPort{std::string(host), std::string(port)};
}

int RemainingMs(absl::Time deadline) {
  return static_cast<int>(std::max<int64_t>(0, absl::ToInt64Milliseconds(deadline - absl::Now())));
}

class Socket final {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Connects without blocking past `deadline`; returns 0 or the errno (ETIMEDOUT when late).
int ConnectBefore(const Socket& socket, const addrinfo& address, absl::Time deadline) {
  fcntl(socket.fd(), F_SETFL, fcntl(socket.fd(), F_GETFL) | O_NONBLOCK);
  if (connect(socket.fd(), address.ai_addr, address.ai_addrlen) == 0) return 0;
  if (errno != EINPROGRESS) return errno;
  pollfd waiting{socket.fd(), POLLOUT, 0};
  if (poll(&waiting, 1, RemainingMs(deadline)) <= 0) return ETIMEDOUT;
  int error = 0;
  socklen_t length = sizeof(error);
  getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
  return error;
}

// The client connection preface of HTTP/2 (RFC 9113 §3.4) and an empty SETTINGS frame.
constexpr char kHttp2Greeting[] =
    "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00";
constexpr size_t kHttp2GreetingSize = sizeof(kHttp2Greeting) - 1;

enum class Answer { kHttp2Settings, kTlsRecord, kClosed, kOther, kSilent };

// The content types of a TLS record's first byte: alert, handshake.
bool IsTlsRecordStart(unsigned char byte) { return byte == 0x15 || byte == 0x16; }

// What a server says to the HTTP/2 greeting: a plaintext gRPC server sends its SETTINGS frame
// (type 4 in the 4th byte of the first frame header); a TLS server sends an alert or hangs up.
Answer GreetingAnswer(const Socket& socket, absl::Time deadline) {
  if (send(socket.fd(), kHttp2Greeting, kHttp2GreetingSize, MSG_NOSIGNAL) < 0)
    return Answer::kClosed;
  unsigned char header[9];
  size_t received = 0;
  while (received < sizeof(header)) {
    pollfd waiting{socket.fd(), POLLIN, 0};
    if (poll(&waiting, 1, RemainingMs(deadline)) <= 0)
      return received == 0 ? Answer::kSilent : Answer::kOther;
    ssize_t got = recv(socket.fd(), header + received, sizeof(header) - received, 0);
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (got <= 0) return received == 0 ? Answer::kClosed : Answer::kOther;
    received += static_cast<size_t>(got);
    if (IsTlsRecordStart(header[0])) return Answer::kTlsRecord;
  }
  return header[3] == 0x04 ? Answer::kHttp2Settings : Answer::kOther;
}

ConnectionCheck Greet(const Socket& socket, bool tls, absl::Time deadline) {
  Answer answer = GreetingAnswer(socket, deadline);
  if (tls) {
    if (answer == Answer::kHttp2Settings) return {ConnectionFault::kServerSpeaksPlaintext, ""};
    return {};
  }
  if (answer == Answer::kTlsRecord || answer == Answer::kClosed)
    return {ConnectionFault::kServerSpeaksTls, ""};
  if (answer == Answer::kOther) return {ConnectionFault::kNotGrpc, ""};
  return {};  // SETTINGS, or too slow to tell: gRPC decides
}

}  // namespace

bool MayPassByItself(ConnectionFault fault) {
  return fault == ConnectionFault::kRefused || fault == ConnectionFault::kUnreachable;
}

ConnectionCheck CheckConnection(std::string_view address, bool tls, absl::Duration timeout) {
  std::optional<HostPort> target = SplitAddress(address);
  if (!target.has_value()) return {};
  absl::Time deadline = absl::Now() + timeout;
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int error = getaddrinfo(target->host.c_str(), target->port.c_str(), &hints, &found);
      error != 0) {
    return {ConnectionFault::kUnresolvable, gai_strerror(error)};
  }
  ConnectionCheck check{ConnectionFault::kRefused, ""};
  for (const addrinfo* candidate = found; candidate != nullptr; candidate = candidate->ai_next) {
    Socket socket(::socket(candidate->ai_family, candidate->ai_socktype, candidate->ai_protocol));
    if (socket.fd() < 0) continue;
    int error = ConnectBefore(socket, *candidate, deadline);
    if (error == 0) {
      check = Greet(socket, tls, deadline);
      break;
    }
    check = {error == ECONNREFUSED ? ConnectionFault::kRefused : ConnectionFault::kUnreachable,
             std::strerror(error)};
  }
  freeaddrinfo(found);
  return check;
}

}  // namespace fazhi::cli
