#include "services/extraction/eval/eval_json.h"

#include <cmath>
#include <string>

namespace fazhi::extraction {
namespace {

using nlohmann::json;

// Whole numbers print as integers (1900, not 1900.0), as in the spec's example.
json Number(double value) {
  if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9.0e15) {
    return static_cast<int64_t>(value);
  }
  return value;
}

json StringOrNull(const std::string& value) { return value.empty() ? json(nullptr) : json(value); }

json SpanJson(const Span& span) { return json::array({span.begin, span.end}); }

json JurisdictionJson(const std::optional<Jurisdiction>& j) {
  if (!j.has_value() || j->name.empty()) return nullptr;
  return {{"name", j->name},
          {"code", StringOrNull(j->code)},
          {"level", StringOrNull(j->level)},
          {"province", StringOrNull(j->province)},
          {"prefecture", StringOrNull(j->prefecture)},
          {"county", StringOrNull(j->county)},
          {"name_as_written", StringOrNull(j->name_as_written)},
          {"confidence", j->confidence}};
}

json MetadataJson(const Metadata& m) {
  return {{"title", StringOrNull(m.title)},
          {"report_year", m.report_year.has_value() ? json(*m.report_year) : json(nullptr)},
          {"jurisdiction", JurisdictionJson(m.jurisdiction)},
          {"published_on", StringOrNull(m.published_on)},
          {"delivered_on", StringOrNull(m.delivered_on)},
          {"issuer", m.issuers.empty() ? json(nullptr) : StringOrNull(m.issuers.front())},
          {"issuers", m.issuers},
          {"source_url", StringOrNull(m.source_url)},
          {"doc_number", StringOrNull(m.doc_number)},
          {"index_number", StringOrNull(m.index_number)},
          {"document_kind", StringOrNull(m.document_kind)}};
}

json IndicatorsJson(const std::vector<Indicator>& indicators) {
  json out = json::object();
  for (const Indicator& i : indicators) {
    out[i.id] = {{"value", Number(i.value)},          {"unit", i.unit},
                 {"approximate", i.approximate},      {"suspect", i.suspect},
                 {"evidence", i.evidence},            {"span", SpanJson(i.span)},
                 {"evidence_span", SpanJson(i.evidence_span)}, {"confidence", i.confidence}};
    if (!i.bound.empty()) out[i.id]["bound"] = i.bound;
  }
  return out;
}

json QuantitiesJson(const std::vector<Quantity>& quantities) {
  json out = json::array();
  for (const Quantity& q : quantities) {
    json item = {{"text", q.text},          {"value", Number(q.value)},
                 {"unit", StringOrNull(q.unit)}, {"approximate", q.approximate},
                 {"suspect", q.suspect},    {"span", SpanJson(q.span)}};
    if (q.value_max.has_value()) item["value_max"] = Number(*q.value_max);
    if (!q.bound.empty()) item["bound"] = q.bound;
    if (!q.suspect_reason.empty()) item["suspect_reason"] = q.suspect_reason;
    out.push_back(std::move(item));
  }
  return out;
}

json DatesJson(const std::vector<DateMention>& dates) {
  json out = json::array();
  for (const DateMention& d : dates) {
    json item = {{"text", d.text}, {"value", d.value}, {"repaired", d.repaired},
                 {"span", SpanJson(d.span)}};
    if (!d.end_value.empty()) item["end_value"] = d.end_value;
    if (d.relative) item["relative"] = true;
    if (d.partial) item["partial"] = true;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

json RecordToEvalJson(const Record& record, std::string_view document_name) {
  json citations = json::array();
  for (const Citation& c : record.citations) citations.push_back(c.title);
  json numbers = json::array();
  for (const DocumentNumber& n : record.document_numbers) numbers.push_back(n.text);
  const SectionSummary& s = record.section_summary;
  return {{"document", std::string(document_name)},
          {"extractor_version", record.extractor_version},
          {"indicator_set_version", record.indicator_set_version},
          {"metadata", MetadataJson(record.metadata)},
          {"sections", {{"achievements", s.achievements},
                        {"problems", s.problems},
                        {"plans", s.plans},
                        {"leaders_duties", s.leaders_duties}}},
          {"indicators", IndicatorsJson(record.indicators)},
          {"quantities", QuantitiesJson(record.quantities)},
          {"dates", DatesJson(record.dates)},
          {"citations", std::move(citations)},
          {"document_numbers", std::move(numbers)}};
}

}  // namespace fazhi::extraction
