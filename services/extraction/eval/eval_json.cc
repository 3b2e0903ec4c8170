#include "services/extraction/eval/eval_json.h"

#include <cmath>
#include <map>
#include <string>

#include "common/text/json_writer.h"

namespace fazhi::extraction {
namespace {

using text::JsonWriter;

// Whole numbers print as integers (1900, not 1900.0), as in the spec's example.
void Number(double value, JsonWriter& out) {
  if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9.0e15) {
    out.Int(static_cast<int64_t>(value));
  } else {
    out.Double(value);
  }
}

void SpanJson(const Span& span, JsonWriter& out) {
  out.BeginArray();
  out.Int(span.begin);
  out.Int(span.end);
  out.EndArray();
}

void StringsJson(const std::vector<std::string>& strings, JsonWriter& out) {
  out.BeginArray();
  for (const std::string& s : strings) out.String(s);
  out.EndArray();
}

// Object keys are written in byte order, the order the format has always printed them in.
void JurisdictionJson(const std::optional<Jurisdiction>& j, JsonWriter& out) {
  if (!j.has_value() || j->name.empty()) {
    out.Null();
    return;
  }
  out.BeginObject();
  out.Key("code").StringOrNull(j->code);
  out.Key("confidence").Double(j->confidence);
  out.Key("county").StringOrNull(j->county);
  out.Key("level").StringOrNull(j->level);
  out.Key("name").String(j->name);
  out.Key("name_as_written").StringOrNull(j->name_as_written);
  out.Key("prefecture").StringOrNull(j->prefecture);
  out.Key("province").StringOrNull(j->province);
  out.EndObject();
}

void MetadataJson(const Metadata& m, JsonWriter& out) {
  out.BeginObject();
  out.Key("delivered_on").StringOrNull(m.delivered_on);
  out.Key("doc_number").StringOrNull(m.doc_number);
  out.Key("document_kind").StringOrNull(m.document_kind);
  out.Key("index_number").StringOrNull(m.index_number);
  out.Key("issuer").StringOrNull(m.issuers.empty() ? std::string() : m.issuers.front());
  out.Key("issuers");
  StringsJson(m.issuers, out);
  out.Key("jurisdiction");
  JurisdictionJson(m.jurisdiction, out);
  out.Key("published_on").StringOrNull(m.published_on);
  out.Key("report_year");
  if (m.report_year.has_value()) {
    out.Int(*m.report_year);
  } else {
    out.Null();
  }
  out.Key("source_url").StringOrNull(m.source_url);
  out.Key("title").StringOrNull(m.title);
  out.EndObject();
}

void IndicatorJson(const Indicator& i, JsonWriter& out) {
  out.BeginObject();
  out.Key("approximate").Bool(i.approximate);
  if (!i.bound.empty()) out.Key("bound").String(i.bound);
  out.Key("confidence").Double(i.confidence);
  out.Key("evidence").String(i.evidence);
  out.Key("evidence_span");
  SpanJson(i.evidence_span, out);
  out.Key("span");
  SpanJson(i.span, out);
  out.Key("suspect").Bool(i.suspect);
  out.Key("unit").String(i.unit);
  out.Key("value");
  Number(i.value, out);
  out.EndObject();
}

// Indicators keyed by id, in id order; a repeated id keeps its last indicator, as a JSON object
// built key by key would.
void IndicatorsJson(const std::vector<Indicator>& indicators, JsonWriter& out) {
  std::map<std::string_view, const Indicator*> by_id;
  for (const Indicator& i : indicators) by_id[i.id] = &i;
  out.BeginObject();
  for (const auto& [id, indicator] : by_id) {
    out.EscapedKey(id);
    IndicatorJson(*indicator, out);
  }
  out.EndObject();
}

void QuantitiesJson(const std::vector<Quantity>& quantities, JsonWriter& out) {
  out.BeginArray();
  for (const Quantity& q : quantities) {
    out.BeginObject();
    out.Key("approximate").Bool(q.approximate);
    if (!q.bound.empty()) out.Key("bound").String(q.bound);
    out.Key("span");
    SpanJson(q.span, out);
    out.Key("suspect").Bool(q.suspect);
    if (!q.suspect_reason.empty()) out.Key("suspect_reason").String(q.suspect_reason);
    out.Key("text").String(q.text);
    out.Key("unit").StringOrNull(q.unit);
    out.Key("value");
    Number(q.value, out);
    if (q.value_max.has_value()) {
      out.Key("value_max");
      Number(*q.value_max, out);
    }
    out.EndObject();
  }
  out.EndArray();
}

void DatesJson(const std::vector<DateMention>& dates, JsonWriter& out) {
  out.BeginArray();
  for (const DateMention& d : dates) {
    out.BeginObject();
    if (!d.end_value.empty()) out.Key("end_value").String(d.end_value);
    if (d.partial) out.Key("partial").Bool(true);
    if (d.relative) out.Key("relative").Bool(true);
    out.Key("repaired").Bool(d.repaired);
    out.Key("span");
    SpanJson(d.span, out);
    out.Key("text").String(d.text);
    out.Key("value").String(d.value);
    out.EndObject();
  }
  out.EndArray();
}

void SectionsJson(const SectionSummary& s, JsonWriter& out) {
  out.BeginObject();
  out.Key("achievements").Bool(s.achievements);
  out.Key("leaders_duties").Bool(s.leaders_duties);
  out.Key("plans").Bool(s.plans);
  out.Key("problems").Bool(s.problems);
  out.EndObject();
}

}  // namespace

std::string RecordToEvalJsonText(const Record& record, std::string_view document_name) {
  JsonWriter out;
  out.BeginObject();
  out.Key("citations");
  out.BeginArray();
  for (const Citation& c : record.citations) out.String(c.title);
  out.EndArray();
  out.Key("dates");
  DatesJson(record.dates, out);
  out.Key("document").String(document_name);
  out.Key("document_numbers");
  out.BeginArray();
  for (const DocumentNumber& n : record.document_numbers) out.String(n.text);
  out.EndArray();
  out.Key("extractor_version").String(record.extractor_version);
  out.Key("indicator_set_version").String(record.indicator_set_version);
  out.Key("indicators");
  IndicatorsJson(record.indicators, out);
  out.Key("metadata");
  MetadataJson(record.metadata, out);
  out.Key("quantities");
  QuantitiesJson(record.quantities, out);
  out.Key("sections");
  SectionsJson(record.section_summary, out);
  out.EndObject();
  return out.TakeText();
}

nlohmann::json RecordToEvalJson(const Record& record, std::string_view document_name) {
  return nlohmann::json::parse(RecordToEvalJsonText(record, document_name));
}

}  // namespace fazhi::extraction
