#include "cli/output_file.h"

#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "common/compat/string_view.h"

namespace fazhi::cli {

bool WantsByteOrderMark(std::string_view out_path, bool csv, bool bom, bool no_bom) {
  if (bom) return true;
  if (no_bom || !csv) return false;
  return absl::EndsWithIgnoreCase(Absl(out_path), ".csv");
}

absl::StatusOr<OutputFile> OutputFile::Open(const CommandLine& line, bool csv) {
  if (line.Has("bom") && line.Has("no-bom"))
    return absl::InvalidArgumentError("give --bom or --no-bom, not both");
  OutputFile out;
  out.path_ = line.Option("out", "-");
  if (out.path_.empty())
    return absl::InvalidArgumentError("--out needs a file name, or - for standard output");
  if (out.path_ != "-") {
    out.file_ = std::make_unique<std::ofstream>(out.path_, std::ios::binary | std::ios::trunc);
    if (!*out.file_) return absl::NotFoundError(absl::StrCat(out.path_, ": cannot write"));
  }
  if (WantsByteOrderMark(out.path_, csv, line.Has("bom"), line.Has("no-bom")))
    out.stream() << kUtf8ByteOrderMark;
  return out;
}

std::ostream& OutputFile::stream() { return file_ ? *file_ : std::cout; }

absl::Status OutputFile::Close() {
  stream().flush();
  bool failed = !stream();
  if (file_) file_->close();
  if (failed || (file_ && !*file_))
    return absl::DataLossError(absl::StrCat(path_, ": write failed"));
  return absl::OkStatus();
}

int ReportOutputError(std::string_view command, const absl::Status& status) {
  if (status.code() == absl::StatusCode::kInvalidArgument)
    return UsageError(command, status.message());
  return ReportError(status);
}

}  // namespace fazhi::cli
