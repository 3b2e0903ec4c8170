#include "tests/testing/record_json_testing.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <string>

#include "absl/strings/str_cat.h"

namespace fazhi::testing {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Sets (or appends) one value of `field`; `n` makes each value different.
void SetOne(const FieldDescriptor& field, int64_t n, Message* message) {
  const google::protobuf::Reflection& r = *message->GetReflection();
  const bool rep = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string text = absl::StrCat("法治政府\"", field.name(), "\"\\\n《条例》第", n, "条\t");
      rep ? r.AddString(message, &field, text) : r.SetString(message, &field, text);
      break;
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      rep ? r.AddBool(message, &field, n % 2 == 1) : r.SetBool(message, &field, n % 2 == 1);
      break;
    case FieldDescriptor::CPPTYPE_INT32:
      rep ? r.AddInt32(message, &field, static_cast<int32_t>(n * 7 - 3))
          : r.SetInt32(message, &field, static_cast<int32_t>(n * 7 - 3));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      rep ? r.AddInt64(message, &field, n * 1000000007LL)
          : r.SetInt64(message, &field, n * 1000000007LL);
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      rep ? r.AddDouble(message, &field, n * 0.37 - 1e-3)
          : r.SetDouble(message, &field, n * 0.37 - 1e-3);
      break;
    default:
      break;  // messages are filled by Fill; a record has no other kinds
  }
}

void Fill(Message* message, int seed, int depth) {
  const google::protobuf::Descriptor& descriptor = *message->GetDescriptor();
  const google::protobuf::Reflection& r = *message->GetReflection();
  for (int i = 0; i < descriptor.field_count(); ++i) {
    const FieldDescriptor& field = *descriptor.field(i);
    const int count = field.is_repeated() ? 2 + seed % 4 : 1;
    for (int k = 0; k < count; ++k) {
      int64_t n = seed * 131 + depth * 17 + i * 5 + k + 1;
      if (field.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
        SetOne(field, n, message);
      } else if (depth < 4) {
        Fill(
            field.is_repeated() ? r.AddMessage(message, &field) : r.MutableMessage(message, &field),
            seed + k, depth + 1);
      }
    }
  }
}

}  // namespace

v1::ExtractedRecord RecordWithEveryField(int seed) {
  v1::ExtractedRecord record;
  Fill(&record, seed, 0);
  return record;
}

}  // namespace fazhi::testing
