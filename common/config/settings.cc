#include "common/config/settings.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/compat/string_view.h"

namespace fazhi {

Settings Settings::FromEnvironment() {
  Settings settings;
  for (const Setting& setting : kAllSettings) {
    const char* value = std::getenv(std::string(setting.env).c_str());
    if (value != nullptr && (*value != '\0' || setting.empty_means_off)) {
      settings.values_[std::string(setting.env)] = value;
    }
  }
  return settings;
}

bool Settings::IsFlag(std::string_view arg) {
  if (!absl::StartsWith(Absl(arg), "--")) return false;
  arg.remove_prefix(2);
  for (const Setting& setting : kAllSettings) {
    if (FlagName(setting) == arg) return true;
  }
  return false;
}

absl::Status Settings::GetInts(std::initializer_list<IntTarget> targets) const {
  for (const IntTarget& target : targets) {
    absl::StatusOr<int64_t> value = GetInt(target.setting);
    if (!value.ok()) return value.status();
    *target.value = *value;
  }
  return absl::OkStatus();
}

std::string Settings::FlagName(const Setting& setting) {
  std::string_view name = setting.env;
  if (absl::StartsWith(Absl(name), "FAZHI_")) name.remove_prefix(6);
  return absl::StrReplaceAll(absl::AsciiStrToLower(Absl(name)), {{"_", "-"}});
}

absl::Status Settings::ApplyCommandLine(int argc, char** argv, std::vector<std::string>* rest) {
  if (rest && argc > 0) rest->push_back(argv[0]);
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    const Setting* matched = nullptr;
    std::string_view value;
    if (absl::StartsWith(Absl(arg), "--")) {
      std::string_view body = arg.substr(2);
      size_t eq = body.find('=');
      std::string_view name = body.substr(0, eq);
      for (const Setting& setting : kAllSettings) {
        if (FlagName(setting) == name) matched = &setting;
      }
      if (matched != nullptr) {
        if (eq != std::string_view::npos) {
          value = body.substr(eq + 1);
        } else if (i + 1 < argc) {
          value = argv[++i];
        } else {
          return absl::InvalidArgumentError(absl::StrCat("flag --", Absl(name), " needs a value"));
        }
        Set(*matched, std::string(value));
        continue;
      }
    }
    if (rest == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown argument '", Absl(arg), "'; see --help"));
    }
    rest->push_back(std::string(arg));
  }
  return absl::OkStatus();
}

void Settings::Set(const Setting& setting, std::string value) {
  values_[std::string(setting.env)] = std::move(value);
}

std::string Settings::Get(const Setting& setting) const {
  auto it = values_.find(std::string(setting.env));
  return it != values_.end() ? it->second : std::string(setting.default_value);
}

absl::StatusOr<int64_t> Settings::GetInt(const Setting& setting) const {
  std::string text = Get(setting);
  int64_t value = 0;
  if (!absl::SimpleAtoi(text, &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(Absl(setting.env), " must be an integer, got '", text, "'"));
  }
  return value;
}

std::string Settings::HelpText() {
  std::string text = "Settings (environment variable, flag, default):\n";
  for (const Setting& setting : kAllSettings) {
    absl::StrAppend(&text, "  ", Absl(setting.env), "  --", FlagName(setting), "  [",
                    Absl(setting.default_value), "]\n      ", Absl(setting.help), "\n");
  }
  return text;
}

}  // namespace fazhi
