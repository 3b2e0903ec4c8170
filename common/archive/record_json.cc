#include "common/archive/record_json.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"

namespace fazhi {

std::string RecordToStoredJson(const v1::ExtractedRecord& record) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(record, &json, options);
  return json;
}

absl::StatusOr<v1::ExtractedRecord> RecordFromStoredJson(const std::string& json) {
  v1::ExtractedRecord record;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(json, &record, options);
  if (!status.ok()) {
    return absl::DataLossError(absl::StrCat("stored record is not valid: ", status.ToString()));
  }
  return record;
}

}  // namespace fazhi
