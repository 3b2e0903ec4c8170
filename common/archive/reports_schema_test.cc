#include "common/archive/reports_schema.h"

#include <gtest/gtest.h>

#include "common/archive/report_names.h"

namespace fazhi {
namespace {

const ReportColumn& Column(std::string_view name) {
  const ReportColumn* column = FindColumn(ReportColumns(), name);
  if (column == nullptr) ADD_FAILURE() << "no column " << name;
  return column != nullptr ? *column : ReportColumns().front();
}

constexpr std::string_view kSha256 =
    "3b0a3e0f0f1c8f1ad1c3a5b8e1f2d0c4b5a69788c1d2e3f405162738495a6b7c";

IngestedReport PagedPdf() {
  IngestedReport report;
  report.original = std::string_view("%PDF-1.7\0\xff", 10);
  report.content_sha256 = std::string(kSha256);
  report.encoding = "utf-8";
  report.format = "pdf";
  report.normalized_text = "法治政府建设";
  report.text_length = 6;
  report.converter = "poppler 22.12.0";
  report.pages_json = R"([{"begin":0,"end":6}])";
  report.file_name = "2023.pdf";
  report.content_type = "application/pdf";
  report.source_url = "https://www.example.gov.cn/2023.pdf";
  report.retrieved_unix_seconds = 1700000000;
  report.request_id = "batch-7";
  return report;
}

TEST(ReportsSchemaTest, WrittenValuesComeFromTheIngestedReport) {
  IngestedReport report = PagedPdf();
  EXPECT_EQ(Column("id").ValueOf(report), ReportIdFromSha256(kSha256));
  EXPECT_EQ(Column("content_sha256").ValueOf(report), kSha256);
  EXPECT_EQ(Column("original_size_bytes").ValueOf(report), "10");
  EXPECT_EQ(Column("original_encoding").ValueOf(report), "utf-8");
  EXPECT_EQ(Column("original_format").ValueOf(report), "pdf");
  EXPECT_EQ(Column("file_name").ValueOf(report), "2023.pdf");
  EXPECT_EQ(Column("content_type").ValueOf(report), "application/pdf");
  EXPECT_EQ(Column("source_url").ValueOf(report), "https://www.example.gov.cn/2023.pdf");
  EXPECT_EQ(Column("retrieved_time").ValueOf(report), "2023-11-14T22:13:20+00");
  EXPECT_EQ(Column("request_id").ValueOf(report), "batch-7");
  EXPECT_EQ(Column("normalized_text").ValueOf(report), "法治政府建设");
  EXPECT_EQ(Column("normalizer_version").ValueOf(report), "fazhi-normalize-1");
  EXPECT_EQ(Column("text_length").ValueOf(report), "6");
  EXPECT_EQ(Column("converter").ValueOf(report), "poppler 22.12.0");
  EXPECT_EQ(Column("pages").ValueOf(report), R"([{"begin":0,"end":6}])");
}

TEST(ReportsSchemaTest, TheOriginalIsTheOnlyBinaryColumnAndKeepsItsBytes) {
  IngestedReport report = PagedPdf();
  for (const ReportColumn& column : ReportColumns()) {
    EXPECT_EQ(column.binary(), column.name == "original") << column.name;
  }
  std::string_view bytes = Column("original").BytesOf(report);
  EXPECT_EQ(bytes, std::string_view("%PDF-1.7\0\xff", 10));
  EXPECT_EQ(bytes.data(), report.original.data()) << "the bytes are not copied";
}

TEST(ReportsSchemaTest, MissingProvenanceIsNull) {
  IngestedReport report = PagedPdf();
  report.retrieved_unix_seconds.reset();
  report.request_id.clear();
  report.pages_json.clear();
  EXPECT_EQ(Column("retrieved_time").ValueOf(report), std::nullopt);
  EXPECT_EQ(Column("request_id").ValueOf(report), std::nullopt);
  EXPECT_EQ(Column("pages").ValueOf(report), std::nullopt);
  EXPECT_EQ(Column("file_name").ValueOf(report), "2023.pdf");
}

TEST(ReportsSchemaTest, RetrievalTimesOfEveryAdmittedYearHaveFourDigitYears) {
  IngestedReport report = PagedPdf();
  report.retrieved_unix_seconds = -62135596800;  // the first second of year 1
  EXPECT_EQ(Column("retrieved_time").ValueOf(report), "0001-01-01T00:00:00+00");
  report.retrieved_unix_seconds = 253402300799;  // the last of 9999
  EXPECT_EQ(Column("retrieved_time").ValueOf(report), "9999-12-31T23:59:59+00");
}

TEST(ReportsSchemaTest, TheDatabaseFillsTheStateTimesAndTransactionId) {
  for (std::string_view name : {"ingest_time", "state", "error", "ingest_xid"}) {
    EXPECT_FALSE(Column(name).written()) << name;
  }
  EXPECT_EQ(ColumnNameList(WrittenReportColumns()),
            "id, content_sha256, original, original_size_bytes, original_encoding, "
            "original_format, file_name, content_type, source_url, retrieved_time, request_id, "
            "normalized_text, normalizer_version, text_length, converter, pages");
}

}  // namespace
}  // namespace fazhi
