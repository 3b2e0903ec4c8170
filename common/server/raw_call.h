// Calls any gRPC method with bytes the client does not encode: a test tool for how servers
// answer requests they cannot decode (malformed protobuf, invalid UTF-8 in a string field).
// Every call is sent as a bidi stream of one message, which on the wire is the same as a unary
// or server-streaming call.
//
//   RawCallResult result =
//       RawCall(channel, "/fazhi.v1.QueryService/GetReport", std::string("\x0a\x02\xff\xfe", 4));
//   // result.status: INVALID_ARGUMENT "request could not be decoded: ..."
#ifndef FAZHI_COMMON_SERVER_RAW_CALL_H_
#define FAZHI_COMMON_SERVER_RAW_CALL_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fazhi {

struct RawCallResult {
  grpc::Status status;
  std::vector<std::string> responses;  // undecoded
};

// `context` may carry metadata (a token) or a deadline; null: a fresh one with a 10 s deadline.
RawCallResult RawCall(const std::shared_ptr<grpc::Channel>& channel, std::string_view method,
                      std::string_view request_bytes, grpc::ClientContext* context = nullptr);

// Sends `requests` in order over one stream (stopping if the server has ended the call), then
// ends the client's side: for client and bidi streaming methods.
RawCallResult RawStream(const std::shared_ptr<grpc::Channel>& channel, std::string_view method,
                        const std::vector<std::string>& requests,
                        grpc::ClientContext* context = nullptr);

// A request message with one length-delimited field `field_number` holding `bytes`: for a
// string field, bytes that are not UTF-8 make the message undecodable by proto3 rules.
std::string EncodeBytesField(int field_number, std::string_view bytes);

}  // namespace fazhi

#endif  // FAZHI_COMMON_SERVER_RAW_CALL_H_
