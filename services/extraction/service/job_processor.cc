#include "services/extraction/service/job_processor.h"

#include <algorithm>
#include <exception>
#include <string>

#include "absl/time/clock.h"
#include "common/logging/logging.h"
#include "common/metrics/registry.h"
#include "common/metrics/stage_timer.h"
#include "services/extraction/service/record_proto.h"

namespace fazhi::extraction {

std::optional<text::ReadText> JobProcessor::Reread(const ClaimedJob& job) {
  if (absl::Status extended = queue_->ExtendLease(job, queue_->options().reread_lease);
      !extended.ok()) {
    LogEvent(spdlog::level::warn, "reread_skipped",
             {{"report", job.report_id}, {"error", std::string(extended.message())}});
    return std::nullopt;
  }
  metrics::StageTimer timer(kStageMetric, "reread");
  text::DecodeOptions options;
  options.file_name = job.original->file_name;
  options.content_type = job.original->content_type;
  options.max_bytes = std::max(options.max_bytes, job.original->bytes.size());  // archived already
  absl::StatusOr<text::ReadText> read = text::ReadDocument(job.original->bytes, options);
  if (!read.ok()) {
    // The stored text stays valid evidence; the next re-extraction tries again.
    LogEvent(spdlog::level::warn, "reread_failed",
             {{"report", job.report_id}, {"error", read.status().ToString()}});
    return std::nullopt;
  }
  LogEvent(spdlog::level::info, "reread",
           {{"report", job.report_id}, {"converter", read->converter}});
  return *std::move(read);
}

absl::StatusOr<v1::ReportState> JobProcessor::Extract(const ClaimedJob& job,
                                                      v1::ExtractedRecord* record,
                                                      std::optional<text::ReadText>* reread) {
  if (job.original.has_value()) *reread = Reread(job);
  metrics::Registry& metrics = metrics::Registry::Default();
  absl::Time start = absl::Now();
  try {
    *record = RecordToProto(reread->has_value()
                                ? extractor_->Extract((*reread)->normalized_text,
                                                      (*reread)->code_points, (*reread)->pages)
                                : extractor_->Extract(job.text, job.pages));
    double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    metrics
        .GetHistogram("fazhi_extraction_duration_seconds",
                      "Time the extractor took per report (without database work)",
                      metrics::LatencyBuckets())
        ->Observe(seconds);
    metrics::ObserveStage(kStageMetric, "extract", seconds);
    return v1::REPORT_STATE_EXTRACTED;
  } catch (const std::exception& error) {
    metrics
        .GetCounter("fazhi_extraction_failures_total",
                    "Extractor runs that failed (the job is retried or dead)")
        ->Increment();
    // The extractor has no expected failures; an exception is a bug worth a retry and a log.
    std::string message = std::string("extractor failed: ") + error.what();
    LogEvent(spdlog::level::err, "extraction_failed",
             {{"report", job.report_id}, {"error", message}});
    return queue_->Fail(job, message);
  }
}

absl::StatusOr<v1::ReportState> JobProcessor::Process(const ClaimedJob& job) {
  absl::StatusOr<std::vector<v1::ReportState>> states = ProcessBatch({job});
  if (!states.ok()) return states.status();
  return states->front();
}

absl::StatusOr<std::vector<v1::ReportState>> JobProcessor::ProcessBatch(
    const std::vector<ClaimedJob>& jobs) {
  std::vector<v1::ReportState> states(jobs.size());
  std::vector<v1::ExtractedRecord> records(jobs.size());
  std::vector<std::optional<text::ReadText>> rereads(jobs.size());
  std::vector<FinishedJob> finished;
  std::vector<size_t> finished_index;
  for (size_t i = 0; i < jobs.size(); ++i) {
    absl::StatusOr<v1::ReportState> state = Extract(jobs[i], &records[i], &rereads[i]);
    if (!state.ok()) return state.status();
    states[i] = *state;
    if (*state == v1::REPORT_STATE_EXTRACTED) {
      finished.push_back({&jobs[i], &records[i], rereads[i].has_value() ? &*rereads[i] : nullptr});
      finished_index.push_back(i);
    }
  }
  metrics::StageTimer store(kStageMetric, "store");
  absl::StatusOr<std::vector<absl::Status>> completed = queue_->CompleteBatch(finished);
  store.Stop();
  if (!completed.ok()) return completed.status();
  for (size_t k = 0; k < finished.size(); ++k) {
    const absl::Status& outcome = (*completed)[k];
    if (outcome.ok()) continue;
    if (!absl::IsAborted(outcome)) return outcome;
    // Another worker took the job over: report what it has made of it.
    absl::StatusOr<v1::ReportState> state = queue_->ReportState(finished[k].job->report_id);
    if (!state.ok()) return state.status();
    states[finished_index[k]] = *state;
  }
  return states;
}

}  // namespace fazhi::extraction
