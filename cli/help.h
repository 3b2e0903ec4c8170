// The `fazhi` help texts, all rendered from the command table (cli/commands.h) and the settings
// table (common/config/settings.h): a short global help listing the commands one line each, each
// command's usage with its options and examples, the long list of settings, and the version.
//
//   std::cout << GlobalHelp();                       // fazhi, fazhi -h, fazhi help
//   std::cout << CommandHelp(*FindCommand("list"));  // fazhi list --help, fazhi help list
//   std::cout << SettingsHelp();                     // fazhi help settings
#ifndef FAZHI_CLI_HELP_H_
#define FAZHI_CLI_HELP_H_

#include <string>

#include "cli/commands.h"

namespace fazhi::cli {

std::string GlobalHelp();
std::string CommandHelp(const CommandSpec& command);
std::string SettingsHelp();
// "fazhi 0.1.0": the project version CMake declares.
std::string VersionLine();

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_HELP_H_
