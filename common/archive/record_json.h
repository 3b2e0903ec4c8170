// The stored form of an extracted record: fazhi.v1.ExtractedRecord as protobuf JSON with the
// .proto field names, in the archive's `records.record` jsonb column. Extraction writes it,
// query reads it.
#ifndef FAZHI_COMMON_ARCHIVE_RECORD_JSON_H_
#define FAZHI_COMMON_ARCHIVE_RECORD_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi {

std::string RecordToStoredJson(const v1::ExtractedRecord& record);

// DATA_LOSS when the stored JSON does not parse (unknown fields are ignored).
absl::StatusOr<v1::ExtractedRecord> RecordFromStoredJson(const std::string& json);

}  // namespace fazhi

#endif  // FAZHI_COMMON_ARCHIVE_RECORD_JSON_H_
