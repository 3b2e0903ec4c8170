#include "cli/connection_check.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

namespace fazhi::cli {
namespace {

constexpr absl::Duration kTimeout = absl::Seconds(5);

// A listening socket on a free loopback port; `answer` is sent to the first client after it has
// sent something, then the server waits for the client to hang up (closing first with unread
// bytes would reset the connection and could drop the answer). With no answer it hangs up at once.
class FakeServer final {
 public:
  explicit FakeServer(std::string answer) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    listen(fd_, 1);
    thread_ = std::thread([this, answer = std::move(answer)] {
      int client = accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      char greeting[64];
      (void)!recv(client, greeting, sizeof(greeting), 0);
      if (!answer.empty()) {
        (void)!send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
        while (recv(client, greeting, sizeof(greeting), 0) > 0) {
        }
      }
      close(client);
    });
  }
  ~FakeServer() {
    thread_.join();
    close(fd_);
  }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

// What an HTTP/2 server sends first: a SETTINGS frame (type 4), here empty.
const std::string kSettingsFrame("\x00\x00\x00\x04\x00\x00\x00\x00\x00", 9);

TEST(CheckConnectionTest, APlaintextGrpcServerIsFineForAPlaintextClient) {
  FakeServer server(kSettingsFrame);
  EXPECT_EQ(CheckConnection(server.address(), /*tls=*/false, kTimeout).fault,
            ConnectionFault::kNone);
}

TEST(CheckConnectionTest, ATlsClientMeetingAPlaintextServerIsTold) {
  FakeServer server(kSettingsFrame);
  EXPECT_EQ(CheckConnection(server.address(), /*tls=*/true, kTimeout).fault,
            ConnectionFault::kServerSpeaksPlaintext);
}

TEST(CheckConnectionTest, AServerThatHangsUpOnTheGreetingSpeaksTls) {
  FakeServer alert(std::string("\x15\x03\x01\x00\x02\x02\x46", 7));  // a TLS alert record
  EXPECT_EQ(CheckConnection(alert.address(), /*tls=*/false, kTimeout).fault,
            ConnectionFault::kServerSpeaksTls);
  FakeServer hang_up("");
  EXPECT_EQ(CheckConnection(hang_up.address(), /*tls=*/false, kTimeout).fault,
            ConnectionFault::kServerSpeaksTls);
}

TEST(CheckConnectionTest, AServerAnsweringSomethingElseIsNoGrpcServer) {
  FakeServer web("HTTP/1.1 400 Bad Request\r\n\r\n");
  ConnectionCheck check = CheckConnection(web.address(), /*tls=*/false, kTimeout);
  EXPECT_EQ(check.fault, ConnectionFault::kNotGrpc);
  EXPECT_FALSE(MayPassByItself(check.fault));
}

TEST(CheckConnectionTest, NothingListeningIsRefusedAndMayPass) {
  int port;
  {
    FakeServer closed_soon(kSettingsFrame);
    port = std::stoi(closed_soon.address().substr(10));
    (void)CheckConnection(closed_soon.address(), false, kTimeout);  // lets its thread finish
  }
  ConnectionCheck check = CheckConnection("127.0.0.1:" + std::to_string(port), false, kTimeout);
  EXPECT_EQ(check.fault, ConnectionFault::kRefused) << check.detail;
  EXPECT_TRUE(MayPassByItself(check.fault));
}

TEST(CheckConnectionTest, AHostThatDoesNotResolveWillNotPass) {
  ConnectionCheck check = CheckConnection("no-such-host.invalid:50053", false, kTimeout);
  EXPECT_EQ(check.fault, ConnectionFault::kUnresolvable);
  EXPECT_FALSE(check.detail.empty());
  EXPECT_FALSE(MayPassByItself(check.fault));
}

TEST(CheckConnectionTest, TargetsOnlyGrpcKnowsAreLeftToIt) {
  EXPECT_EQ(CheckConnection("unix:/tmp/fazhi.sock", false, kTimeout).fault, ConnectionFault::kNone);
  EXPECT_EQ(CheckConnection("ipv4:127.0.0.1:1,127.0.0.2:1", false, kTimeout).fault,
            ConnectionFault::kNone);
}

}  // namespace
}  // namespace fazhi::cli
