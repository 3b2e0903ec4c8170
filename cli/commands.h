// The `fazhi` command-line client's subcommands. Each takes its arguments (after the command
// name), prints results to stdout and errors to stderr, and returns the process exit code:
// 0 on success, 1 when the operation failed, 2 for a usage error.
#ifndef FAZHI_CLI_COMMANDS_H_
#define FAZHI_CLI_COMMANDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/config/settings.h"

namespace fazhi::cli {

using Args = std::vector<std::string>;

struct Command {
  std::string_view name;
  std::string_view usage;
  int (*run)(const Settings& settings, const Args& args);
};

int RunIngest(const Settings& settings, const Args& args);
int RunGet(const Settings& settings, const Args& args);
int RunList(const Settings& settings, const Args& args);
int RunSearch(const Settings& settings, const Args& args);
int RunFacets(const Settings& settings, const Args& args);
int RunIndicators(const Settings& settings, const Args& args);
int RunExport(const Settings& settings, const Args& args);
int RunExtract(const Settings& settings, const Args& args);
int RunEval(const Settings& settings, const Args& args);
int RunHealth(const Settings& settings, const Args& args);
int RunReextract(const Settings& settings, const Args& args);
int RunJobs(const Settings& settings, const Args& args);
int RunRequeue(const Settings& settings, const Args& args);
int RunWaitReady(const Settings& settings, const Args& args);
int RunWaitExtracted(const Settings& settings, const Args& args);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_COMMANDS_H_
