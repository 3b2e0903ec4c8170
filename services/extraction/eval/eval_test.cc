// The extractor against the bundled gold set, with floors that only go up.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "gtest/gtest.h"
#include "services/extraction/eval/evaluate.h"
#include "tests/testing/extraction/eval_testing.h"

namespace fazhi::extraction {
namespace {

// Raise this as the segmenter improves; never lower it to make a change pass.
constexpr double kSectionsFloor = 0.93;

TEST(EvalTest, BundledGoldSetMeetsTheFloors) {
  const std::string data = std::string(FAZHI_SOURCE_DIR) + "/tests/data";
  absl::StatusOr<EvalScores> scores = testing::ScoreDirectories(data + "/corpus", data + "/gold");
  ASSERT_TRUE(scores.ok()) << scores.status();
  std::cout << FormatEvalReport(*scores, /*verbose=*/true);
  testing::ExpectMeetsFloors(*scores, /*documents=*/5);
  EXPECT_GE(scores->sections.Rate(), kSectionsFloor);
}

// The streamed eval-json is what nlohmann would print for the same value: keys in its order,
// strings escaped and numbers spelled as it spells them.
TEST(EvalTest, EvalJsonTextIsWhatAJsonLibraryPrintsForIt) {
  absl::StatusOr<const Extractor*> extractor = testing::SharedExtractor();
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  const std::filesystem::path corpus = std::string(FAZHI_SOURCE_DIR) + "/tests/data/corpus";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    absl::StatusOr<std::string> text = ExtractEvalJsonFromFile(**extractor, entry.path().string());
    ASSERT_TRUE(text.ok()) << text.status();
    const nlohmann::json parsed = nlohmann::json::parse(*text);
    EXPECT_EQ(parsed.dump(), *text) << entry.path();
    EXPECT_FALSE(parsed["quantities"].empty()) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 5);
}

// The file reader's failures: a file that is not there, a folder, an empty file.
TEST(EvalTest, AFileThatCannotBeReadNamesIt) {
  absl::StatusOr<const Extractor*> extractor = testing::SharedExtractor();
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  absl::StatusOr<std::string> missing = ExtractEvalJsonFromFile(**extractor, "/nonexistent.txt");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("'/nonexistent.txt'"), std::string::npos);
  const std::string folder = ::testing::TempDir();
  absl::StatusOr<std::string> directory = ExtractEvalJsonFromFile(**extractor, folder);
  EXPECT_FALSE(directory.ok());
  const std::string empty = folder + "/eval_test_empty.txt";
  { std::ofstream(empty).flush(); }
  absl::StatusOr<std::string> nothing = ExtractEvalJsonFromFile(**extractor, empty);
  EXPECT_EQ(nothing.status().code(), absl::StatusCode::kInvalidArgument) << nothing.status();
  EXPECT_NE(nothing.status().message().find("document is empty"), std::string::npos);
  std::filesystem::remove(empty);
}

TEST(EvalTest, MissingDirectoryIsAnError) {
  absl::StatusOr<const Extractor*> extractor = testing::SharedExtractor();
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  absl::StatusOr<EvalScores> scores =
      EvaluateDirectories(**extractor, "/nonexistent", "/nonexistent");
  EXPECT_EQ(scores.status().code(), absl::StatusCode::kNotFound);
}

TEST(EvalTest, NothingToScoreIsAnErrorNotAPerfectScore) {
  absl::StatusOr<const Extractor*> extractor = testing::SharedExtractor();
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  const std::string data = std::string(FAZHI_SOURCE_DIR) + "/tests/data";
  // The gold folder as documents: no gold file has its document.
  absl::StatusOr<EvalScores> unmatched =
      EvaluateDirectories(**extractor, data + "/gold/..", data + "/gold");
  EXPECT_EQ(unmatched.status().code(), absl::StatusCode::kInvalidArgument) << unmatched.status();
  EXPECT_NE(unmatched.status().message().find("none of the 5 gold files"), std::string::npos)
      << unmatched.status();
  // The documents as gold: no *.json at all.
  absl::StatusOr<EvalScores> no_gold =
      EvaluateDirectories(**extractor, data + "/corpus", data + "/corpus");
  EXPECT_EQ(no_gold.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(no_gold.status().message().find("no gold annotations"), std::string::npos);
}

}  // namespace
}  // namespace fazhi::extraction
