// A private PostgreSQL cluster for tests that must stop, crash or restart the server (fault
// tests, replicas, backups) without disturbing the shared `./dev test` server. It initdb's a
// fresh data directory in /tmp as the `postgres` user (PostgreSQL refuses root), runs it on a
// free loopback port with pg_ctl, and stops and removes it when destroyed.
//
//   auto cluster = PrivateCluster::Create();
//   ASSERT_TRUE(cluster.ok()) << cluster.status();
//   ASSERT_TRUE((*cluster)->CreateDatabase("fazhi").ok());
//   std::string url = (*cluster)->Url("fazhi");
//   ASSERT_TRUE((*cluster)->Restart(PrivateCluster::StopMode::kImmediate).ok());  // a crash
#ifndef FAZHI_TESTS_TESTING_PRIVATE_CLUSTER_H_
#define FAZHI_TESTS_TESTING_PRIVATE_CLUSTER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace fazhi::testing {

class PrivateCluster final {
 public:
  struct Options {
    // Durability tests keep fsync on; tests that only need a server may turn it off for speed.
    bool fsync = true;
    // Extra `-c name=value` server settings, e.g. "wal_level=replica".
    std::vector<std::string> settings;
    // Lines appended to pg_hba.conf before the first start, e.g. for replication connections.
    std::vector<std::string> hba_lines;
  };

  // pg_ctl stop modes: kFast checkpoints and exits cleanly, kImmediate aborts like a crash (the
  // next start replays the WAL).
  enum class StopMode { kFast, kImmediate };

  // initdb + start. Fails (does not skip) when PostgreSQL's binaries are missing.
  static absl::StatusOr<std::unique_ptr<PrivateCluster>> Create(Options options);
  static absl::StatusOr<std::unique_ptr<PrivateCluster>> Create() { return Create(Options()); }
  // A hot-standby streaming replica of the running `primary` (pg_basebackup -R), started on its
  // own free port with the primary's options; it follows the primary's WAL and only reads.
  static absl::StatusOr<std::unique_ptr<PrivateCluster>> StartReplicaOf(
      const PrivateCluster& primary);

  ~PrivateCluster();
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;

  absl::Status Start();
  absl::Status Stop(StopMode mode = StopMode::kFast);
  absl::Status Restart(StopMode mode = StopMode::kFast);
  bool running() const { return running_; }

  // CREATE DATABASE `name` (owned by the superuser `postgres`).
  absl::Status CreateDatabase(const std::string& name);
  // postgresql://postgres@127.0.0.1:PORT/<database>
  std::string Url(const std::string& database = "postgres") const;

  int port() const { return port_; }
  const std::string& data_dir() const { return data_dir_; }
  std::string LogTail(size_t bytes = 4000) const;

  // Runs PostgreSQL tool `tool` (initdb, pg_ctl, pg_basebackup, psql ...) from the server's bin
  // directory as the `postgres` user; returns its combined output, or an error with that output
  // when it exits non-zero.
  static absl::StatusOr<std::string> RunTool(const std::string& tool,
                                             const std::vector<std::string>& args);
  // /usr/lib/postgresql/<newest>/bin, or $FAZHI_PG_BIN.
  static std::string BinDir();
  // A fresh empty directory in /tmp owned by `postgres` with mode 0700 (for data or backups).
  static absl::StatusOr<std::string> MakePostgresDir(const std::string& prefix);

 private:
  PrivateCluster(Options options, std::string data_dir, int port);

  Options options_;
  std::string data_dir_;
  int port_;
  bool running_ = false;
};

}  // namespace fazhi::testing

#endif  // FAZHI_TESTS_TESTING_PRIVATE_CLUSTER_H_
