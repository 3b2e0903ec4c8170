#include "common/text/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "nlohmann/json.hpp"

namespace fazhi::text {
namespace {

TEST(JsonWriterTest, WritesNestedValuesWithCommasWhereJsonNeedsThem) {
  JsonWriter out;
  out.BeginObject();
  out.Key("empty").BeginArray();
  out.EndArray();
  out.Key("span").BeginArray();
  out.Int(3);
  out.Int(-9);
  out.EndArray();
  out.Key("inner").BeginObject();
  out.Key("a").Null();
  out.Key("b").Bool(false);
  out.Key("c").Bool(true);
  out.EndObject();
  out.Key("unit").StringOrNull("");
  out.Key("flags").BeginArray();
  out.Bool(true);
  out.Bool(false);
  out.Bool(true);
  out.EndArray();
  out.EndObject();
  EXPECT_EQ(out.text(),
            R"({"empty":[],"span":[3,-9],"inner":{"a":null,"b":false,"c":true},"unit":null,)"
            R"("flags":[true,false,true]})");
}

TEST(JsonWriterTest, EscapesStringsAsNlohmannDoes) {
  const std::string tricky = std::string("引号\"反斜杠\\换行\n制表\t回车\r退格\b换页\f") +
                             std::string("\x01\x1f\x7f", 3) + "/ é 𠀀";
  std::string written;
  AppendJsonString(tricky, written);
  EXPECT_EQ(written, nlohmann::json(tricky).dump());
  EXPECT_EQ(nlohmann::json::parse(written).get<std::string>(), tricky);
}

// Strings are passed over eight bytes at a time: an escape at any offset, next to any byte,
// must still be found.
TEST(JsonWriterTest, EscapesEveryByteThatNeedsItAtEveryOffset) {
  for (int byte = 0; byte < 0x80; ++byte) {  // every byte that can need it, amid UTF-8
    for (int han = 0; han < 4; ++han) {
      for (int ascii = 0; ascii < 8; ++ascii) {
        std::string value;
        for (int i = 0; i < han; ++i) value += "法";
        value += std::string(ascii, 'a') + static_cast<char>(byte) + "治政府abc\x7f\xc3\xa9 治政府";
        std::string written;
        AppendJsonString(value, written);
        ASSERT_EQ(written, nlohmann::json(value).dump()) << byte << " after " << value.size();
        // The writer tells first whether a string needs escaping at all: the same at every length.
        for (size_t size = 0; size <= value.size(); ++size) {
          const std::string_view piece = std::string_view(value).substr(0, size);
          std::string expected;
          AppendJsonString(piece, expected);
          JsonWriter out;
          out.String(piece);
          ASSERT_EQ(out.text(), expected) << byte << " " << size;
        }
      }
    }
  }
}

TEST(JsonWriterTest, KeysFromDataAreEscapedLikeStringsWhateverTheirLength) {
  const std::string long_key(40, 'k');
  JsonWriter out;
  out.BeginObject();
  out.Key("plain").Int(1);
  out.EscapedKey("say \"hi\"\n").Int(2);
  out.EscapedKey(long_key).Int(3);
  out.EscapedKey(long_key + "\\").Int(4);
  out.Key("a_key_of_twenty_nine_bytes_xx").Int(5);
  out.EndObject();
  nlohmann::ordered_json expected;
  expected["plain"] = 1;
  expected["say \"hi\"\n"] = 2;
  expected[long_key] = 3;
  expected[long_key + "\\"] = 4;
  expected["a_key_of_twenty_nine_bytes_xx"] = 5;
  EXPECT_EQ(out.text(), expected.dump());
}

// Values are gathered a few kilobytes at a time: a document of many values, some longer than that
// and some to escape, at every offset of the gathering, is what nlohmann prints for it.
TEST(JsonWriterTest, ManyValuesLongStringsAndEscapesAcrossChunksPrintAsNlohmannDoes) {
  std::mt19937_64 random(11);
  const std::string pieces[] = {"法治", "a", "\"", "\n", "政府工作报告", std::string(5000, 'x')};
  JsonWriter out;
  nlohmann::ordered_json expected = nlohmann::ordered_json::array();
  out.BeginArray();
  for (int i = 0; i < 3000; ++i) {
    std::string value;
    const int count = static_cast<int>(random() % 6);
    for (int j = 0; j < count; ++j) value += pieces[random() % (j == 0 ? 6 : 5)];
    if (i % 3 == 0) {
      out.BeginObject();
      out.EscapedKey(value).Int(i);
      out.Key("v").String(value);
      out.EndObject();
      nlohmann::ordered_json object;
      object[value] = i;
      object["v"] = value;
      expected.push_back(object);
    } else {
      out.String(value);
      expected.push_back(value);
    }
  }
  out.EndArray();
  EXPECT_EQ(out.TakeText(), expected.dump());
}

TEST(JsonWriterTest, DoublesReadBackExactlyAndStayDoubles) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> percent(0, 200);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int i = 0; i < 20000; ++i) {
    const double value = i % 2 == 0 ? std::round(percent(random) * 100) / 100
                                    : percent(random) * std::pow(10.0, exponent(random));
    JsonWriter out;
    out.Double(value);
    const nlohmann::json parsed = nlohmann::json::parse(out.text());
    ASSERT_TRUE(parsed.is_number_float()) << out.text();
    ASSERT_EQ(parsed.get<double>(), value) << out.text();
  }
  JsonWriter whole;
  whole.BeginArray();
  whole.Double(3);
  whole.Double(27.42);
  whole.Double(std::numeric_limits<double>::quiet_NaN());
  whole.EndArray();
  EXPECT_EQ(whole.text(), "[3.0,27.42,null]");
}

TEST(JsonWriterTest, IntegersAtTheirLimits) {
  JsonWriter out;
  out.BeginArray();
  out.Int(std::numeric_limits<int64_t>::min());
  out.Int(0);
  out.Int(std::numeric_limits<int64_t>::max());
  out.EndArray();
  EXPECT_EQ(out.text(), "[-9223372036854775808,0,9223372036854775807]");
}

}  // namespace
}  // namespace fazhi::text
