// Shell completion scripts for `fazhi`, generated from the command table (cli/commands.h) and
// the settings table: commands, each command's options, the values of options with choices
// (`--format <TAB>`), a command's verbs (`indicators <TAB>`) and global flags. zsh uses the bash
// script through bashcompinit.
//
//   absl::StatusOr<std::string> script = CompletionScript("bash");
//   // users: source <(fazhi completion bash)
#ifndef FAZHI_CLI_COMPLETION_H_
#define FAZHI_CLI_COMPLETION_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace fazhi::cli {

// INVALID_ARGUMENT for a shell other than bash or zsh.
absl::StatusOr<std::string> CompletionScript(std::string_view shell);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_COMPLETION_H_
