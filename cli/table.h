// Plain-text tables for the CLI's default output, aligned by display width (CJK characters take
// two columns in a terminal).
//
//   Table table({"NAME", "YEAR", "JURISDICTION"});
//   table.AddRow({"reports/3ec5…", "2021", "炉霍县"});
//   std::cout << table.Render();
#ifndef FAZHI_CLI_TABLE_H_
#define FAZHI_CLI_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fazhi::cli {

class Table final {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  std::string Render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Columns the text takes in a terminal: 2 for East Asian wide characters, 1 otherwise.
int DisplayWidth(std::string_view utf8);

// Cuts the text to at most `max_columns` display columns, ending with "…" when cut.
std::string TruncateToWidth(std::string_view utf8, int max_columns);

// At most `max_columns` display columns of the text centred on the code points [focus_begin,
// focus_end), with "…" where it was cut on either side; a focus wider than that keeps its start.
//   WindowAround("全年共受理行政复议案件128件，同比增长", 11, 14, 16) == "…议案件128件，…"
std::string WindowAround(std::string_view utf8, int64_t focus_begin, int64_t focus_end,
                         int max_columns);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_TABLE_H_
