// Converts the extractor's Record (plain C++) into the API's fazhi.v1.ExtractedRecord.
#ifndef FAZHI_SERVICES_EXTRACTION_SERVICE_RECORD_PROTO_H_
#define FAZHI_SERVICES_EXTRACTION_SERVICE_RECORD_PROTO_H_

#include "fazhi/v1/report.pb.h"
#include "services/extraction/record/record.h"

namespace fazhi::extraction {

v1::ExtractedRecord RecordToProto(const Record& record);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SERVICE_RECORD_PROTO_H_
