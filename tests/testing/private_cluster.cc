#include "tests/testing/private_cluster.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/testing/service_process.h"

namespace fazhi::testing {
namespace {

constexpr std::string_view kPostgresUser = "postgres";

const passwd* PostgresUser() { return getpwnam(std::string(kPostgresUser).c_str()); }

// In the child: become `postgres` when we are root (initdb and the server refuse root).
void DropToPostgres() {
  if (geteuid() != 0) return;
  const passwd* user = PostgresUser();
  if (user == nullptr) _exit(126);
  if (setgid(user->pw_gid) != 0 || setuid(user->pw_uid) != 0) _exit(126);
  setenv("HOME", user->pw_dir, 1);
}

// Runs `argv` as postgres with stdout+stderr captured; returns the exit code (-1 on a signal).
int RunCaptured(std::vector<std::string> argv, std::string& output) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    // The server outlives this call: it must not hold the test's sockets or this pipe open.
    close_range(3, ~0U, 0);
    DropToPostgres();
    if (chdir("/") != 0) _exit(126);  // the test's cwd may be unreadable for postgres
    std::vector<char*> pointers;
    for (std::string& arg : argv) pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    execv(pointers[0], pointers.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  char buffer[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) output.append(buffer, n);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The server options pg_ctl passes on (through a shell, hence the quoting).
std::string ServerOptions(const PrivateCluster::Options& options, const std::string& data_dir,
                          int port) {
  std::vector<std::string> settings = {"listen_addresses=127.0.0.1",
                                       "unix_socket_directories=" + data_dir,
                                       absl::StrCat("fsync=", options.fsync ? "on" : "off")};
  settings.insert(settings.end(), options.settings.begin(), options.settings.end());
  std::string result = absl::StrCat("-p ", port);
  for (const std::string& setting : settings) absl::StrAppend(&result, " -c '", setting, "'");
  return result;
}

}  // namespace

std::string PrivateCluster::BinDir() {
  if (const char* dir = std::getenv("FAZHI_PG_BIN"); dir && *dir) return dir;
  std::vector<std::filesystem::path> versions;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
    versions.push_back(entry.path());
  }
  if (versions.empty()) return "";
  // Newest major version: compare numerically ("9.6" < "15").
  auto major = [](const std::filesystem::path& path) { return std::atof(path.filename().c_str()); };
  std::sort(versions.begin(), versions.end(),
            [&](const auto& a, const auto& b) { return major(a) < major(b); });
  return (versions.back() / "bin").string();
}

absl::StatusOr<std::string> PrivateCluster::RunTool(const std::string& tool,
                                                    const std::vector<std::string>& args) {
  std::string path = BinDir() + "/" + tool;
  if (access(path.c_str(), X_OK) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " not found: install PostgreSQL (./dev build does) or set FAZHI_PG_BIN"));
  }
  std::vector<std::string> argv = {path};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string output;
  int exit_code = RunCaptured(argv, output);
  if (exit_code != 0) {
    return absl::InternalError(absl::StrCat(tool, " ", absl::StrJoin(args, " "), " exited with ",
                                            exit_code, ": ", output));
  }
  return output;
}

absl::StatusOr<std::string> PrivateCluster::MakePostgresDir(const std::string& prefix) {
  const passwd* user = PostgresUser();
  if (user == nullptr) return absl::FailedPreconditionError("no `postgres` user on this machine");
  std::string pattern = absl::StrCat("/tmp/", prefix, ".XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp ", pattern, " failed"));
  }
  if (geteuid() == 0 && chown(pattern.c_str(), user->pw_uid, user->pw_gid) != 0) {
    return absl::InternalError(absl::StrCat("chown ", pattern, " to postgres failed"));
  }
  chmod(pattern.c_str(), 0700);
  return pattern;
}

absl::StatusOr<std::unique_ptr<PrivateCluster>> PrivateCluster::Create(Options options) {
  absl::StatusOr<std::string> data_dir = MakePostgresDir("fazhi-private-pg");
  if (!data_dir.ok()) return data_dir.status();
  std::unique_ptr<PrivateCluster> cluster(
      new PrivateCluster(std::move(options), *data_dir, FreePort()));
  absl::StatusOr<std::string> initdb =
      RunTool("initdb", {"-D", *data_dir, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                         "--locale=C.UTF-8", "--no-sync"});
  if (!initdb.ok()) return initdb.status();
  if (!cluster->options_.hba_lines.empty()) {
    std::ofstream hba(*data_dir + "/pg_hba.conf", std::ios::app);
    for (const std::string& line : cluster->options_.hba_lines) hba << line << "\n";
  }
  if (absl::Status status = cluster->Start(); !status.ok()) return status;
  return cluster;
}

absl::StatusOr<std::unique_ptr<PrivateCluster>> PrivateCluster::StartReplicaOf(
    const PrivateCluster& primary) {
  absl::StatusOr<std::string> data_dir = MakePostgresDir("fazhi-replica-pg");
  if (!data_dir.ok()) return data_dir.status();
  std::unique_ptr<PrivateCluster> replica(
      new PrivateCluster(primary.options_, *data_dir, FreePort()));
  // initdb's pg_hba.conf already trusts replication connections from 127.0.0.1; a fast
  // checkpoint starts the copy at once instead of after a spread one (minutes).
  absl::StatusOr<std::string> backup = RunTool(
      "pg_basebackup", {"-D", *data_dir, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync",
                        "-h", "127.0.0.1", "-p", std::to_string(primary.port()), "-U", "postgres"});
  if (!backup.ok()) return backup.status();
  if (absl::Status status = replica->Start(); !status.ok()) return status;
  return replica;
}

PrivateCluster::PrivateCluster(Options options, std::string data_dir, int port)
    : options_(std::move(options)), data_dir_(std::move(data_dir)), port_(port) {}

PrivateCluster::~PrivateCluster() {
  if (running_) (void)Stop(StopMode::kImmediate);
  std::error_code ignored;
  std::filesystem::remove_all(data_dir_, ignored);
}

absl::Status PrivateCluster::Start() {
  absl::StatusOr<std::string> output =
      RunTool("pg_ctl", {"-D", data_dir_, "-l", data_dir_ + "/server.log", "-w", "-t", "60", "-o",
                         ServerOptions(options_, data_dir_, port_), "start"});
  if (!output.ok()) {
    return absl::Status(output.status().code(),
                        absl::StrCat(output.status().message(), "\nserver log: ", LogTail()));
  }
  running_ = true;
  return absl::OkStatus();
}

absl::Status PrivateCluster::Stop(StopMode mode) {
  std::string mode_name = mode == StopMode::kFast ? "fast" : "immediate";
  absl::StatusOr<std::string> output =
      RunTool("pg_ctl", {"-D", data_dir_, "-m", mode_name, "-w", "-t", "60", "stop"});
  if (!output.ok()) return output.status();
  running_ = false;
  return absl::OkStatus();
}

absl::Status PrivateCluster::Restart(StopMode mode) {
  if (absl::Status status = Stop(mode); !status.ok()) return status;
  return Start();
}

absl::Status PrivateCluster::CreateDatabase(const std::string& name) {
  try {
    pqxx::connection admin(Url());
    pqxx::nontransaction work(admin);
    work.exec0("CREATE DATABASE " + admin.quote_name(name));
    return absl::OkStatus();
  } catch (const std::exception& error) {
    return absl::InternalError(absl::StrCat("CREATE DATABASE ", name, ": ", error.what()));
  }
}

std::string PrivateCluster::Url(const std::string& database) const {
  return absl::StrCat("postgresql://postgres@127.0.0.1:", port_, "/", database);
}

std::string PrivateCluster::LogTail(size_t bytes) const {
  std::ifstream in(data_dir_ + "/server.log");
  std::stringstream content;
  content << in.rdbuf();
  std::string text = content.str();
  return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

}  // namespace fazhi::testing
