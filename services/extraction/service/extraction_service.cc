#include "services/extraction/service/extraction_service.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/archive/report_names.h"
#include "common/paging/page_token.h"
#include "common/server/call_deadline.h"
#include "common/status/grpc_status.h"
#include "common/status/quoted_input.h"
#include "common/text/decode.h"
#include "services/extraction/service/record_proto.h"

namespace fazhi::extraction {
namespace {

using google::protobuf::util::TimeUtil;

constexpr absl::Duration kOtherWorkerCheck = absl::Milliseconds(200);

absl::Status CheckJobState(const std::string& state) {
  for (const char* known : {"", "pending", "running", "done", "dead"}) {
    if (state == known) return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("state '", QuotedInput(state), "' is not one of pending, running, done, dead"));
}

}  // namespace

JobQueue ExtractionServiceImpl::QueueFor(const grpc::ServerContext& context) const {
  return queue_->WithDeadline(CallDeadline(context));
}

absl::StatusOr<v1::ReportState> ExtractionServiceImpl::ExtractNow(grpc::ServerContext* context,
                                                                  const std::string& report_id) {
  JobQueue queue = QueueFor(*context);
  absl::StatusOr<std::optional<ClaimedJob>> job = queue.ClaimReport(report_id);
  if (!job.ok()) return job.status();
  if (job->has_value()) return JobProcessor(extractor_, &queue).Process(**job);
  // Not claimable: already done or dead, or a worker is extracting it right now; then wait for
  // the worker (within the caller's deadline) so the answer means what it says. A worker of this
  // process wakes the wait when it finishes a job; one of another replica is noticed within
  // kOtherWorkerCheck.
  const absl::Time deadline = CallDeadline(*context);
  while (true) {
    const int64_t finished = queue.finished().count();
    absl::StatusOr<v1::ReportState> state = queue.ReportState(report_id);
    if (!state.ok() || *state != v1::REPORT_STATE_PENDING) return state;
    if (context->IsCancelled() || absl::Now() + kOtherWorkerCheck > deadline) return state;
    queue.finished().WaitForMore(finished, absl::Now() + kOtherWorkerCheck);
  }
}

grpc::Status ExtractionServiceImpl::ExtractReport(grpc::ServerContext* context,
                                                  const v1::ExtractReportRequest* request,
                                                  v1::ExtractReportResponse* response) {
  absl::StatusOr<std::string> id = ParseReportName(request->name());
  if (!id.ok()) return ToGrpcStatus(id.status());
  absl::StatusOr<v1::ReportState> state = ExtractNow(context, *id);
  if (!state.ok()) return ToGrpcStatus(state.status());
  response->set_name(ReportName(*id));
  response->set_state(*state);
  response->set_extractor_version(std::string(Extractor::kExtractorVersion));
  return grpc::Status::OK;
}

grpc::Status ExtractionServiceImpl::ExtractText(grpc::ServerContext* context,
                                                const v1::ExtractTextRequest* request,
                                                v1::ExtractTextResponse* response) {
  text::DecodeOptions options;
  options.file_name = request->file_name();
  options.content_type = request->content_type();
  options.max_bytes = max_document_bytes_;
  absl::StatusOr<ExtractedDocument> extracted =
      extractor_->ExtractFromBytes(request->content(), options);
  if (!extracted.ok()) return ToGrpcStatus(extracted.status());
  *response->mutable_record() = RecordToProto(extracted->record);
  response->set_normalized_text(std::move(extracted->normalized_text));
  return grpc::Status::OK;
}

grpc::Status ExtractionServiceImpl::ReextractReports(grpc::ServerContext* context,
                                                     const v1::ReextractReportsRequest* request,
                                                     v1::ReextractReportsResponse* response) {
  std::string indicator_version = extractor_->indicator_set().version();
  absl::StatusOr<RequeueCounts> queued =
      QueueFor(*context).Requeue(request->all(), Extractor::kExtractorVersion, indicator_version);
  if (!queued.ok()) return ToGrpcStatus(queued.status());
  response->set_queued_count(queued->queued);
  response->set_reread_count(queued->rereads);
  response->set_extractor_version(std::string(Extractor::kExtractorVersion));
  response->set_indicator_set_version(indicator_version);
  return grpc::Status::OK;
}

grpc::Status ExtractionServiceImpl::ListJobs(grpc::ServerContext* context,
                                             const v1::ListJobsRequest* request,
                                             v1::ListJobsResponse* response) {
  if (absl::Status valid = CheckJobState(request->state()); !valid.ok()) return ToGrpcStatus(valid);
  absl::StatusOr<int> limit = paging::PageSize(request->page_size(), 100, 1000);
  if (!limit.ok()) return ToGrpcStatus(limit.status());
  // Jobs are listed in report order; the cursor is the last report of the page.
  const uint64_t fingerprint = paging::Fingerprint({"jobs", request->state()});
  std::string after_id;
  if (!request->page_token().empty()) {
    absl::StatusOr<paging::PageCursor> cursor =
        paging::DecodePageToken(request->page_token(), fingerprint);
    if (!cursor.ok()) return ToGrpcStatus(cursor.status());
    absl::StatusOr<std::string> id = ParseReportName(cursor->last_id);
    if (!id.ok()) return ToGrpcStatus(absl::InvalidArgumentError("page_token is malformed"));
    after_id = *id;
  }
  int64_t total = 0;
  absl::StatusOr<std::vector<JobInfo>> jobs =
      QueueFor(*context).List(request->state(), after_id, *limit + 1, &total);
  if (!jobs.ok()) return ToGrpcStatus(jobs.status());
  for (size_t i = 0; i < jobs->size() && i < static_cast<size_t>(*limit); ++i) {
    const JobInfo& job = (*jobs)[i];
    v1::ExtractionJob* out = response->add_jobs();
    out->set_report(ReportName(job.report_id));
    out->set_state(job.state);
    out->set_attempts(job.attempts);
    out->set_last_error(job.last_error);
    *out->mutable_next_attempt_time() = TimeUtil::MillisecondsToTimestamp(job.next_attempt_millis);
    *out->mutable_update_time() = TimeUtil::MillisecondsToTimestamp(job.update_millis);
  }
  if (jobs->size() > static_cast<size_t>(*limit)) {
    response->set_next_page_token(paging::EncodePageToken(
        {.fingerprint = fingerprint, .last_id = ReportName((*jobs)[*limit - 1].report_id)}));
  }
  response->set_total_size(total);
  return grpc::Status::OK;
}

grpc::Status ExtractionServiceImpl::RequeueJobs(grpc::ServerContext* context,
                                                const v1::RequeueJobsRequest* request,
                                                v1::RequeueJobsResponse* response) {
  if (absl::Status valid = CheckJobState(request->state()); !valid.ok()) return ToGrpcStatus(valid);
  std::vector<std::string> ids;
  for (const std::string& name : request->names()) {
    absl::StatusOr<std::string> id = ParseReportName(name);
    if (!id.ok()) return ToGrpcStatus(id.status());
    ids.push_back(*id);
  }
  if (ids.empty() && request->state().empty()) {
    return ToGrpcStatus(absl::InvalidArgumentError("give report names or a state to requeue"));
  }
  absl::StatusOr<int64_t> requeued = QueueFor(*context).RequeueJobs(ids, request->state());
  if (!requeued.ok()) return ToGrpcStatus(requeued.status());
  response->set_requeued_count(*requeued);
  return grpc::Status::OK;
}

}  // namespace fazhi::extraction
