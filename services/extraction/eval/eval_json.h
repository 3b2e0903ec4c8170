// The eval-json form of an extraction record (the prediction format the gold scoring reads;
// tests/data/gold/README.md): one JSON object per document, printed by
// `fazhi extract --format eval-json` and read back by the scorer.
//
//   std::string line = RecordToEvalJsonText(record, "001_4ca8cfc4920ed3ee.txt");  // what extract
//   prints nlohmann::json j = RecordToEvalJson(record, "001_4ca8cfc4920ed3ee.txt");     // the
//   same, parsed j["indicators"]["legal_aid.cases"]["value"];  // 1900 j["metadata"]["title"]; //
//   null when the record has none
#ifndef FAZHI_SERVICES_EXTRACTION_EVAL_EVAL_JSON_H_
#define FAZHI_SERVICES_EXTRACTION_EVAL_EVAL_JSON_H_

#include <string>
#include <string_view>

#include "nlohmann/json.hpp"
#include "services/extraction/record/record.h"

namespace fazhi::extraction {

// Absent metadata values are null, absent indicators left out, spans [begin, end] in code
// points, issuer the first issuer. Extra fields: versions, evidence spans, date spans. Keys in
// byte order. Written straight to text (common/text/json_writer): a tree and its dump cost more
// than the extraction on report-sized records.
std::string RecordToEvalJsonText(const Record& record, std::string_view document_name);

// The same record as a JSON value, for the scorer and summaries.
nlohmann::json RecordToEvalJson(const Record& record, std::string_view document_name);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_EVAL_EVAL_JSON_H_
