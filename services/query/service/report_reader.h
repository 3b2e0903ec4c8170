// Reads reports from the archive for the query service: one by id, pages of a filtered list,
// pages of reports containing a phrase, and the ids of every report matching a search query.
// Read-only; every value reaches SQL as a parameter.
#ifndef FAZHI_SERVICES_QUERY_SERVICE_REPORT_READER_H_
#define FAZHI_SERVICES_QUERY_SERVICE_REPORT_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/admission/admission.h"
#include "common/db/connection_pool.h"
#include "fazhi/v1/query.pb.h"
#include "fazhi/v1/report.pb.h"
#include "services/query/filter/filter.h"
#include "services/query/paging/page_token.h"
#include "services/query/search/query_language.h"
#include "services/query/search/snippets.h"
#include "services/query/service/indexed_archive.h"

namespace fazhi::query {

// How a list is ordered: a sort key (SQL) and a direction; ties broken by report id.
struct ListOrder {
  std::string name;             // as the client wrote it, normalized ("report_year desc")
  std::string key_sql;          // SQL expression of the sort key
  std::string records_key_sql;  // the same over records alone; empty when it needs reports
  std::string key_cast;         // cast of a keyset parameter to the key's type
  bool descending = false;
};

// The time a search spends in each stage (wait_for_index, index, filter, rank, read_rows, and
// snippets: reading the windows of text and cutting them), as a histogram family with a `stage`
// label.
inline constexpr std::string_view kSearchStages = "fazhi_query_search_stage_seconds";

// INVALID_ARGUMENT naming the accepted orders for anything else.
absl::StatusOr<ListOrder> ParseListOrder(std::string_view order_by);

struct ReportPage {
  std::vector<v1::Report> reports;
  std::vector<int64_t> match_counts;               // search only: occurrences per report
  std::vector<std::vector<TextSnippet>> snippets;  // search only: per report, highlighted
  std::optional<PageCursor> next;                  // cursor after the last report, when more follow
  int64_t total_size = 0;
};

class ReportReader final {
 public:
  // Searches are admitted to the archive by `admission`.
  ReportReader(db::ConnectionPool* pool, IndexedArchive* archive, Admission* admission)
      : pool_(pool), archive_(archive), admission_(admission) {}

  // Each read is bounded by `deadline` (the call's): DEADLINE_EXCEEDED when it passes.
  absl::StatusOr<v1::Report> Get(const std::string& id, v1::ReportView view,
                                 absl::Time deadline = absl::InfiniteFuture());

  // The archived original bytes with a content type and a file name to save them under.
  absl::StatusOr<v1::ReportOriginal> Original(const std::string& id,
                                              absl::Time deadline = absl::InfiniteFuture());

  absl::StatusOr<ReportPage> List(const std::string& filter, const ListOrder& order,
                                  const std::optional<PageCursor>& after, int page_size,
                                  v1::ReportView view,
                                  absl::Time deadline = absl::InfiniteFuture());

  // Reports matching a search query (phrases with AND / OR / NOT, see
  // services/query/search/query_language.h), most occurrences first, then by name. The phrase index
  // finds and ranks them; PostgreSQL applies the filter and reads the page's rows and the windows
  // of text its snippets are cut from (never whole texts). RESOURCE_EXHAUSTED when the admission
  // refuses the call (before any database work).
  absl::StatusOr<ReportPage> Search(const std::string& query, const std::string& filter,
                                    const std::optional<PageCursor>& after, int page_size,
                                    const SnippetOptions& snippets,
                                    absl::Time deadline = absl::InfiniteFuture());

  // The ids of every report matching a search query (the syntax of Search), in no order, once
  // the index holds every report committed before the call. INVALID_ARGUMENT for a bad query.
  absl::StatusOr<std::vector<std::string>> MatchingIds(const std::string& query);

 private:
  // A report the index found (its document number) and its occurrences of the query.
  struct RankedHit {
    int64_t rank = 0;
    uint32_t doc = 0;
  };
  // The ids and ranks of one page of hits, the number of hits, and whether more follow.
  struct PageOfHits {
    std::vector<std::string> ids;
    std::vector<int64_t> ranks;
    int64_t total = 0;
    bool more = false;
  };
  // Every report matching the query once the index has caught up with the archive.
  absl::StatusOr<std::vector<RankedHit>> FindHits(const QueryNode& root);
  // The hits that pass the filter (all of them when it is empty).
  absl::StatusOr<std::vector<RankedHit>> ApplyFilter(std::vector<RankedHit> hits,
                                                     const std::string& filter,
                                                     absl::Time deadline);
  // The page of `hits` after `after`, most occurrences first, then by name.
  absl::StatusOr<PageOfHits> RankPage(std::vector<RankedHit> hits,
                                      const std::optional<PageCursor>& after, int page_size);
  // Admits a search of `hits` reports before any database work, by what its page may hold.
  absl::StatusOr<Admission::Ticket> AdmitSearch(int64_t hits,
                                                const std::vector<std::string>& phrases,
                                                const SnippetOptions& options, absl::Time deadline);
  // The reports of `ids` in the basic view, in that order, with their snippets of `phrases`.
  absl::Status ReadHits(const std::vector<std::string>& ids,
                        const std::vector<std::string>& phrases, const SnippetOptions& options,
                        absl::Time deadline, ReportPage* page);

  db::ConnectionPool* pool_;
  IndexedArchive* archive_;
  Admission* admission_;
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_REPORT_READER_H_
