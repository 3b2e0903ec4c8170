#include "common/server/raw_call.h"

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/sync_stream.h>

#include <chrono>

namespace fazhi {
namespace {

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

std::string ToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string text;
  if (!buffer.Dump(&slices).ok()) return text;
  for (const grpc::Slice& slice : slices) {
    text.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return text;
}

}  // namespace

RawCallResult RawCall(const std::shared_ptr<grpc::Channel>& channel, std::string_view method,
                      std::string_view request_bytes, grpc::ClientContext* context) {
  return RawStream(channel, method, {std::string(request_bytes)}, context);
}

RawCallResult RawStream(const std::shared_ptr<grpc::Channel>& channel, std::string_view method,
                        const std::vector<std::string>& requests, grpc::ClientContext* context) {
  grpc::ClientContext own_context;
  if (context == nullptr) {
    own_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    context = &own_context;
  }
  std::string method_name(method);
  grpc::internal::RpcMethod rpc_method(method_name.c_str(),
                                       grpc::internal::RpcMethod::BIDI_STREAMING);
  std::unique_ptr<grpc::ClientReaderWriter<grpc::ByteBuffer, grpc::ByteBuffer>> stream(
      grpc::internal::ClientReaderWriterFactory<grpc::ByteBuffer, grpc::ByteBuffer>::Create(
          channel.get(), rpc_method, context));
  for (const std::string& request : requests) {
    grpc::Slice slice(request.data(), request.size());
    if (!stream->Write(grpc::ByteBuffer(&slice, 1))) break;
  }
  stream->WritesDone();
  RawCallResult result;
  grpc::ByteBuffer response;
  while (stream->Read(&response)) result.responses.push_back(ToString(response));
  result.status = stream->Finish();
  return result;
}

std::string EncodeBytesField(int field_number, std::string_view bytes) {
  std::string message;
  AppendVarint((static_cast<uint64_t>(field_number) << 3) | 2, &message);  // wire type LEN
  AppendVarint(bytes.size(), &message);
  message.append(bytes);
  return message;
}

}  // namespace fazhi
