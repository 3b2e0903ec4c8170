#include "cli/ingest_manifest.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/text/csv.h"

namespace fazhi::cli {
namespace {

namespace fs = std::filesystem;

std::string Key(const fs::path& file) {
  std::error_code error;
  fs::path absolute = fs::absolute(file, error);
  return (error ? file : absolute).lexically_normal().string();
}

int Column(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

}  // namespace

absl::StatusOr<IngestManifest> IngestManifest::Read(const fs::path& manifest) {
  std::ifstream in(manifest, std::ios::binary);
  if (!in)
    return absl::NotFoundError(absl::StrCat(manifest.string(), ": cannot read the manifest"));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto invalid = [&](const std::string& what) {
    return absl::InvalidArgumentError(absl::StrCat(manifest.string(), ": ", what));
  };
  absl::StatusOr<std::vector<std::vector<std::string>>> records = text::ParseCsv(bytes.str());
  if (!records.ok()) return invalid(std::string(records.status().message()));
  if (records->empty())
    return invalid("empty; the first line names the columns: file,source_url,retrieved_time");
  const std::vector<std::string>& header = records->front();
  int file_column = Column(header, "file");
  int url_column = Column(header, "source_url");
  int time_column = Column(header, "retrieved_time");
  if (file_column < 0 || url_column < 0) {
    return invalid(
        "the first line must name the columns file and source_url (and optionally retrieved_time)");
  }
  IngestManifest result;
  result.path_ = manifest;
  const fs::path folder = manifest.parent_path();
  for (size_t row = 1; row < records->size(); ++row) {
    const std::vector<std::string>& fields = (*records)[row];
    const int line = static_cast<int>(row) + 1;  // blank lines are not counted
    auto field = [&](int column) {
      return column >= 0 && column < static_cast<int>(fields.size()) ? fields[column] : "";
    };
    std::string file = field(file_column);
    if (file.empty()) return invalid(absl::StrCat("row ", line, ": the file column is empty"));
    FileSource source{field(url_column), std::nullopt};
    if (std::string time = field(time_column); !time.empty()) {
      absl::Time parsed;
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, time, &parsed, &error)) {
        return invalid(absl::StrCat("row ", line, ": retrieved_time '", time,
                                    "' is not RFC 3339 (2024-03-01T08:00:00+08:00): ", error));
      }
      source.retrieved_time = parsed;
    }
    fs::path path = folder / fs::path(file);
    if (!result.by_file_.emplace(Key(path), std::move(source)).second) {
      return invalid(absl::StrCat("row ", line, ": '", file, "' is listed twice"));
    }
    result.rows_.emplace_back(line, path);
  }
  return result;
}

const FileSource* IngestManifest::Find(const fs::path& file) const {
  auto it = by_file_.find(Key(file));
  return it == by_file_.end() ? nullptr : &it->second;
}

std::vector<std::string> IngestManifest::MissingFiles() const {
  std::vector<std::string> missing;
  for (const auto& [line, path] : rows_) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
      missing.push_back(absl::StrCat(path_.string(), " row ", line, ": no file ", path.string()));
    }
  }
  return missing;
}

}  // namespace fazhi::cli
