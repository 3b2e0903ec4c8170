#include "cli/service_endpoint.h"

#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/output.h"
#include "common/compat/string_view.h"

namespace fazhi::cli {
namespace {

// A probe gets this long to connect and hear the server's greeting.
constexpr absl::Duration kProbeTimeout = absl::Seconds(2);
constexpr absl::Duration kProbeInterval = absl::Milliseconds(250);

ConnectionCheck Probe(const Endpoint& endpoint) {
  return CheckConnection(endpoint.address, ChannelUsesTls(), kProbeTimeout);
}

}  // namespace

Endpoint ServiceEndpoint(const Settings& settings, const Setting& address_setting) {
  std::string_view program = &address_setting == &kIngestionAddr    ? "fazhi-ingestion"
                             : &address_setting == &kExtractionAddr ? "fazhi-extraction"
                                                                    : "fazhi-query";
  return {program, &address_setting, settings.Get(address_setting)};
}

std::string DescribeConnectionFault(const Endpoint& endpoint, const ConnectionCheck& check) {
  std::string where = absl::StrCat("(the address is ", Absl(endpoint.setting->env), " or --",
                                   Settings::FlagName(*endpoint.setting), ")");
  switch (check.fault) {
    case ConnectionFault::kNone:
      return "";
    case ConnectionFault::kUnresolvable:
      return absl::StrCat("cannot resolve the host of ", endpoint.address, " (", check.detail,
                          "): is the name right? ", where);
    case ConnectionFault::kRefused:
      return absl::StrCat("connection refused at ", endpoint.address, ": is ",
                          Absl(endpoint.program), " running? ", where);
    case ConnectionFault::kUnreachable:
      return absl::StrCat("cannot connect to ", endpoint.address, " (", check.detail,
                          "): is the host up and the port open? ", where);
    case ConnectionFault::kServerSpeaksTls:
      return absl::StrCat("the server at ", endpoint.address,
                          " speaks TLS (it does not answer plaintext gRPC): set FAZHI_TLS_CA to "
                          "the CA certificate of the services");
    case ConnectionFault::kNotGrpc:
      return absl::StrCat("the server at ", endpoint.address, " does not speak gRPC: is it ",
                          Absl(endpoint.program), "? ", where);
    case ConnectionFault::kServerSpeaksPlaintext:
      return absl::StrCat("the server at ", endpoint.address,
                          " speaks plaintext gRPC, not TLS: unset FAZHI_TLS_CA, or give the "
                          "address of the TLS service ",
                          where);
  }
  return "";
}

absl::Status AwaitReachable(const Endpoint& endpoint, absl::Duration wait) {
  absl::Time give_up = absl::Now() + wait;
  while (true) {
    ConnectionCheck check = Probe(endpoint);
    if (check.fault == ConnectionFault::kNone) return absl::OkStatus();
    if (!MayPassByItself(check.fault) || absl::Now() >= give_up) {
      return absl::UnavailableError(DescribeConnectionFault(endpoint, check));
    }
    // Said at once, not after the wait: the user learns why the command is slow.
    static bool said_once = false;
    if (!std::exchange(said_once, true)) {
      std::cerr << "fazhi: " << DescribeConnectionFault(endpoint, check) << "; waiting up to "
                << absl::ToInt64Seconds(wait) << " s for it\n";
    }
    absl::SleepFor(kProbeInterval);
  }
}

grpc::Status ExplainUnavailable(const Endpoint& endpoint, const grpc::Status& status) {
  if (status.error_code() != grpc::StatusCode::UNAVAILABLE) return status;
  ConnectionCheck check = Probe(endpoint);
  if (check.fault == ConnectionFault::kNone) return status;
  return grpc::Status(grpc::StatusCode::UNAVAILABLE, DescribeConnectionFault(endpoint, check));
}

}  // namespace fazhi::cli
