// Runs the extractor over documents and scores it against gold annotations: the library behind
// `fazhi extract --format eval-json FILE...` and `fazhi eval --docs DIR --gold DIR`.
//
//   absl::StatusOr<std::string> line = ExtractEvalJsonFromFile(extractor, "docs/001.txt");
//   absl::StatusOr<EvalScores> s = EvaluateDirectories(extractor, "docs", "gold");
//   std::cout << FormatEvalReport(*s, /*verbose=*/false);
//
// Gold NAME.json is matched to the document NAME.* (any extension: .txt, .html, ...). Documents
// are read as bytes and go through Extractor::ExtractFromBytes, the path the services use.
#ifndef FAZHI_SERVICES_EXTRACTION_EVAL_EVALUATE_H_
#define FAZHI_SERVICES_EXTRACTION_EVAL_EVALUATE_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "services/extraction/eval/scoring.h"
#include "services/extraction/extractor/extractor.h"

namespace fazhi::extraction {

// Reads, decodes, normalizes and extracts one file; its eval-json text (one line, no newline)
// names it by its base name.
absl::StatusOr<std::string> ExtractEvalJsonFromFile(const Extractor& extractor,
                                                    std::string_view path);

// A gold file without its document scores as an empty prediction and is listed among the
// misses. Fails when a directory cannot be read, a gold file is not JSON, or there is nothing to
// score (no gold file, or no gold file with its document).
absl::StatusOr<EvalScores> EvaluateDirectories(const Extractor& extractor,
                                               std::string_view docs_dir,
                                               std::string_view gold_dir);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_EVAL_EVALUATE_H_
