// The structured record the extractor produces from one report's normalized text.
//
// Plain C++ types with no I/O and no protobuf: the extractor library fills them, the extraction
// service converts them to `fazhi.v1.ExtractedRecord` at its edge, and `fazhi extract` prints them
// as eval-json (see ../shared/spec/eval-format.md).
//
// Every `Span` is a half-open range of Unicode code points into the normalized text that the
// archive stores, so a reader can be shown the evidence exactly.
#ifndef FAZHI_SERVICES_EXTRACTION_RECORD_RECORD_H_
#define FAZHI_SERVICES_EXTRACTION_RECORD_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/text/paged_text.h"

namespace fazhi::extraction {

struct Span {
  int64_t begin = 0;  // first code point
  int64_t end = 0;    // one past the last code point
  friend bool operator==(const Span&, const Span&) = default;
};

// A numeric mention: "16.36万元" -> value 163600, unit "元".
struct Quantity {
  std::string text;                 // surface form as it appears in the normalized text
  double value = 0;                 // normalized value (magnitudes applied; rates as percentages)
  std::optional<double> value_max;  // upper bound of a range ("3-5件"), when one is given
  std::string unit;  // normalized unit or classifier ("元", "件", "%", "百分点"); may be empty
  bool approximate = false;  // 余, 多, 近, 约, 以上, 左右 ...
  std::string bound;  // "lower" (超, 超过, 逾, 突破, 以上, 不少于...), "upper" (不到, 不足, 以内,
                      // 以下...), or empty
  bool suspect = false;        // likely damaged or impossible (rate over 100%, digits run together)
  std::string suspect_reason;  // why it is suspect, for a reader
  Span span;
};

// A date mention: "2016年11月30日" -> "2016-11-30"; a year or month keeps its precision ("2016",
// "2016-11").
struct DateMention {
  std::string text;
  std::string value;      // ISO 8601 at the precision stated
  std::string end_value;  // for closed ranges ("2015-2020年" -> "2015" .. "2020"); else empty
  bool repaired = false;  // digits run together by scraping were split ("20161130日")
  bool relative = false;  // the year is not written in the mention: "今年", "去年", or "3月14日"
                          // taking its year from its sentence or part (see dates.h)
  bool partial = false;  // no year could be settled: value "--03-14" (month-day) or "--12" (month)
  Span span;
};

// A title cited inside 《》, classified.
struct Citation {
  std::string title;  // without the brackets
  std::string kind;   // "law", "regulation", "rule", "normative_document", "plan", "other"
  Span span;
};

// An issuing number (文号): "隆政办发〔2022〕26号", "省政府令第188-1号".
struct DocumentNumber {
  std::string text;
  Span span;
};

struct Jurisdiction {
  std::string name;  // as the official list names it ("通道侗族自治县"); "中华人民共和国"
                     // for the national level
  std::string code;        // division code: 6 digits for county level and above, 9 for townships
                           // (see ReportingCode in services/extraction/divisions); empty for
                           // the national level
  std::string level;       // "national", "province", "prefecture", "county", "township"
  std::string province;    // official name of the province (empty for the national level)
  std::string prefecture;  // official name of the prefecture (empty for a province)
  std::string county;      // official name of the county (townships only)
  std::string name_as_written;  // as the report writes it: "坪山新区" (a former name of 坪山区),
                                // "通道县"; for the national level the organ ("国务院")
  double confidence = 0;
};

struct Metadata {
  std::string title;               // the report's own title, not the web page's
  std::optional<int> report_year;  // the year the report covers
  std::string published_on;        // ISO date, or empty
  std::string delivered_on;  // ISO date a speech was delivered (——2026年2月3日在…会议上), or empty
  std::vector<std::string> issuers;  // in order; the first is the main issuer
  std::string source_url;
  std::string doc_number;     // 文号 of the report itself, if given
  std::string index_number;   // 索引号, if given
  std::string document_kind;  // "rule_of_law_report", "government_work_report",
                              // "department_report", "information_disclosure_report", "other"
  std::optional<Jurisdiction> jurisdiction;
};

// One heading in the section tree. `part` names the canonical part the section belongs to.
struct Section {
  int level = 0;        // 1 for 一、, 2 for (一), 3 for 1., 4 for (1), 5 for 一是
  std::string marker;   // "一、", "(二)", "3." ...
  std::string heading;  // heading text without the marker
  std::string part;  // "achievements", "problems", "plans", "leaders_duties", "appendix", or empty
  Span span;         // the heading line
};

struct SectionSummary {
  bool achievements = false;
  bool problems = false;
  bool plans = false;
  bool leaders_duties = false;
};

// A canonical indicator (../shared/spec/indicators.md) stated for the whole jurisdiction.
struct Indicator {
  std::string id;  // "litigation.cases"
  double value = 0;
  std::string unit;
  bool approximate = false;
  std::string bound;  // its figure's bound: "lower" (网办率达75%以上), "upper", or empty
  bool suspect = false;
  std::string evidence;  // the sentence that states it
  Span evidence_span;    // that sentence
  Span span;             // the figure itself
  double confidence = 0;
};

struct Record {
  std::string extractor_version;
  std::string indicator_set_version;
  Metadata metadata;
  std::vector<Section> sections;
  SectionSummary section_summary;
  std::vector<Quantity> quantities;
  std::vector<DateMention> dates;
  std::vector<Citation> citations;
  std::vector<DocumentNumber> document_numbers;
  std::vector<Indicator> indicators;
  std::vector<text::TextPage> pages;  // paged documents (PDF, scans) only
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_RECORD_RECORD_H_
