// Parsing of one `fazhi` command's arguments against the options it declares, the way git,
// ripgrep and psql users expect: options before or after positional arguments, `--name value`
// or `--name=value`, `--` ending options, `-h`/`--help` anywhere asking for help.
//
//   constexpr OptionSpec kOptions[] = {{"format", "FORMAT", "table or json", "table|json"},
//                                      {"all", "", "every page"}};
//   absl::StatusOr<CommandLine> line = CommandLine::Parse({"调解", "--all"}, kOptions);
//   line->positional();                     // {"调解"}
//   line->Option("format", "table");        // "table"
#ifndef FAZHI_CLI_COMMAND_LINE_H_
#define FAZHI_CLI_COMMAND_LINE_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace fazhi::cli {

// One option of a command, declared once: the parser, the help and shell completion read it.
struct OptionSpec {
  std::string_view name;   // without the leading "--"
  std::string_view value;  // placeholder of its value in help ("F"); empty for a switch
  std::string_view help;   // one line
  std::string_view choices =
      {};  // "table|json": the only values accepted (and completed); empty: any
  bool takes_value() const { return !value.empty(); }
};

// The choices of an option, split at '|'.
std::vector<std::string_view> Choices(const OptionSpec& option);

class CommandLine final {
 public:
  // INVALID_ARGUMENT for an unknown option (the message lists the valid ones), a missing or
  // unexpected value, a value outside the option's choices, or an option given twice. -h and
  // --help are accepted by every command and win over any such error.
  static absl::StatusOr<CommandLine> Parse(const std::vector<std::string>& args,
                                           std::span<const OptionSpec> options);

  bool help() const { return help_; }
  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(const std::string& name) const { return options_.contains(name); }
  std::string Option(const std::string& name, const std::string& fallback = "") const;
  absl::StatusOr<int> IntOption(const std::string& name, int fallback) const;

 private:
  // Takes args[*i] (an option) and, when it needs one, its value; advances *i past them.
  absl::Status TakeOption(const std::vector<std::string>& args, size_t* i,
                          std::span<const OptionSpec> options);

  bool help_ = false;
  std::vector<std::string> positional_;
  absl::flat_hash_map<std::string, std::string> options_;
};

// A command's arguments with the settings' flags (`--query-addr H:P`, `--query-addr=H:P`,
// `--insecure-token`) taken out, so that they work after the command name as before it:
// `fazhi list --query-addr H:P`. A command's own option of the same name, and everything after
// `--`, stay with the command.
struct SplitArguments {
  std::vector<std::string> settings_flags;  // each as --name=value
  std::vector<std::string> command_args;
};
SplitArguments SplitSettingsFlags(const std::vector<std::string>& args,
                                  std::span<const OptionSpec> options);

// "--filter F, --all, --format table|json": what the command accepts, for error messages.
std::string DescribeOptions(std::span<const OptionSpec> options);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_COMMAND_LINE_H_
