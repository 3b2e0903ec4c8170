#include "common/security/access_policy.h"

namespace fazhi::security {
namespace {

constexpr std::string_view kRoleNames[] = {"reader", "writer", "admin"};

// A rule ending in '/' covers a whole service; any other rule names exactly one method.
bool Matches(std::string_view rule, std::string_view method) {
  if (!rule.empty() && rule.back() == '/') return method.starts_with(rule);
  return method == rule;
}

}  // namespace

std::string_view RoleName(Role role) { return kRoleNames[static_cast<int>(role) - 1]; }

std::optional<Role> ParseRole(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i + 1);
  }
  return std::nullopt;
}

std::optional<Role> RequiredRole(std::string_view method) {
  for (const MethodRule& rule : kMethodRules) {
    if (Matches(rule.method, method)) return rule.role;
  }
  return Role::kAdmin;
}

}  // namespace fazhi::security
