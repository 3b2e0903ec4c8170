#include "tools/query_benchmark/copy_rows.h"

#include <gtest/gtest.h>

#include <set>

#include "absl/strings/str_split.h"
#include "common/compat/string_view.h"
#include "common/text/utf8.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::query_benchmark {
namespace {

std::vector<std::string> Fields(const std::string& line) { return absl::StrSplit(line, '\t'); }

size_t ColumnCount(std::string_view columns) {
  return std::vector<std::string>(absl::StrSplit(Absl(columns), ", ")).size();
}

// The field of a report line in the column `name`.
std::string ReportField(const std::string& line, std::string_view name) {
  std::vector<std::string> columns = absl::StrSplit(ReportColumnList(), ", ");
  std::vector<std::string> fields = Fields(line);
  for (size_t i = 0; i < columns.size() && i < fields.size(); ++i) {
    if (columns[i] == name) return fields[i];
  }
  ADD_FAILURE() << "no field " << name;
  return "";
}

// COPY text format's unescaping of the sequences CopyField writes.
std::string Unescape(std::string_view field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\' || i + 1 == field.size()) {
      out.push_back(field[i]);
      continue;
    }
    char next = field[++i];
    out.push_back(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
  }
  return out;
}

class CopyRowsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    extractor_ = new extraction::Extractor(
        *extraction::Extractor::Load(extraction::testing::TestExtractorOptions()));
    generator_ = new corpus::CorpusGenerator(*corpus::CorpusGenerator::Create({}));
  }
  static extraction::Extractor* extractor_;
  static corpus::CorpusGenerator* generator_;
};
extraction::Extractor* CopyRowsTest::extractor_ = nullptr;
corpus::CorpusGenerator* CopyRowsTest::generator_ = nullptr;

TEST(CopyFieldTest, EscapesTheCharactersCopyTextFormatReserves) {
  EXPECT_EQ(CopyField("a\\b\tc\nd\re"), "a\\\\b\\tc\\nd\\re");
  EXPECT_EQ(CopyField("依法行政"), "依法行政");
  EXPECT_EQ(Unescape(CopyField("x\\y\tz\n")), "x\\y\tz\n");
}

TEST_F(CopyRowsTest, EveryRowHasOneFieldPerColumn) {
  for (int64_t sequence = 0; sequence < 8; ++sequence) {  // covers several encodings and formats
    absl::StatusOr<ArchiveRows> rows =
        PrepareArchiveRows(generator_->Generate(sequence), *extractor_);
    ASSERT_TRUE(rows.ok()) << rows.status();
    EXPECT_EQ(Fields(rows->report).size(), ColumnCount(ReportColumnList()));
    EXPECT_EQ(Fields(rows->job).size(), ColumnCount(kJobColumns));
    EXPECT_EQ(Fields(rows->record).size(), ColumnCount(RecordColumnList()));
    for (const std::string& line : rows->indicators) {
      EXPECT_EQ(Fields(line).size(), ColumnCount(IndicatorColumnList()));
    }
  }
}

TEST_F(CopyRowsTest, ReportRowHoldsTheExtractorsNormalizedTextAndTheOriginalBytes) {
  corpus::GeneratedReport generated = generator_->Generate(3);
  absl::StatusOr<ArchiveRows> rows = PrepareArchiveRows(generated, *extractor_);
  ASSERT_TRUE(rows.ok()) << rows.status();
  text::DecodeOptions options;
  options.file_name = generated.file_name;
  absl::StatusOr<extraction::ExtractedDocument> extracted =
      extractor_->ExtractFromBytes(generated.bytes, options);
  ASSERT_TRUE(extracted.ok());
  const std::string& line = rows->report;
  EXPECT_EQ(ReportField(line, "id"), rows->id);
  // id = first 16 hex digits of the SHA-256
  EXPECT_EQ(ReportField(line, "id"), ReportField(line, "content_sha256").substr(0, 16));
  EXPECT_EQ(ReportField(line, "original").size(), 3 + 2 * generated.bytes.size());  // "\\x" + hex
  EXPECT_EQ(ReportField(line, "original_size_bytes"), std::to_string(generated.bytes.size()));
  EXPECT_EQ(Unescape(ReportField(line, "normalized_text")), extracted->normalized_text);
  EXPECT_EQ(ReportField(line, "text_length"),
            std::to_string(text::CountCodepoints(extracted->normalized_text)));
  EXPECT_EQ(ReportField(line, "file_name"), generated.file_name);
  EXPECT_EQ(ReportField(line, "request_id"), "\\N");
  EXPECT_EQ(ReportField(line, "retrieved_time"), "\\N");
  EXPECT_EQ(ReportField(line, "state"), "extracted");
}

TEST_F(CopyRowsTest, IndicatorRowsKeepTheFirstValueOfEachIndicator) {
  for (int64_t sequence = 0; sequence < 20; ++sequence) {
    absl::StatusOr<ArchiveRows> rows =
        PrepareArchiveRows(generator_->Generate(sequence), *extractor_);
    ASSERT_TRUE(rows.ok());
    std::set<std::string> ids;
    for (const std::string& line : rows->indicators) {
      EXPECT_TRUE(ids.insert(Fields(line)[1]).second) << line;
    }
  }
}

}  // namespace
}  // namespace fazhi::query_benchmark
