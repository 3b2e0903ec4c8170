// The stored form of an extracted record: fazhi.v1.ExtractedRecord as protobuf JSON with the
// .proto field names, in the archive's `records.record` jsonb column. Extraction writes it,
// query reads it (every listed or found report's record: 20 a page).
//
//   std::string json = RecordToStoredJson(record);
//   absl::StatusOr<v1::ExtractedRecord> again = RecordFromStoredJson(json);
//
// Reading walks the message's descriptor over an nlohmann::json tree: protobuf's own JSON parser
// (JsonStringToMessage) gives the same message several times slower (record_json_benchmark),
// which was a sixth of a list's time. Field kinds a record does not have (maps, bytes, enums,
// well-known types) fall back to protobuf's parser.
#ifndef FAZHI_COMMON_ARCHIVE_RECORD_JSON_H_
#define FAZHI_COMMON_ARCHIVE_RECORD_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi {

std::string RecordToStoredJson(const v1::ExtractedRecord& record);

// DATA_LOSS when the stored JSON does not parse (unknown fields are ignored).
absl::StatusOr<v1::ExtractedRecord> RecordFromStoredJson(const std::string& json);

// The same through protobuf's JSON parser: the reference the tests and the benchmark compare with.
absl::StatusOr<v1::ExtractedRecord> RecordFromStoredJsonWithProtobuf(const std::string& json);

}  // namespace fazhi

#endif  // FAZHI_COMMON_ARCHIVE_RECORD_JSON_H_
