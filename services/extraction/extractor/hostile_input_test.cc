// The extractor on hostile input: it must return (and not crash) on whatever bytes a client
// sends. Time is measured and printed, not asserted: a quadratic scan shows up here first.
#include <chrono>
#include <iostream>
#include <random>
#include <string>

#include "common/text/code_points.h"
#include "common/text/normalize.h"
#include "common/text/utf8.h"
#include "gtest/gtest.h"
#include "services/extraction/extractor/extractor.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

const Extractor& TheExtractor() {
  static const Extractor* extractor = [] {
    absl::StatusOr<Extractor> loaded = Extractor::Load(testing::TestExtractorOptions());
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new Extractor(*std::move(loaded));
  }();
  return *extractor;
}

std::string Repeat(std::string_view piece, size_t bytes) {
  std::string out;
  out.reserve(bytes + piece.size());
  while (out.size() < bytes) out += piece;
  return out;
}

// Whatever the input, each figure and date is evidence: its span lies in the text it was read
// from, and its text is what the span holds.
template <typename Mention>
void ExpectSpansHoldTheirText(const std::vector<Mention>& mentions, std::u32string_view text,
                              const std::string& label) {
  for (const Mention& m : mentions) {
    ASSERT_TRUE(m.span.begin >= 0 && m.span.begin < m.span.end &&
                m.span.end <= static_cast<int64_t>(text.size()))
        << label << ": " << m.text << " at [" << m.span.begin << ", " << m.span.end << ")";
    ASSERT_EQ(text::EncodeUtf8(text.substr(m.span.begin, m.span.end - m.span.begin)), m.text)
        << label;
  }
}

void ExpectEvidenceInText(const Record& record, std::string_view text, const std::string& label) {
  const std::u32string code_points = text::DecodeUtf8(text);
  ExpectSpansHoldTheirText(record.quantities, code_points, label + " (quantities)");
  ExpectSpansHoldTheirText(record.dates, code_points, label + " (dates)");
}

// Extracts from raw bytes and from the normalized text, printing the time taken.
void ExtractTimed(const std::string& label, const std::string& bytes) {
  text::DecodeOptions options;
  options.file_name = "hostile.txt";
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<ExtractedDocument> document = TheExtractor().ExtractFromBytes(bytes, options);
  Record direct = TheExtractor().Extract(text::RepairUtf8(bytes));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[hostile] " << label << ": " << bytes.size() << " bytes, " << seconds << " s, "
            << (document.ok() ? "decoded" : std::string(document.status().message())) << ", "
            << direct.quantities.size() << " quantities\n";
  ExpectEvidenceInText(direct, text::RepairUtf8(bytes), label);
  if (document.ok()) ExpectEvidenceInText(document->record, document->normalized_text, label);
}

TEST(HostileInputTest, RandomCodePointsReturn) {
  std::mt19937 random(20240611);
  // Mostly CJK and digits, with punctuation, brackets and controls mixed in.
  const std::u32string alphabet =
      U"0123456789.%,:;件人宗起年月日号〔〕《》()（）、。；共余多万亿零一二三四五十百千"
      U"县区市镇乡街道省州旗我全本行政复议诉讼案件法治\n\t 　\u200b\ufeff";
  for (int round = 0; round < 20; ++round) {
    std::string text;
    std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<char32_t> any(1, 0x10FFFF);
    for (int i = 0; i < 20000; ++i) {
      char32_t c = i % 7 == 0 ? any(random) : alphabet[pick(random)];
      if (c >= 0xD800 && c <= 0xDFFF) c = U'?';
      text::AppendUtf8(text, c);
    }
    ExtractTimed("random code points " + std::to_string(round), text);
  }
}

TEST(HostileInputTest, RandomBytesReturn) {
  std::mt19937 random(7);
  std::string bytes(200000, '\0');
  for (char& b : bytes) b = static_cast<char>(random() & 0xFF);
  ExtractTimed("random bytes", bytes);
}

TEST(HostileInputTest, OneMegabyteOfDigitsReturns) {
  ExtractTimed("1 MB of digits", Repeat("1234567890", 1 << 20));
}

TEST(HostileInputTest, DigitsWithUnitsEverywhereReturn) {
  ExtractTimed("digits and units",
               Repeat("2021年共办理行政复议案件31件,其中受理30件,应诉率达92.16%,", 1 << 20));
}

TEST(HostileInputTest, TenMegabytesOnOneLineReturn) {
  ExtractTimed("10 MB on one line",
               Repeat("全县共排查矛盾纠纷201件现已化解182件成功率达90.5%我县法治隆阳区海原县三河镇",
                      10 << 20));
}

TEST(HostileInputTest, DeeplyNestedTitleBracketsReturn) {
  ExtractTimed("nested 《",
               Repeat("《", 300000) + "中华人民共和国行政处罚法" + Repeat("》", 300000));
  ExtractTimed("unclosed 《", Repeat("《关于", 200000));
  ExtractTimed("nested 〔", Repeat("〔2021〕", 200000) + "号");
}

TEST(HostileInputTest, NumbersWithThousandsOfDigitsReturn) {
  ExtractTimed("5000-digit number", "共" + Repeat("9", 5000) + "件," + Repeat("8", 5000) + "." +
                                        Repeat("7", 5000) + "%");
  ExtractTimed("long numeral run", Repeat("一二三四五六七八九十百千万亿", 100000) + "件");
  ExtractTimed("long comma digits", Repeat("1,234", 100000) + "件");
}

TEST(HostileInputTest, ManyDivisionNamesAndSelfReferencesReturn) {
  ExtractTimed("division names",
               Repeat("四川省甘孜藏族自治州炉霍县新都镇全县我县本镇三河镇", 1 << 20));
}

TEST(HostileInputTest, ManyShortLinesAndHeadingsReturn) {
  ExtractTimed("short lines", Repeat("一、\n(一)\n1.\n第一条\n", 1 << 20));
  ExtractTimed("long sentence without breaks", Repeat("行政复议", 1 << 20));
}

TEST(HostileInputTest, EmptyAndTinyInputsReturn) {
  ExtractTimed("empty", "");
  ExtractTimed("one byte", "\xff");
  ExtractTimed("NUL bytes", std::string(1000, '\0'));
}

}  // namespace
}  // namespace fazhi::extraction
