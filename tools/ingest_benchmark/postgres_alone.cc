#include "tools/ingest_benchmark/postgres_alone.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/text/read_document.h"
#include "tools/query_benchmark/copy_rows.h"

namespace fazhi::ingest_benchmark {
namespace {

constexpr char kTable[] = "ingest_benchmark_postgres_alone";

// One COPY line per document: its number, original bytes and normalized text.
absl::StatusOr<std::vector<std::string>> CopyLines(const std::vector<std::string_view>& documents) {
  std::vector<std::string> lines(documents.size());
  std::vector<absl::Status> errors(documents.size());
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (size_t i = t; i < documents.size(); i += threads) {
        absl::StatusOr<text::ReadText> read = text::ReadDocument(documents[i], {});
        if (!read.ok()) {
          errors[i] = read.status();
          continue;
        }
        lines[i] = absl::StrCat(i, "\t", query_benchmark::ByteaField(documents[i]), "\t",
                                query_benchmark::CopyField(read->normalized_text));
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (const absl::Status& error : errors) {
    if (!error.ok()) return error;
  }
  return lines;
}

void CopyBatch(pqxx::connection& connection, const std::vector<std::string>& lines, size_t first,
               size_t end) {
  pqxx::work work(connection);
  query_benchmark::CopyLines(work, kTable, "id, original, normalized_text", [&](auto& copy) {
    for (size_t i = first; i < end; ++i) copy.write_raw_line(lines[i]);
  });
  work.commit();
}

}  // namespace

absl::StatusOr<PostgresAloneResult> StorePostgresAlone(
    const std::string& database_url, const std::vector<std::string_view>& documents,
    const PostgresAloneOptions& options) {
  absl::StatusOr<std::vector<std::string>> lines = CopyLines(documents);
  if (!lines.ok()) return lines.status();
  PostgresAloneResult result;
  try {
    pqxx::connection admin(database_url);
    pqxx::nontransaction(admin).exec0(
        absl::StrCat("DROP TABLE IF EXISTS ", kTable, "; CREATE TABLE ", kTable,
                     " (id bigint PRIMARY KEY, original bytea COMPRESSION lz4,"
                     " normalized_text text COMPRESSION lz4)"));
    std::vector<std::unique_ptr<pqxx::connection>> connections;
    for (int c = 0; c < options.connections; ++c) {
      connections.push_back(std::make_unique<pqxx::connection>(database_url));
    }
    std::atomic<size_t> next{0};
    std::mutex error_mutex;
    std::string error;
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> writers;
    for (auto& connection : connections) {
      writers.emplace_back([&, conn = connection.get()] {
        size_t batch = static_cast<size_t>(std::max(1, options.batch));
        for (size_t first; (first = next.fetch_add(batch)) < lines->size();) {
          try {
            CopyBatch(*conn, *lines, first, std::min(first + batch, lines->size()));
          } catch (const std::exception& failure) {
            std::lock_guard lock(error_mutex);
            error = failure.what();
            next = lines->size();
          }
        }
      });
    }
    for (std::thread& writer : writers) writer.join();
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    pqxx::nontransaction(admin).exec0(absl::StrCat("DROP TABLE ", kTable));
    if (!error.empty()) return absl::InternalError(absl::StrCat("COPY: ", error));
  } catch (const std::exception& failure) {
    return absl::UnavailableError(absl::StrCat("PostgreSQL alone: ", failure.what()));
  }
  result.reports = static_cast<int64_t>(documents.size());
  result.reports_per_second = result.seconds > 0 ? result.reports / result.seconds : 0;
  return result;
}

}  // namespace fazhi::ingest_benchmark
