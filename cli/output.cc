#include "cli/output.h"

#include <google/protobuf/util/json_util.h>

#include <iostream>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/table.h"
#include "common/archive/report_names.h"
#include "common/text/shortest_decimal.h"

namespace fazhi::cli {

namespace {

security::ChannelSecurity& ChannelSecurityOfCommands() {
  static security::ChannelSecurity channel_security;
  return channel_security;
}

}  // namespace

void SetChannelSecurity(security::ChannelSecurity security) {
  ChannelSecurityOfCommands() = std::move(security);
}

std::shared_ptr<grpc::Channel> Connect(const std::string& address) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  arguments.SetMaxSendMessageSize(64 * 1024 * 1024);
  // One backoff: the commands' retry loop (common/status/retry_policy.h). gRPC's own reconnect
  // backoff (1 s growing to 120 s) would stack on it, failing retries fast while the service is
  // already back: 12 s to recover from a 2 s outage. Reconnect at once, at most a second apart.
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  return security::MakeChannel(address, ChannelSecurityOfCommands(), arguments);
}

std::unique_ptr<v1::QueryService::Stub> QueryStub(const Settings& settings) {
  return v1::QueryService::NewStub(Connect(settings.Get(kQueryAddr)));
}

bool ChannelUsesTls() { return !ChannelSecurityOfCommands().tls_root_cert.empty(); }

std::unique_ptr<grpc::ClientContext> NewCallContext(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout));
  static thread_local std::mt19937_64 random{std::random_device{}()};
  context->AddMetadata("x-request-id", absl::StrFormat("cli-%016x", random()));
  return context;
}

namespace {

std::string_view CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "ERROR";
  }
}

}  // namespace

int ReportRpcError(std::string_view what, const grpc::Status& status) {
  std::cerr << "fazhi: " << what << ": " << CodeName(status.error_code()) << ": "
            << status.error_message() << "\n";
  return 1;
}

int ReportError(const absl::Status& status, int exit_code) {
  std::cerr << "fazhi: " << status.message() << "\n";
  return exit_code;
}

std::string ToJson(const google::protobuf::Message& message, bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = pretty;
  // proto3 drops zeros: without this an indicator whose value is 0 has no "value" key, and jq
  // or pandas read it as missing.
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!json.empty() && json.back() == '\n') json.pop_back();
  return json;
}

bool WantsJson(const CommandLine& line) { return line.Option("format") == "json"; }

std::string JurisdictionCell(const v1::Report& report) {
  const v1::Jurisdiction& jurisdiction = report.record().metadata().jurisdiction();
  if (jurisdiction.code().empty()) {
    // The State Council's reports have a level and no code.
    return jurisdiction.level().empty()
               ? "-"
               : absl::StrCat(jurisdiction.name(), " (", jurisdiction.level(), ")");
  }
  return absl::StrCat(jurisdiction.name(), " (", jurisdiction.code(), ")");
}

std::string StateCell(const v1::Report& report) {
  return std::string(ReportStateName(report.state()));
}

std::string IndicatorValueCell(double value, bool approximate, bool suspect) {
  return absl::StrCat(approximate ? "~" : "", text::ShortestDecimal(value),
                      suspect ? " (suspect)" : "");
}

std::string EvidenceCell(const std::string& evidence, const v1::Span& evidence_span,
                         const v1::Span& figure, int max_columns) {
  const bool located = evidence_span.end() > evidence_span.begin() &&
                       figure.begin() >= evidence_span.begin() &&
                       figure.end() <= evidence_span.end();
  if (!located) return TruncateToWidth(evidence, max_columns);
  return WindowAround(evidence, figure.begin() - evidence_span.begin(),
                      figure.end() - evidence_span.begin(), max_columns);
}

}  // namespace fazhi::cli
