// What the CLI's commands share to talk to the services and to print: gRPC stubs for the
// configured addresses, call contexts with a deadline and a request id, errors on stderr, and
// JSON output of API messages.
#ifndef FAZHI_CLI_OUTPUT_H_
#define FAZHI_CLI_OUTPUT_H_

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "cli/command_line.h"
#include "common/config/settings.h"
#include "common/security/credentials.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi::cli {

// TLS root and bearer token of every channel Connect opens (FAZHI_TLS_CA, FAZHI_TOKEN/--token);
// set once by main() before a command runs.
void SetChannelSecurity(security::ChannelSecurity security);

std::shared_ptr<grpc::Channel> Connect(const std::string& address);
// A stub of the query service at the configured address (kQueryAddr).
std::unique_ptr<v1::QueryService::Stub> QueryStub(const Settings& settings);
// Whether the channels Connect opens use TLS (FAZHI_TLS_CA is set).
bool ChannelUsesTls();

// A context with a deadline and an `x-request-id` that the services log.
std::unique_ptr<grpc::ClientContext> NewCallContext(absl::Duration timeout);

// Prints "fazhi: <what>: <CODE>: <message>" to stderr; returns the exit code 1.
int ReportRpcError(std::string_view what, const grpc::Status& status);
// Prints "fazhi: <message>" to stderr; returns `exit_code`.
int ReportError(const absl::Status& status, int exit_code = 1);

// The CLI's JSON of an API message, on one line or indented: every command's --format json
// prints through it, so all spell values alike. The proto JSON mapping with the .proto field
// names, then three changes that make it read like the tables and the filters:
//   - enums by their name without the type's prefix, lowercase: REPORT_STATE_EXTRACTED is
//     "extracted" (a value the CLI does not know stays a number);
//   - 64-bit integers as JSON numbers when they fit in 2^53 (beyond, strings, as proto JSON);
//   - a field with presence (proto3 `optional`) appears only when set, so an unknown value is
//     absent, never 0; other scalars appear even when zero ("value": 0 is a stated zero).
//   ToJson(report, true)  // {"name": "reports/3fb7…", "state": "extracted", ...}
std::string ToJson(const google::protobuf::Message& message, bool pretty);
// The same spelling for a document a command builds itself (health, eval): JSON text on one line
// or indented by two spaces.
std::string DumpJson(const nlohmann::ordered_json& document, bool pretty);
// "REPORT_STATE_EXTRACTED" of the enum ReportState is "extracted"; "SERVING" stays "serving".
std::string EnumJsonName(const google::protobuf::EnumValueDescriptor& value);

// Whether --format is json (the parser has checked it against the command's choices).
bool WantsJson(const CommandLine& line);

// Short readable cells for a report in a table.
std::string JurisdictionCell(const v1::Report& report);
std::string StateCell(const v1::Report& report);

// An indicator's value as its shortest decimal ("27.42", "1234567"), "~" before an approximate
// one and " (suspect)" after a suspect one.
std::string IndicatorValueCell(double value, bool approximate, bool suspect);

// At most `max_columns` of the evidence sentence, centred on the figure (`figure` and `evidence`
// are spans of the report's text); cut from the start when the evidence's span is unknown.
std::string EvidenceCell(const std::string& evidence, const v1::Span& evidence_span,
                         const v1::Span& figure, int max_columns);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_OUTPUT_H_
