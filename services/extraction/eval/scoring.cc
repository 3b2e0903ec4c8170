#include "services/extraction/eval/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/text/normalize.h"
#include "common/text/utf8.h"

namespace fazhi::extraction {
namespace {

using nlohmann::json;

constexpr double kRelativeTolerance = 0.005;
// Scored where the gold has them (delivered_on and document_kind are in the work reports' gold).
constexpr const char* kMetadataScalars[] = {"title",        "report_year",  "published_on",
                                            "delivered_on", "issuer",       "source_url",
                                            "doc_number",   "document_kind"};
constexpr const char* kJurisdictionFields[] = {"name", "code", "level", "province", "prefecture"};
constexpr const char* kSectionFields[] = {"achievements", "problems", "plans"};

// Strings compare after the same normalization the extractor's input gets, trimmed.
std::string Canonical(const std::string& s) {
  return std::string(absl::StripAsciiWhitespace(text::NormalizeText(s)));
}

std::string Show(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

bool IsEmptyAnswer(const json& j) {
  return j.is_null() || (j.is_string() && Canonical(j.get<std::string>()).empty());
}

bool ValuesMatch(double predicted, double gold) {
  if (gold == 0) return std::fabs(predicted) < 1e-9;
  return std::fabs(predicted - gold) <= kRelativeTolerance * std::fabs(gold);
}

const json& Field(const json& object, const char* name) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(name);
  return it == object.end() ? kNull : *it;
}

// gold: null (must be empty), {"accept": [...], "optional": bool}, a list, a string or a number.
bool MetadataRight(const json& gold, const json& predicted) {
  if (gold.is_null()) return IsEmptyAnswer(predicted);
  if (gold.is_object() && gold.contains("accept")) {
    if (IsEmptyAnswer(predicted)) return Field(gold, "optional").is_boolean() && gold["optional"];
    return MetadataRight(gold["accept"], predicted);
  }
  if (gold.is_array()) {
    for (const json& option : gold) {
      if (MetadataRight(option, predicted)) return true;
    }
    return false;
  }
  if (gold.is_number()) return predicted.is_number() && predicted == gold;
  if (gold.is_string() && predicted.is_string()) {
    return Canonical(gold.get<std::string>()) == Canonical(predicted.get<std::string>());
  }
  if (gold.is_string() && predicted.is_number())
    return Canonical(gold.get<std::string>()) == predicted.dump();
  return false;
}

// Occurrences of `surface` in the normalized text, as code-point ranges.
std::vector<std::pair<int64_t, int64_t>> Locate(const std::string& text,
                                                const std::string& surface) {
  std::vector<std::pair<int64_t, int64_t>> out;
  if (text.empty() || surface.empty()) return out;
  const int64_t length = text::CountCodepoints(surface);
  std::optional<text::CodepointIndex> index;
  for (size_t at = text.find(surface); at != std::string::npos; at = text.find(surface, at + 1)) {
    if (!index.has_value()) index.emplace(text);
    const int64_t begin = index->ToCodepoint(at);
    out.emplace_back(begin, begin + length);
  }
  return out;
}

// Whether a predicted mention stands for the gold surface: its span covers an occurrence (or,
// when `head_only`, covers the occurrence's start: "3.3万农民" with a free unit is covered by
// "3.3万"); without a located occurrence its text contains the surface or starts it.
bool Covers(const json& predicted, const std::string& surface,
            const std::vector<std::pair<int64_t, int64_t>>& occurrences, bool head_only) {
  const json& span = Field(predicted, "span");
  if (!occurrences.empty() && span.is_array() && span.size() == 2) {
    const int64_t begin = span[0].get<int64_t>(), end = span[1].get<int64_t>();
    for (const auto& [b, e] : occurrences) {
      if (begin <= b && end >= e) return true;
      if (head_only && begin <= b && end > b) return true;
    }
    return false;
  }
  const json& t = Field(predicted, "text");
  if (!t.is_string()) return false;
  const std::string mention = Canonical(t.get<std::string>());
  if (mention.find(surface) != std::string::npos) return true;
  return head_only && !mention.empty() && surface.rfind(mention, 0) == 0;
}

class DocumentScorer final {
 public:
  DocumentScorer(const ScoringInput& input, EvalScores& scores)
      : prediction_(input.prediction),
        gold_(input.gold),
        text_(input.normalized_text),
        scores_(scores) {
    document_ = Field(gold_, "document").is_string() ? gold_["document"].get<std::string>()
                                                     : Show(Field(prediction_, "document"));
  }

  void Run() {
    ++scores_.documents;
    ScoreMetadata();
    ScoreSections();
    ScoreIndicators();
    ScoreQuantities();
    ScoreDates();
    ScoreList("citations", scores_.citations);
    ScoreList("document_numbers", scores_.document_numbers);
  }

 private:
  void Miss(const std::string& category, const std::string& item, const std::string& expected,
            const std::string& got) {
    scores_.misses.push_back({document_, category, item, expected, got});
  }

  void AddMetadata(const std::string& field, const json& gold, const json& predicted) {
    const bool right = MetadataRight(gold, predicted);
    scores_.metadata_fields[field].Add(right);
    scores_.metadata.Add(right);
    if (!right) Miss("metadata", field, Show(gold), Show(predicted));
  }

  void ScoreMetadata() {
    const json& gold = Field(gold_, "metadata");
    const json& predicted = Field(prediction_, "metadata");
    if (!gold.is_object()) return;
    for (const char* field : kMetadataScalars) {
      if (gold.contains(field)) AddMetadata(field, gold[field], Field(predicted, field));
    }
    if (!gold.contains("jurisdiction")) return;
    const json& gold_j = gold["jurisdiction"];
    const json& predicted_j = Field(predicted, "jurisdiction");
    if (gold_j.is_null()) {
      AddMetadata("jurisdiction", gold_j, predicted_j);
      return;
    }
    for (const char* field : kJurisdictionFields) {
      if (gold_j.contains(field)) {
        AddMetadata(absl::StrCat("jurisdiction.", field), gold_j[field], Field(predicted_j, field));
      }
    }
  }

  void ScoreSections() {
    const json& gold = Field(gold_, "sections");
    const json& predicted = Field(prediction_, "sections");
    for (const char* field : kSectionFields) {
      if (!Field(gold, field).is_boolean()) continue;
      const bool right = Field(predicted, field).is_boolean() && predicted[field] == gold[field];
      scores_.section_fields[field].Add(right);
      scores_.sections.Add(right);
      if (!right) Miss("sections", field, Show(gold[field]), Show(Field(predicted, field)));
    }
  }

  void ScoreIndicators() {
    const json& gold = Field(gold_, "indicators");
    const json& predicted = Field(prediction_, "indicators");
    if (!gold.is_object()) return;
    for (const auto& [id, cell] : gold.items())
      ScoreIndicatorCell(id, cell, Field(predicted, id.c_str()));
  }

  void ScoreIndicatorCell(const std::string& id, const json& gold, const json& predicted) {
    std::vector<double> accepted;
    bool may_be_empty = gold.is_null() || Field(gold, "value").is_null();
    if (gold.is_object()) {
      if (Field(gold, "value").is_number()) accepted.push_back(gold["value"].get<double>());
      for (const json& other : Field(gold, "also_accept")) {
        if (other.is_null()) may_be_empty = true;
        if (other.is_number()) accepted.push_back(other.get<double>());
      }
    }
    IndicatorTally& per_id = scores_.indicator_ids[id];
    const bool must_find = !may_be_empty;
    if (must_find) {
      ++per_id.must_find;
      ++scores_.indicators.must_find;
    }
    const std::string expected =
        gold.is_null() ? "absent" : (accepted.empty() ? "absent" : Show(Field(gold, "value")));
    if (predicted.is_null()) {
      if (must_find) Miss("indicators", id, expected, "absent");
      return;
    }
    ++per_id.predicted;
    ++scores_.indicators.predicted;
    const double value =
        Field(predicted, "value").is_number() ? predicted["value"].get<double>() : std::nan("");
    bool right = false;
    for (double candidate : accepted) right |= ValuesMatch(value, candidate);
    const json& approximate = Field(gold, "approximate");
    if (right && approximate.is_boolean()) {
      right =
          Field(predicted, "approximate").is_boolean() && predicted["approximate"] == approximate;
    }
    if (!right) {
      Miss("indicators", id, expected,
           absl::StrCat(Show(Field(predicted, "value")), "  | ",
                        Show(Field(predicted, "evidence"))));
      return;
    }
    ++per_id.predicted_right;
    ++scores_.indicators.predicted_right;
    if (must_find) {
      ++per_id.found;
      ++scores_.indicators.found;
    }
  }

  void ScoreQuantities() {
    const json& predicted = Field(prediction_, "quantities");
    for (const json& gold : Field(gold_, "quantities")) {
      const std::string surface = Canonical(Show(Field(gold, "surface")));
      const auto occurrences = Locate(text_, surface);
      const bool free_unit = Field(gold, "unit").is_null();
      bool right = false;
      for (const json& q : predicted) {
        if (!Covers(q, surface, occurrences, free_unit)) continue;
        right = QuantityMatches(gold, q);
        if (right) break;
      }
      scores_.quantities.Add(right);
      if (!right) Miss("quantities", surface, Show(gold), ClosestMention(predicted, surface));
    }
  }

  static bool QuantityMatches(const json& gold, const json& q) {
    if (!Field(q, "value").is_number() ||
        !ValuesMatch(q["value"].get<double>(), Field(gold, "value").get<double>())) {
      return false;
    }
    const json& unit = Field(gold, "unit");
    if (!unit.is_null() && !(Field(q, "unit").is_string() && q["unit"] == unit)) return false;
    for (const char* flag : {"approximate", "suspect"}) {
      const json& expected = Field(gold, flag);
      if (expected.is_boolean() && Field(q, flag) != expected) return false;
    }
    // "lower" / "upper" where the gold gives one: 超过320家 is a lower bound.
    const json& bound = Field(gold, "bound");
    if (bound.is_string() && Field(q, "bound") != bound) return false;
    return true;
  }

  void ScoreDates() {
    const json& predicted = Field(prediction_, "dates");
    for (const json& gold : Field(gold_, "dates")) {
      const std::string surface = Canonical(Show(Field(gold, "surface")));
      const auto occurrences = Locate(text_, surface);
      bool right = false;
      for (const json& d : predicted) {
        if (Field(d, "value") != Field(gold, "value")) continue;
        if (!Covers(d, surface, occurrences, /*head_only=*/true) && !Inside(d, surface)) continue;
        const json& repaired = Field(gold, "repaired");
        right = !repaired.is_boolean() || Field(d, "repaired") == repaired;
        if (right) break;
      }
      scores_.dates.Add(right);
      if (!right) Miss("dates", surface, Show(gold), ClosestMention(predicted, surface));
    }
  }

  // A predicted date "2017-06-27" inside the gold surface "2017-06-27 11:00".
  static bool Inside(const json& predicted, const std::string& surface) {
    const json& t = Field(predicted, "text");
    return t.is_string() && !t.get<std::string>().empty() &&
           surface.find(Canonical(t.get<std::string>())) != std::string::npos;
  }

  // Titles compare without spaces: the normalizer rejoins "政策 促进" in running text, while a
  // gold title keeps the space its annotator copied.
  static std::string ListItem(const std::string& s) {
    std::string out = Canonical(s);
    out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
    return out;
  }

  void ScoreList(const char* category, Tally& tally) {
    const json& predicted = Field(prediction_, category);
    for (const json& gold : Field(gold_, category)) {
      const std::string wanted = ListItem(Show(gold));
      bool right = false;
      for (const json& p : predicted)
        right |= p.is_string() && ListItem(p.get<std::string>()) == wanted;
      tally.Add(right);
      if (!right) Miss(category, wanted, "listed", "not found");
    }
  }

  // The predicted mention nearest to a missed surface, to make the miss readable.
  static std::string ClosestMention(const json& predicted, const std::string& surface) {
    for (const json& p : predicted) {
      const json& t = Field(p, "text");
      if (!t.is_string()) continue;
      const std::string mention = t.get<std::string>();
      if (!mention.empty() && (surface.find(mention) != std::string::npos ||
                               mention.find(surface) != std::string::npos)) {
        return p.dump();
      }
    }
    return "no mention";
  }

  const json& prediction_;
  const json& gold_;
  const std::string& text_;
  EvalScores& scores_;
  std::string document_;
};

std::string Row(const std::string& name, const Tally& t) {
  return absl::StrFormat("  %-34s %5d / %-5d %6.3f\n", name, t.right, t.total, t.Rate());
}

}  // namespace

double IndicatorTally::Precision() const {
  return predicted == 0 ? 1.0 : static_cast<double>(predicted_right) / predicted;
}

double IndicatorTally::Recall() const {
  return must_find == 0 ? 1.0 : static_cast<double>(found) / must_find;
}

double IndicatorTally::F1() const {
  const double p = Precision(), r = Recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

EvalScores ScoreDocuments(const std::vector<ScoringInput>& documents) {
  EvalScores scores;
  for (const ScoringInput& input : documents) DocumentScorer(input, scores).Run();
  return scores;
}

EvalScores ScoreDocuments(const std::vector<std::pair<json, json>>& documents) {
  std::vector<ScoringInput> inputs;
  inputs.reserve(documents.size());
  for (const auto& [prediction, gold] : documents) inputs.push_back({prediction, gold, ""});
  return ScoreDocuments(inputs);
}

std::string FormatEvalReport(const EvalScores& s, bool verbose) {
  std::string out =
      absl::StrFormat("documents: %d\n\nmetadata%31s right / total  score\n", s.documents, "");
  for (const auto& [field, tally] : s.metadata_fields) out += Row(field, tally);
  out += Row("(all metadata)", s.metadata);
  out += "\nsections\n";
  for (const auto& [field, tally] : s.section_fields) out += Row(field, tally);
  absl::StrAppendFormat(&out, "\nindicators%29s pred right must found     p     r    f1\n", "");
  auto indicator_row = [&out](const std::string& name, const IndicatorTally& t) {
    absl::StrAppendFormat(&out, "  %-34s %4d %5d %4d %5d %5.2f %5.2f %5.2f\n", name, t.predicted,
                          t.predicted_right, t.must_find, t.found, t.Precision(), t.Recall(),
                          t.F1());
  };
  for (const auto& [id, tally] : s.indicator_ids) indicator_row(id, tally);
  indicator_row("(all indicators)", s.indicators);
  out += "\nmentions\n";
  out += Row("quantities", s.quantities);
  out += Row("dates", s.dates);
  out += Row("citations", s.citations);
  out += Row("document_numbers", s.document_numbers);
  if (verbose && !s.misses.empty()) {
    out += "\nmisses (document / category / item: expected -> got)\n";
    for (const EvalMiss& m : s.misses) {
      absl::StrAppend(&out, "  ", m.document, " / ", m.category, " / ", m.item, ": ", m.expected,
                      " -> ", m.got, "\n");
    }
  }
  absl::StrAppendFormat(
      &out,
      "\neval: docs=%d metadata=%.3f sections=%.3f indicators_f1=%.3f (p=%.2f r=%.2f) "
      "quantities=%.2f dates=%.2f citations=%.2f document_numbers=%.2f\n",
      s.documents, s.metadata.Rate(), s.sections.Rate(), s.indicators.F1(),
      s.indicators.Precision(), s.indicators.Recall(), s.quantities.Rate(), s.dates.Rate(),
      s.citations.Rate(), s.document_numbers.Rate());
  return out;
}

}  // namespace fazhi::extraction
