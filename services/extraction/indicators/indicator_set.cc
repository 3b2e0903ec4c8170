#include "services/extraction/indicators/indicator_set.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/text/code_points.h"
#include "common/text/utf8.h"
#include "nlohmann/json.hpp"
#include "services/extraction/indicators/indicator_index.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

using nlohmann::json;

// Reads the fields of one JSON object, remembering the first error with its location.
class FieldReader final {
 public:
  FieldReader(const json& object, std::string where) : object_(object), where_(std::move(where)) {}

  std::string String(const char* field, bool required) {
    if (!Has(field, required)) return "";
    const json& value = object_.at(field);
    if (!value.is_string()) {
      Fail(field, "must be a string");
      return "";
    }
    return value.get<std::string>();
  }

  Terms TermList(const char* field, bool required) {
    Terms terms;
    for (const std::string& s : StringList(field, required)) {
      if (s.empty()) {
        Fail(field, "must not contain empty strings");
        return Terms{};
      }
      terms.push_back(DecodeUtf8(s));
    }
    return terms;
  }

  std::vector<std::string> StringList(const char* field, bool required) {
    std::vector<std::string> out;
    if (!Has(field, required)) return out;
    const json& value = object_.at(field);
    if (!value.is_array()) {
      Fail(field, "must be an array of strings");
      return out;
    }
    for (const json& item : value) {
      if (!item.is_string()) {
        Fail(field, "must be an array of strings");
        return out;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  bool Bool(const char* field) {
    if (!Has(field, false)) return false;
    const json& value = object_.at(field);
    if (!value.is_boolean()) {
      Fail(field, "must be true or false");
      return false;
    }
    return value.get<bool>();
  }

  int Int(const char* field, int fallback) {
    if (!Has(field, false)) return fallback;
    const json& value = object_.at(field);
    if (!value.is_number_integer()) {
      Fail(field, "must be an integer");
      return fallback;
    }
    return value.get<int>();
  }

  void Fail(std::string_view field, std::string_view problem) {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(
          absl::StrCat(where_, ": field '", std::string(field), "' ", std::string(problem)));
    }
  }

  const absl::Status& status() const { return status_; }

 private:
  bool Has(const char* field, bool required) {
    if (object_.contains(field) && !object_.at(field).is_null()) return true;
    if (required) Fail(field, "is missing");
    return false;
  }

  const json& object_;
  std::string where_;
  absl::Status status_;
};

IndicatorMarkers ReadMarkers(FieldReader& reader) {
  IndicatorMarkers m;
  m.total = reader.TermList("total", true);
  m.partial_clause = reader.TermList("partial_clause", false);
  m.partial_sentence = reader.TermList("partial_sentence", false);
  m.subcount = reader.TermList("subcount", false);
  m.target = reader.TermList("target", false);
  m.negation = reader.TermList("negation", false);
  m.figure_prefix_exclude = reader.TermList("figure_prefix_exclude", false);
  m.rate_links = reader.TermList("rate_links", false);
  m.year_boundary = reader.TermList("year_boundary", false);
  m.zero = reader.TermList("zero", false);
  m.zero_nouns = reader.TermList("zero_nouns", false);
  m.zero_exclude = reader.TermList("zero_exclude", false);
  m.zero_max_gap = reader.Int("zero_max_gap", m.zero_max_gap);
  m.organ = reader.TermList("organ", false);
  m.organ_exempt = reader.TermList("organ_exempt", false);
  m.organ_unless = reader.TermList("organ_unless", false);
  m.term = reader.TermList("term", false);
  m.measure_item = reader.TermList("measure_item", false);
  m.after_figure = reader.TermList("after_figure", false);
  return m;
}

IndicatorDefinition ReadIndicator(FieldReader& reader) {
  IndicatorDefinition d;
  d.id = reader.String("id", true);
  d.name = reader.String("name", true);
  d.group = reader.String("group", false);
  if (d.group.empty()) d.group = d.id;
  const std::string kind = reader.String("kind", true);
  if (kind == "rate") {
    d.kind = IndicatorKind::kRate;
  } else if (kind != "count" && reader.status().ok()) {
    reader.Fail("kind", absl::StrCat("must be \"count\" or \"rate\", not \"", kind, "\""));
  }
  d.unit = reader.String("unit", true);
  d.units = reader.StringList("units", true);
  if (d.units.empty()) reader.Fail("units", "must list at least one unit");
  d.subjects = reader.TermList("subjects", d.kind == IndicatorKind::kCount);
  d.actions = reader.TermList("actions", false);
  d.excludes = reader.TermList("excludes", false);
  d.names = reader.TermList("names", d.kind == IndicatorKind::kRate);
  d.requires_in_sentence = reader.TermList("requires_in_sentence", false);
  d.ignore_partial = reader.TermList("ignore_partial", false);
  d.zero_subjects = reader.TermList("zero_subjects", false);
  d.subcount = reader.Bool("subcount");
  d.needs_group_figure = reader.Bool("needs_group_figure");
  d.require_total = reader.Bool("require_total");
  if (d.kind == IndicatorKind::kCount && d.subjects.empty()) {
    reader.Fail("subjects", "must list at least one subject for a count indicator");
  }
  if (d.kind == IndicatorKind::kRate && d.names.empty()) {
    reader.Fail("names", "must list at least one rate name for a rate indicator");
  }
  return d;
}

// "groups": {"disputes": {"excludes": [...]}}: words that rule a figure out for every indicator
// of a group (a dispute of one kind is no indicator of the disputes group), kept in one place
// and appended to each indicator's own excludes.
absl::Status AddGroupExcludes(const json& root, const std::string& source_name,
                              std::vector<IndicatorDefinition>& indicators) {
  if (!root.contains("groups")) return absl::OkStatus();
  const json& groups = root["groups"];
  if (!groups.is_object()) {
    return absl::InvalidArgumentError(absl::StrCat(source_name, ": 'groups' must be an object"));
  }
  for (const auto& [name, group] : groups.items()) {
    const std::string where = absl::StrCat(source_name, ": groups['", name, "']");
    if (!group.is_object()) return absl::InvalidArgumentError(where + " is not an object");
    FieldReader reader(group, where);
    const Terms excludes = reader.TermList("excludes", false);
    if (!reader.status().ok()) return reader.status();
    bool found = false;
    for (IndicatorDefinition& d : indicators) {
      if (d.group != name) continue;
      found = true;
      d.excludes.insert(d.excludes.end(), excludes.begin(), excludes.end());
    }
    if (!found) return absl::InvalidArgumentError(where + " names no indicator's group");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<IndicatorSet> IndicatorSet::LoadFromFile(std::string_view path) {
  std::ifstream in{std::string(path), std::ios::binary};
  if (!in)
    return absl::NotFoundError(
        absl::StrCat("indicator set: cannot open '", std::string(path), "'"));
  std::stringstream contents;
  contents << in.rdbuf();
  return LoadFromJson(contents.str(), path);
}

absl::StatusOr<IndicatorSet> IndicatorSet::LoadFromJson(std::string_view json_text,
                                                        std::string_view source_view) {
  // absl::StrCat here takes absl::string_view, which is not std::string_view in this Abseil.
  const std::string source_name(source_view);
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": not a JSON object (syntax error?)"));
  }
  IndicatorSet set;
  FieldReader top(root, std::string(source_name));
  set.version_ = top.String("version", true);
  if (!top.status().ok()) return top.status();
  if (!root.contains("markers") || !root["markers"].is_object()) {
    return absl::InvalidArgumentError(absl::StrCat(source_name, ": 'markers' object is missing"));
  }
  FieldReader markers(root["markers"], absl::StrCat(source_name, ": markers"));
  set.markers_ = ReadMarkers(markers);
  if (!markers.status().ok()) return markers.status();
  if (!root.contains("indicators") || !root["indicators"].is_array()) {
    return absl::InvalidArgumentError(absl::StrCat(source_name, ": 'indicators' array is missing"));
  }
  const json& list = root["indicators"];
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = absl::StrCat(source_name, ": indicators[", i, "]");
    if (!list[i].is_object()) return absl::InvalidArgumentError(where + " is not an object");
    if (list[i].contains("id") && list[i]["id"].is_string()) {
      absl::StrAppend(&where, " (id '", list[i]["id"].get<std::string>(), "')");
    }
    FieldReader reader(list[i], where);
    IndicatorDefinition definition = ReadIndicator(reader);
    if (!reader.status().ok()) return reader.status();
    if (set.Find(definition.id) != nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": duplicate id"));
    }
    set.indicators_.push_back(std::move(definition));
  }
  if (absl::Status groups = AddGroupExcludes(root, source_name, set.indicators_); !groups.ok()) {
    return groups;
  }
  set.index_ = std::make_shared<const IndicatorIndex>(set.indicators_, set.markers_);
  return set;
}

const IndicatorDefinition* IndicatorSet::Find(std::string_view id) const {
  for (const IndicatorDefinition& d : indicators_) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace fazhi::extraction
