#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "common/archive/report_names.h"
#include "common/text/sha256.h"
#include "services/ingestion/document_store.h"
#include "tests/testing/migrated_archive.h"

namespace fazhi::ingestion {
namespace {

std::string ReadSample(const std::string& name) {
  std::ifstream file(std::string(FAZHI_SOURCE_DIR) + "/tests/data/corpus/" + name,
                     std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

class DocumentStorePgTest : public testing::MigratedArchiveTest {
 protected:
  void SetUp() override {
    MigratedArchiveTest::SetUp();
    first_ = ReadSample("000_00019c19f38eb4da.txt");
    second_ = ReadSample("001_4ca8cfc4920ed3ee.txt");
    ASSERT_FALSE(first_.empty());
    ASSERT_FALSE(second_.empty());
  }

  // A sample report as ingestion prepares a UTF-8 text (the text as its own normalization).
  static PreparedDocument Document(const std::string& bytes, std::string request_id = "") {
    PreparedDocument document;
    document.original = bytes;
    document.content_sha256 = text::Sha256Hex(bytes);
    document.encoding = "UTF-8";
    document.format = "text";
    document.normalized_text = bytes;
    document.text_length = static_cast<int64_t>(bytes.size());
    document.request_id = std::move(request_id);
    return document;
  }

  int64_t Count(const std::string& sql) {
    int64_t count = 0;
    EXPECT_TRUE(pool_
                    ->WithTransaction([&](pqxx::work& work) {
                      count = work.exec1(sql)[0].as<int64_t>();
                      return absl::OkStatus();
                    })
                    .ok());
    return count;
  }

  std::string first_;
  std::string second_;
};

TEST_F(DocumentStorePgTest, ABatchStoresEachNewDocumentWithAJobDueAtOnce) {
  DocumentStore store(pool_.get());
  PreparedDocument first = Document(first_);
  PreparedDocument second = Document(second_);
  auto stored = store.StoreBatch({&first, &second}, ExtractionRequest::kQueued);
  ASSERT_TRUE(stored.ok()) << stored.status();
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_FALSE((*stored)[0].duplicate);
  EXPECT_FALSE((*stored)[1].duplicate);
  EXPECT_NE((*stored)[0].id, (*stored)[1].id);
  EXPECT_EQ(Count("SELECT count(*) FROM reports"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM extraction_jobs WHERE state = 'pending'"
                  " AND next_attempt_time <= now()"),
            2);
  EXPECT_EQ(Count("SELECT count(*) FROM reports WHERE original = normalized_text::bytea"), 2);
}

TEST_F(DocumentStorePgTest, ARepeatWithinABatchIsADuplicateOfItsFirstCopy) {
  DocumentStore store(pool_.get());
  PreparedDocument first = Document(first_);
  PreparedDocument again = Document(first_);
  auto stored = store.StoreBatch({&first, &again}, ExtractionRequest::kQueued);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_FALSE((*stored)[0].duplicate);
  EXPECT_TRUE((*stored)[1].duplicate);
  EXPECT_EQ((*stored)[1].id, (*stored)[0].id);
  EXPECT_EQ(Count("SELECT count(*) FROM extraction_jobs"), 1);
}

TEST_F(DocumentStorePgTest, ARequestIdRepeatedWithItsBytesIsADuplicate) {
  DocumentStore store(pool_.get());
  PreparedDocument first = Document(first_, "request-1");
  ASSERT_TRUE(store.StoreBatch({&first}, ExtractionRequest::kQueued).ok());
  PreparedDocument retried = Document(first_, "request-1");
  PreparedDocument fresh = Document(second_, "request-2");
  PreparedDocument fresh_retried = Document(second_, "request-2");
  auto stored = store.StoreBatch({&retried, &fresh, &fresh_retried}, ExtractionRequest::kQueued);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_TRUE((*stored)[0].duplicate);
  EXPECT_EQ((*stored)[0].id, ReportIdFromSha256(first.content_sha256));
  EXPECT_FALSE((*stored)[1].duplicate);
  EXPECT_TRUE((*stored)[2].duplicate);
  EXPECT_EQ((*stored)[2].id, (*stored)[1].id);
  EXPECT_EQ(Count("SELECT count(*) FROM reports"), 2);
}

TEST_F(DocumentStorePgTest, ARequestIdReusedWithOtherBytesIsRefusedNamingItsFirstReport) {
  DocumentStore store(pool_.get());
  PreparedDocument first = Document(first_, "request-1");
  ASSERT_TRUE(store.StoreBatch({&first}, ExtractionRequest::kQueued).ok());
  // In a later batch: refused, and nothing of that batch is stored.
  PreparedDocument other = Document(second_, "request-1");
  PreparedDocument unrelated = Document(second_ + "\n");
  auto stored = store.StoreBatch({&unrelated, &other}, ExtractionRequest::kQueued);
  ASSERT_TRUE(absl::IsAlreadyExists(stored.status())) << stored.status();
  EXPECT_NE(stored.status().message().find(ReportName(ReportIdFromSha256(first.content_sha256))),
            std::string::npos)
      << stored.status();
  EXPECT_EQ(Count("SELECT count(*) FROM reports"), 1);
  // Within one batch: the second use of a fresh request id with other bytes.
  PreparedDocument a = Document(second_, "request-2");
  PreparedDocument b = Document(second_ + "\n", "request-2");
  EXPECT_TRUE(
      absl::IsAlreadyExists(store.StoreBatch({&a, &b}, ExtractionRequest::kQueued).status()));
  EXPECT_EQ(Count("SELECT count(*) FROM reports"), 1);
  // A long request id is cut in the message.
  PreparedDocument long_first = Document(second_, std::string(5000, 'k'));
  ASSERT_TRUE(store.Store(long_first).ok());
  absl::StatusOr<StoredReport> long_other =
      store.Store(Document(second_ + "\n", std::string(5000, 'k')));
  ASSERT_TRUE(absl::IsAlreadyExists(long_other.status()));
  EXPECT_LT(long_other.status().message().size(), 400u);
}

TEST_F(DocumentStorePgTest, ADirectRequestLeavesTheJobToTheCallerForAMoment) {
  DocumentStore store(pool_.get());
  auto stored = store.Store(Document(first_));
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(Count("SELECT count(*) FROM extraction_jobs WHERE next_attempt_time > now()"), 1);
  auto again = store.Store(Document(first_));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->state, v1::REPORT_STATE_PENDING);
}

TEST_F(DocumentStorePgTest, EveryColumnIsStoredAsPreparedWithTheOriginalBytesIntact) {
  DocumentStore store(pool_.get());
  // Bytes that text could not carry: a NUL, and no valid UTF-8.
  const std::string original = std::string("%PDF-1.7\0\xff\xfe\n", 12) + first_;
  PreparedDocument paged = Document(original, "request-7");
  paged.normalized_text = first_;
  paged.text_length = static_cast<int64_t>(first_.size());
  paged.format = "pdf";
  paged.converter = "poppler 22.12.0";
  paged.pages_json = R"([{"begin": 0, "end": 5}])";
  paged.file_name = "报告.pdf";
  paged.content_type = "application/pdf";
  paged.source_url = "https://www.example.gov.cn/a.pdf";
  paged.retrieved_unix_seconds = 1700000000;
  PreparedDocument plain = Document(second_);
  plain.retrieved_unix_seconds = -62135596800;  // the first second of year 1, the earliest taken
  ASSERT_TRUE(store.StoreBatch({&paged, &plain}, ExtractionRequest::kQueued).ok());

  EXPECT_EQ(Count("SELECT count(*) FROM reports WHERE original = decode('" +
                  absl::BytesToHexString(original) +
                  "', 'hex') AND original_size_bytes = " + std::to_string(original.size()) +
                  " AND original_format = 'pdf' AND original_encoding = 'UTF-8'"
                  " AND converter = 'poppler 22.12.0' AND pages = '[{\"begin\": 0, \"end\": 5}]'"
                  " AND file_name = '报告.pdf' AND content_type = 'application/pdf'"
                  " AND source_url = 'https://www.example.gov.cn/a.pdf'"
                  " AND retrieved_time = to_timestamp(1700000000) AND request_id = 'request-7'"
                  " AND normalized_text = convert_from(decode('" +
                  absl::BytesToHexString(first_) +
                  "', 'hex'), 'UTF8') AND text_length = " + std::to_string(first_.size()) +
                  " AND normalizer_version = 'fazhi-normalize-1' AND state = 'pending'"
                  " AND error = '' AND ingest_time <= now()"),
            1);
  EXPECT_EQ(
      Count("SELECT count(*) FROM reports WHERE id = '" + ReportIdFromSha256(plain.content_sha256) +
            "' AND retrieved_time = to_timestamp(-62135596800) AND request_id IS NULL"
            " AND pages IS NULL AND converter = '' AND file_name = ''"),
      1);
}

}  // namespace
}  // namespace fazhi::ingestion
