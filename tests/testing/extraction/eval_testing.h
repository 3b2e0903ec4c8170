// Test support for the evaluation tests: one extractor per test binary, a docs/gold directory
// pair scored with it, and the floors every scored report set must meet.
//
//   absl::StatusOr<EvalScores> scores = ScoreDirectories("tests/data/corpus", "tests/data/gold");
//   ExpectMeetsFloors(*scores, /*documents=*/5);
#ifndef FAZHI_TESTS_TESTING_EXTRACTION_EVAL_TESTING_H_
#define FAZHI_TESTS_TESTING_EXTRACTION_EVAL_TESTING_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "services/extraction/eval/scoring.h"
#include "services/extraction/extractor/extractor.h"

namespace fazhi::extraction::testing {

// The extractor with default options, loaded on first use (loading reads the division list).
absl::StatusOr<const Extractor*> SharedExtractor();

// EvaluateDirectories with the shared extractor.
absl::StatusOr<EvalScores> ScoreDirectories(std::string_view docs_dir, std::string_view gold_dir);

// Expects `documents` scored documents and every category at or above its floor (the floors
// only go up).
void ExpectMeetsFloors(const EvalScores& scores, int documents);

}  // namespace fazhi::extraction::testing

#endif  // FAZHI_TESTS_TESTING_EXTRACTION_EVAL_TESTING_H_
