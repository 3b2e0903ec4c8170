#include "cli/output.h"

#include <google/protobuf/util/json_util.h>

#include <iostream>
#include <random>

#include "absl/strings/ascii.h"
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

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// "ReportState" -> "REPORT_STATE_", the prefix protobuf style gives the enum's values.
std::string EnumValuePrefix(std::string_view enum_name) {
  std::string prefix;
  for (size_t i = 0; i < enum_name.size(); ++i) {
    const char c = enum_name[i];
    if (i > 0 && absl::ascii_isupper(c)) prefix += '_';
    prefix += absl::ascii_toupper(c);
  }
  return prefix + "_";
}

// Past 2^53 a double (what most JSON readers parse numbers into) loses integers.
constexpr int64_t kLargestExactInteger = int64_t{1} << 53;

nlohmann::ordered_json IntegerJson(int64_t value) {
  if (value > kLargestExactInteger || value < -kLargestExactInteger) return std::to_string(value);
  return value;
}

nlohmann::ordered_json UnsignedJson(uint64_t value) {
  if (value > static_cast<uint64_t>(kLargestExactInteger)) return std::to_string(value);
  return value;
}

nlohmann::ordered_json EnumJson(const FieldDescriptor& field, int number) {
  const google::protobuf::EnumValueDescriptor* value = field.enum_type()->FindValueByNumber(number);
  if (value == nullptr) return number;
  return EnumJsonName(*value);
}

// One element (index >= 0) or the value of a singular field, in the CLI's spelling; `json` is
// what the proto JSON mapping printed for it.
void RespellValue(const Message& message, const FieldDescriptor& field, int index,
                  nlohmann::ordered_json* json);

// Rewrites the proto JSON of `message` in place (see ToJson in the header).
void RespellMessage(const Message& message, nlohmann::ordered_json* json) {
  if (!json->is_object()) return;  // a well-known type printed as a string: a Timestamp
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  if (descriptor->file()->package() == "google.protobuf") return;
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor& field = *descriptor->field(i);
    auto member = json->find(field.name());
    if (member == json->end()) continue;
    if (field.is_map()) continue;  // no map in the API yet; proto JSON keeps its spelling
    if (field.is_repeated()) {
      for (int element = 0; element < reflection->FieldSize(message, &field); ++element)
        RespellValue(message, field, element, &(*member)[element]);
      continue;
    }
    if (field.has_presence() && !reflection->HasField(message, &field)) {
      json->erase(member);
      continue;
    }
    RespellValue(message, field, -1, &*member);
  }
}

void RespellValue(const Message& message, const FieldDescriptor& field, int index,
                  nlohmann::ordered_json* json) {
  const Reflection* reflection = message.GetReflection();
  const bool repeated = index >= 0;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE:
      RespellMessage(repeated ? reflection->GetRepeatedMessage(message, &field, index)
                              : reflection->GetMessage(message, &field),
                     json);
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      *json = EnumJson(field, repeated ? reflection->GetRepeatedEnumValue(message, &field, index)
                                       : reflection->GetEnumValue(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      *json = IntegerJson(repeated ? reflection->GetRepeatedInt64(message, &field, index)
                                   : reflection->GetInt64(message, &field));
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      *json = UnsignedJson(repeated ? reflection->GetRepeatedUInt64(message, &field, index)
                                    : reflection->GetUInt64(message, &field));
      break;
    default:
      break;  // strings, bools, 32-bit integers and doubles are already what they should be
  }
}

}  // namespace

std::string EnumJsonName(const google::protobuf::EnumValueDescriptor& value) {
  std::string_view name = value.name();
  const std::string prefix = EnumValuePrefix(value.type()->name());
  if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix)
    name.remove_prefix(prefix.size());
  return absl::AsciiStrToLower(std::string(name));
}

std::string DumpJson(const nlohmann::ordered_json& document, bool pretty) {
  // A string cut inside a character (an evidence window, an eval miss) must not end the output.
  return document.dump(pretty ? 2 : -1, ' ', /*ensure_ascii=*/false,
                       nlohmann::ordered_json::error_handler_t::replace);
}

std::string ToJson(const google::protobuf::Message& message, bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  // proto3 drops zeros: without this an indicator whose value is 0 has no "value" key, and jq
  // or pandas read it as missing. Fields with presence are trimmed to the set ones below.
  options.always_print_primitive_fields = true;
  std::string proto_json;
  (void)google::protobuf::util::MessageToJsonString(message, &proto_json, options);
  nlohmann::ordered_json json =
      nlohmann::ordered_json::parse(proto_json, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return proto_json;
  RespellMessage(message, &json);
  return DumpJson(json, pretty);
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
