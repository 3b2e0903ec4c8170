#include "cli/help.h"

#include <algorithm>
#include <iostream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"

#ifndef FAZHI_VERSION
#error "FAZHI_VERSION is defined by cli/CMakeLists.txt from the project's version"
#endif

namespace fazhi::cli {
namespace {

// The settings a CLI user sets most, shown in the short help; the rest: `fazhi help settings`.
constexpr const Setting* kCliSettings[] = {&kQueryAddr, &kIngestionAddr, &kExtractionAddr,
                                           &kToken,     &kTlsCa,         &kDataDir};

using Rows = std::vector<std::pair<std::string, std::string>>;

// Two columns, the second aligned.
std::string Columns(const Rows& rows) {
  size_t width = 0;
  for (const auto& [left, right] : rows) width = std::max(width, left.size());
  std::string text;
  for (const auto& [left, right] : rows) {
    absl::StrAppend(&text, "  ", left, std::string(width - left.size() + 2, ' '), right, "\n");
  }
  return text;
}

std::string OptionLabel(const OptionSpec& option) {
  return absl::StrCat("--", Absl(option.name), option.takes_value() ? " " : "", Absl(option.value));
}

}  // namespace

std::string GlobalHelp() {
  Rows commands;
  for (const CommandSpec& command : AllCommands()) {
    commands.emplace_back(std::string(command.name), std::string(command.summary));
  }
  Rows global;
  for (const Setting* setting : kCliSettings) {
    global.emplace_back(absl::StrCat("--", Settings::FlagName(*setting), " V"),
                        absl::StrCat(Absl(setting->help), " (", Absl(setting->env), ")"));
  }
  global.emplace_back("--insecure-token",
                      "send FAZHI_TOKEN without TLS, to services on this machine");
  global.emplace_back("--version", "print the version");
  global.emplace_back("-h, --help", "this help");
  return absl::StrCat(
      "usage: fazhi [global options] COMMAND [ARGUMENTS] [options]\n\n"
      "The command line of the fazhi archive of rule-of-law reports.\n\ncommands:\n",
      Columns(commands),
      "\nglobal options, before the command (every setting: fazhi help settings):\n",
      Columns(global),
      "\n`fazhi COMMAND --help` (or `fazhi help COMMAND`) shows a command's options and examples.\n"
      "Options go before or after arguments, as --name value or --name=value; -- ends them.\n"
      "Output is a table; --format json prints one JSON document.\n"
      "Exit status: 0 ok, 1 the operation failed, 2 usage error.\n");
}

std::string CommandHelp(const CommandSpec& command) {
  std::string text = absl::StrCat(UsageLine(command), "\n\n", Absl(command.summary), "\n");
  if (!command.description.empty()) absl::StrAppend(&text, "\n", Absl(command.description), "\n");
  Rows options;
  for (const OptionSpec& option : command.options) {
    options.emplace_back(OptionLabel(option), std::string(option.help));
  }
  options.emplace_back("-h, --help", "this help");
  absl::StrAppend(&text, "\noptions:\n", Columns(options));
  if (!command.examples.empty()) {
    absl::StrAppend(&text, "\nexamples:\n");
    for (std::string_view example : command.examples)
      absl::StrAppend(&text, "  ", Absl(example), "\n");
  }
  return text;
}

std::string SettingsHelp() {
  return absl::StrCat(
      "The services and the CLI read their settings from the environment. The CLI also takes them "
      "as\n"
      "flags before the command: `fazhi --query-addr H:P list` or `fazhi --query-addr=H:P "
      "list`.\n\n",
      Settings::HelpText());
}

std::string VersionLine() { return absl::StrCat("fazhi ", FAZHI_VERSION, "\n"); }

int RunHelp(const Settings&, const CommandLine& line) {
  if (line.positional().size() > 1) return UsageError("help", "takes at most one COMMAND");
  if (line.positional().empty()) {
    std::cout << GlobalHelp();
    return kExitOk;
  }
  const std::string& topic = line.positional()[0];
  if (topic == "settings") {
    std::cout << SettingsHelp();
    return kExitOk;
  }
  const CommandSpec* command = FindCommand(topic);
  if (command == nullptr) {
    return UsageError("help", absl::StrCat("no command '", topic, "'; `fazhi help` lists them"));
  }
  std::cout << CommandHelp(*command);
  return kExitOk;
}

}  // namespace fazhi::cli
