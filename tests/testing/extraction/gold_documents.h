// Test support: the sample reports and their gold annotations (tests/data), for the components'
// gold-set and corpus tests (not linked into production code).
//
//   for (const GoldDocument& doc : LoadGoldDocuments()) { doc.text; doc.gold["quantities"]; }
#ifndef FAZHI_TESTS_TESTING_EXTRACTION_GOLD_DOCUMENTS_H_
#define FAZHI_TESTS_TESTING_EXTRACTION_GOLD_DOCUMENTS_H_

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/extraction/extractor/extractor.h"

namespace fazhi::extraction::testing {

struct GoldDocument {
  std::string name;      // "000_00019c19f38eb4da"
  std::string raw_text;  // the report as scraped (the samples are UTF-8)
  std::string text;      // raw_text normalized as the archive stores it (spans point into this)
  nlohmann::json gold;
};

// The repository root: env FAZHI_SOURCE_DIR (set by ctest), else the one the build was made from.
std::filesystem::path SourceDir();

// The extractor's options for tests and benchmarks: SourceDir()/data.
ExtractorOptions TestExtractorOptions();

// All documents of tests/data/gold that have a report in tests/data/corpus, in name order, with
// the report passed through fazhi::text::NormalizeText.
std::vector<GoldDocument> LoadGoldDocuments();

// Code-point offsets of every occurrence of `needle` in `text`.
std::vector<int64_t> FindAll(const std::string& text, const std::string& needle);

// Prints "label: found/listed (share)" and returns the share (1 when nothing is listed).
double ReportScore(const std::string& label, int found, int listed);

}  // namespace fazhi::extraction::testing

#endif  // FAZHI_TESTS_TESTING_EXTRACTION_GOLD_DOCUMENTS_H_
