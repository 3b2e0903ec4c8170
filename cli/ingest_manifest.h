// Where ingested documents came from, given beside them: a `manifest.csv` in a folder passed to
// `fazhi ingest` (or any file named with --manifest) maps each file to its source URL and, when
// known, the time it was retrieved. Paths in the `file` column are relative to the manifest's
// folder; the header names the columns (`file` and `source_url` required, `retrieved_time`, RFC
// 3339, optional), so a spreadsheet can add others. A UTF-8 byte-order mark is skipped.
//
//   file,source_url,retrieved_time
//   2023/report.pdf,https://www.example.gov.cn/art/2024/3/1/art_1.html,2024-03-01T08:00:00+08:00
//
//   absl::StatusOr<IngestManifest> manifest = IngestManifest::Read("scraped/manifest.csv");
//   const FileSource* source = manifest->Find("scraped/2023/report.pdf");
#ifndef FAZHI_CLI_INGEST_MANIFEST_H_
#define FAZHI_CLI_INGEST_MANIFEST_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace fazhi::cli {

inline constexpr char kManifestFileName[] = "manifest.csv";

struct FileSource {
  std::string source_url;
  std::optional<absl::Time> retrieved_time;
};

class IngestManifest final {
 public:
  // INVALID_ARGUMENT, naming the manifest and the line, for a missing column, a row with a
  // file named twice, or a retrieved_time that is not RFC 3339; NOT_FOUND when it cannot be read.
  static absl::StatusOr<IngestManifest> Read(const std::filesystem::path& manifest);

  // The row of `file` (any path to it), or null.
  const FileSource* Find(const std::filesystem::path& file) const;

  // "manifest.csv line 4: no file 'a.txt' in scraped/": rows naming files that do not exist.
  std::vector<std::string> MissingFiles() const;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  absl::flat_hash_map<std::string, FileSource> by_file_;     // by absolute, normalized path
  std::vector<std::pair<int, std::filesystem::path>> rows_;  // line and path of each row
};

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_INGEST_MANIFEST_H_
