// gRPC server reflection v1 (grpc.reflection.v1.ServerReflection), served beside the v1alpha
// service that grpc++_reflection registers. Debian's gRPC 1.51 ships only v1alpha; newer tools
// (grpcurl, Postman, grpc-js's reflection clients) ask v1 first. The two protocols are the same
// messages under another package name, so this answers v1 from the same generated descriptor
// pool that v1alpha reads.
//
//   ReflectionV1Service reflection;
//   builder.RegisterService(&reflection);
//   std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
//   reflection.SetServer(server.get());   // list_services answers the server's services
#ifndef FAZHI_COMMON_REFLECTION_REFLECTION_V1_SERVICE_H_
#define FAZHI_COMMON_REFLECTION_REFLECTION_V1_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <string>
#include <vector>

#include "grpc/reflection/v1/reflection.grpc.pb.h"

namespace fazhi {

class ReflectionV1Service final : public grpc::reflection::v1::ServerReflection::Service {
 public:
  // The server whose services list_services names; until it is set, the list is empty.
  void SetServer(grpc::Server* server);

  grpc::Status ServerReflectionInfo(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<grpc::reflection::v1::ServerReflectionResponse,
                               grpc::reflection::v1::ServerReflectionRequest>* stream) override;

 private:
  std::atomic<const std::vector<std::string>*> services_{nullptr};
};

}  // namespace fazhi

#endif  // FAZHI_COMMON_REFLECTION_REFLECTION_V1_SERVICE_H_
