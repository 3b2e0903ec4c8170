#include "services/extraction/service/job_processor.h"

#include <exception>
#include <string>

#include "absl/time/clock.h"
#include "common/logging/logging.h"
#include "common/metrics/registry.h"
#include "services/extraction/service/record_proto.h"

namespace fazhi::extraction {

absl::StatusOr<v1::ReportState> JobProcessor::Process(const ClaimedJob& job) {
  absl::StatusOr<std::string> text = queue_->LoadText(job);
  if (!text.ok()) return text.status();
  v1::ExtractedRecord record;
  metrics::Registry& metrics = metrics::Registry::Default();
  absl::Time start = absl::Now();
  try {
    record = RecordToProto(extractor_->Extract(*text));
    metrics.GetHistogram("fazhi_extraction_duration_seconds",
                         "Time the extractor took per report (without database work)",
                         metrics::LatencyBuckets())
        ->Observe(absl::ToDoubleSeconds(absl::Now() - start));
  } catch (const std::exception& error) {
    metrics.GetCounter("fazhi_extraction_failures_total",
                       "Extractor runs that failed (the job is retried or dead)")
        ->Increment();
    // The extractor has no expected failures; an exception is a bug worth a retry and a log.
    std::string message = std::string("extractor failed: ") + error.what();
    LogEvent(spdlog::level::err, "extraction_failed",
             {{"report", job.report_id}, {"error", message}});
    return queue_->Fail(job, message);
  }
  if (absl::Status stored = queue_->Complete(job, record); !stored.ok()) {
    if (absl::IsAborted(stored)) return queue_->ReportState(job.report_id);
    return stored;
  }
  return v1::REPORT_STATE_EXTRACTED;
}

}  // namespace fazhi::extraction
