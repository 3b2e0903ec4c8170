// fazhi: the command-line client of the archive, and the offline extractor.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/output.h"

namespace fazhi::cli {
namespace {

using Args = std::vector<std::string>;

// Flags before the command that are no setting: they act instead of a command.
bool IsGlobalAction(std::string_view arg) { return arg == "--help" || arg == "--version"; }

// Applies the settings' flags before the command (as --name=value or --name value) to
// `settings`; returns the index of the first argument after them.
absl::StatusOr<int> ApplyGlobalFlags(int argc, char** argv, Settings* settings) {
  std::vector<char*> global = {argv[0]};
  static char kInsecureTokenOn[] = "--insecure-token=1";
  int at = 1;
  while (at < argc && std::string_view(argv[at]).rfind("--", 0) == 0 && !IsGlobalAction(argv[at])) {
    std::string_view flag = argv[at++];
    if (flag == "--insecure-token") {  // the one global flag without a value
      global.push_back(kInsecureTokenOn);
      continue;
    }
    global.push_back(argv[at - 1]);
    if (flag.find('=') == std::string_view::npos && Settings::IsFlag(flag) && at < argc) {
      global.push_back(argv[at++]);  // its value, after a space
    }
  }
  absl::Status parsed = settings->ApplyCommandLine(static_cast<int>(global.size()), global.data());
  if (!parsed.ok()) return parsed;
  return at;
}

// TLS and the token for the commands' channels; refuses a token that would travel in the clear.
absl::Status SetUpChannelSecurity(const Settings& settings) {
  absl::StatusOr<security::ChannelSecurity> channel_security =
      security::ChannelSecurityFromSettings(settings, kToken);
  if (!channel_security.ok()) return channel_security.status();
  if (!channel_security->token.empty() && channel_security->tls_root_cert.empty() &&
      settings.Get(kInsecureToken) != "1") {
    return absl::InvalidArgumentError(
        "refusing to send FAZHI_TOKEN without TLS, where anyone on the path can read it: set "
        "FAZHI_TLS_CA to the services' CA certificate, or pass --insecure-token "
        "(FAZHI_INSECURE_TOKEN=1) for services on this machine");
  }
  SetChannelSecurity(*std::move(channel_security));
  return absl::OkStatus();
}

// Applies settings' flags given after the command name (`fazhi list --query-addr H:P`).
absl::Status ApplyTrailingSettingsFlags(const std::vector<std::string>& flags, Settings* settings) {
  if (flags.empty()) return absl::OkStatus();
  std::vector<char*> argv = {const_cast<char*>("fazhi")};
  for (const std::string& flag : flags) argv.push_back(const_cast<char*>(flag.c_str()));
  return settings->ApplyCommandLine(static_cast<int>(argv.size()), argv.data());
}

// `fazhi NAME ARGS...`: the command's help, a usage error, or the command run.
int RunCommand(const CommandSpec& command, Settings settings, const Args& all_args) {
  SplitArguments args = SplitSettingsFlags(all_args, command.options);
  if (absl::Status applied = ApplyTrailingSettingsFlags(args.settings_flags, &settings);
      !applied.ok()) {
    return UsageError(command.name, applied.message());
  }
  absl::StatusOr<CommandLine> line = CommandLine::Parse(args.command_args, command.options);
  if (!line.ok()) return UsageError(command.name, line.status().message());
  if (line->help()) {
    std::cout << CommandHelp(command);
    return kExitOk;
  }
  if (command.arguments.empty() && !line->positional().empty()) {  // a stray word is a mistake
    return UsageError(command.name,
                      absl::StrCat("takes no arguments, got '", line->positional()[0], "'"));
  }
  if (absl::Status secured = SetUpChannelSecurity(settings); !secured.ok()) {
    return ReportError(secured, kExitUsage);
  }
  return command.run(settings, *line);
}

int Main(int argc, char** argv) {
  Settings settings = Settings::FromEnvironment();
  absl::StatusOr<int> command_at = ApplyGlobalFlags(argc, argv, &settings);
  if (!command_at.ok()) return ReportError(command_at.status(), kExitUsage);
  if (*command_at >= argc) {  // no command: a usage error, with the help that says what to type
    std::cerr << GlobalHelp();
    return kExitUsage;
  }
  std::string_view name = argv[*command_at];
  if (name == "--version") {
    std::cout << VersionLine();
    return kExitOk;
  }
  if (name == "-h" || name == "--help") {
    std::cout << GlobalHelp();
    return kExitOk;
  }
  const CommandSpec* command = FindCommand(name);
  if (command == nullptr) {
    std::cerr << "fazhi: unknown command '" << name << "'; `fazhi help` lists the commands\n";
    return kExitUsage;
  }
  return RunCommand(*command, settings, Args(argv + *command_at + 1, argv + argc));
}

}  // namespace
}  // namespace fazhi::cli

int main(int argc, char** argv) { return fazhi::cli::Main(argc, argv); }
