// Who may call what: the roles a bearer token can have (reader < writer < admin) and the one
// table of gRPC methods to the least role that may call them. Health checks and reflection are
// open to everyone; a method the table does not know needs admin, so a new RPC is locked until
// someone decides who may call it.
//
//   std::optional<Role> needed = RequiredRole("/fazhi.v1.ExtractionService/RequeueJobs");
//   // Role::kAdmin; RequiredRole("/grpc.health.v1.Health/Check") is std::nullopt (open)
#ifndef FAZHI_COMMON_SECURITY_ACCESS_POLICY_H_
#define FAZHI_COMMON_SECURITY_ACCESS_POLICY_H_

#include <optional>
#include <string_view>

namespace fazhi::security {

// Ordered: a role may do everything the roles below it may.
enum class Role { kReader = 1, kWriter = 2, kAdmin = 3 };

std::string_view RoleName(Role role);
// "reader", "writer" or "admin"; std::nullopt for anything else.
std::optional<Role> ParseRole(std::string_view name);

// A method path ("/package.Service/Method") or a whole service ("/package.Service/") and who
// may call it; std::nullopt means open.
struct MethodRule {
  std::string_view method;
  std::optional<Role> role;
};

// First matching rule wins, so single methods come before their service.
inline constexpr MethodRule kMethodRules[] = {
    {"/grpc.health.v1.Health/", std::nullopt},
    {"/grpc.reflection.v1alpha.ServerReflection/", std::nullopt},
    {"/grpc.reflection.v1.ServerReflection/", std::nullopt},
    {"/fazhi.v1.QueryService/", Role::kReader},
    {"/fazhi.v1.IngestionService/", Role::kWriter},
    {"/fazhi.v1.ExtractionService/ExtractReport", Role::kWriter},
    {"/fazhi.v1.ExtractionService/ExtractText", Role::kWriter},
    {"/fazhi.v1.ExtractionService/", Role::kAdmin},  // ReextractReports, ListJobs, RequeueJobs
};

// The least role that may call `method`, or std::nullopt when it is open.
std::optional<Role> RequiredRole(std::string_view method);

}  // namespace fazhi::security

#endif  // FAZHI_COMMON_SECURITY_ACCESS_POLICY_H_
