// PDF, Word and scanned documents through the real services: each test document made from a
// sample report (tests/formats/make_documents.py, FAZHI_TEST_DOCUMENTS) is ingested, extracted
// and searchable, its record agrees with the record of the sample's text, every evidence span
// names its page, and hostile files are refused with nothing stored.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <sstream>
#include <thread>

#include "tests/integration/running_services.h"

namespace fazhi::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A PDF of `pages` empty pages, written by hand (Poppler rebuilds the missing xref table).
std::string EmptyPagesPdf(int pages) {
  std::string kids;
  std::string objects;
  for (int i = 0; i < pages; ++i) {
    kids += std::to_string(i + 3) + " 0 R ";
    objects +=
        std::to_string(i + 3) + " 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n";
  }
  return "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[" + kids +
         "]/Count " + std::to_string(pages) + ">>endobj\n" + objects +
         "trailer<</Root 1 0 R>>\n%%EOF\n";
}

class DocumentFormatsTest : public RunningServicesTest {
 protected:
  static void SetUpTestSuite() { StartServices({}); }
  static void TearDownTestSuite() { StopServices(); }

  void SetUp() override {
    const char* dir = std::getenv("FAZHI_TEST_DOCUMENTS");
    if (dir == nullptr || !fs::is_directory(dir)) {
      GTEST_SKIP() << "FAZHI_TEST_DOCUMENTS is not set: ./dev test makes the documents with "
                      "tests/formats/make_documents.py";
    }
    documents_ = dir;
    RunningServicesTest::SetUp();
  }

  // Ingests a file and returns its report (full view), failing the test if it is not extracted.
  v1::Report IngestAndGet(const std::string& bytes, const std::string& file_name) {
    v1::IngestDocumentResponse response;
    grpc::Status status = Ingest(bytes, file_name, &response);
    EXPECT_TRUE(status.ok()) << file_name << ": " << status.error_message();
    v1::GetReportRequest request;
    request.set_name(response.name());
    request.set_view(v1::REPORT_VIEW_FULL);
    v1::Report report;
    EXPECT_TRUE(query_->GetReport(Context().get(), request, &report).ok());
    EXPECT_EQ(report.state(), v1::REPORT_STATE_EXTRACTED) << file_name << " " << report.error();
    return report;
  }

  int64_t StoredReports() {
    pqxx::connection connection(database_->url());
    pqxx::work work(connection);
    return work.exec1("SELECT count(*) FROM reports")[0].as<int64_t>();
  }

  fs::path documents_;
};

// What a researcher compares: the metadata, and each indicator's value and unit.
std::string Summary(const v1::Report& report) {
  const v1::ReportMetadata& metadata = report.record().metadata();
  std::ostringstream out;
  out << metadata.title() << " | " << metadata.report_year() << " | " << metadata.published_on()
      << " | " << metadata.jurisdiction().code() << " | " << metadata.document_kind() << " |";
  for (const std::string& issuer : metadata.issuers()) out << " " << issuer;
  for (const v1::Indicator& indicator : report.record().indicators()) {
    out << "\n" << indicator.id() << " = " << indicator.value() << " " << indicator.unit();
  }
  return out.str();
}

TEST_F(DocumentFormatsTest, TextLayerPdfAndDocxGiveTheTextsMetadataAndIndicators) {
  for (const SampleReport& sample : *samples_) {
    const std::string stem = fs::path(sample.file_name).stem().string();
    const v1::Report from_text = IngestAndGet(sample.bytes, sample.file_name);
    for (const std::string extension : {".pdf", ".docx"}) {
      const v1::Report report =
          IngestAndGet(ReadFile(documents_ / (stem + extension)), stem + extension);
      EXPECT_EQ(Summary(report), Summary(from_text)) << stem << extension;
      EXPECT_EQ(report.provenance().original_format(), extension.substr(1));
      EXPECT_THAT(report.provenance().converter(),
                  HasSubstr(extension == ".pdf" ? "poppler" : "libzip"));
    }
  }
}

TEST_F(DocumentFormatsTest, EveryEvidenceSpanOfAPdfNamesThePageItIsOn) {
  const SampleReport& sample = samples_->front();
  const std::string stem = fs::path(sample.file_name).stem().string();
  const v1::Report report = IngestAndGet(ReadFile(documents_ / (stem + ".pdf")), stem + ".pdf");
  const auto& pages = report.record().pages();
  ASSERT_GT(pages.size(), 1);
  EXPECT_EQ(pages.rbegin()->span().end(), report.text_length());
  ASSERT_GT(report.record().indicators_size(), 0);
  for (const v1::Indicator& indicator : report.record().indicators()) {
    const v1::Span& span = indicator.evidence_span();
    ASSERT_GE(span.page(), 1) << indicator.id();
    ASSERT_LE(span.page(), pages.size()) << indicator.id();
    const v1::Page& page = pages[span.page() - 1];
    EXPECT_GE(span.begin(), page.span().begin()) << indicator.id();
    EXPECT_LT(span.begin(), page.span().end()) << indicator.id();
    EXPECT_FALSE(page.ocr());
    EXPECT_EQ(span.ocr_confidence(), 0);
  }
}

TEST_F(DocumentFormatsTest, LegacyWordIsReadThroughLibreOffice) {
  const SampleReport& sample = (*samples_)[1];
  const std::string stem = fs::path(sample.file_name).stem().string();
  const v1::Report from_text = IngestAndGet(sample.bytes, sample.file_name);
  const v1::Report report = IngestAndGet(ReadFile(documents_ / (stem + ".doc")), stem + ".doc");
  EXPECT_EQ(Summary(report), Summary(from_text));
  EXPECT_EQ(report.provenance().original_format(), "doc");
  EXPECT_THAT(report.provenance().converter(), HasSubstr("LibreOffice"));
}

TEST_F(DocumentFormatsTest, AScannedPageIsReadByOcrWithItsConfidenceOnEveryFigure) {
  const SampleReport& sample = (*samples_)[1];
  const std::string stem = fs::path(sample.file_name).stem().string();
  const v1::Report report = IngestAndGet(ReadFile(documents_ / (stem + ".p1.png")), stem + ".png");
  EXPECT_EQ(report.provenance().original_format(), "image");
  EXPECT_THAT(report.provenance().converter(), HasSubstr("tesseract"));
  ASSERT_EQ(report.record().pages_size(), 1);
  EXPECT_TRUE(report.record().pages(0).ocr());
  EXPECT_GT(report.record().pages(0).ocr_confidence(), 50);
  EXPECT_EQ(report.record().metadata().jurisdiction().code(),
            sample.gold["metadata"]["jurisdiction"]["code"]);
  ASSERT_GT(report.record().quantities_size(), 0);
  for (const v1::Quantity& quantity : report.record().quantities()) {
    EXPECT_EQ(quantity.span().page(), 1);
    EXPECT_GT(quantity.span().ocr_confidence(), 50);
  }
  // Searchable like any other report.
  v1::SearchReportsRequest request;
  request.set_query(report.record().metadata().jurisdiction().name());
  request.set_page_size(100);
  v1::SearchReportsResponse response;
  ASSERT_TRUE(query_->SearchReports(Context().get(), request, &response).ok());
  std::set<std::string> found;
  for (const v1::SearchHit& hit : response.hits()) found.insert(hit.report().name());
  EXPECT_TRUE(found.count(report.name()));
}

// An archive read by an older converter: `reextract` reads the original PDF again, and the new
// text replaces the old one in the archive and in search.
TEST_F(DocumentFormatsTest, ReextractionReadsAgainWhatAnOlderConverterRead) {
  const SampleReport& sample = (*samples_)[2];
  const std::string stem = fs::path(sample.file_name).stem().string();
  const v1::Report report = IngestAndGet(ReadFile(documents_ / (stem + ".pdf")), stem + ".pdf");
  const std::string id = report.name().substr(std::string("reports/").size());
  const std::string current_converter = report.provenance().converter();
  const std::string older_text = "一个旧读取器读错的文本：行政夏议案件";
  {
    // What an older reader stored, followed by the query service like any new text.
    pqxx::connection connection(database_->url());
    pqxx::work work(connection);
    work.exec_params0(
        "UPDATE reports SET converter = 'fazhi-pdf 0 + poppler 0.1.0',"
        " normalized_text = $2, text_length = 18, pages = NULL,"
        " ingest_xid = pg_current_xact_id() WHERE id = $1",
        id, older_text);
    work.commit();
  }
  auto hits = [&](const std::string& query) {
    v1::SearchReportsRequest request;
    request.set_query(query);
    request.set_page_size(100);
    v1::SearchReportsResponse response;
    grpc::Status status = query_->SearchReports(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << query << ": " << status.error_message();
    std::set<std::string> found;
    for (const v1::SearchHit& hit : response.hits()) found.insert(hit.report().name());
    return found.count(report.name());
  };
  ASSERT_EQ(hits("行政夏议"), 1u);

  v1::ReextractReportsResponse queued;
  ASSERT_TRUE(extraction_->ReextractReports(Context().get(), {}, &queued).ok());
  EXPECT_EQ(queued.reread_count(), 1);
  std::string converter;
  for (int i = 0; i < 600 && converter != current_converter; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pqxx::connection connection(database_->url());
    pqxx::work work(connection);
    converter =
        work.exec_params1("SELECT converter FROM reports WHERE id = $1", id)[0].as<std::string>();
  }
  ASSERT_EQ(converter, current_converter);
  EXPECT_EQ(hits("行政夏议"), 0u);
  EXPECT_EQ(hits(report.record().metadata().jurisdiction().name()), 1u);
  v1::GetReportRequest request;
  request.set_name(report.name());
  request.set_view(v1::REPORT_VIEW_FULL);
  v1::Report reread;
  ASSERT_TRUE(query_->GetReport(Context().get(), request, &reread).ok());
  EXPECT_EQ(reread.text(), report.text());
  EXPECT_EQ(reread.record().pages_size(), report.record().pages_size());
  EXPECT_EQ(Summary(reread), Summary(report));
}

TEST_F(DocumentFormatsTest, HostileFilesAreRefusedWithNothingStored) {
  struct Case {
    std::string name;
    std::string bytes;
    grpc::StatusCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"encrypted.pdf", ReadFile(documents_ / "encrypted.pdf"), grpc::INVALID_ARGUMENT,
       "encrypted"},
      {"truncated.pdf", ReadFile(documents_ / "table.pdf").substr(0, 400), grpc::INVALID_ARGUMENT,
       "PDF"},
      {"pages.pdf", EmptyPagesPdf(10001), grpc::RESOURCE_EXHAUSTED, "10001 pages"},
      {"corrupt.docx", std::string("PK\x03\x04", 4) + std::string(200, 'x'), grpc::INVALID_ARGUMENT,
       ".docx"},
      {"garbage.png", std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, 'z'),
       grpc::INVALID_ARGUMENT, "image"},
  };
  const int64_t before = StoredReports();
  for (const Case& hostile : cases) {
    v1::IngestDocumentResponse response;
    grpc::Status status = Ingest(hostile.bytes, hostile.name, &response);
    EXPECT_EQ(status.error_code(), hostile.code) << hostile.name << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(hostile.message)) << hostile.name;
  }
  EXPECT_EQ(StoredReports(), before);
}

}  // namespace
}  // namespace fazhi::testing
