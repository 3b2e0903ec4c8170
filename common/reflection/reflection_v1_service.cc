#include "common/reflection/reflection_v1_service.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/impl/server_initializer.h>

#include <set>

namespace fazhi {
namespace {

namespace reflection_v1 = grpc::reflection::v1;
using google::protobuf::DescriptorPool;
using google::protobuf::FileDescriptor;
using google::protobuf::FileDescriptorProto;

// Answers the requests of one stream.
class Answerer final {
 public:
  explicit Answerer(const std::vector<std::string>* services) : services_(services) {}

  reflection_v1::ServerReflectionResponse Answer(
      const reflection_v1::ServerReflectionRequest& request) {
    reflection_v1::ServerReflectionResponse response;
    response.set_valid_host(request.host());
    *response.mutable_original_request() = request;
    switch (request.message_request_case()) {
      case reflection_v1::ServerReflectionRequest::kListServices:
        for (const std::string& name : services_ ? *services_ : std::vector<std::string>{}) {
          response.mutable_list_services_response()->add_service()->set_name(name);
        }
        break;
      case reflection_v1::ServerReflectionRequest::kFileByFilename:
        SendFile(Pool().FindFileByName(request.file_by_filename()),
                 "file " + request.file_by_filename(), &response);
        break;
      case reflection_v1::ServerReflectionRequest::kFileContainingSymbol:
        SendFile(Pool().FindFileContainingSymbol(request.file_containing_symbol()),
                 "symbol " + request.file_containing_symbol(), &response);
        break;
      case reflection_v1::ServerReflectionRequest::kFileContainingExtension: {
        const auto& extension = request.file_containing_extension();
        const auto* type = Pool().FindMessageTypeByName(extension.containing_type());
        const auto* field =
            type ? Pool().FindExtensionByNumber(type, extension.extension_number()) : nullptr;
        SendFile(field ? field->file() : nullptr,
                 "extension " + std::to_string(extension.extension_number()) + " of " +
                     extension.containing_type(),
                 &response);
        break;
      }
      case reflection_v1::ServerReflectionRequest::kAllExtensionNumbersOfType: {
        const auto* type = Pool().FindMessageTypeByName(request.all_extension_numbers_of_type());
        if (type == nullptr) {
          Fail(grpc::StatusCode::NOT_FOUND,
               "type " + request.all_extension_numbers_of_type() + " not found", &response);
          break;
        }
        std::vector<const google::protobuf::FieldDescriptor*> extensions;
        Pool().FindAllExtensions(type, &extensions);
        auto* numbers = response.mutable_all_extension_numbers_response();
        numbers->set_base_type_name(type->full_name());
        for (const auto* field : extensions) numbers->add_extension_number(field->number());
        break;
      }
      default:
        Fail(grpc::StatusCode::UNIMPLEMENTED, "unknown reflection request", &response);
    }
    return response;
  }

 private:
  static const DescriptorPool& Pool() { return *DescriptorPool::generated_pool(); }

  static void Fail(grpc::StatusCode code, const std::string& message,
                   reflection_v1::ServerReflectionResponse* response) {
    response->mutable_error_response()->set_error_code(code);
    response->mutable_error_response()->set_error_message(message);
  }

  // The file and every file it imports, transitively (as v1alpha answers: each answer is
  // complete on its own).
  static void SendFile(const FileDescriptor* file, const std::string& what,
                       reflection_v1::ServerReflectionResponse* response) {
    if (file == nullptr) {
      Fail(grpc::StatusCode::NOT_FOUND, what + " not found", response);
      return;
    }
    auto* files = response->mutable_file_descriptor_response();
    std::set<std::string> sent;
    std::vector<const FileDescriptor*> pending = {file};
    while (!pending.empty()) {
      const FileDescriptor* next = pending.back();
      pending.pop_back();
      if (!sent.insert(next->name()).second) continue;
      FileDescriptorProto proto;
      next->CopyTo(&proto);
      files->add_file_descriptor_proto(proto.SerializeAsString());
      for (int i = 0; i < next->dependency_count(); ++i) pending.push_back(next->dependency(i));
    }
  }

  const std::vector<std::string>* services_;
};

}  // namespace

void ReflectionV1Service::SetServer(grpc::Server* server) {
  // The server's own list of registered service names, which the v1alpha plugin reads too.
  grpc::ServerInitializer initializer(server);
  services_.store(initializer.GetServiceList());
}

grpc::Status ReflectionV1Service::ServerReflectionInfo(
    grpc::ServerContext* /*context*/,
    grpc::ServerReaderWriter<reflection_v1::ServerReflectionResponse,
                             reflection_v1::ServerReflectionRequest>* stream) {
  Answerer answerer(services_.load());
  reflection_v1::ServerReflectionRequest request;
  while (stream->Read(&request)) {
    if (!stream->Write(answerer.Answer(request))) break;
  }
  return grpc::Status::OK;
}

}  // namespace fazhi
