#include "common/text/csv.h"

#include <gtest/gtest.h>

namespace fazhi::text {
namespace {

TEST(CsvLineTest, PlainFieldsAreJoinedByCommas) {
  EXPECT_EQ(CsvLine({"reports/3fb70724bc004662", "2021", "炉霍县"}),
            "reports/3fb70724bc004662,2021,炉霍县\r\n");
}

TEST(CsvLineTest, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(CsvLine({"a,b", "say \"x\"", "two\nlines", ""}),
            "\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\r\n");
}

TEST(ParseCsvTest, ReadsBackWhatCsvLineWrites) {
  std::vector<std::string> fields = {"a,b", "say \"x\"", "two\nlines", "", "炉霍县"};
  auto records = ParseCsv(CsvLine({"file", "source_url"}) + CsvLine(fields));
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0], (std::vector<std::string>{"file", "source_url"}));
  EXPECT_EQ((*records)[1], fields);
}

TEST(ParseCsvTest, SkipsAByteOrderMarkAndBlankLinesAndTakesBareNewlines) {
  auto records = ParseCsv(
      "\xEF\xBB\xBF"
      "file,url\n\na.txt,http://x/a\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0][0], "file");
  EXPECT_EQ((*records)[1], (std::vector<std::string>{"a.txt", "http://x/a"}));
}

TEST(ParseCsvTest, NamesTheLineOfABrokenQuote) {
  auto unclosed = ParseCsv("file,url\r\na.txt,\"http://x\r\n");
  EXPECT_EQ(unclosed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unclosed.status().message().find("line 2"), std::string::npos) << unclosed.status();
  auto stray = ParseCsv("file,url\na\"b,c\n");
  EXPECT_EQ(stray.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(stray.status().message().find("line 2"), std::string::npos) << stray.status();
}

}  // namespace
}  // namespace fazhi::text
