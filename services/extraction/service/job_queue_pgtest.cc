#include <gtest/gtest.h>

#include "common/formats/converters.h"
#include "common/text/normalize.h"
#include "services/extraction/service/job_queue.h"
#include "services/extraction/service/lease_keeper.h"
#include "tests/testing/migrated_archive.h"

namespace fazhi::extraction {
namespace {

class JobQueuePgTest : public testing::MigratedArchiveTest {
 protected:
  void AddReport(const std::string& id) {
    ASSERT_TRUE(pool_
                    ->WithTransaction([&](pqxx::work& work) {
                      work.exec_params0(
                          "INSERT INTO reports (id, content_sha256, original, original_size_bytes,"
                          " original_encoding, original_format, normalized_text, "
                          "normalizer_version, text_length)"
                          " VALUES ($1, $1, '\\x00', 1, 'UTF-8', 'text', '报告', $2, 2)",
                          id, std::string(text::kNormalizerVersion));
                      work.exec_params0("INSERT INTO extraction_jobs (report_id) VALUES ($1)", id);
                      return absl::OkStatus();
                    })
                    .ok());
  }

  std::string JobState(const std::string& id) {
    std::string state;
    EXPECT_TRUE(pool_
                    ->WithTransaction([&](pqxx::work& work) {
                      state =
                          work.exec_params1(
                                  "SELECT state FROM extraction_jobs WHERE report_id = $1", id)[0]
                              .as<std::string>();
                      return absl::OkStatus();
                    })
                    .ok());
    return state;
  }

  // Runs `statement` (with $1 = `id`) and returns the first column of its one row.
  std::string Value(const std::string& statement, const std::string& id) {
    std::string value;
    EXPECT_TRUE(pool_
                    ->WithTransaction([&](pqxx::work& work) {
                      value = work.exec_params1(statement, id)[0].as<std::string>();
                      return absl::OkStatus();
                    })
                    .ok());
    return value;
  }

  void ExpireLeases() {
    ASSERT_TRUE(
        pool_
            ->WithTransaction([](pqxx::work& work) {
              work.exec0(
                  "UPDATE extraction_jobs SET lease_expire_time = now() - interval '1 second',"
                  " next_attempt_time = now() - interval '1 second'");
              return absl::OkStatus();
            })
            .ok());
  }
};

TEST_F(JobQueuePgTest, ClaimsAPendingJobOnceUntilItsLeaseExpires) {
  AddReport("aaaaaaaaaaaaaaaa");
  JobQueue queue(pool_.get(), {});
  auto first = queue.ClaimNext();
  ASSERT_TRUE(first.ok() && first->has_value()) << first.status();
  EXPECT_EQ((*first)->report_id, "aaaaaaaaaaaaaaaa");
  EXPECT_EQ((*first)->attempt, 1);
  auto second = queue.ClaimNext();
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value()) << "a leased job must not be claimed twice";
  ExpireLeases();
  auto reclaimed = queue.ClaimNext();
  ASSERT_TRUE(reclaimed.ok() && reclaimed->has_value());
  EXPECT_EQ((*reclaimed)->attempt, 2);
}

TEST_F(JobQueuePgTest, CompleteStoresRecordIndicatorsAndState) {
  AddReport("bbbbbbbbbbbbbbbb");
  JobQueue queue(pool_.get(), {});
  auto job = queue.ClaimReport("bbbbbbbbbbbbbbbb");
  ASSERT_TRUE(job.ok() && job->has_value());
  v1::ExtractedRecord record;
  record.set_extractor_version("test-1");
  record.mutable_metadata()->set_report_year(2021);
  record.mutable_metadata()->mutable_jurisdiction()->set_code("513327");
  v1::Indicator* indicator = record.add_indicators();
  indicator->set_id("legal_aid.cases");
  indicator->set_value(185);
  ASSERT_TRUE(queue.Complete(**job, record).ok());
  EXPECT_EQ(JobState("bbbbbbbbbbbbbbbb"), "done");
  EXPECT_EQ(*queue.ReportState("bbbbbbbbbbbbbbbb"), v1::REPORT_STATE_EXTRACTED);
  ASSERT_TRUE(
      pool_
          ->WithTransaction([](pqxx::work& work) {
            EXPECT_EQ(work.exec1("SELECT report_year FROM records")[0].as<int>(), 2021);
            EXPECT_EQ(work.exec1("SELECT jurisdiction_code FROM records")[0].as<std::string>(),
                      "513327");
            EXPECT_EQ(work.exec1("SELECT value FROM indicator_values")[0].as<double>(), 185);
            return absl::OkStatus();
          })
          .ok());
}

TEST_F(JobQueuePgTest, ReExtractionReplacesTheIndicatorRowsOfTheFirstRecord) {
  AddReport("cccccccccccccccc");
  JobQueue queue(pool_.get(), {});
  auto first = queue.ClaimReport("cccccccccccccccc");
  ASSERT_TRUE(first.ok() && first->has_value());
  v1::ExtractedRecord record;
  record.set_extractor_version("test-1");
  v1::Indicator* cases = record.add_indicators();
  cases->set_id("legal_aid.cases");
  cases->set_value(185);
  ASSERT_TRUE(queue.Complete(**first, record).ok());
  ASSERT_EQ(*queue.RequeueJobs({"cccccccccccccccc"}, ""), 1);
  auto second = queue.ClaimReport("cccccccccccccccc");
  ASSERT_TRUE(second.ok() && second->has_value());
  record.set_extractor_version("test-2");
  record.clear_indicators();
  v1::Indicator* trained = record.add_indicators();
  trained->set_id("enforcement.personnel_trained");
  trained->set_value(4117);
  ASSERT_TRUE(queue.Complete(**second, record).ok());
  ASSERT_TRUE(
      pool_
          ->WithTransaction([](pqxx::work& work) {
            pqxx::result rows = work.exec("SELECT indicator_id, value FROM indicator_values");
            EXPECT_EQ(rows.size(), 1u) << "the first record's indicator rows must be gone";
            EXPECT_EQ(rows[0][0].as<std::string>(), "enforcement.personnel_trained");
            EXPECT_EQ(work.exec1("SELECT extractor_version FROM records")[0].as<std::string>(),
                      "test-2");
            EXPECT_EQ(work.exec1("SELECT completions FROM extraction_jobs")[0].as<int>(), 2);
            return absl::OkStatus();
          })
          .ok());
}

TEST_F(JobQueuePgTest, ClaimBatchTakesDueJobsWithTheirTextsUpToTheLimit) {
  for (const char* id : {"a000000000000001", "a000000000000002", "a000000000000003"}) AddReport(id);
  JobQueue queue(pool_.get(), {});
  auto first = queue.ClaimBatch(2);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->size(), 2u);
  for (const ClaimedJob& job : *first) {
    EXPECT_EQ(job.attempt, 1);
    EXPECT_EQ(job.text, "报告");
    EXPECT_EQ(JobState(job.report_id), "running");
  }
  auto rest = queue.ClaimBatch(5);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_NE(rest->front().report_id, (*first)[0].report_id);
  EXPECT_NE(rest->front().report_id, (*first)[1].report_id);
  auto none = queue.ClaimBatch(5);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty()) << "leased jobs must not be claimed twice";
}

TEST_F(JobQueuePgTest, CompleteBatchStoresCurrentClaimsAndAbortsStaleOnes) {
  AddReport("b000000000000001");
  AddReport("b000000000000002");
  JobQueue queue(pool_.get(), {});
  auto stale = queue.ClaimReport("b000000000000001");
  ASSERT_TRUE(stale.ok() && stale->has_value());
  ExpireLeases();
  auto taken_over = queue.ClaimReport("b000000000000001");
  ASSERT_TRUE(taken_over.ok() && taken_over->has_value());
  auto current = queue.ClaimReport("b000000000000002");
  ASSERT_TRUE(current.ok() && current->has_value());
  v1::ExtractedRecord record;
  record.mutable_metadata()->set_title("某县2021年法治政府建设情况报告");
  record.mutable_metadata()->set_published_on("2022-01-15");
  for (const char* id : {"legal_aid.cases", "review.cases"}) {
    v1::Indicator* indicator = record.add_indicators();
    indicator->set_id(id);
    indicator->set_value(0.1 + 0.2);  // not representable in 15 digits
    indicator->set_evidence("办理法律援助案件\"185\"件");
  }
  auto outcomes = queue.CompleteBatch({{&**stale, &record}, {&**current, &record}});
  ASSERT_TRUE(outcomes.ok()) << outcomes.status();
  EXPECT_EQ((*outcomes)[0].code(), absl::StatusCode::kAborted);
  EXPECT_TRUE((*outcomes)[1].ok());
  EXPECT_EQ(JobState("b000000000000001"), "running");
  EXPECT_EQ(JobState("b000000000000002"), "done");
  EXPECT_EQ(*queue.ReportState("b000000000000001"), v1::REPORT_STATE_PENDING);
  EXPECT_EQ(*queue.ReportState("b000000000000002"), v1::REPORT_STATE_EXTRACTED);
  ASSERT_TRUE(
      pool_
          ->WithTransaction([](pqxx::work& work) {
            EXPECT_EQ(work.exec1("SELECT count(*) FROM records")[0].as<int>(), 1);
            EXPECT_EQ(work.exec1("SELECT published_on::text FROM records")[0].as<std::string>(),
                      "2022-01-15");
            EXPECT_EQ(work.exec1("SELECT title FROM records")[0].as<std::string>(),
                      "某县2021年法治政府建设情况报告");
            EXPECT_EQ(
                work.exec1(
                        "SELECT count(*) FROM indicator_values WHERE report_id = 'b000000000000002'"
                        " AND value = 0.1::float8 + 0.2::float8 AND evidence LIKE '%\"185\"%'")[0]
                    .as<int>(),
                2);
            return absl::OkStatus();
          })
          .ok());
}

TEST_F(JobQueuePgTest, StaleClaimCannotCompleteAfterAnotherWorkerTookOver) {
  AddReport("cccccccccccccccc");
  JobQueue queue(pool_.get(), {});
  auto stale = queue.ClaimNext();
  ASSERT_TRUE(stale.ok() && stale->has_value());
  ExpireLeases();
  auto current = queue.ClaimNext();
  ASSERT_TRUE(current.ok() && current->has_value());
  EXPECT_EQ(queue.Complete(**stale, {}).code(), absl::StatusCode::kAborted);
  EXPECT_TRUE(queue.Complete(**current, {}).ok());
}

TEST_F(JobQueuePgTest, FailuresBackOffThenGoDeadWithTheLastError) {
  AddReport("dddddddddddddddd");
  JobQueue queue(pool_.get(), {.max_attempts = 2});
  auto first = queue.ClaimNext();
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ(*queue.Fail(**first, "boom 1"), v1::REPORT_STATE_PENDING);
  auto during_backoff = queue.ClaimNext();
  ASSERT_TRUE(during_backoff.ok());
  EXPECT_FALSE(during_backoff->has_value()) << "a failed job waits out its backoff";
  ExpireLeases();
  auto second = queue.ClaimNext();
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ(*queue.Fail(**second, "boom 2"), v1::REPORT_STATE_FAILED);
  EXPECT_EQ(JobState("dddddddddddddddd"), "dead");
  ASSERT_TRUE(
      pool_
          ->WithTransaction([](pqxx::work& work) {
            EXPECT_EQ(work.exec1("SELECT last_error FROM extraction_jobs")[0].as<std::string>(),
                      "boom 2");
            EXPECT_EQ(work.exec1("SELECT error FROM reports")[0].as<std::string>(), "boom 2");
            return absl::OkStatus();
          })
          .ok());
}

TEST_F(JobQueuePgTest, BackoffDoublesAndIsCapped) {
  JobQueue queue(pool_.get(),
                 {.first_backoff = absl::Seconds(2), .max_backoff = absl::Seconds(10)});
  EXPECT_EQ(queue.BackoffAfter(1), absl::Seconds(2));
  EXPECT_EQ(queue.BackoffAfter(2), absl::Seconds(4));
  EXPECT_EQ(queue.BackoffAfter(5), absl::Seconds(10));
}

TEST_F(JobQueuePgTest, TextsReadByAnotherConverterAreRequeuedAndReadAgainFromTheirOriginals) {
  const std::string id = "d000000000000001";
  AddReport(id);
  JobQueue queue(pool_.get(), {});
  auto first = queue.ClaimReport(id);
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_FALSE((*first)->original.has_value()) << "a current text is extracted as stored";
  v1::ExtractedRecord record;
  record.set_extractor_version("x-1");
  record.set_indicator_set_version("i-1");
  ASSERT_TRUE(queue.Complete(**first, record).ok());
  EXPECT_EQ(queue.Requeue(false, "x-1", "i-1")->queued, 0);

  // The text was read by a Poppler and a reader revision this build no longer runs.
  ASSERT_TRUE(pool_
                  ->WithTransaction([&](pqxx::work& work) {
                    work.exec_params0(
                        "UPDATE reports SET converter = 'fazhi-pdf 0 + poppler 0.1.0',"
                        " original = '\\x25504446', file_name = 'r.pdf' WHERE id = $1",
                        id);
                    return absl::OkStatus();
                  })
                  .ok());
  const std::string xid_before = Value("SELECT ingest_xid::text FROM reports WHERE id = $1", id);
  absl::StatusOr<RequeueCounts> queued = queue.Requeue(false, "x-1", "i-1");
  ASSERT_TRUE(queued.ok()) << queued.status();
  EXPECT_EQ(queued->queued, 1);
  EXPECT_EQ(queued->rereads, 1);

  auto again = queue.ClaimReport(id);
  ASSERT_TRUE(again.ok() && again->has_value());
  ASSERT_TRUE((*again)->original.has_value());
  EXPECT_EQ((*again)->original->bytes, "%PDF");
  EXPECT_EQ((*again)->original->file_name, "r.pdf");
  EXPECT_TRUE(queue.ExtendLease(**again, absl::Hours(1)).ok());
  EXPECT_EQ(Value("SELECT (lease_expire_time > now() + interval '59 minutes')::text"
                  " FROM extraction_jobs WHERE report_id = $1",
                  id),
            "true");

  text::ReadText reread{.normalized_text = "新的报告文本",
                        .text_length = 6,
                        .pages = {{.begin = 0, .end = 6, .ocr = true, .ocr_confidence = 90}},
                        .encoding = "UTF-8",
                        .format = "pdf",
                        .converter = formats::PdfConverter(),
                        .normalizer_version = std::string(text::kNormalizerVersion)};
  auto stored = queue.CompleteBatch({{&**again, &record, &reread}});
  ASSERT_TRUE(stored.ok() && stored->front().ok());
  EXPECT_EQ(Value("SELECT normalized_text FROM reports WHERE id = $1", id), "新的报告文本");
  EXPECT_EQ(Value("SELECT text_length::text FROM reports WHERE id = $1", id), "6");
  EXPECT_EQ(Value("SELECT converter FROM reports WHERE id = $1", id), formats::PdfConverter());
  EXPECT_EQ(Value("SELECT pages->0->>'ocr' FROM reports WHERE id = $1", id), "true");
  EXPECT_NE(Value("SELECT ingest_xid::text FROM reports WHERE id = $1", id), xid_before)
      << "query replicas follow ingest_xid: the new text must get a new one";
  EXPECT_EQ(queue.Requeue(false, "x-1", "i-1")->queued, 0) << "now current";
}

TEST_F(JobQueuePgTest, ALeaseCanBeExtendedOnlyByTheCurrentClaim) {
  AddReport("d000000000000002");
  JobQueue queue(pool_.get(), {});
  auto first = queue.ClaimNext();
  ASSERT_TRUE(first.ok() && first->has_value());
  ExpireLeases();
  auto second = queue.ClaimNext();
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ(queue.ExtendLease(**first, absl::Minutes(5)).code(), absl::StatusCode::kAborted);
  EXPECT_TRUE(queue.ExtendLease(**second, absl::Minutes(5)).ok());
}

TEST_F(JobQueuePgTest, RequeueingAnUnknownReportIsNotFoundAndRequeuesNothing) {
  AddReport("e000000000000001");
  JobQueue queue(pool_.get(), {});
  ASSERT_TRUE(queue.ClaimNext().ok());
  ExpireLeases();
  absl::StatusOr<int64_t> requeued =
      queue.RequeueJobs({"e000000000000001", "0000000000000000"}, "");
  EXPECT_EQ(requeued.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(requeued.status().message().find("reports/0000000000000000"), std::string::npos);
}

TEST_F(JobQueuePgTest, UnknownReportIsNotFound) {
  JobQueue queue(pool_.get(), {});
  EXPECT_EQ(queue.ReportState("eeeeeeeeeeeeeeee").status().code(), absl::StatusCode::kNotFound);
}

// Issue 20: a job whose worker was killed mid-way seven times reached `running, attempts 7`
// (limit 5) and never went dead: the claim did not count.
TEST_F(JobQueuePgTest, AJobAbandonedOnItsLastAttemptGoesDeadSayingWhatHappened) {
  AddReport("d000000000000001");
  JobQueue queue(pool_.get(), {.max_attempts = 3});
  for (int attempt = 1; attempt <= 3; ++attempt) {
    auto job = queue.ClaimNext();
    ASSERT_TRUE(job.ok() && job->has_value()) << "attempt " << attempt;
    EXPECT_EQ((*job)->attempt, attempt);
    ExpireLeases();  // its worker was killed
  }
  auto none = queue.ClaimNext();
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(JobState("d000000000000001"), "dead");
  EXPECT_EQ(
      Value("SELECT attempts::text FROM extraction_jobs WHERE report_id = $1", "d000000000000001"),
      "3");
  std::string error =
      Value("SELECT last_error FROM extraction_jobs WHERE report_id = $1", "d000000000000001");
  EXPECT_NE(error.find("attempt 3 of 3"), std::string::npos) << error;
  EXPECT_NE(error.find("lease expired"), std::string::npos) << error;
  EXPECT_EQ(Value("SELECT state FROM reports WHERE id = $1", "d000000000000001"), "failed");
}

TEST_F(JobQueuePgTest, AbandonedJobsAreClaimedOneByOneBeforeAnyBatch) {
  for (const char* id : {"e000000000000001", "e000000000000002", "e000000000000003"}) AddReport(id);
  JobQueue queue(pool_.get(), {});
  auto batch = queue.ClaimBatch(16);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_EQ(batch->size(), 3u);
  ExpireLeases();  // the worker died holding all three
  AddReport("e000000000000004");
  for (int i = 0; i < 3; ++i) {
    auto alone = queue.ClaimBatch(16);
    ASSERT_TRUE(alone.ok()) << alone.status();
    ASSERT_EQ(alone->size(), 1u) << "claim " << i;
    EXPECT_EQ(alone->front().attempt, 2);
  }
  auto pending = queue.ClaimBatch(16);
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().report_id, "e000000000000004");
}

TEST_F(JobQueuePgTest, LeasesOfJobsBeingWorkedOnAreRenewedUntilReleased) {
  AddReport("f000000000000001");
  JobQueue queue(pool_.get(), {.lease = absl::Seconds(1)});
  LeaseKeeper keeper(&queue, absl::Milliseconds(250));
  auto claimed = queue.ClaimBatch(16);
  ASSERT_TRUE(claimed.ok() && claimed->size() == 1u) << claimed.status();
  {
    LeaseKeeper::Hold hold = keeper.Keep(*claimed);
    for (int i = 0; i < 5; ++i) {  // 2.5 s, well past the 1 s lease
      absl::SleepFor(absl::Milliseconds(500));
      auto other = queue.ClaimBatch(16);
      ASSERT_TRUE(other.ok()) << other.status();
      EXPECT_TRUE(other->empty()) << "claimed by another worker after " << (i + 1) * 500 << " ms";
    }
  }
  absl::SleepFor(absl::Milliseconds(1500));  // released: the lease runs out
  auto again = queue.ClaimBatch(16);
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(again->front().attempt, 2);
}

}  // namespace
}  // namespace fazhi::extraction
