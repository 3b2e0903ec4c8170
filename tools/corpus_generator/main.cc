// fazhi-corpus-gen: writes N synthetic rule-of-law reports and their manifest.jsonl.
//
//   fazhi-corpus-gen --out /tmp/corpus --count 10000 [--seed 7] [--source tests/data/corpus]
//                    [--encodings utf8:70,gb18030:15,utf16:5,html:10] [--divisions data/divisions]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "common/compat/string_view.h"
#include "tools/corpus_generator/corpus_generator.h"

namespace {

constexpr std::string_view kUsage =
    "usage: fazhi-corpus-gen --out DIR --count N [--seed S] [--source DIR]\n"
    "                        [--encodings utf8,gb18030,utf16,html | utf8:70,html:30]\n"
    "                        [--divisions DIR]\n";

// A relative path that does not exist here is looked up in the source tree, so the defaults work
// from any directory.
std::string Resolve(const std::string& path) {
  if (std::filesystem::path(path).is_absolute() || std::filesystem::exists(path)) return path;
  std::string in_tree = std::string(FAZHI_SOURCE_DIR) + "/" + path;
  return std::filesystem::exists(in_tree) ? in_tree : path;
}

int Fail(std::string_view message) {
  std::cerr << "fazhi-corpus-gen: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  fazhi::corpus::CorpusGeneratorOptions options;
  std::string source = "tests/data/corpus";
  std::string divisions = "data/divisions";
  std::string out_dir;
  int64_t count = -1;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (i + 1 >= argc) return Fail(std::string("missing value after ") + argv[i]);
    std::string value = argv[++i];
    if (flag == "--out") {
      out_dir = value;
    } else if (flag == "--count") {
      if (!absl::SimpleAtoi(value, &count) || count < 0)
        return Fail("--count: expected a number ≥ 0");
    } else if (flag == "--seed") {
      if (!absl::SimpleAtoi(value, &options.seed)) return Fail("--seed: expected a whole number");
    } else if (flag == "--source") {
      source = value;
    } else if (flag == "--divisions") {
      divisions = value;
    } else if (flag == "--encodings") {
      absl::StatusOr<std::vector<fazhi::corpus::OutputShare>> mix =
          fazhi::corpus::ParseOutputMix(value);
      if (!mix.ok()) return Fail(fazhi::Std(mix.status().message()));
      options.mix = *mix;
    } else {
      return Fail(std::string("unknown flag ") + std::string(flag));
    }
  }
  if (out_dir.empty() || count < 0) return Fail("--out and --count are required");
  options.source_dir = Resolve(source);
  options.divisions_dir = Resolve(divisions);

  absl::StatusOr<fazhi::corpus::CorpusGenerator> generator =
      fazhi::corpus::CorpusGenerator::Create(options);
  if (!generator.ok()) return Fail(fazhi::Std(generator.status().message()));
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) return Fail("--out: cannot create " + out_dir + ": " + error.message());

  std::ofstream manifest(out_dir + "/manifest.jsonl", std::ios::binary);
  if (!manifest) return Fail("--out: cannot write " + out_dir + "/manifest.jsonl");
  auto start = std::chrono::steady_clock::now();
  uint64_t total_bytes = 0;
  for (int64_t n = 0; n < count; ++n) {
    fazhi::corpus::GeneratedReport report = generator->Next();
    std::string path = out_dir + "/" + report.file_name;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr ||
        std::fwrite(report.bytes.data(), 1, report.bytes.size(), file) != report.bytes.size()) {
      if (file != nullptr) std::fclose(file);
      return Fail("cannot write " + path);
    }
    std::fclose(file);
    manifest << report.ManifestLine() << '\n';
    total_bytes += report.bytes.size();
  }
  manifest.close();
  if (!manifest) return Fail("cannot finish " + out_dir + "/manifest.jsonl");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "fazhi-corpus-gen: %lld reports, %.1f MB in %.2f s (%.0f reports/s) -> %s\n",
               static_cast<long long>(count), total_bytes / 1e6, seconds,
               seconds > 0 ? count / seconds : 0.0, out_dir.c_str());
  return 0;
}
