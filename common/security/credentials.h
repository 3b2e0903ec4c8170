// Transport security and call authorization for every fazhi server and client, built in one place.
// Servers serve TLS when FAZHI_TLS_CERT and FAZHI_TLS_KEY are set and check bearer tokens when
// FAZHI_TOKENS_FILE or FAZHI_TOKENS list some; clients verify the servers against FAZHI_TLS_CA
// when it is set and send their token (FAZHI_TOKEN, FAZHI_SERVICE_TOKEN) on every call.
//
//   absl::StatusOr<ServerSecurity> server = ServerSecurityFromSettings(settings);
//   builder.AddListeningPort(address, MakeServerCredentials(*server));
//   absl::StatusOr<ChannelSecurity> client = ChannelSecurityFromSettings(settings, kToken);
//   std::shared_ptr<grpc::Channel> channel = MakeChannel(address, *client);
//
// Tokens are checked by a gRPC core auth metadata processor attached to the server credentials:
// it runs before interceptors and handlers, sees the method (`:path`), can fail the call with
// UNAUTHENTICATED or PERMISSION_DENIED, and strips the token so no handler or log sees it. (In
// Debian's gRPC 1.51 a server interceptor cannot fail a call with its own status, and
// grpc::InsecureServerCredentials aborts on SetAuthMetadataProcessor, hence the core API.)
#ifndef FAZHI_COMMON_SECURITY_CREDENTIALS_H_
#define FAZHI_COMMON_SECURITY_CREDENTIALS_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/config/settings.h"
#include "common/metrics/registry.h"
#include "common/security/authorizer.h"

namespace fazhi::security {

struct ServerSecurity {
  std::string tls_cert_chain;                    // PEM; empty: plaintext
  std::string tls_private_key;                   // PEM
  std::shared_ptr<const Authorizer> authorizer;  // null: every call allowed (dev mode)
};

struct ChannelSecurity {
  std::string tls_root_cert;  // PEM; empty: plaintext
  std::string token;          // empty: calls carry no authorization metadata
};

// Reads and checks the certificate, key and token files named by the settings.
// INVALID_ARGUMENT for half a TLS pair, unreadable or mismatched PEM, or a bad token entry.
absl::StatusOr<ServerSecurity> ServerSecurityFromSettings(const Settings& settings);

// Logs once how the server is protected: warnings when auth is off or tokens travel unencrypted.
void LogServerSecurity(const ServerSecurity& security);

// Calls the token check refuses (UNAUTHENTICATED, PERMISSION_DENIED) never reach interceptors;
// they are counted in `refusals` (fazhi_grpc_server_handled_total) when it is not null.
std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(
    const ServerSecurity& security, metrics::Registry* refusals = nullptr);

// FAZHI_TLS_CA and the token setting of this client (kToken for the CLI, kServiceToken for
// ingestion).
absl::StatusOr<ChannelSecurity> ChannelSecurityFromSettings(const Settings& settings,
                                                            const Setting& token);
// The same from a CA file path (empty: plaintext) and a token (empty: none).
absl::StatusOr<ChannelSecurity> MakeChannelSecurity(std::string_view tls_ca_path,
                                                    std::string token);

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           const ChannelSecurity& security,
                                           const grpc::ChannelArguments& arguments = {});

}  // namespace fazhi::security

#endif  // FAZHI_COMMON_SECURITY_CREDENTIALS_H_
