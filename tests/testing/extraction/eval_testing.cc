#include "tests/testing/extraction/eval_testing.h"

#include <gtest/gtest.h>

#include "services/extraction/eval/evaluate.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction::testing {

absl::StatusOr<const Extractor*> SharedExtractor() {
  static const absl::StatusOr<Extractor>* const extractor =
      new absl::StatusOr<Extractor>(Extractor::Load(TestExtractorOptions()));
  if (!extractor->ok()) return extractor->status();
  return &**extractor;
}

absl::StatusOr<EvalScores> ScoreDirectories(std::string_view docs_dir, std::string_view gold_dir) {
  absl::StatusOr<const Extractor*> extractor = SharedExtractor();
  if (!extractor.ok()) return extractor.status();
  return EvaluateDirectories(**extractor, docs_dir, gold_dir);
}

// Raise the floors as the components improve; never lower them to make a change pass.
void ExpectMeetsFloors(const EvalScores& scores, int documents) {
  EXPECT_EQ(scores.documents, documents);
  EXPECT_GE(scores.metadata.Rate(), 0.98);
  EXPECT_GE(scores.indicators.F1(), 0.95);
  EXPECT_GE(scores.quantities.Rate(), 0.97);
  EXPECT_GE(scores.dates.Rate(), 0.95);
  EXPECT_GE(scores.citations.Rate(), 0.95);
  EXPECT_GE(scores.document_numbers.Rate(), 1.0);
}

}  // namespace fazhi::extraction::testing
