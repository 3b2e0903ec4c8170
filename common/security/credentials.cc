#include "common/security/credentials.h"

#include <grpc/grpc_security.h>
#include <grpc/slice.h>
#include <grpcpp/support/client_interceptor.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"
#include "common/files/read_file.h"
#include "common/logging/logging.h"
#include "common/metrics/grpc_calls.h"

namespace fazhi::security {
namespace {

absl::StatusOr<std::string> ReadFile(const Setting& setting, const std::string& path) {
  absl::StatusOr<std::string> content = ReadFileToString(path);
  if (!content.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(Absl(setting.env), ": cannot read '", path,
                                                   "': ", content.status().message()));
  }
  return content;
}

// Parses PEM with OpenSSL now, so a bad file stops the start with a message naming the setting
// instead of a bare "cannot listen" from gRPC later.
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

std::unique_ptr<BIO, BioDeleter> PemBio(const std::string& pem) {
  return std::unique_ptr<BIO, BioDeleter>(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

absl::StatusOr<std::unique_ptr<X509, X509Deleter>> ParseCertificate(const Setting& setting,
                                                                    const std::string& pem) {
  std::unique_ptr<X509, X509Deleter> cert(
      PEM_read_bio_X509(PemBio(pem).get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(Absl(setting.env), ": not a PEM certificate (BEGIN CERTIFICATE)"));
  }
  return cert;
}

absl::Status CheckKeyPair(const std::string& cert_pem, const std::string& key_pem) {
  absl::StatusOr<std::unique_ptr<X509, X509Deleter>> cert = ParseCertificate(kTlsCert, cert_pem);
  if (!cert.ok()) return cert.status();
  std::unique_ptr<EVP_PKEY, KeyDeleter> key(
      PEM_read_bio_PrivateKey(PemBio(key_pem).get(), nullptr, nullptr, nullptr));
  if (key == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(Absl(kTlsKey.env), ": not an unencrypted PEM private key"));
  }
  if (X509_check_private_key(cert->get(), key.get()) != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(Absl(kTlsKey.env), " does not match the key of ", Absl(kTlsCert.env)));
  }
  return absl::OkStatus();
}

absl::StatusOr<TokenTable> TokensFromSettings(const Settings& settings) {
  TokenTable tokens;
  if (std::string path = settings.Get(kTokensFile); !path.empty()) {
    absl::StatusOr<std::string> text = ReadFile(kTokensFile, path);
    if (!text.ok()) return text.status();
    absl::StatusOr<TokenTable> from_file = TokenTable::Parse(*text, '\n', kTokensFile.env);
    if (!from_file.ok()) return from_file.status();
    tokens = *std::move(from_file);
  }
  absl::StatusOr<TokenTable> inline_tokens =
      TokenTable::Parse(settings.Get(kTokens), ';', kTokens.env);
  if (!inline_tokens.ok()) return inline_tokens.status();
  if (absl::Status merged = tokens.Merge(*inline_tokens); !merged.ok()) return merged;
  return tokens;
}

std::string_view SliceView(const grpc_slice& slice) {
  return {reinterpret_cast<const char*>(GRPC_SLICE_START_PTR(slice)), GRPC_SLICE_LENGTH(slice)};
}

// What the auth metadata processor holds: the check, and where refusals are counted (may be null).
struct AuthProcessorState {
  std::shared_ptr<const Authorizer> authorizer;
  metrics::Registry* refusals;
};

// The auth metadata processor: runs on gRPC's transport thread for every incoming call. The
// check is in memory, so it answers synchronously.
void AuthorizeCall(void* state, grpc_auth_context* /*context*/, const grpc_metadata* metadata,
                   size_t count, grpc_process_auth_metadata_done_cb done, void* user_data) {
  const AuthProcessorState& processor = *static_cast<AuthProcessorState*>(state);
  const Authorizer& authorizer = *processor.authorizer;
  std::string_view method;
  const grpc_metadata* authorization = nullptr;
  for (size_t i = 0; i < count; ++i) {
    std::string_view key = SliceView(metadata[i].key);
    if (key == ":path") method = SliceView(metadata[i].value);
    if (key == "authorization") authorization = &metadata[i];
  }
  std::optional<std::string_view> header;
  if (authorization != nullptr) header = SliceView(authorization->value);
  absl::Status status = authorizer.Check(method, header);
  if (status.ok()) {
    // Consumed: handlers, interceptors and logs never see the token.
    done(user_data, authorization, authorization != nullptr ? 1 : 0, nullptr, 0, GRPC_STATUS_OK,
         nullptr);
    return;
  }
  // Rejected calls never reach the RPC log and metrics interceptors, so they are logged and
  // counted here.
  if (processor.refusals != nullptr)
    metrics::CountGrpcCall(processor.refusals, method, status.code());
  std::string message(status.message());
  LogEvent(spdlog::level::warn, "rpc",
           {{"method", method},
            {"code", Std(absl::StatusCodeToString(status.code()))},
            {"error", message}});
  done(user_data, nullptr, 0, nullptr, 0, static_cast<grpc_status_code>(status.code()),
       message.c_str());
}

void DestroyAuthorizerState(void* state) { delete static_cast<AuthProcessorState*>(state); }

// Built from the gRPC core API because grpc::InsecureServerCredentials cannot carry an auth
// metadata processor; the TLS variant is what grpc::SslServerCredentials builds.
class FazhiServerCredentials final : public grpc::ServerCredentials {
 public:
  FazhiServerCredentials(ServerSecurity security, metrics::Registry* refusals)
      : security_(std::move(security)), refusals_(refusals) {}

  // The authorizer comes with the ServerSecurity; a second processor would bypass it.
  void SetAuthMetadataProcessor(const std::shared_ptr<grpc::AuthMetadataProcessor>&) override {}

 private:
  int AddPortToServer(const std::string& address, grpc_server* server) override {
    grpc_server_credentials* credentials = CoreCredentials();
    if (security_.authorizer != nullptr) {
      grpc_server_credentials_set_auth_metadata_processor(
          credentials, {AuthorizeCall, DestroyAuthorizerState,
                        new AuthProcessorState{security_.authorizer, refusals_}});
    }
    int port = grpc_server_add_http2_port(server, address.c_str(), credentials);
    grpc_server_credentials_release(credentials);
    return port;
  }

  grpc_server_credentials* CoreCredentials() const {
    if (security_.tls_cert_chain.empty()) return grpc_insecure_server_credentials_create();
    grpc_ssl_pem_key_cert_pair pair{security_.tls_private_key.c_str(),
                                    security_.tls_cert_chain.c_str()};
    grpc_ssl_server_certificate_config* config =
        grpc_ssl_server_certificate_config_create(nullptr, &pair, 1);
    grpc_ssl_server_credentials_options* options =
        grpc_ssl_server_credentials_create_options_using_config(
            GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE, config);
    return grpc_ssl_server_credentials_create_with_options(options);  // takes the options
  }

  ServerSecurity security_;
  metrics::Registry* refusals_;
};

class BearerTokenInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit BearerTokenInterceptor(const std::string* header) : header_(header) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace("authorization", *header_);
    }
    methods->Proceed();
  }

 private:
  const std::string* header_;
};

class BearerTokenInterceptorFactory final
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerTokenInterceptorFactory(std::string_view token)
      : header_(absl::StrCat("Bearer ", Absl(token))) {}

  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo* /*info*/) override {
    return new BearerTokenInterceptor(&header_);
  }

 private:
  std::string header_;
};

grpc::SslCredentialsOptions RootCertOnly(const std::string& root_cert) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = root_cert;
  return options;
}

}  // namespace

absl::StatusOr<ServerSecurity> ServerSecurityFromSettings(const Settings& settings) {
  ServerSecurity security;
  std::string cert_path = settings.Get(kTlsCert);
  std::string key_path = settings.Get(kTlsKey);
  if (cert_path.empty() != key_path.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("set both ", Absl(kTlsCert.env), " and ", Absl(kTlsKey.env), ", or neither"));
  }
  if (!cert_path.empty()) {
    absl::StatusOr<std::string> cert = ReadFile(kTlsCert, cert_path);
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadFile(kTlsKey, key_path);
    if (!key.ok()) return key.status();
    if (absl::Status pair = CheckKeyPair(*cert, *key); !pair.ok()) return pair;
    security.tls_cert_chain = *std::move(cert);
    security.tls_private_key = *std::move(key);
  }
  absl::StatusOr<TokenTable> tokens = TokensFromSettings(settings);
  if (!tokens.ok()) return tokens.status();
  if (!tokens->empty()) security.authorizer = std::make_shared<Authorizer>(*std::move(tokens));
  return security;
}

void LogServerSecurity(const ServerSecurity& security) {
  bool tls = !security.tls_cert_chain.empty();
  if (security.authorizer == nullptr) {
    LogEvent(spdlog::level::warn, "auth_disabled",
             {{"reason",
               "no tokens in FAZHI_TOKENS_FILE or FAZHI_TOKENS: every caller may call "
               "every method (dev mode)"},
              {"tls", tls ? "on" : "off"}});
    return;
  }
  const TokenTable& tokens = security.authorizer->tokens();
  std::string readers = std::to_string(tokens.CountWithRole(Role::kReader));
  std::string writers = std::to_string(tokens.CountWithRole(Role::kWriter));
  std::string admins = std::to_string(tokens.CountWithRole(Role::kAdmin));
  LogEvent(spdlog::level::info, "auth_enabled",
           {{"readers", readers},
            {"writers", writers},
            {"admins", admins},
            {"tls", tls ? "on" : "off"}});
  if (!tls) {
    LogEvent(spdlog::level::warn, "tokens_without_tls",
             {{"reason",
               "bearer tokens cross the network in plaintext; set FAZHI_TLS_CERT and "
               "FAZHI_TLS_KEY"}});
  }
}

std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const ServerSecurity& security,
                                                               metrics::Registry* refusals) {
  return std::make_shared<FazhiServerCredentials>(security, refusals);
}

absl::StatusOr<ChannelSecurity> ChannelSecurityFromSettings(const Settings& settings,
                                                            const Setting& token) {
  return MakeChannelSecurity(settings.Get(kTlsCa), settings.Get(token));
}

absl::StatusOr<ChannelSecurity> MakeChannelSecurity(std::string_view tls_ca_path,
                                                    std::string token) {
  ChannelSecurity security;
  security.token = std::move(token);
  if (tls_ca_path.empty()) return security;
  absl::StatusOr<std::string> ca = ReadFile(kTlsCa, std::string(tls_ca_path));
  if (!ca.ok()) return ca.status();
  if (auto cert = ParseCertificate(kTlsCa, *ca); !cert.ok()) return cert.status();
  security.tls_root_cert = *std::move(ca);
  return security;
}

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           const ChannelSecurity& security,
                                           const grpc::ChannelArguments& arguments) {
  std::shared_ptr<grpc::ChannelCredentials> credentials =
      security.tls_root_cert.empty() ? grpc::InsecureChannelCredentials()
                                     : grpc::SslCredentials(RootCertOnly(security.tls_root_cert));
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
  if (!security.token.empty()) {
    interceptors.push_back(std::make_unique<BearerTokenInterceptorFactory>(security.token));
  }
  return grpc::experimental::CreateCustomChannelWithInterceptors(address, credentials, arguments,
                                                                 std::move(interceptors));
}

}  // namespace fazhi::security
