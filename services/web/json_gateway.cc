#include "services/web/json_gateway.h"

#include <google/api/annotations.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <cctype>
#include <future>
#include <nlohmann/json.hpp>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status/grpc_status.h"
#include "common/status/quoted_input.h"
#include "fazhi/v1/query.pb.h"

namespace fazhi::web {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status BadValue(const FieldDescriptor* field, const std::string& value) {
  return absl::InvalidArgumentError(absl::StrCat("parameter ", field->json_name(), ": \"",
                                                 QuotedInput(value), "\" is not a valid ",
                                                 field->type_name()));
}

// Sets (or, for a repeated field, adds) one scalar field from its text.
absl::Status SetField(const FieldDescriptor* field, const std::string& value, Message* message) {
  const Reflection* reflection = message->GetReflection();
  const bool repeated = field->is_repeated();
  auto parse = [&](auto* out) -> bool {
    if constexpr (std::is_same_v<std::remove_pointer_t<decltype(out)>, bool>) {
      if (value == "true" || value == "1") return *out = true, true;
      if (value == "false" || value == "0") return *out = false, true;
      return false;
    } else if constexpr (std::is_floating_point_v<std::remove_pointer_t<decltype(out)>>) {
      double parsed = 0;
      if (!absl::SimpleAtod(value, &parsed)) return false;
      *out = static_cast<std::remove_pointer_t<decltype(out)>>(parsed);
      return true;
    } else {
      return absl::SimpleAtoi(value, out);
    }
  };
#define FAZHI_SET_SCALAR(CPPTYPE, TYPE, NAME)                 \
  case FieldDescriptor::CPPTYPE: {                            \
    TYPE parsed{};                                            \
    if (!parse(&parsed)) return BadValue(field, value);       \
    repeated ? reflection->Add##NAME(message, field, parsed)  \
             : reflection->Set##NAME(message, field, parsed); \
    return absl::OkStatus();                                  \
  }
  switch (field->cpp_type()) {
    FAZHI_SET_SCALAR(CPPTYPE_INT32, int32_t, Int32)
    FAZHI_SET_SCALAR(CPPTYPE_INT64, int64_t, Int64)
    FAZHI_SET_SCALAR(CPPTYPE_UINT32, uint32_t, UInt32)
    FAZHI_SET_SCALAR(CPPTYPE_UINT64, uint64_t, UInt64)
    FAZHI_SET_SCALAR(CPPTYPE_DOUBLE, double, Double)
    FAZHI_SET_SCALAR(CPPTYPE_FLOAT, float, Float)
    FAZHI_SET_SCALAR(CPPTYPE_BOOL, bool, Bool)
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? reflection->AddString(message, field, value)
               : reflection->SetString(message, field, value);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_ENUM: {
      const google::protobuf::EnumValueDescriptor* named =
          field->enum_type()->FindValueByName(value);
      int number = 0;
      if (named == nullptr && absl::SimpleAtoi(value, &number)) {
        named = field->enum_type()->FindValueByNumber(number);
      }
      if (named == nullptr) {
        std::string names;
        for (int i = 0; i < field->enum_type()->value_count(); ++i) {
          absl::StrAppend(&names, i == 0 ? "" : ", ", field->enum_type()->value(i)->name());
        }
        return absl::InvalidArgumentError(absl::StrCat("parameter ", field->json_name(), ": \"",
                                                       QuotedInput(value), "\" is not one of ",
                                                       names));
      }
      repeated ? reflection->AddEnum(message, field, named)
               : reflection->SetEnum(message, field, named);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
#undef FAZHI_SET_SCALAR
  return absl::InvalidArgumentError(
      absl::StrCat("parameter ", field->json_name(), " cannot be given in the URL"));
}

const FieldDescriptor* FindField(const google::protobuf::Descriptor* type,
                                 const std::string& name) {
  if (const FieldDescriptor* field = type->FindFieldByName(name)) return field;
  for (int i = 0; i < type->field_count(); ++i) {
    if (type->field(i)->json_name() == name) return type->field(i);
  }
  return nullptr;
}

std::string NewRequestId() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return absl::StrFormat("web-%016x", random());
}

HttpReply ErrorReply(const grpc::Status& status) {
  HttpReply reply;
  reply.status = HttpStatusOf(status.error_code());
  reply.body = ErrorBody(reply.status, status.error_code(), status.error_message());
  return reply;
}

// The bytes field `field_name` of `response` as the body, typed and named by its siblings.
HttpReply RawBodyReply(const Message& response, const std::string& field_name) {
  const google::protobuf::Descriptor* type = response.GetDescriptor();
  const Reflection* reflection = response.GetReflection();
  HttpReply reply;
  reply.body = reflection->GetString(response, type->FindFieldByName(field_name));
  reply.content_type = "application/octet-stream";
  if (const FieldDescriptor* content_type = type->FindFieldByName("content_type")) {
    std::string value = reflection->GetString(response, content_type);
    if (!value.empty()) reply.content_type = std::move(value);
  }
  if (const FieldDescriptor* file_name = type->FindFieldByName("file_name")) {
    const std::string value = reflection->GetString(response, file_name);
    // RFC 6266 with RFC 5987's UTF-8 form, for Chinese file names.
    std::string encoded;
    for (unsigned char c : value) {
      if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
        encoded += static_cast<char>(c);
      } else {
        absl::StrAppendFormat(&encoded, "%%%02X", c);
      }
    }
    reply.headers["Content-Disposition"] = absl::StrCat("attachment; filename*=UTF-8''", encoded);
  }
  return reply;
}

}  // namespace

absl::Status SetRequestFields(const PathBindings& bindings,
                              const std::multimap<std::string, std::string>& params,
                              Message* message) {
  const google::protobuf::Descriptor* type = message->GetDescriptor();
  for (const auto& [name, value] : bindings) {
    const FieldDescriptor* field = type->FindFieldByName(name);
    if (field == nullptr)
      return absl::InternalError(absl::StrCat("the route binds unknown field ", name));
    if (absl::Status set = SetField(field, value, message); !set.ok()) return set;
  }
  for (const auto& [name, value] : params) {
    const FieldDescriptor* field = FindField(type, name);
    if (field == nullptr || bindings.contains(field->name())) {
      std::string known;
      for (int i = 0; i < type->field_count(); ++i) {
        if (bindings.contains(type->field(i)->name())) continue;
        absl::StrAppend(&known, known.empty() ? "" : ", ", type->field(i)->json_name());
      }
      return absl::InvalidArgumentError(
          absl::StrCat("unknown query parameter \"", QuotedInput(name), "\"",
                       known.empty() ? "" : "; this call takes ", known));
    }
    if (!field->is_repeated() && message->GetReflection()->HasField(*message, field)) {
      return absl::InvalidArgumentError(
          absl::StrCat("parameter ", field->json_name(), " is given twice"));
    }
    if (absl::Status set = SetField(field, value, message); !set.ok()) return set;
  }
  return absl::OkStatus();
}

const google::protobuf::ServiceDescriptor* QueryServiceDescriptor() {
  return v1::GetReportRequest::descriptor()->file()->FindServiceByName("QueryService");
}

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    default:
      return 500;
  }
}

std::string ErrorBody(int http_status, grpc::StatusCode code, const std::string& message) {
  const std::string name(absl::StatusCodeToString(static_cast<absl::StatusCode>(code)));
  nlohmann::json body = {
      {"error", {{"code", http_status}, {"status", name}, {"message", message}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

absl::StatusOr<std::unique_ptr<JsonGateway>> JsonGateway::Create(
    std::shared_ptr<grpc::Channel> channel, const google::protobuf::ServiceDescriptor* service,
    GatewayOptions options) {
  if (service == nullptr) return absl::InvalidArgumentError("no service to serve");
  std::unique_ptr<JsonGateway> gateway(new JsonGateway(std::move(channel), std::move(options)));
  for (int i = 0; i < service->method_count(); ++i) {
    const google::protobuf::MethodDescriptor* method = service->method(i);
    if (!method->options().HasExtension(google::api::http)) continue;
    const google::api::HttpRule& rule = method->options().GetExtension(google::api::http);
    if (rule.get().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(method->full_name(), ": only GET rules are served"));
    }
    absl::StatusOr<PathTemplate> path = PathTemplate::Parse(rule.get());
    if (!path.ok()) return path.status();
    gateway->routes_.push_back({"GET", *std::move(path), method, rule.response_body()});
  }
  return gateway;
}

bool JsonGateway::Routes(const std::string& path) const {
  for (const Route& route : routes_) {
    if (route.path.Match(path)) return true;
  }
  return false;
}

std::vector<std::pair<std::string, std::string>> JsonGateway::RouteTable() const {
  std::vector<std::pair<std::string, std::string>> table;
  for (const Route& route : routes_) {
    table.emplace_back(absl::StrCat(route.http_method, " ", route.path.text()),
                       route.method->full_name());
  }
  return table;
}

HttpReply JsonGateway::Handle(const HttpCall& call) const {
  bool path_known = false;
  for (const Route& route : routes_) {
    std::optional<PathBindings> bindings = route.path.Match(call.path);
    if (!bindings) continue;
    path_known = true;
    if (route.http_method == call.method) return Call(route, *bindings, call);
  }
  if (path_known) {
    HttpReply reply;
    reply.status = 405;
    reply.body = ErrorBody(405, grpc::StatusCode::UNIMPLEMENTED,
                           call.method + " is not allowed here: the API is read-only");
    reply.headers["Allow"] = "GET";
    return reply;
  }
  return ErrorReply(grpc::Status(grpc::StatusCode::NOT_FOUND, "no API method at " + call.path));
}

HttpReply JsonGateway::Call(const Route& route, const PathBindings& bindings,
                            const HttpCall& call) const {
  google::protobuf::MessageFactory* factory = google::protobuf::MessageFactory::generated_factory();
  std::unique_ptr<Message> request(factory->GetPrototype(route.method->input_type())->New());
  std::unique_ptr<Message> response(factory->GetPrototype(route.method->output_type())->New());
  if (absl::Status set = SetRequestFields(bindings, call.params, request.get()); !set.ok()) {
    return ErrorReply(ToGrpcStatus(set));
  }
  std::string serialized;
  request->SerializeToString(&serialized);
  grpc::Slice slice(serialized);
  grpc::ByteBuffer request_bytes(&slice, 1);
  grpc::ByteBuffer response_bytes;

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       absl::ToChronoMilliseconds(options_.deadline));
  if (!call.authorization.empty()) {
    context.AddMetadata("authorization", call.authorization);
  } else if (!options_.token.empty()) {
    context.AddMetadata("authorization", "Bearer " + options_.token);
  }
  context.AddMetadata("x-request-id", call.request_id.empty() ? NewRequestId() : call.request_id);
  std::promise<grpc::Status> done;
  stub_.UnaryCall(
      &context, absl::StrCat("/", route.method->service()->full_name(), "/", route.method->name()),
      grpc::StubOptions(), &request_bytes, &response_bytes,
      [&done](grpc::Status status) { done.set_value(std::move(status)); });
  grpc::Status status = done.get_future().get();
  HttpReply reply;
  if (status.ok()) {
    std::vector<grpc::Slice> slices;
    std::string bytes;
    if (response_bytes.Dump(&slices).ok()) {
      for (const grpc::Slice& part : slices)
        bytes.append(reinterpret_cast<const char*>(part.begin()), part.size());
    }
    if (!response->ParseFromString(bytes)) {
      status =
          grpc::Status(grpc::StatusCode::INTERNAL, "the service's answer could not be decoded");
    }
  }
  if (!status.ok()) {
    reply = ErrorReply(status);
  } else if (!route.response_body.empty()) {
    reply = RawBodyReply(*response, route.response_body);
  } else {
    google::protobuf::util::JsonPrintOptions print;
    print.always_print_primitive_fields = true;
    if (!google::protobuf::util::MessageToJsonString(*response, &reply.body, print).ok()) {
      reply = ErrorReply(
          grpc::Status(grpc::StatusCode::INTERNAL, "the answer could not be written as JSON"));
    }
  }
  reply.grpc_method = route.method->full_name();
  return reply;
}

}  // namespace fazhi::web
