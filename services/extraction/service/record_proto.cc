#include "services/extraction/service/record_proto.h"

namespace fazhi::extraction {
namespace {

// Every span names its page when the document has pages.
void SetSpan(const Span& span, const std::vector<text::TextPage>& pages, v1::Span* out) {
  out->set_begin(span.begin);
  out->set_end(span.end);
  if (pages.empty()) return;
  const int page = text::PageNumberAt(pages, span.begin);
  out->set_page(page);
  const text::TextPage& on = pages[page - 1];
  if (on.ocr) out->set_ocr_confidence(on.ocr_confidence);
}

void SetJurisdiction(const Jurisdiction& in, v1::Jurisdiction* out) {
  out->set_name(in.name);
  out->set_code(in.code);
  out->set_level(in.level);
  out->set_province(in.province);
  out->set_prefecture(in.prefecture);
  out->set_county(in.county);
  out->set_name_as_written(in.name_as_written);
  out->set_confidence(in.confidence);
}

void SetMetadata(const Metadata& in, v1::ReportMetadata* out) {
  out->set_title(in.title);
  out->set_report_year(in.report_year.value_or(0));
  out->set_published_on(in.published_on);
  out->set_delivered_on(in.delivered_on);
  for (const std::string& issuer : in.issuers) out->add_issuers(issuer);
  out->set_source_url(in.source_url);
  out->set_doc_number(in.doc_number);
  out->set_index_number(in.index_number);
  out->set_document_kind(in.document_kind);
  if (in.jurisdiction) SetJurisdiction(*in.jurisdiction, out->mutable_jurisdiction());
}

void AddQuantity(const Quantity& in, const std::vector<text::TextPage>& pages,
                 v1::ExtractedRecord* record) {
  v1::Quantity* out = record->add_quantities();
  out->set_text(in.text);
  out->set_value(in.value);
  if (in.value_max) out->set_value_max(*in.value_max);
  out->set_unit(in.unit);
  out->set_approximate(in.approximate);
  out->set_bound(in.bound);
  out->set_suspect(in.suspect);
  out->set_suspect_reason(in.suspect_reason);
  SetSpan(in.span, pages, out->mutable_span());
}

void AddDate(const DateMention& in, const std::vector<text::TextPage>& pages,
             v1::ExtractedRecord* record) {
  v1::DateMention* out = record->add_dates();
  out->set_text(in.text);
  out->set_value(in.value);
  out->set_end_value(in.end_value);
  out->set_repaired(in.repaired);
  out->set_relative(in.relative);
  out->set_partial(in.partial);
  SetSpan(in.span, pages, out->mutable_span());
}

void AddSection(const Section& in, const std::vector<text::TextPage>& pages,
                v1::ExtractedRecord* record) {
  v1::Section* out = record->add_sections();
  out->set_level(in.level);
  out->set_marker(in.marker);
  out->set_heading(in.heading);
  out->set_part(in.part);
  SetSpan(in.span, pages, out->mutable_span());
}

void AddIndicator(const Indicator& in, const std::vector<text::TextPage>& pages,
                  v1::ExtractedRecord* record) {
  v1::Indicator* out = record->add_indicators();
  out->set_id(in.id);
  out->set_value(in.value);
  out->set_unit(in.unit);
  out->set_approximate(in.approximate);
  out->set_bound(in.bound);
  out->set_suspect(in.suspect);
  out->set_evidence(in.evidence);
  SetSpan(in.evidence_span, pages, out->mutable_evidence_span());
  SetSpan(in.span, pages, out->mutable_span());
  out->set_confidence(in.confidence);
}

}  // namespace

v1::ExtractedRecord RecordToProto(const Record& record) {
  v1::ExtractedRecord out;
  for (size_t i = 0; i < record.pages.size(); ++i) {
    v1::Page* page = out.add_pages();
    page->set_number(static_cast<int>(i + 1));
    SetSpan(Span{record.pages[i].begin, record.pages[i].end}, record.pages, page->mutable_span());
    page->set_ocr(record.pages[i].ocr);
    page->set_ocr_confidence(record.pages[i].ocr_confidence);
  }
  out.set_extractor_version(record.extractor_version);
  out.set_indicator_set_version(record.indicator_set_version);
  SetMetadata(record.metadata, out.mutable_metadata());
  for (const Section& section : record.sections) AddSection(section, record.pages, &out);
  v1::SectionSummary* summary = out.mutable_section_summary();
  summary->set_achievements(record.section_summary.achievements);
  summary->set_problems(record.section_summary.problems);
  summary->set_plans(record.section_summary.plans);
  summary->set_leaders_duties(record.section_summary.leaders_duties);
  for (const Quantity& quantity : record.quantities) AddQuantity(quantity, record.pages, &out);
  for (const DateMention& date : record.dates) AddDate(date, record.pages, &out);
  for (const Citation& citation : record.citations) {
    v1::Citation* out_citation = out.add_citations();
    out_citation->set_title(citation.title);
    out_citation->set_kind(citation.kind);
    SetSpan(citation.span, record.pages, out_citation->mutable_span());
  }
  for (const DocumentNumber& number : record.document_numbers) {
    v1::DocumentNumber* out_number = out.add_document_numbers();
    out_number->set_text(number.text);
    SetSpan(number.span, record.pages, out_number->mutable_span());
  }
  for (const Indicator& indicator : record.indicators) AddIndicator(indicator, record.pages, &out);
  return out;
}

}  // namespace fazhi::extraction
