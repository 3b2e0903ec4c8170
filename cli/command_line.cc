#include "cli/command_line.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/compat/string_view.h"
#include "common/config/settings.h"

namespace fazhi::cli {

namespace {

bool IsHelp(std::string_view arg) { return arg == "-h" || arg == "--help"; }

// "--x" and longer; "--" alone ends options and "-" or "-撤销" are arguments (a search may
// exclude a phrase with a leading '-').
bool IsLongOption(std::string_view arg) { return arg.size() > 2 && arg.substr(0, 2) == "--"; }

const OptionSpec* FindOption(std::span<const OptionSpec> options, std::string_view name) {
  auto it = std::find_if(options.begin(), options.end(),
                         [&](const OptionSpec& option) { return option.name == name; });
  return it == options.end() ? nullptr : &*it;
}

}  // namespace

std::vector<std::string_view> Choices(const OptionSpec& option) {
  std::vector<std::string_view> choices;
  for (absl::string_view choice : absl::StrSplit(Absl(option.choices), '|', absl::SkipEmpty())) {
    choices.push_back(Std(choice));
  }
  return choices;
}

std::string DescribeOptions(std::span<const OptionSpec> options) {
  std::vector<std::string> described;
  for (const OptionSpec& option : options) {
    std::string_view value = option.choices.empty() ? option.value : option.choices;
    described.push_back(
        absl::StrCat("--", Absl(option.name), value.empty() ? "" : " ", Absl(value)));
  }
  described.push_back("-h/--help");
  return absl::StrJoin(described, ", ");
}

SplitArguments SplitSettingsFlags(const std::vector<std::string>& args,
                                  std::span<const OptionSpec> options) {
  SplitArguments split;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      split.command_args.insert(split.command_args.end(), args.begin() + i, args.end());
      break;
    }
    const std::string name = IsLongOption(arg) ? arg.substr(2, arg.find('=') - 2) : "";
    if (name.empty() || FindOption(options, name) != nullptr || !Settings::IsFlag("--" + name)) {
      split.command_args.push_back(arg);
    } else if (arg.find('=') != std::string::npos) {
      split.settings_flags.push_back(arg);
    } else if (name == "insecure-token") {  // the one setting flag without a value
      split.settings_flags.push_back("--insecure-token=1");
    } else if (i + 1 < args.size()) {
      split.settings_flags.push_back(absl::StrCat(arg, "=", args[++i]));
    } else {
      split.settings_flags.push_back(arg);  // Settings reports the missing value
    }
  }
  return split;
}

absl::StatusOr<CommandLine> CommandLine::Parse(const std::vector<std::string>& args,
                                               std::span<const OptionSpec> options) {
  CommandLine line;
  absl::Status first_error;  // kept until the end: a --help after a mistake still gets help
  for (size_t i = 0; i < args.size();) {
    const std::string& arg = args[i];
    if (arg == "--") {
      line.positional_.insert(line.positional_.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (IsHelp(arg)) {
      line.help_ = true;
      ++i;
    } else if (IsLongOption(arg)) {
      absl::Status taken = line.TakeOption(args, &i, options);
      if (first_error.ok()) first_error = taken;
    } else {
      line.positional_.push_back(arg);
      ++i;
    }
  }
  if (!line.help_ && !first_error.ok()) return first_error;
  return line;
}

absl::Status CommandLine::TakeOption(const std::vector<std::string>& args, size_t* i,
                                     std::span<const OptionSpec> options) {
  std::string name = args[(*i)++].substr(2);
  std::string value = "true";
  bool inline_value = false;
  if (size_t eq = name.find('='); eq != std::string::npos) {
    value = name.substr(eq + 1);
    name.resize(eq);
    inline_value = true;
  }
  const OptionSpec* option = FindOption(options, name);
  if (option == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown option --", name, "; the options are ", DescribeOptions(options)));
  }
  if (!option->takes_value() && inline_value) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, " takes no value"));
  }
  if (option->takes_value() && !inline_value) {
    if (*i >= args.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " needs a value (", Absl(option->value), ")"));
    }
    value = args[(*i)++];
  }
  if (options_.contains(name)) {
    // The last one winning would silently drop the first (`--filter A --filter B`).
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " is given twice",
                     name == "filter" ? "; join conditions with AND in one --filter" : ""));
  }
  std::vector<std::string_view> choices = Choices(*option);
  if (!choices.empty() && std::find(choices.begin(), choices.end(), value) == choices.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " must be one of ", Absl(option->choices), "; got '", value, "'"));
  }
  options_[name] = std::move(value);
  return absl::OkStatus();
}

std::string CommandLine::Option(const std::string& name, const std::string& fallback) const {
  auto it = options_.find(name);
  return it == options_.end() ? fallback : it->second;
}

absl::StatusOr<int> CommandLine::IntOption(const std::string& name, int fallback) const {
  auto it = options_.find(name);
  if (it == options_.end()) return fallback;
  int value = 0;
  if (!absl::SimpleAtoi(it->second, &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " expects an integer, got '", it->second, "'"));
  }
  return value;
}

}  // namespace fazhi::cli
