#include "tools/query_benchmark/query_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace fazhi::query_benchmark {
namespace {

// A port the kernel just handed out on 127.0.0.1 (bound and released).
int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

bool IsServing(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  return stub->Check(&context, request, &response).ok() &&
         response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

}  // namespace

QueryProcess::QueryProcess(std::string binary, std::string database_url, std::string data_dir)
    : binary_(std::move(binary)),
      database_url_(std::move(database_url)),
      data_dir_(std::move(data_dir)) {
  address_ = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  metrics_address_ = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  log_path_ = absl::StrCat("/tmp/fazhi-query-benchmark-", getpid(), ".log");
}

QueryProcess::~QueryProcess() { Stop(); }

absl::Status QueryProcess::Start() {
  if (access(binary_.c_str(), X_OK) != 0) {
    return absl::NotFoundError(absl::StrCat(binary_, " is not an executable (see --query-bin)"));
  }
  int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_ = fork();
  if (pid_ == 0) {
    setenv("FAZHI_DATABASE_URL", database_url_.c_str(), 1);
    setenv("FAZHI_QUERY_ADDR", address_.c_str(), 1);
    setenv("FAZHI_QUERY_METRICS_ADDR", metrics_address_.c_str(), 1);
    setenv("FAZHI_DATA_DIR", data_dir_.c_str(), 1);
    setenv("FAZHI_LOG_LEVEL", "warn", 0);  // FAZHI_LOG_LEVEL=info logs each call's server time
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    execl(binary_.c_str(), binary_.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(log);
  // The service reads the whole archive into its search index before it serves: minutes at
  // 100k reports on a busy machine, so wait as long as it is alive (within reason).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(30);
  std::shared_ptr<grpc::Channel> channel = Channel();
  while (std::chrono::steady_clock::now() < deadline) {
    if (IsServing(channel)) return absl::OkStatus();
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::UnavailableError(absl::StrCat("fazhi-query exited; see ", log_path_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return absl::DeadlineExceededError(absl::StrCat("fazhi-query not serving; see ", log_path_));
}

void QueryProcess::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200 && waitpid(pid_, &status, WNOHANG) != pid_; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (i == 199) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
  }
  pid_ = -1;
}

QueryProcess::Memory QueryProcess::ReadMemory() const {
  Memory memory;
  if (pid_ <= 0) return memory;
  std::ifstream status(absl::StrCat("/proc/", pid_, "/status"));
  std::string key;
  int64_t kilobytes = 0;
  while (status >> key) {
    if (key == "VmRSS:" && status >> kilobytes) memory.resident_bytes = kilobytes * 1024;
    if (key == "VmHWM:" && status >> kilobytes) memory.peak_resident_bytes = kilobytes * 1024;
  }
  return memory;
}

std::shared_ptr<grpc::Channel> QueryProcess::Channel() const {
  return grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
}

}  // namespace fazhi::query_benchmark
