// Test and benchmark data for record_json: a record with every field of every message it holds
// set, to values that differ per field, element and seed.
//
//   v1::ExtractedRecord record = testing::RecordWithEveryField(/*seed=*/3);
#ifndef FAZHI_TESTS_TESTING_RECORD_JSON_TESTING_H_
#define FAZHI_TESTS_TESTING_RECORD_JSON_TESTING_H_

#include "fazhi/v1/report.pb.h"

namespace fazhi::testing {

// Repeated fields get 2 + seed % 4 elements; strings mix Chinese, quotes and escapes.
v1::ExtractedRecord RecordWithEveryField(int seed);

}  // namespace fazhi::testing

#endif  // FAZHI_TESTS_TESTING_RECORD_JSON_TESTING_H_
