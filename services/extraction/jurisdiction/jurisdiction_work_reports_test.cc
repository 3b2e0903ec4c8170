// Runs the resolver over the 165 real government work reports of ../shared/corpus/work-reports
// (State Council, Guangdong, 28 provinces, Shenzhen and its districts), with the hints the
// metadata reader computes (title, issuers, the government the speaker represents), and prints
// every report's jurisdiction. Fails on a jurisdiction that is a word fragment or a place cited
// in passing: one not named in the report's title, its first lines or an issuer the text
// contains. Then checks what each family of files must resolve to.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/text/code_points.h"
#include "common/text/normalize.h"
#include "services/extraction/divisions/division_names.h"
#include "services/extraction/jurisdiction/jurisdiction.h"
#include "services/extraction/metadata/metadata.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;
using text::EncodeUtf8;

constexpr int kEvidenceLines = 15;

struct Report {
  std::string file;
  std::string text;  // normalized
  Metadata metadata;
};

std::filesystem::path CorpusDir() {
  return testing::SourceDir() / ".." / "shared" / "corpus" / "work-reports";
}

const DivisionIndex& Index() {
  static const DivisionIndex* index = [] {
    absl::StatusOr<DivisionIndex> loaded =
        DivisionIndex::LoadFromDirectory((testing::SourceDir() / "data" / "divisions").string());
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new DivisionIndex(std::move(*loaded));
  }();
  return *index;
}

const std::vector<Report>& Reports() {
  static const std::vector<Report>* reports = [] {
    auto* read = new std::vector<Report>;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(CorpusDir())) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const std::filesystem::path& path : files) {
      std::ifstream in(path, std::ios::binary);
      Report report;
      report.file = path.filename().string();
      report.text = text::NormalizeText(
          std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
      report.metadata = ExtractMetadata(report.text, DecodeUtf8(report.text), &Index());
      read->push_back(std::move(report));
    }
    return read;
  }();
  return *reports;
}

// The report's title, its first non-empty lines, and the issuers the text itself contains (not
// one the metadata reader completed from the jurisdiction: 区人民政府 -> 盐田区人民政府).
std::string EvidenceOf(const Report& report) {
  std::string evidence = report.metadata.title + "\n";
  int lines = 0;
  for (size_t pos = 0; pos < report.text.size() && lines < kEvidenceLines;) {
    size_t end = report.text.find('\n', pos);
    if (end == std::string::npos) end = report.text.size();
    std::string_view line = std::string_view(report.text).substr(pos, end - pos);
    if (line.find_first_not_of(" \t") != std::string_view::npos) {
      evidence.append(line).append("\n");
      ++lines;
    }
    pos = end + 1;
  }
  for (const std::string& issuer : report.metadata.issuers) {
    if (report.text.find(issuer) != std::string::npos) evidence += issuer + "\n";
  }
  return evidence;
}

// The names a jurisdiction may be written by: official, as written, short forms (南山 for 南山区);
// for the national level, the organ as written.
std::vector<std::string> NamesOf(const Jurisdiction& j) {
  std::vector<std::string> names = {j.name};
  if (!j.name_as_written.empty()) names.push_back(j.name_as_written);
  for (std::string& short_name : ShortNames(j.name)) names.push_back(std::move(short_name));
  return names;
}

// `text` cut or padded to `width` columns (an ideograph takes two), for the printed table.
std::string Column(std::string_view text, int width) {
  std::string out;
  int used = 0;
  for (char32_t c : DecodeUtf8(text)) {
    const int w = c >= 0x2E80 ? 2 : 1;
    if (used + w > width) break;
    out += EncodeUtf8(std::u32string(1, c));
    used += w;
  }
  out.append(static_cast<size_t>(width - used) + 1, ' ');
  return out;
}

std::string Describe(const std::optional<Jurisdiction>& j) {
  if (!j) return "(none)";
  return j->name + " " + (j->code.empty() ? "-" : j->code) + " " + j->level;
}

TEST(JurisdictionWorkReportsTest, EveryJurisdictionIsNamedInTheTitleFirstLinesOrIssuer) {
  if (!std::filesystem::exists(CorpusDir())) {
    GTEST_SKIP() << "no work-report corpus at " << CorpusDir().string()
                 << " (../shared/corpus/work-reports beside the repository); nothing to check";
  }
  std::map<std::string, int> by_level;
  std::printf("%s%s%s%s%s%5s  %s\n", Column("report", 48).c_str(),
              Column("jurisdiction", 18).c_str(), Column("code", 10).c_str(),
              Column("level", 10).c_str(), Column("as written", 12).c_str(), "conf", "issuers");
  for (const Report& report : Reports()) {
    const std::optional<Jurisdiction>& j = report.metadata.jurisdiction;
    std::string issuers;
    for (const std::string& issuer : report.metadata.issuers)
      issuers += (issuers.empty() ? "" : " | ") + issuer;
    std::printf("%s%s%s%s%s%5.2f  %s\n", Column(report.file, 48).c_str(),
                Column(j ? j->name : "(none)", 18).c_str(), Column(j ? j->code : "", 10).c_str(),
                Column(j ? j->level : "", 10).c_str(),
                Column(j ? j->name_as_written : "", 12).c_str(), j ? j->confidence : 0.0,
                issuers.c_str());
    ++by_level[j ? j->level : "(none)"];
    if (!j) continue;
    const std::string evidence = EvidenceOf(report);
    const std::vector<std::string> names = NamesOf(*j);
    const bool named = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
      return evidence.find(name) != std::string::npos;
    });
    EXPECT_TRUE(named) << report.file << ": " << Describe(j) << " is named neither in the title ("
                       << report.metadata.title << "), the first " << kEvidenceLines
                       << " lines nor an issuer";
  }
  std::printf("\nreports by level:");
  for (const auto& [level, count] : by_level) std::printf("  %s %d", level.c_str(), count);
  std::printf("\n");
  EXPECT_EQ(Reports().size(), 165u);
}

// What each family of files (by its file name) must resolve to.
struct Family {
  std::string name;
  std::string expected;  // a code, "national" or "none"
};

// The district named in a file name (深圳市宝安区…, 2014年坪山新区…) and its code now.
constexpr std::pair<std::string_view, std::string_view> kShenzhenDistricts[] = {
    {"罗湖", "440303"}, {"福田", "440304"}, {"南山", "440305"},
    {"宝安", "440306"}, {"龙岗", "440307"}, {"盐田", "440308"},
    {"龙华", "440309"}, {"坪山", "440310"}, {"光明", "440311"},
};

std::optional<Family> FamilyOf(const std::string& file) {
  if (file.starts_with("国务院")) return Family{"State Council", "national"};
  if (file.find("大鹏新区") != std::string::npos) return Family{"大鹏新区 (no division)", "none"};
  if (file.starts_with("广东省政府工作报告")) return Family{"广东省", "440000"};
  if (file.starts_with("2026_")) {
    const std::string province = file.substr(5, file.find('_', 5) - 5);
    const std::vector<const Division*> found = Index().FindByName(province);
    return Family{"2026 provinces", found.size() == 1 ? ReportingCode(found.front()->code) : "?"};
  }
  for (const auto& [district, code] : kShenzhenDistricts) {
    if (file.find(district) != std::string::npos)
      return Family{"Shenzhen districts", std::string(code)};
  }
  if (file.starts_with("深圳市政府工作报告")) return Family{"深圳市", "440300"};
  return std::nullopt;
}

TEST(JurisdictionWorkReportsTest, FamiliesResolveToTheirGovernment) {
  if (!std::filesystem::exists(CorpusDir())) {
    GTEST_SKIP() << "no work-report corpus at " << CorpusDir().string()
                 << " (../shared/corpus/work-reports beside the repository); nothing to check";
  }
  struct Tally {
    int reports = 0;
    int right = 0;
  };
  std::map<std::string, Tally> tallies;
  int unknown = 0;
  for (const Report& report : Reports()) {
    const std::optional<Family> family = FamilyOf(report.file);
    if (!family) {
      ++unknown;
      ADD_FAILURE() << report.file << ": no family";
      continue;
    }
    const std::optional<Jurisdiction>& j = report.metadata.jurisdiction;
    const std::string got = !j ? "none" : j->level == kNationalLevel ? "national" : j->code;
    Tally& tally = tallies[family->name];
    ++tally.reports;
    tally.right += got == family->expected;
    EXPECT_EQ(got, family->expected) << report.file << ": " << Describe(j);
  }
  std::printf("%s%8s %8s\n", Column("family", 26).c_str(), "reports", "right");
  for (const auto& [name, tally] : tallies) {
    std::printf("%s%8d %8d\n", Column(name, 26).c_str(), tally.reports, tally.right);
  }
  EXPECT_EQ(unknown, 0);
}

}  // namespace
}  // namespace fazhi::extraction
