// The extractor: one report's normalized text in, its structured Record out. The services, the
// `fazhi extract` command and the evaluation all go through this class, so they agree.
//
//   absl::StatusOr<Extractor> extractor = Extractor::Load({.data_dir = "/usr/share/fazhi/data"});
//   Extractor::Load(ExtractorOptionsFromSettings(settings));  // as the binaries find their data
//   absl::StatusOr<ExtractedDocument> doc =
//       extractor->ExtractFromBytes(file_bytes, {.file_name = "report.htm"});
//   doc->record.metadata.report_year;  // 2022
//   doc->normalized_text;              // what the record's spans point into
//
// Order of work: metadata (with the jurisdiction), sections, quantities, dates anchored to the
// report year, citations, document numbers, indicators.
#ifndef FAZHI_SERVICES_EXTRACTION_EXTRACTOR_EXTRACTOR_H_
#define FAZHI_SERVICES_EXTRACTION_EXTRACTOR_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/config/settings.h"
#include "common/text/decode.h"
#include "common/text/paged_text.h"
#include "services/extraction/divisions/division_index.h"
#include "services/extraction/indicators/indicator_set.h"
#include "services/extraction/prescan/prescan.h"
#include "services/extraction/record/record.h"

namespace fazhi::extraction {

struct ExtractorOptions {
  // Holds divisions/ (the official division list) and indicators/indicators.json. Required.
  std::string data_dir;
  // Overrides data_dir/indicators/indicators.json when set.
  std::string indicators_file;
  // Read the division index this build prepared (BuiltDivisionSnapshot) when it was made from
  // data_dir/divisions' files, instead of deriving it from them; false: always derive it.
  bool prepared_divisions = true;
};

// The division index snapshot (DivisionIndex::Snapshot) this build prepared from its source
// tree's data/divisions.
std::string_view BuiltDivisionSnapshot();

// The binaries' data: FAZHI_DATA_DIR, else the data/ of the source tree they were built from.
ExtractorOptions ExtractorOptionsFromSettings(const Settings& settings);

// A decoded, normalized and extracted document.
struct ExtractedDocument {
  std::string normalized_text;  // the text the record's spans index, as the archive stores it
  std::string encoding;         // detected source encoding ("UTF-8", "GB18030", ...)
  std::string format;           // "text", "html", "pdf", "docx", "doc" or "image"
  std::string converter;        // the reader of a binary format with its version; else empty
  Record record;
};

class Extractor final {
 public:
  static constexpr std::string_view kExtractorVersion = "fazhi-extractor-2.0";

  // Loads the division list and the indicator set; errors name the file at fault.
  static absl::StatusOr<Extractor> Load(const ExtractorOptions& options);

  // Runs every component over already normalized text. Never fails: a part that finds nothing
  // is left empty. `pages` (paged documents only) are copied into the record.
  Record Extract(std::string_view normalized_text,
                 const std::vector<text::TextPage>& pages = {}) const;
  // The same with the text's code points already at hand (text::NormalizeTextAndCodePoints).
  Record Extract(std::string_view normalized_text, std::u32string_view code_points,
                 const std::vector<text::TextPage>& pages) const;

  // Decodes (encoding, HTML; PDF, Word and images through common/formats) and normalizes
  // `bytes`, page by page for paged formats, then extracts.
  absl::StatusOr<ExtractedDocument> ExtractFromBytes(std::string_view bytes,
                                                     const text::DecodeOptions& options) const;

  const IndicatorSet& indicator_set() const { return *indicators_; }
  const DivisionIndex& divisions() const { return *divisions_; }

 private:
  Extractor(std::shared_ptr<const DivisionIndex> divisions,
            std::shared_ptr<const IndicatorSet> indicators);

  // Shared so that an Extractor is cheap to copy and safe to use from many threads.
  std::shared_ptr<const DivisionIndex> divisions_;
  std::shared_ptr<const IndicatorSet> indicators_;
  // Where each recognizer scanning the whole text may start: one pass over a report marks them
  // all (prescan.h).
  std::shared_ptr<const PrescanTable> prescan_table_;
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_EXTRACTOR_EXTRACTOR_H_
