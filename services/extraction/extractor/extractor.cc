#include "services/extraction/extractor/extractor.h"

#include <utility>

#include "common/text/code_points.h"
#include "common/text/read_document.h"
#include "services/extraction/citations/citations.h"
#include "services/extraction/citations/document_numbers.h"
#include "services/extraction/dates/dates.h"
#include "services/extraction/indicators/indicators.h"
#include "services/extraction/jurisdiction/jurisdiction.h"
#include "services/extraction/metadata/metadata.h"
#include "services/extraction/quantities/quantities.h"
#include "services/extraction/sections/sections.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

// The years relative dates resolve against (dates.h): a speech speaks from the day it was
// delivered, or else from the year after the one it reviews; an annual summary from its own year.
DateAnchors DatesAnchoredIn(const Record& record, int64_t text_end) {
  const Metadata& metadata = record.metadata;
  DateAnchors anchors;
  anchors.report_year = metadata.report_year;
  if (metadata.delivered_on.size() >= 4) {
    anchors.speaking_year = std::stoi(metadata.delivered_on.substr(0, 4));
  } else if (metadata.report_year && metadata.document_kind == "government_work_report") {
    anchors.speaking_year = *metadata.report_year + 1;
  }
  anchors.plans = PartSpans(record.sections, "plans", text_end);
  for (const Section& section : record.sections) {
    if (!section.part.empty()) {
      anchors.parts_begin = section.span.begin;
      break;
    }
  }
  return anchors;
}

// The marks of every recognizer that scans the whole text, from their own start characters.
std::shared_ptr<const PrescanTable> MakePrescanTable(const DivisionIndex& divisions,
                                                     const IndicatorSet& indicators) {
  auto table = std::make_shared<PrescanTable>();
  MarkQuantityStarts(*table);
  MarkDateStarts(*table);
  MarkDocumentNumberStarts(*table);
  MarkIndicatorLandmarks(*table, indicators);
  divisions.MarkNameStarts(*table);
  MarkSelfReferenceStarts(*table);
  return table;
}

}  // namespace

std::string_view BuiltDivisionSnapshot() { return FAZHI_DIVISION_SNAPSHOT; }

ExtractorOptions ExtractorOptionsFromSettings(const Settings& settings) {
  const std::string dir = settings.Get(kDataDir);
  ExtractorOptions options;
  options.data_dir = dir.empty() ? std::string(FAZHI_SOURCE_DIR) + "/data" : dir;
  return options;
}

Extractor::Extractor(std::shared_ptr<const DivisionIndex> divisions,
                     std::shared_ptr<const IndicatorSet> indicators)
    : divisions_(std::move(divisions)),
      indicators_(std::move(indicators)),
      prescan_table_(MakePrescanTable(*divisions_, *indicators_)) {}

absl::StatusOr<Extractor> Extractor::Load(const ExtractorOptions& options) {
  if (options.data_dir.empty()) {
    return absl::InvalidArgumentError(
        "the extractor needs its data folder (divisions/, indicators/)");
  }
  absl::StatusOr<DivisionIndex> divisions = DivisionIndex::LoadFromDirectory(
      options.data_dir + "/divisions", options.prepared_divisions ? BuiltDivisionSnapshot() : "");
  if (!divisions.ok()) return divisions.status();
  const std::string indicators_file = options.indicators_file.empty()
                                          ? options.data_dir + "/indicators/indicators.json"
                                          : options.indicators_file;
  absl::StatusOr<IndicatorSet> indicators = IndicatorSet::LoadFromFile(indicators_file);
  if (!indicators.ok()) return indicators.status();
  return Extractor(std::make_shared<const DivisionIndex>(*std::move(divisions)),
                   std::make_shared<const IndicatorSet>(*std::move(indicators)));
}

Record Extractor::Extract(std::string_view normalized_text,
                          const std::vector<text::TextPage>& pages) const {
  // Decoded once: every recognizer below scans (and spans index) these code points.
  return Extract(normalized_text, DecodeUtf8(normalized_text), pages);
}

Record Extractor::Extract(std::string_view normalized_text, std::u32string_view code_points,
                          const std::vector<text::TextPage>& pages) const {
  const Prescan prescan(*prescan_table_, code_points);
  Record record;
  record.extractor_version = std::string(kExtractorVersion);
  record.indicator_set_version = indicators_->version();
  record.metadata = ExtractMetadata(normalized_text, code_points, divisions_.get(), &prescan);
  SectionTree sections = SegmentSections(normalized_text, code_points, record.metadata.report_year);
  record.sections = std::move(sections.sections);
  record.section_summary = sections.summary;
  record.quantities = RecognizeQuantities(code_points, &prescan);
  record.dates = RecognizeDates(
      code_points, DatesAnchoredIn(record, static_cast<int64_t>(code_points.size())), &prescan);
  record.citations = RecognizeCitations(code_points);
  record.document_numbers = RecognizeDocumentNumbers(code_points, &prescan);
  record.indicators = ExtractIndicators(code_points, record.quantities, *indicators_,
                                        record.metadata.report_year, record.sections, &prescan);
  record.pages = pages;
  return record;
}

absl::StatusOr<ExtractedDocument> Extractor::ExtractFromBytes(
    std::string_view bytes, const text::DecodeOptions& options) const {
  absl::StatusOr<text::ReadText> read = text::ReadDocument(bytes, options);
  if (!read.ok()) return read.status();
  ExtractedDocument document;
  document.normalized_text = std::move(read->normalized_text);
  document.encoding = std::move(read->encoding);
  document.format = std::move(read->format);
  document.converter = std::move(read->converter);
  document.record = Extract(document.normalized_text, read->code_points, read->pages);
  return document;
}

}  // namespace fazhi::extraction
