// Scores eval-json predictions against hand-made gold annotations (shared/gold/README.md).
//
//   std::vector<ScoringInput> inputs = {{prediction_json, gold_json, normalized_text}};
//   EvalScores scores = ScoreDocuments(inputs);
//   std::cout << FormatEvalReport(scores, /*verbose=*/true);
//   // ... last line:
//   // eval: docs=5 metadata=0.986 sections=1.000 indicators_f1=0.962 (p=0.97 r=0.95) ...
//
// Rules: metadata per field the gold has (a null gold field is right only when the prediction is
// empty; an `accept` list takes any of its strings; `optional` also takes an empty answer).
// Indicators over (document, id) cells: a value is right within 0.5% relative of the gold value or
// an `also_accept` one, with `approximate` equal where the gold gives it; a cell whose gold value
// is null or whose `also_accept` holds null may be left empty. Quantities, dates, citations and
// document numbers: found and right / listed; a quantity's `bound` counts where the gold gives one.
#ifndef FAZHI_SERVICES_EXTRACTION_EVAL_SCORING_H_
#define FAZHI_SERVICES_EXTRACTION_EVAL_SCORING_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "nlohmann/json.hpp"

namespace fazhi::extraction {

// right / total; 1 when nothing was listed.
struct Tally {
  int right = 0;
  int total = 0;
  double Rate() const { return total == 0 ? 1.0 : static_cast<double>(right) / total; }
  void Add(bool is_right) {
    ++total;
    right += is_right ? 1 : 0;
  }
};

struct IndicatorTally {
  int predicted = 0;        // values predicted in scored cells
  int predicted_right = 0;  // of those, right
  int must_find = 0;        // cells with a gold value that may not be left empty
  int found = 0;            // of those, predicted right
  double Precision() const;
  double Recall() const;
  double F1() const;
};

// One wrong or missing answer, for debugging.
struct EvalMiss {
  std::string document;
  std::string category;  // "metadata", "sections", "indicators", "quantities", ...
  std::string item;      // field, indicator id or gold surface
  std::string expected;
  std::string got;
};

struct EvalScores {
  int documents = 0;
  std::map<std::string, Tally> metadata_fields;  // "title", "jurisdiction.code", ...
  Tally metadata;
  std::map<std::string, Tally> section_fields;
  Tally sections;
  std::map<std::string, IndicatorTally> indicator_ids;
  IndicatorTally indicators;
  Tally quantities;
  Tally dates;
  Tally citations;
  Tally document_numbers;
  std::vector<EvalMiss> misses;
};

struct ScoringInput {
  nlohmann::json prediction;    // eval-json of one document
  nlohmann::json gold;          // its gold annotation
  std::string normalized_text;  // optional: locates quantity and date surfaces by span
};

// Micro-averaged over all documents. Without the normalized text a surface is matched against
// the predicted mention's text instead of its span.
EvalScores ScoreDocuments(const std::vector<ScoringInput>& documents);
EvalScores ScoreDocuments(const std::vector<std::pair<nlohmann::json, nlohmann::json>>& documents);

// A readable table of per-field and per-category scores (misses listed when `verbose`); the
// last line is the one-line summary starting with "eval:".
std::string FormatEvalReport(const EvalScores& scores, bool verbose);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_EVAL_SCORING_H_
