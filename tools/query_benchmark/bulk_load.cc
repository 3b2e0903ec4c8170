#include "tools/query_benchmark/bulk_load.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <pqxx/tablewriter>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/compat/string_view.h"
#include "common/db/migrations.h"
#include "services/extraction/extractor/extractor.h"
#include "tools/corpus_generator/corpus_generator.h"
#include "tools/query_benchmark/copy_rows.h"

namespace fazhi::query_benchmark {
namespace {

// The tables a load writes, in foreign-key order.
constexpr std::string_view kLoadedTables[] = {"reports", "extraction_jobs", "records",
                                              "indicator_values"};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Prepared reports from the worker threads to the writer; bounded so workers wait for COPY.
class RowQueue final {
 public:
  explicit RowQueue(size_t capacity) : capacity_(capacity) {}

  void Push(ArchiveRows rows) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(rows));
    not_empty_.notify_one();
  }

  // Up to `max` items; fewer only when every producer has finished.
  std::vector<ArchiveRows> PopBatch(size_t max) {
    std::vector<ArchiveRows> batch;
    std::unique_lock lock(mutex_);
    while (batch.size() < max) {
      not_empty_.wait(lock, [&] { return !items_.empty() || producers_done_; });
      if (items_.empty()) break;
      batch.push_back(std::move(items_.front()));
      items_.pop_front();
      not_full_.notify_one();
    }
    return batch;
  }

  void ProducersDone() {
    std::lock_guard lock(mutex_);
    producers_done_ = true;
    not_empty_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<ArchiveRows> items_;
  bool producers_done_ = false;
};

// One COPY per table, the rows of a batch, in one transaction.
void CopyBatch(pqxx::connection& connection, const std::vector<ArchiveRows>& batch) {
  pqxx::work work(connection);
  auto copy = [&](std::string_view table, std::string_view columns, auto&& write_rows) {
    CopyLines(work, table, columns, write_rows);
  };
  copy("reports", ReportColumnList(), [&](pqxx::tablewriter& s) {
    for (const ArchiveRows& rows : batch) s.write_raw_line(rows.report);
  });
  copy("extraction_jobs", kJobColumns, [&](pqxx::tablewriter& s) {
    for (const ArchiveRows& rows : batch) s.write_raw_line(rows.job);
  });
  copy("records", RecordColumnList(), [&](pqxx::tablewriter& s) {
    for (const ArchiveRows& rows : batch) s.write_raw_line(rows.record);
  });
  copy("indicator_values", IndicatorColumnList(), [&](pqxx::tablewriter& s) {
    for (const ArchiveRows& rows : batch) {
      for (const std::string& line : rows.indicators) s.write_raw_line(line);
    }
  });
  work.commit();
}

// Definitions of the indexes that back no constraint on the loaded tables: dropped for the
// load (COPY into unindexed tables, one sorted build per index after).
std::vector<std::pair<std::string, std::string>> DropSecondaryIndexes(
    pqxx::connection& connection) {
  pqxx::work work(connection);
  std::vector<std::pair<std::string, std::string>> indexes;
  for (std::string_view table : kLoadedTables) {
    pqxx::result rows = work.exec_params(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i"
        " WHERE i.schemaname = 'public' AND i.tablename = $1 AND NOT EXISTS ("
        "   SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)",
        std::string(table));
    for (const pqxx::row& row : rows) {
      indexes.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
      work.exec0("DROP INDEX " + work.quote_name(row[0].as<std::string>()));
    }
  }
  work.commit();
  return indexes;
}

// The ids of the reports already in the archive (a load that adds to it skips them).
std::set<std::string> ArchivedIds(pqxx::connection& connection) {
  pqxx::work work(connection);
  std::set<std::string> ids;
  for (const pqxx::row& row : work.exec("SELECT id FROM reports")) ids.insert(row[0].c_str());
  return ids;
}

}  // namespace

absl::Status ResetArchive(pqxx::connection& connection) {
  try {
    pqxx::work work(connection);
    work.exec0("DROP SCHEMA IF EXISTS public CASCADE");
    work.exec0("CREATE SCHEMA public");
    work.commit();
  } catch (const std::exception& error) {
    return absl::InternalError(absl::StrCat("resetting the database: ", error.what()));
  }
  absl::StatusOr<int> applied = db::ApplyMigrations(connection);
  return applied.ok() ? absl::OkStatus() : applied.status();
}

absl::StatusOr<LoadStats> BulkLoad(pqxx::connection& connection, const LoadOptions& options,
                                   std::ostream& progress) {
  absl::StatusOr<extraction::Extractor> extractor = extraction::Extractor::Load(
      extraction::ExtractorOptionsFromSettings(Settings::FromEnvironment()));
  if (!extractor.ok()) return extractor.status();
  corpus::CorpusGeneratorOptions generator_options;
  generator_options.seed = options.seed;
  absl::StatusOr<corpus::CorpusGenerator> generator =
      corpus::CorpusGenerator::Create(generator_options);
  if (!generator.ok()) return generator.status();

  std::vector<std::pair<std::string, std::string>> indexes;
  try {
    indexes = DropSecondaryIndexes(connection);
    pqxx::nontransaction(connection).exec0("SET synchronous_commit = off");
  } catch (const std::exception& error) {
    return absl::InternalError(absl::StrCat("preparing the load: ", error.what()));
  }

  LoadStats stats;
  std::set<std::string> ids;
  try {
    if (options.first > 0) ids = ArchivedIds(connection);
  } catch (const std::exception& error) {
    return absl::InternalError(absl::StrCat("reading the archived ids: ", error.what()));
  }

  auto start = std::chrono::steady_clock::now();
  RowQueue queue(4 * static_cast<size_t>(options.batch));
  const int64_t end = options.first + options.reports;
  std::atomic<int64_t> next{options.first};
  std::mutex error_mutex;
  absl::Status worker_error;
  std::vector<std::thread> workers;
  std::atomic<int> running{options.threads};
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back([&] {
      for (int64_t sequence; (sequence = next++) < end;) {
        absl::StatusOr<ArchiveRows> rows =
            PrepareArchiveRows(generator->Generate(sequence), *extractor);
        if (!rows.ok()) {
          std::lock_guard lock(error_mutex);
          worker_error = rows.status();
          next = end;  // stop everyone
          break;
        }
        queue.Push(std::move(*rows));
      }
      if (--running == 0) queue.ProducersDone();
    });
  }

  int64_t next_progress = std::max<int64_t>(1, options.reports / 10);
  absl::Status write_error;
  for (std::vector<ArchiveRows> batch; !(batch = queue.PopBatch(options.batch)).empty();) {
    if (!write_error.ok()) continue;  // drain so the workers can finish
    std::vector<ArchiveRows> fresh;
    for (ArchiveRows& rows : batch) {
      if (!ids.insert(rows.id).second) {
        ++stats.duplicates;
        continue;
      }
      stats.indicator_rows += static_cast<int64_t>(rows.indicators.size());
      stats.text_bytes += rows.text_bytes;
      fresh.push_back(std::move(rows));
    }
    try {
      CopyBatch(connection, fresh);
    } catch (const std::exception& error) {
      write_error = absl::InternalError(absl::StrCat("COPY: ", error.what()));
      next = end;
      continue;
    }
    stats.reports += static_cast<int64_t>(fresh.size());
    if (stats.reports + stats.duplicates >= next_progress) {
      double seconds = SecondsSince(start);
      progress << "  loaded " << stats.reports << " reports in " << seconds << " s ("
               << static_cast<int64_t>(stats.reports / seconds) << " reports/s)\n"
               << std::flush;
      next_progress += std::max<int64_t>(1, options.reports / 10);
    }
  }
  for (std::thread& worker : workers) worker.join();
  if (!worker_error.ok()) return worker_error;
  if (!write_error.ok()) return write_error;
  stats.rows_seconds = SecondsSince(start);

  auto index_start = std::chrono::steady_clock::now();
  try {
    pqxx::nontransaction work(connection);
    work.exec0("SET maintenance_work_mem = '512MB'");
    for (const auto& [name, definition] : indexes) {
      auto one_start = std::chrono::steady_clock::now();
      work.exec0(definition);
      progress << "  index " << name << " built in " << SecondsSince(one_start) << " s\n";
    }
  } catch (const std::exception& error) {
    return absl::InternalError(absl::StrCat("rebuilding indexes: ", error.what()));
  }
  stats.index_seconds = SecondsSince(index_start);
  return stats;
}

}  // namespace fazhi::query_benchmark
