#include "cli/completion.h"

#include <iostream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "common/compat/string_view.h"

namespace fazhi::cli {
namespace {

std::string Words(const std::vector<std::string>& words) { return absl::StrJoin(words, " "); }

std::vector<std::string> CommandNames() {
  std::vector<std::string> names;
  for (const CommandSpec& command : AllCommands()) names.emplace_back(command.name);
  return names;
}

std::string GlobalFlags() {
  std::vector<std::string> flags = {"--insecure-token", "--version", "--help"};
  for (const Setting& setting : kAllSettings) {
    if (&setting != &kInsecureToken) flags.push_back("--" + Settings::FlagName(setting));
  }
  return Words(flags);
}

// What `fazhi help` completes: every command and the settings.
std::vector<std::string> VerbsOf(const CommandSpec& command) {
  if (command.name == "help") {
    std::vector<std::string> topics = CommandNames();
    topics.push_back("settings");
    return topics;
  }
  return std::vector<std::string>(command.verbs.begin(), command.verbs.end());
}

// One `case` branch per command: its options, those that take a value, its verbs.
std::string CommandCases() {
  std::string cases;
  for (const CommandSpec& command : AllCommands()) {
    std::vector<std::string> options, valued;
    for (const OptionSpec& option : command.options) {
      options.push_back(absl::StrCat("--", Absl(option.name)));
      if (option.takes_value()) valued.push_back(options.back());
    }
    options.push_back("--help");
    absl::StrAppend(&cases, "    ", Absl(command.name), ") options=\"", Words(options),
                    "\"; valued=\"", Words(valued), "\"; verbs=\"", Words(VerbsOf(command)),
                    "\" ;;\n");
  }
  return cases;
}

// One `case` branch per option with choices: "list --format") ... the values.
std::string ChoiceCases() {
  std::string cases;
  for (const CommandSpec& command : AllCommands()) {
    for (const OptionSpec& option : command.options) {
      if (option.choices.empty()) continue;
      std::vector<std::string> choices;
      for (std::string_view choice : Choices(option)) choices.emplace_back(choice);
      absl::StrAppend(&cases, "    \"", Absl(command.name), " --", Absl(option.name),
                      "\") COMPREPLY=($(compgen -W \"", Words(choices),
                      "\" -- \"$cur\")); return ;;\n");
    }
  }
  return cases;
}

std::string BashScript() {
  return absl::StrCat(
      "# bash completion of fazhi, generated from its command table by `fazhi completion bash`.\n"
      "_fazhi() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
      "  # bash splits --name=value at '=': complete the value of --name.\n"
      "  if [[ $cur == = ]]; then prev=${COMP_WORDS[COMP_CWORD-1]}; cur=\"\";\n"
      "  elif [[ $prev == = ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n"
      "  # The command is the first word that is neither a global flag nor a flag's value.\n"
      "  local command=\"\" i=1\n"
      "  while (( i < COMP_CWORD )); do\n"
      "    case ${COMP_WORDS[i]} in\n"
      "      --insecure-token|--version|--help|-h) ;;\n"
      "      --*) if [[ ${COMP_WORDS[i+1]} == = ]]; then (( i += 2 )); else (( i += 1 )); fi ;;\n"
      "      *) command=${COMP_WORDS[i]}; break ;;\n"
      "    esac\n"
      "    (( i += 1 ))\n"
      "  done\n"
      "  if [[ -z $command ]]; then\n"
      "    if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"",
      GlobalFlags(),
      "\" -- \"$cur\"));\n"
      "    elif [[ $prev != --* || $prev == --insecure-token ]]; then COMPREPLY=($(compgen -W \"",
      Words(CommandNames()),
      "\" -- \"$cur\")); fi\n"
      "    return\n"
      "  fi\n"
      "  local options=\"\" valued=\"\" verbs=\"\"\n"
      "  case $command in\n",
      CommandCases(),
      "    *) return ;;\n"
      "  esac\n"
      "  case \"$command $prev\" in\n",
      ChoiceCases(),
      "  esac\n"
      "  # Any other option's value: files and folders (complete -o default).\n"
      "  if [[ \" $valued \" == *\" $prev \"* ]]; then return; fi\n"
      "  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"$options\" -- \"$cur\")); return; fi\n"
      "  if [[ -n $verbs && $prev == \"$command\" ]]; then COMPREPLY=($(compgen -W \"$verbs\" -- "
      "\"$cur\")); fi\n"
      "}\n"
      "complete -o default -F _fazhi fazhi\n");
}

}  // namespace

absl::StatusOr<std::string> CompletionScript(std::string_view shell) {
  if (shell == "bash") return BashScript();
  if (shell == "zsh") {
    return absl::StrCat(
        "# zsh completion of fazhi: the bash script through bashcompinit.\n"
        "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }\n"
        "autoload -U +X bashcompinit && bashcompinit\n",
        BashScript());
  }
  return absl::InvalidArgumentError(
      absl::StrCat("no completion for the shell '", Absl(shell), "'; try bash or zsh"));
}

int RunCompletion(const Settings&, const CommandLine& line) {
  if (line.positional().size() != 1) return UsageError("completion", "name one shell: bash or zsh");
  absl::StatusOr<std::string> script = CompletionScript(line.positional()[0]);
  if (!script.ok()) return UsageError("completion", script.status().message());
  std::cout << *script;
  return kExitOk;
}

}  // namespace fazhi::cli
