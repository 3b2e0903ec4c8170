// The `fazhi` command-line client's commands, as one table that drives parsing, help and shell
// completion: each command declares its arguments, options, summary and examples once. A
// command's run function gets its parsed arguments, prints results to stdout and errors to
// stderr, and returns the process exit code: 0 on success, 1 when the operation failed, 2 for a
// usage error.
//
//   const CommandSpec* list = FindCommand("list");
//   absl::StatusOr<CommandLine> line = CommandLine::Parse(args, list->options);
//   return list->run(settings, *line);
#ifndef FAZHI_CLI_COMMANDS_H_
#define FAZHI_CLI_COMMANDS_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "cli/command_line.h"
#include "common/config/settings.h"

namespace fazhi::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct CommandSpec {
  std::string_view name;
  // Positional arguments in the usage line: "PHRASE", "PATH..."; empty: it takes none.
  std::string_view arguments;
  std::string_view summary;      // one line in the command list
  std::string_view description;  // a paragraph of its own help; may be empty
  std::span<const OptionSpec> options;
  std::span<const std::string_view> examples;
  // Words its first argument may be (`indicators list`), offered by shell completion.
  std::span<const std::string_view> verbs;
  int (*run)(const Settings& settings, const CommandLine& line);
};

// Every command, in the order the help lists them.
std::span<const CommandSpec> AllCommands();
const CommandSpec* FindCommand(std::string_view name);

// "usage: fazhi search PHRASE [options]".
std::string UsageLine(const CommandSpec& command);

// Prints "fazhi NAME: MESSAGE", the command's usage line and how to get its help to stderr;
// returns kExitUsage.
int UsageError(std::string_view command, absl::string_view message);

int RunIngest(const Settings& settings, const CommandLine& line);
int RunGet(const Settings& settings, const CommandLine& line);
int RunList(const Settings& settings, const CommandLine& line);
int RunSearch(const Settings& settings, const CommandLine& line);
int RunFacets(const Settings& settings, const CommandLine& line);
int RunIndicators(const Settings& settings, const CommandLine& line);
int RunIndicatorsList(const Settings& settings,
                      const CommandLine& line);  // `indicators list`, offline
int RunExport(const Settings& settings, const CommandLine& line);
int RunExtract(const Settings& settings, const CommandLine& line);
int RunEval(const Settings& settings, const CommandLine& line);
int RunHealth(const Settings& settings, const CommandLine& line);
int RunReextract(const Settings& settings, const CommandLine& line);
int RunJobs(const Settings& settings, const CommandLine& line);
int RunRequeue(const Settings& settings, const CommandLine& line);
int RunWaitReady(const Settings& settings, const CommandLine& line);
int RunWaitExtracted(const Settings& settings, const CommandLine& line);
int RunHelp(const Settings& settings, const CommandLine& line);
int RunCompletion(const Settings& settings, const CommandLine& line);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_COMMANDS_H_
