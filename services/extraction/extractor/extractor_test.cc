#include "services/extraction/extractor/extractor.h"

#include <fstream>
#include <sstream>
#include <string>

#include "common/text/code_points.h"
#include "common/text/utf8.h"
#include "gtest/gtest.h"
#include "services/extraction/citations/document_numbers.h"
#include "services/extraction/dates/dates.h"
#include "services/extraction/indicators/indicators.h"
#include "services/extraction/metadata/metadata.h"
#include "services/extraction/quantities/quantities.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

using testing::TestExtractorOptions;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Corpus(const std::string& name) {
  return ReadFile(std::string(FAZHI_SOURCE_DIR) + "/tests/data/corpus/" + name);
}

const Extractor& SharedExtractor() {
  static const Extractor* extractor = [] {
    absl::StatusOr<Extractor> loaded = Extractor::Load(TestExtractorOptions());
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new Extractor(*std::move(loaded));
  }();
  return *extractor;
}

// UTF-16LE with a byte-order mark, as some sites serve their reports.
std::string ToUtf16LeWithBom(std::string_view utf8) {
  std::string out = "\xFF\xFE";
  for (size_t i = 0; i < utf8.size();) {
    const text::DecodedCodepoint d = text::DecodeCodepoint(utf8, i);
    i += d.length;
    char32_t c = d.codepoint;
    auto unit = [&out](uint16_t u) {
      out.push_back(static_cast<char>(u & 0xFF));
      out.push_back(static_cast<char>(u >> 8));
    };
    if (c >= 0x10000) {
      c -= 0x10000;
      unit(static_cast<uint16_t>(0xD800 + (c >> 10)));
      unit(static_cast<uint16_t>(0xDC00 + (c & 0x3FF)));
    } else {
      unit(static_cast<uint16_t>(c));
    }
  }
  return out;
}

TEST(ExtractorTest, RecordCarriesBothVersions) {
  const Record record = SharedExtractor().Extract("2022年,共受理法律援助案件1900件。");
  EXPECT_EQ(record.extractor_version, Extractor::kExtractorVersion);
  EXPECT_EQ(record.indicator_set_version, SharedExtractor().indicator_set().version());
  EXPECT_FALSE(record.indicator_set_version.empty());
}

// The build prepares the division index from the source tree's list; the binaries read it.
TEST(ExtractorTest, LoadReadsTheDivisionIndexPreparedAtBuildTime) {
  EXPECT_TRUE(SharedExtractor().divisions().from_snapshot()) << BuiltDivisionSnapshot();
  ExtractorOptions options = TestExtractorOptions();
  options.prepared_divisions = false;
  absl::StatusOr<Extractor> derived = Extractor::Load(options);
  ASSERT_TRUE(derived.ok()) << derived.status();
  EXPECT_FALSE(derived->divisions().from_snapshot());
  EXPECT_EQ(derived->divisions().divisions().size(),
            SharedExtractor().divisions().divisions().size());
}

TEST(ExtractorTest, LoadNamesTheMissingIndicatorFile) {
  ExtractorOptions options = TestExtractorOptions();
  options.indicators_file = "/nonexistent/indicators.json";
  absl::StatusOr<Extractor> loaded = Extractor::Load(options);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("/nonexistent/indicators.json"), std::string::npos);
}

TEST(ExtractorTest, EncodingDoesNotChangeTheRecord) {
  const std::string utf8 = Corpus("001_4ca8cfc4920ed3ee.txt");
  absl::StatusOr<ExtractedDocument> a = SharedExtractor().ExtractFromBytes(utf8, {});
  absl::StatusOr<ExtractedDocument> b =
      SharedExtractor().ExtractFromBytes(ToUtf16LeWithBom(utf8), {});
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(a->normalized_text, b->normalized_text);
  EXPECT_EQ(b->encoding, "UTF-16LE");
  ASSERT_EQ(a->record.indicators.size(), b->record.indicators.size());
  for (size_t i = 0; i < a->record.indicators.size(); ++i) {
    EXPECT_EQ(a->record.indicators[i].id, b->record.indicators[i].id);
    EXPECT_EQ(a->record.indicators[i].span, b->record.indicators[i].span);
  }
}

TEST(ExtractorTest, ExtractsIndicatorsWithEvidenceSpansIntoTheNormalizedText) {
  absl::StatusOr<ExtractedDocument> doc =
      SharedExtractor().ExtractFromBytes(Corpus("001_4ca8cfc4920ed3ee.txt"), {});
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->record.metadata.report_year, 2022);
  const Indicator* legal_aid = nullptr;
  for (const Indicator& i : doc->record.indicators) {
    if (i.id == "legal_aid.cases") legal_aid = &i;
  }
  ASSERT_NE(legal_aid, nullptr);
  EXPECT_EQ(legal_aid->value, 1900);
  EXPECT_EQ(
      text::SubstrByCodepoints(doc->normalized_text, legal_aid->span.begin, legal_aid->span.end),
      "1900件");
  EXPECT_EQ(text::SubstrByCodepoints(doc->normalized_text, legal_aid->evidence_span.begin,
                                     legal_aid->evidence_span.end),
            legal_aid->evidence);
}

// The extractor's recognizers read at the positions its prescan marked (prescan.h): each must
// find exactly what it finds scanning every character for itself.
template <typename T>
std::vector<std::string> Surfaces(const std::vector<T>& found) {
  std::vector<std::string> surfaces;
  for (const T& item : found) {
    surfaces.push_back(item.text + "@" + std::to_string(item.span.begin) + "-" +
                       std::to_string(item.span.end));
  }
  return surfaces;
}

TEST(ExtractorTest, PrescannedRecognizersFindWhatTheyFindAlone) {
  const Extractor& extractor = SharedExtractor();
  for (const char* name :
       {"000_00019c19f38eb4da.txt", "001_4ca8cfc4920ed3ee.txt", "002_64802642e30fe92e.txt",
        "003_7a36a27cbcf2ea14.txt", "004_20e5f79f8eb1e5cf.txt"}) {
    SCOPED_TRACE(name);
    absl::StatusOr<ExtractedDocument> doc = extractor.ExtractFromBytes(Corpus(name), {});
    ASSERT_TRUE(doc.ok()) << doc.status();
    const Record& record = doc->record;
    const std::u32string code_points = text::DecodeUtf8(doc->normalized_text);
    ASSERT_FALSE(record.quantities.empty());
    EXPECT_EQ(Surfaces(record.quantities), Surfaces(RecognizeQuantities(code_points)));
    EXPECT_EQ(Surfaces(record.document_numbers), Surfaces(RecognizeDocumentNumbers(code_points)));
    const Metadata alone =
        ExtractMetadata(doc->normalized_text, code_points, &extractor.divisions());
    ASSERT_EQ(record.metadata.jurisdiction.has_value(), alone.jurisdiction.has_value());
    if (alone.jurisdiction) {
      EXPECT_EQ(record.metadata.jurisdiction->code, alone.jurisdiction->code);
      EXPECT_EQ(record.metadata.jurisdiction->confidence, alone.jurisdiction->confidence);
    }
    const std::vector<Indicator> indicators =
        ExtractIndicators(code_points, record.quantities, extractor.indicator_set(),
                          record.metadata.report_year, record.sections);
    ASSERT_EQ(record.indicators.size(), indicators.size());
    for (size_t i = 0; i < indicators.size(); ++i) {
      EXPECT_EQ(record.indicators[i].id, indicators[i].id);
      EXPECT_EQ(record.indicators[i].span, indicators[i].span);
    }
    // Dates with the report year as both anchors: the prescan's reads against the plain scan's.
    const PrescanTable table = [] {
      PrescanTable t;
      MarkDateStarts(t);
      return t;
    }();
    const Prescan prescan(table, code_points);
    EXPECT_EQ(Surfaces(RecognizeDates(code_points, DateAnchors{}, &prescan)),
              Surfaces(RecognizeDates(code_points, DateAnchors{})));
  }
}

}  // namespace
}  // namespace fazhi::extraction
