#include "common/archive/record_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/util/json_util.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace fazhi {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using Json = nlohmann::json;

// A field kind the reader below does not handle (maps, bytes, well-known types): the caller
// then lets protobuf's own JSON parser read the whole record.
absl::Status Unsupported(const FieldDescriptor& field) {
  return absl::UnimplementedError(absl::StrCat("field ", field.full_name()));
}

absl::Status WrongType(const FieldDescriptor& field) {
  return absl::DataLossError(absl::StrCat("stored record is not valid: field ", field.name(),
                                          " has a value of the wrong type"));
}

// Integers come as JSON numbers or, for 64-bit fields as protobuf writes them, as strings.
template <typename Int>
bool ReadInteger(const Json& value, Int* out) {
  if (value.is_number_integer()) {
    *out = value.get<Int>();
    return true;
  }
  if (value.is_number_float()) {
    double number = value.get<double>();
    *out = static_cast<Int>(number);
    return std::trunc(number) == number;
  }
  return value.is_string() && absl::SimpleAtoi(value.get_ref<const std::string&>(), out);
}

// Doubles come as JSON numbers or as "NaN", "Infinity", "-Infinity".
bool ReadDouble(const Json& value, double* out) {
  if (value.is_number()) {
    *out = value.get<double>();
    return true;
  }
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  if (text == "NaN")
    *out = std::numeric_limits<double>::quiet_NaN();
  else if (text == "Infinity")
    *out = std::numeric_limits<double>::infinity();
  else if (text == "-Infinity")
    *out = -std::numeric_limits<double>::infinity();
  else
    return absl::SimpleAtod(text, out);
  return true;
}

absl::Status FillMessage(const Json& object, Message* message);

// Sets one value of `field` (appends when repeated).
absl::Status SetValue(const Json& value, const FieldDescriptor& field, Message* message) {
  const Reflection& reflection = *message->GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      if (field.type() == FieldDescriptor::TYPE_BYTES) return Unsupported(field);
      if (!value.is_string()) return WrongType(field);
      const std::string& text = value.get_ref<const std::string&>();
      repeated ? reflection.AddString(message, &field, text)
               : reflection.SetString(message, &field, text);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      if (!value.is_boolean()) return WrongType(field);
      repeated ? reflection.AddBool(message, &field, value.get<bool>())
               : reflection.SetBool(message, &field, value.get<bool>());
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t number = 0;
      if (!ReadInteger(value, &number)) return WrongType(field);
      repeated ? reflection.AddInt32(message, &field, number)
               : reflection.SetInt32(message, &field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t number = 0;
      if (!ReadInteger(value, &number)) return WrongType(field);
      repeated ? reflection.AddInt64(message, &field, number)
               : reflection.SetInt64(message, &field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double number = 0;
      if (!ReadDouble(value, &number)) return WrongType(field);
      repeated ? reflection.AddDouble(message, &field, number)
               : reflection.SetDouble(message, &field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      if (field.is_map() ||
          field.message_type()->file()->name().rfind("google/protobuf/", 0) == 0) {
        return Unsupported(field);
      }
      if (!value.is_object()) return WrongType(field);
      Message* child = repeated ? reflection.AddMessage(message, &field)
                                : reflection.MutableMessage(message, &field);
      return FillMessage(value, child);
    }
    default:  // float, unsigned and enum fields: none in a record today
      return Unsupported(field);
  }
}

absl::Status FillMessage(const Json& object, Message* message) {
  const google::protobuf::Descriptor& descriptor = *message->GetDescriptor();
  for (const auto& [name, value] : object.items()) {
    const FieldDescriptor* field = descriptor.FindFieldByName(name);
    if (field == nullptr) field = descriptor.FindFieldByCamelcaseName(name);
    if (field == nullptr || value.is_null()) continue;  // unknown fields are ignored
    if (!field->is_repeated()) {
      if (absl::Status set = SetValue(value, *field, message); !set.ok()) return set;
      continue;
    }
    if (!value.is_array()) return WrongType(*field);
    for (const Json& item : value) {
      if (absl::Status set = SetValue(item, *field, message); !set.ok()) return set;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::ExtractedRecord> ParseWithProtobuf(const std::string& json) {
  v1::ExtractedRecord record;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(json, &record, options);
  if (!status.ok()) {
    return absl::DataLossError(absl::StrCat("stored record is not valid: ", status.ToString()));
  }
  return record;
}

}  // namespace

std::string RecordToStoredJson(const v1::ExtractedRecord& record) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(record, &json, options);
  return json;
}

absl::StatusOr<v1::ExtractedRecord> RecordFromStoredJson(const std::string& json) {
  Json object = Json::parse(json, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object()) {
    return absl::DataLossError("stored record is not valid: not a JSON object");
  }
  v1::ExtractedRecord record;
  absl::Status filled = FillMessage(object, &record);
  if (absl::IsUnimplemented(filled)) return ParseWithProtobuf(json);
  if (!filled.ok()) return filled;
  return record;
}

absl::StatusOr<v1::ExtractedRecord> RecordFromStoredJsonWithProtobuf(const std::string& json) {
  return ParseWithProtobuf(json);
}

}  // namespace fazhi
