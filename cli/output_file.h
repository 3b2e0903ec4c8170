// Where a command writes its result: standard output, or the file `--out FILE` names (`-` is
// standard output). CSV written to a file whose name ends in .csv starts with a UTF-8
// byte-order mark, so that Excel reads its Chinese as UTF-8 rather than the system code page;
// --bom and --no-bom decide either way. Nothing else gets a mark unless --bom asks for one.
//
//   absl::StatusOr<OutputFile> out = OutputFile::Open(line, /*csv=*/true);
//   out->stream() << text::CsvLine({"name", "title"});
//   absl::Status written = out->Close();
#ifndef FAZHI_CLI_OUTPUT_FILE_H_
#define FAZHI_CLI_OUTPUT_FILE_H_

#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cli/command_line.h"

namespace fazhi::cli {

inline constexpr char kUtf8ByteOrderMark[] = "\xEF\xBB\xBF";

// The options of a command that writes to --out; --bom and --no-bom only where it writes CSV.
inline constexpr OptionSpec kOutOption{
    "out", "FILE", "write to FILE instead of standard output (- is standard output)"};
inline constexpr OptionSpec kBomOption{
    "bom", "", "start CSV with a UTF-8 byte-order mark (the default for --out *.csv)"};
inline constexpr OptionSpec kNoBomOption{"no-bom", "", "no byte-order mark, even for --out *.csv"};

// Whether output to `out_path` ("" or "-" for standard output) starts with the mark.
bool WantsByteOrderMark(std::string_view out_path, bool csv, bool bom, bool no_bom);

class OutputFile final {
 public:
  // INVALID_ARGUMENT for --bom with --no-bom; NOT_FOUND when the file cannot be created.
  static absl::StatusOr<OutputFile> Open(const CommandLine& line, bool csv);

  std::ostream& stream();
  bool is_stdout() const { return file_ == nullptr; }
  const std::string& path() const { return path_; }  // "-" for standard output
  // Flushes; DATA_LOSS when a write failed (a full disk).
  absl::Status Close();

 private:
  std::string path_ = "-";
  std::unique_ptr<std::ofstream> file_;  // null: standard output
};

// OutputFile::Open's error as the command's exit: a usage error (2) for conflicting options, a
// failure (1) for a file that cannot be written.
int ReportOutputError(std::string_view command, const absl::Status& status);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_OUTPUT_FILE_H_
