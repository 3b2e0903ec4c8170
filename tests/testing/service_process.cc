#include "tests/testing/service_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/security/credentials.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace fazhi::testing {
namespace {

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// fork + exec with the parent's environment plus `environment`; stdout/stderr to the given fds.
pid_t Spawn(const std::string& path, const std::vector<std::string>& args,
            const Environment& environment, int out_fd, int err_fd) {
  std::vector<std::string> argv = {path};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = fork();
  if (pid != 0) return pid;
  // Child: a fresh signal mask (the test may block signals) and our own process group.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
  if (out_fd >= 0) dup2(out_fd, STDOUT_FILENO);
  if (err_fd >= 0) dup2(err_fd, STDERR_FILENO);
  int devnull = open("/dev/null", O_RDONLY);
  dup2(devnull, STDIN_FILENO);
  execv(path.c_str(), CStrings(argv).data());
  _exit(127);
}

std::string ReadAll(int fd) {
  std::string data;
  char buffer[65536];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) data.append(buffer, n);
  return data;
}

}  // namespace

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

std::string BinaryDir() {
  if (const char* dir = std::getenv("FAZHI_BIN_DIR"); dir && *dir) return dir;
  return FAZHI_TEST_BIN_DIR;
}

std::string SourceDir() {
  if (const char* dir = std::getenv("FAZHI_SOURCE_DIR"); dir && *dir) return dir;
  return FAZHI_SOURCE_DIR;
}

namespace {

std::string Lookup(const Environment& environment, const std::string& name) {
  auto it = environment.find(name);
  return it != environment.end() ? it->second : std::string();
}

}  // namespace

bool IsServing(const std::string& address, const Environment& environment) {
  if (address.starts_with("http://")) {
    httplib::Client client(address);
    client.set_connection_timeout(1);
    httplib::Result result = client.Get("/healthz");
    return result && result->status == 200;
  }
  absl::StatusOr<security::ChannelSecurity> channel_security =
      security::MakeChannelSecurity(Lookup(environment, "FAZHI_TLS_CA"), "");
  if (!channel_security.ok()) return false;
  auto stub = grpc::health::v1::Health::NewStub(security::MakeChannel(address, *channel_security));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  return stub->Check(&context, request, &response).ok() &&
         response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

ServiceProcess::ServiceProcess(std::string binary, std::string health_addr, Environment environment)
    : binary_(std::move(binary)),
      health_addr_(std::move(health_addr)),
      environment_(std::move(environment)) {
  log_path_ = absl::StrCat("/tmp/fazhi-test-", binary_, "-", getpid(), "-", FreePort(), ".log");
}

ServiceProcess::~ServiceProcess() {
  if (running()) Kill();
}

absl::Status ServiceProcess::Start(absl::Duration timeout) {
  int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_ = Spawn(BinaryDir() + "/" + binary_, {}, environment_, log, log);
  close(log);
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::InternalError(absl::StrCat(binary_, " exited at start: ", LogTail()));
    }
    if (IsServing(health_addr_, environment_)) return absl::OkStatus();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return absl::DeadlineExceededError(absl::StrCat(binary_, " not serving: ", LogTail()));
}

int ServiceProcess::Stop(absl::Duration timeout) {
  if (!running()) return -1;
  kill(pid_, SIGTERM);
  absl::Time deadline = absl::Now() + timeout;
  int status = 0;
  while (absl::Now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Kill();
  return -1;
}

void ServiceProcess::Kill() {
  if (!running()) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string ServiceProcess::LogTail(size_t bytes) const {
  std::ifstream in(log_path_);
  std::stringstream content;
  content << in.rdbuf();
  std::string text = content.str();
  return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

ServiceSuite::ServiceSuite(std::string database_url, Environment extra) {
  ingestion_addr = absl::StrCat("127.0.0.1:", FreePort());
  extraction_addr = absl::StrCat("127.0.0.1:", FreePort());
  query_addr = absl::StrCat("127.0.0.1:", FreePort());
  environment_ = {{"FAZHI_DATABASE_URL", database_url},
                  {"FAZHI_INGESTION_ADDR", ingestion_addr},
                  {"FAZHI_EXTRACTION_ADDR", extraction_addr},
                  {"FAZHI_QUERY_ADDR", query_addr},
                  {"FAZHI_DATA_DIR", SourceDir() + "/data"},
                  {"FAZHI_JOB_POLL_MS", "100"},
                  {"FAZHI_LOG_LEVEL", "info"},
                  // Metrics off unless a test asks (suites run side by side; an empty address is
                  // "off", not the default port).
                  {"FAZHI_INGESTION_METRICS_ADDR", ""},
                  {"FAZHI_EXTRACTION_METRICS_ADDR", ""},
                  {"FAZHI_QUERY_METRICS_ADDR", ""},
                  // Stopped at once (tests stop services often); the drain test sets a pause.
                  {"FAZHI_DRAIN_PAUSE_MS", "0"}};
  for (const auto& [name, value] : extra) environment_[name] = value;
  ingestion = std::make_unique<ServiceProcess>("fazhi-ingestion", ingestion_addr, environment_);
  extraction = std::make_unique<ServiceProcess>("fazhi-extraction", extraction_addr, environment_);
  query = std::make_unique<ServiceProcess>("fazhi-query", query_addr, environment_);
  web_addr = absl::StrCat("127.0.0.1:", FreePort());
  web_metrics_addr = absl::StrCat("127.0.0.1:", FreePort());
  Environment web_environment = environment_;
  web_environment["FAZHI_WEB_ADDR"] = web_addr;
  web_environment["FAZHI_WEB_METRICS_ADDR"] = web_metrics_addr;
  web = std::make_unique<ServiceProcess>("fazhi-web", "http://" + web_addr, web_environment);
}

absl::Status ServiceSuite::StartWeb() { return web->Start(); }

absl::Status ServiceSuite::Migrate() {
  CommandResult result = RunBinary("fazhi-ingestion", {"--migrate-only"}, environment_);
  if (result.exit_code != 0) return absl::InternalError("migration failed: " + result.err);
  return absl::OkStatus();
}

absl::Status ServiceSuite::StartAll() {
  if (absl::Status status = Migrate(); !status.ok()) return status;
  if (absl::Status status = extraction->Start(); !status.ok()) return status;
  if (absl::Status status = query->Start(); !status.ok()) return status;
  return ingestion->Start();
}

std::shared_ptr<grpc::Channel> ServiceSuite::Channel(const std::string& address) const {
  return Channel(address, Lookup(environment_, "FAZHI_TOKEN"));
}

std::shared_ptr<grpc::Channel> ServiceSuite::Channel(const std::string& address,
                                                     std::string token) const {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(64 * 1024 * 1024);
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  absl::StatusOr<security::ChannelSecurity> channel_security =
      security::MakeChannelSecurity(Lookup(environment_, "FAZHI_TLS_CA"), std::move(token));
  EXPECT_TRUE(channel_security.ok()) << channel_security.status();
  return security::MakeChannel(
      address, channel_security.ok() ? *channel_security : security::ChannelSecurity{}, arguments);
}

CommandResult RunBinary(const std::string& binary, const std::vector<std::string>& args,
                        const Environment& environment) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return {};
  pid_t pid = Spawn(BinaryDir() + "/" + binary, args, environment, out_pipe[1], err_pipe[1]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandResult result;
  std::thread err_reader([&] { result.err = ReadAll(err_pipe[0]); });
  result.out = ReadAll(out_pipe[0]);
  err_reader.join();
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

CommandResult RunCli(const ServiceSuite& suite, const std::vector<std::string>& args) {
  return RunBinary("fazhi", args, suite.environment());
}

}  // namespace fazhi::testing
