// Configuration of the fazhi services and CLI: every setting has one environment variable, a
// documented default, and a command-line override `--name=value` (the variable's name without
// `FAZHI_`, lower case, `_` as `-`: FAZHI_DATABASE_URL is `--database-url`).
//
//   Settings settings = Settings::FromEnvironment();
//   absl::Status parsed = settings.ApplyCommandLine(argc, argv);
//   std::string url = settings.Get(kDatabaseUrl);
//
// The table of settings below is the one place to add a setting; `--help` prints it.
#ifndef FAZHI_COMMON_CONFIG_SETTINGS_H_
#define FAZHI_COMMON_CONFIG_SETTINGS_H_

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace fazhi {

struct Setting {
  std::string_view env;            // environment variable
  std::string_view default_value;  // used when neither the variable nor a flag is given
  std::string_view help;
  // An empty variable (`FAZHI_X=`) is a value, "off", rather than unset (then the default).
  bool empty_means_off = false;
};

inline constexpr Setting kDatabaseUrl{"FAZHI_DATABASE_URL",
                                      "postgresql://fazhi@127.0.0.1:54329/fazhi",
                                      "PostgreSQL connection string of the archive"};
inline constexpr Setting kDatabasePasswordFile{
    "FAZHI_DATABASE_PASSWORD_FILE", "",
    "file holding the password of FAZHI_DATABASE_URL's role (a mounted secret; empty: none, or "
    "PGPASSWORD)"};
inline constexpr Setting kServicePasswordsDir{
    "FAZHI_SERVICE_PASSWORDS_DIR", "",
    "ingestion --migrate-only: folder of files fazhi_ingestion, fazhi_extraction, fazhi_query; "
    "each "
    "service's role is given LOGIN with its file's password (empty: roles left as they are)"};
inline constexpr Setting kIngestionAddr{"FAZHI_INGESTION_ADDR", "127.0.0.1:50051",
                                        "address of the ingestion service (listen and connect)"};
inline constexpr Setting kExtractionAddr{"FAZHI_EXTRACTION_ADDR", "127.0.0.1:50052",
                                         "address of the extraction service (listen and connect)"};
inline constexpr Setting kQueryAddr{"FAZHI_QUERY_ADDR", "127.0.0.1:50053",
                                    "address of the query service (listen and connect)"};
inline constexpr Setting kDataDir{
    "FAZHI_DATA_DIR", "",
    "folder with divisions/ and indicators/ (default: the source tree's data/)"};
inline constexpr Setting kMaxDocumentBytes{"FAZHI_MAX_DOCUMENT_BYTES", "20971520",
                                           "largest document ingestion accepts, in bytes"};
inline constexpr Setting kDatabaseWaitSeconds{
    "FAZHI_DATABASE_WAIT_SECONDS", "0",
    "how long a service started while PostgreSQL is unreachable waits for it (retrying every 0.2 s "
    "growing to 5 s; health NOT_SERVING meanwhile) before it exits; 0: no limit"};
inline constexpr Setting kDbPoolSize{"FAZHI_DB_POOL_SIZE", "4",
                                     "PostgreSQL connections per service (the query service holds "
                                     "one more, for its search index follower)"};
inline constexpr Setting kIngestionDecodeBytes{
    "FAZHI_INGESTION_DECODE_BYTES", "536870912",
    "ingestion: memory all documents being decoded may hold at once (8 times a document's size and "
    "1 MiB, plus for HTML the largest parser tree allowed, see Memory bounds); a document that "
    "cannot start within 10 s gets RESOURCE_EXHAUSTED"};
inline constexpr Setting kExtractionWorkers{"FAZHI_EXTRACTION_WORKERS", "2",
                                            "job-queue workers in the extraction service"};
inline constexpr Setting kExtractionDeadlineMs{
    "FAZHI_EXTRACTION_DEADLINE_MS", "10000",
    "deadline of ingestion's call to the extraction service"};
inline constexpr Setting kJobLeaseSeconds{"FAZHI_JOB_LEASE_SECONDS", "60",
                                          "how long a claimed extraction job stays leased"};
inline constexpr Setting kJobMaxAttempts{"FAZHI_JOB_MAX_ATTEMPTS", "5",
                                         "attempts before an extraction job is dead"};
inline constexpr Setting kJobPollMs{"FAZHI_JOB_POLL_MS", "500",
                                    "how often idle workers look for jobs"};
inline constexpr Setting kShutdownGraceMs{"FAZHI_SHUTDOWN_GRACE_MS", "5000",
                                          "how long in-flight calls may drain after SIGTERM"};
inline constexpr Setting kDrainPauseMs{"FAZHI_DRAIN_PAUSE_MS", "2000",
                                       "after SIGTERM: how long health says NOT_SERVING while "
                                       "calls are still served, before refusing"};
inline constexpr Setting kLogLevel{"FAZHI_LOG_LEVEL", "info", "trace, debug, info, warn, error"};
inline constexpr Setting kQueryDatabaseUrl{"FAZHI_QUERY_DATABASE_URL", "",
                                           "PostgreSQL the query service reads from, e.g. a "
                                           "streaming replica (default: FAZHI_DATABASE_URL)"};
inline constexpr Setting kQueryIndexSnapshot{"FAZHI_QUERY_INDEX_SNAPSHOT", "",
                                             "query: local file the search index is saved to and "
                                             "restarted from (empty: off, rebuilt at every start)"};
// Security (docs/operations.md, Security): TLS and bearer tokens; all unset = plaintext without
// auth.
inline constexpr Setting kTlsCert{
    "FAZHI_TLS_CERT", "", "services: PEM certificate chain file; with FAZHI_TLS_KEY, serve TLS"};
inline constexpr Setting kTlsKey{"FAZHI_TLS_KEY", "",
                                 "services: PEM private key file of FAZHI_TLS_CERT"};
inline constexpr Setting kTlsCa{"FAZHI_TLS_CA", "",
                                "clients: PEM root certificate file; set = connect with TLS"};
inline constexpr Setting kTokensFile{
    "FAZHI_TOKENS_FILE", "",
    "services: bearer tokens, one `role token` a line (auth is off "
    "when no tokens are configured)"};
inline constexpr Setting kTokens{
    "FAZHI_TOKENS", "", "services: bearer tokens inline, `role token` entries separated by ;"};
inline constexpr Setting kServiceToken{
    "FAZHI_SERVICE_TOKEN", "", "ingestion: bearer token it sends to extraction (role writer)"};
inline constexpr Setting kToken{"FAZHI_TOKEN", "", "CLI: bearer token sent to the services"};
inline constexpr Setting kInsecureToken{
    "FAZHI_INSECURE_TOKEN", "",
    "CLI: 1 (or the flag --insecure-token) sends FAZHI_TOKEN without TLS, e.g. to services on this "
    "machine; otherwise a token needs FAZHI_TLS_CA"};
// Operations (docs/operations.md, Metrics): a Prometheus /metrics port per service, and overload
// shedding.
inline constexpr Setting kIngestionMetricsAddr{
    "FAZHI_INGESTION_METRICS_ADDR", "127.0.0.1:9451",
    "ingestion's Prometheus /metrics address (empty: off)", true};
inline constexpr Setting kExtractionMetricsAddr{
    "FAZHI_EXTRACTION_METRICS_ADDR", "127.0.0.1:9452",
    "extraction's Prometheus /metrics address (empty: off)", true};
inline constexpr Setting kQueryMetricsAddr{"FAZHI_QUERY_METRICS_ADDR", "127.0.0.1:9453",
                                           "query's Prometheus /metrics address (empty: off)",
                                           true};
// The web app and its JSON API (services/web): fazhi-web serves them and calls the query service.
inline constexpr Setting kWebAddr{"FAZHI_WEB_ADDR", "127.0.0.1:8080",
                                  "fazhi-web: HTTP address of the web app and its JSON API"};
inline constexpr Setting kWebMetricsAddr{"FAZHI_WEB_METRICS_ADDR", "127.0.0.1:9454",
                                         "fazhi-web's Prometheus /metrics address (empty: off)",
                                         true};
inline constexpr Setting kWebStaticDir{
    "FAZHI_WEB_STATIC_DIR", "",
    "fazhi-web: folder of the built app (default: build/web beside the binary)"};
inline constexpr Setting kWebDeadlineMs{"FAZHI_WEB_DEADLINE_MS", "10000",
                                        "fazhi-web: deadline of each call to the query service"};
inline constexpr Setting kWebToken{
    "FAZHI_WEB_TOKEN", "",
    "fazhi-web: reader token it sends when a browser sends no Authorization"};
inline constexpr Setting kMaxInflight{
    "FAZHI_MAX_INFLIGHT", "64",
    "calls a service handles at once; more get RESOURCE_EXHAUSTED "
    "(0: no limit)"};
// What searches may read of report texts (windows around their matches), across calls and per
// call (services/query/admission/admission.h).
inline constexpr Setting kQuerySearchBytes{
    "FAZHI_QUERY_SEARCH_BYTES", "134217728",
    "query: bytes of report text all searches may hold at once; a search that cannot start "
    "within 1 s gets RESOURCE_EXHAUSTED"};
inline constexpr Setting kQueryCallBytes{
    "FAZHI_QUERY_CALL_BYTES", "50331648",
    "query: bytes of report text one search may hold (hits × snippets × context); more gets "
    "RESOURCE_EXHAUSTED"};

inline constexpr Setting kAllSettings[] = {kDatabaseUrl,
                                           kDatabasePasswordFile,
                                           kDatabaseWaitSeconds,
                                           kServicePasswordsDir,
                                           kIngestionAddr,
                                           kExtractionAddr,
                                           kQueryAddr,
                                           kDataDir,
                                           kMaxDocumentBytes,
                                           kIngestionDecodeBytes,
                                           kDbPoolSize,
                                           kExtractionWorkers,
                                           kExtractionDeadlineMs,
                                           kJobLeaseSeconds,
                                           kJobMaxAttempts,
                                           kJobPollMs,
                                           kShutdownGraceMs,
                                           kDrainPauseMs,
                                           kLogLevel,
                                           kQueryDatabaseUrl,
                                           kQueryIndexSnapshot,
                                           kTlsCert,
                                           kTlsKey,
                                           kTlsCa,
                                           kTokensFile,
                                           kTokens,
                                           kServiceToken,
                                           kToken,
                                           kInsecureToken,
                                           kIngestionMetricsAddr,
                                           kExtractionMetricsAddr,
                                           kQueryMetricsAddr,
                                           kMaxInflight,
                                           kQuerySearchBytes,
                                           kQueryCallBytes,
                                           kWebAddr,
                                           kWebMetricsAddr,
                                           kWebStaticDir,
                                           kWebDeadlineMs,
                                           kWebToken};

class Settings final {
 public:
  // Reads every known variable from the environment.
  static Settings FromEnvironment();

  // Whether `arg` (`--name` without a value) is a setting's flag, which then takes the next
  // argument as its value.
  static bool IsFlag(std::string_view arg);

  // Applies `--name=value` flags for known settings; returns the remaining arguments through
  // `rest` (argv[0] first). INVALID_ARGUMENT names an unknown flag.
  absl::Status ApplyCommandLine(int argc, char** argv, std::vector<std::string>* rest = nullptr);

  void Set(const Setting& setting, std::string value);
  std::string Get(const Setting& setting) const;
  absl::StatusOr<int64_t> GetInt(const Setting& setting) const;
  // Several integer settings at once; the first bad one's INVALID_ARGUMENT.
  //   absl::Status read = settings.GetInts({{kDbPoolSize, &pool_size}, {kJobPollMs, &poll_ms}});
  struct IntTarget {
    const Setting& setting;
    int64_t* value;
  };
  absl::Status GetInts(std::initializer_list<IntTarget> targets) const;

  // The flag name of a setting: FAZHI_DATABASE_URL -> database-url.
  static std::string FlagName(const Setting& setting);
  // A table of every setting, its flag, default and help, for `--help`.
  static std::string HelpText();

 private:
  absl::flat_hash_map<std::string, std::string> values_;  // by env name
};

}  // namespace fazhi

#endif  // FAZHI_COMMON_CONFIG_SETTINGS_H_
