// Parsing of one `fazhi` subcommand's arguments: positional arguments and `--name=value` /
// `--name value` options, checked against the options the command declares.
//
//   absl::StatusOr<CommandLine> line = CommandLine::Parse(args, {"format", "filter"}, {"all"});
//   std::string format = line->Option("format", "table");
#ifndef FAZHI_CLI_COMMAND_LINE_H_
#define FAZHI_CLI_COMMAND_LINE_H_

#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace fazhi::cli {

class CommandLine final {
 public:
  // `valued` options take a value; `switches` do not. INVALID_ARGUMENT names an unknown option.
  static absl::StatusOr<CommandLine> Parse(const std::vector<std::string>& args,
                                           const std::set<std::string>& valued,
                                           const std::set<std::string>& switches = {});

  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(const std::string& name) const { return options_.contains(name); }
  std::string Option(const std::string& name, const std::string& fallback = "") const;
  absl::StatusOr<int> IntOption(const std::string& name, int fallback) const;

 private:
  std::vector<std::string> positional_;
  absl::flat_hash_map<std::string, std::string> options_;
};

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_COMMAND_LINE_H_
