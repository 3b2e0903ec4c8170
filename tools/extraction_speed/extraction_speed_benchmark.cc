// fazhi_extraction_speed_benchmark: the extractor's speed next to Microsoft Recognizers-Text's,
// on the same texts in the same run, and its peak memory by document size.
//
//   fazhi_extraction_speed_benchmark [--generated=200] [--min-seconds=1] [--peer-max-seconds=10]
//                                    [--rss-mb=1,10,50] [--no-peer]
//
// Texts: the bundled reports (tests/data/corpus) and reports made by the corpus generator
// (seed 1; UTF-8, GB18030, UTF-16 and HTML, decoded as the services decode them), all
// normalized. Figures are MB of normalized UTF-8 text per CPU second of one core, except the
// whole path's (the file's bytes decoded, normalized and extracted, as `fazhi extract` does),
// which is MB of the bytes read, printed with its target of 60 MB/s (issue 18). The peer
// (tools/peer_benchmark, node) reads the same normalized texts from a temporary directory.
// Memory: each size runs in a child process (this binary with --rss-child-file) that extracts one
// document made by concatenating generated reports; then each component is timed on it.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/compat/string_view.h"
#include "common/files/read_file.h"
#include "common/metrics/benchmark_summary.h"
#include "common/text/code_points.h"
#include "common/text/decode.h"
#include "common/text/normalize.h"
#include "common/text/read_document.h"
#include "services/extraction/citations/citations.h"
#include "services/extraction/citations/document_numbers.h"
#include "services/extraction/dates/dates.h"
#include "services/extraction/extractor/extractor.h"
#include "services/extraction/indicators/indicators.h"
#include "services/extraction/metadata/metadata.h"
#include "services/extraction/quantities/quantities.h"
#include "services/extraction/sections/sections.h"
#include "tools/corpus_generator/corpus_generator.h"
#include "tools/extraction_speed/speed.h"

namespace fazhi::extraction::speed {
namespace {

using text::DecodeUtf8;

namespace fs = std::filesystem;

struct Flags {
  int generated = 200;
  double min_seconds = 1;
  double peer_max_seconds = 10;
  std::vector<int> rss_mb = {1, 10, 50};
  bool peer = true;
  std::string rss_child_file;  // internal: run as the memory child on this document
};

struct Corpus {
  std::string name;
  std::vector<std::string> texts;  // normalized
  // What each text was made from, for the whole path (bytes in, record out).
  std::vector<std::string> sources;
  std::vector<std::string> file_names;

  int64_t Bytes() const {
    int64_t bytes = 0;
    for (const std::string& t : texts) bytes += static_cast<int64_t>(t.size());
    return bytes;
  }
  std::vector<int64_t> SourceBytes() const {
    std::vector<int64_t> bytes;
    for (const std::string& s : sources) bytes.push_back(static_cast<int64_t>(s.size()));
    return bytes;
  }
};

// Every Throughput below is over one core; the whole path's target is issue 18's.
constexpr double kWholePathTargetMbPerSecond = 60;

fs::path SourceDir() {
  const char* env = std::getenv("FAZHI_SOURCE_DIR");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path(FAZHI_SOURCE_DIR);
}

// A benchmark's input must be there: a file that cannot be read stops it with the reason.
std::string ReadFile(const fs::path& path) {
  absl::StatusOr<std::string> bytes = ReadFileToString(path.string());
  if (!bytes.ok()) {
    std::cerr << bytes.status() << "\n";
    std::exit(1);
  }
  return *std::move(bytes);
}

// Decoded and normalized as the services do it; an undecodable file is left out with a note.
void AddDocument(std::string_view bytes, const std::string& file_name, Corpus& corpus) {
  text::DecodeOptions options;
  options.file_name = file_name;
  absl::StatusOr<text::DecodedDocument> decoded = text::DecodeDocument(bytes, options);
  if (!decoded.ok()) {
    std::cerr << file_name << ": " << decoded.status().message() << "\n";
    return;
  }
  corpus.texts.push_back(text::NormalizeText(decoded->text));
  corpus.sources.emplace_back(bytes);
  corpus.file_names.push_back(file_name);
}

Corpus BundledCorpus() {
  Corpus corpus;
  corpus.name = "bundled";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(SourceDir() / "tests/data/corpus"))
    files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) AddDocument(ReadFile(file), file.filename().string(), corpus);
  return corpus;
}

// Reports of the generator's seed 1, until `count` reports or `min_bytes` of normalized text.
absl::StatusOr<Corpus> GeneratedCorpus(int count, int64_t min_bytes = 0) {
  corpus::CorpusGeneratorOptions options;
  options.source_dir = (SourceDir() / "tests/data/corpus").string();
  options.divisions_dir = (SourceDir() / "data/divisions").string();
  absl::StatusOr<corpus::CorpusGenerator> generator = corpus::CorpusGenerator::Create(options);
  if (!generator.ok()) return generator.status();
  Corpus corpus;
  corpus.name = "generated";
  int64_t bytes = 0;
  for (int i = 0; i < count || bytes < min_bytes; ++i) {
    corpus::GeneratedReport report = generator->Next();
    AddDocument(report.bytes, report.file_name, corpus);
    if (!corpus.texts.empty()) bytes += static_cast<int64_t>(corpus.texts.back().size());
  }
  return corpus;
}

std::string RunCommand(const std::string& command, int* exit_code) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *exit_code = -1;
    return out;
  }
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  *exit_code = pclose(pipe);
  return out;
}

// The peer's figures on `corpus`, or why there are none (no node, no node_modules).
absl::StatusOr<PeerResult> RunPeer(const Corpus& corpus, double max_seconds) {
  const fs::path dir = SourceDir() / "tools/peer_benchmark";
  if (!fs::exists(dir / "node_modules/@microsoft/recognizers-text-suite")) {
    return absl::FailedPreconditionError("no " + (dir / "node_modules").string() +
                                         " (./dev bench runs npm ci there)");
  }
  char pattern[] = "/tmp/fazhi-speed-XXXXXX";
  if (mkdtemp(pattern) == nullptr) return absl::InternalError("mkdtemp failed");
  const fs::path texts_dir = pattern;
  for (size_t i = 0; i < corpus.texts.size(); ++i) {
    std::ofstream(texts_dir / absl::StrFormat("%06d.txt", i), std::ios::binary) << corpus.texts[i];
  }
  int exit_code = 0;
  const std::string out = RunCommand(
      absl::StrFormat("node '%s' --max-seconds %g '%s'", (dir / "recognizers_bench.js").string(),
                      max_seconds, texts_dir.string()),
      &exit_code);
  fs::remove_all(texts_dir);
  if (exit_code != 0)
    return absl::UnavailableError("node exited with status " + std::to_string(exit_code));
  return ParsePeerResult(out);
}

// Where the whole extractor's time goes: each component timed alone, in the extractor's order,
// over the code points decoded once as Extractor::Extract does.
void PrintComponents(const Corpus& corpus, const Extractor& extractor, double min_seconds) {
  constexpr int kComponents = 8;
  static constexpr std::array<std::string_view, kComponents> kNames = {
      "decode", "metadata",  "sections",    "quantities",
      "dates",  "citations", "doc numbers", "indicators"};
  std::array<double, kComponents> cpu{};
  int64_t bytes = 0;
  const double start = ThreadCpuSeconds();
  do {
    for (const std::string& t : corpus.texts) {
      int k = 0;
      double last = ThreadCpuSeconds();
      auto lap = [&] {
        const double now = ThreadCpuSeconds();
        cpu[k++] += now - last;
        last = now;
      };
      const std::u32string code_points = DecodeUtf8(t);
      lap();
      const Metadata metadata = ExtractMetadata(t, code_points, &extractor.divisions());
      lap();
      const SectionTree sections = SegmentSections(t, code_points);
      lap();
      const std::vector<Quantity> quantities = RecognizeQuantities(code_points);
      lap();
      (void)RecognizeDates(code_points, metadata.report_year);
      lap();
      (void)RecognizeCitations(code_points);
      lap();
      (void)RecognizeDocumentNumbers(code_points);
      lap();
      (void)ExtractIndicators(code_points, quantities, extractor.indicator_set(),
                              metadata.report_year, sections.sections);
      lap();
      bytes += static_cast<int64_t>(t.size());
    }
  } while (ThreadCpuSeconds() - start < min_seconds);
  double total = 0;
  for (double c : cpu) total += c;
  std::string line = "          share of time:";
  for (int k = 0; k < kComponents; ++k) {
    line += absl::StrFormat(" %s %.0f%% (%.0f MB/s)%s", kNames[k], 100 * cpu[k] / total,
                            bytes / 1e6 / cpu[k], k + 1 < kComponents ? "," : "");
  }
  std::cout << line << "\n";
}

void PrintSpeed(const Corpus& corpus, const Extractor& extractor, const Flags& flags) {
  int64_t quantities = 0;
  for (const std::string& t : corpus.texts)
    quantities += static_cast<int64_t>(RecognizeQuantities(t).size());
  const Throughput whole = MeasureThroughput(
      corpus.texts, [&](std::string_view t) { (void)extractor.Extract(t); }, flags.min_seconds);
  const Throughput alone = MeasureThroughput(
      corpus.texts, [](std::string_view t) { (void)RecognizeQuantities(t); }, flags.min_seconds);
  const auto options = [&](size_t i) {
    text::DecodeOptions decode;
    decode.file_name = corpus.file_names[i];
    return decode;
  };
  // Bytes as read from the file, decoded, normalized and extracted: what `fazhi extract` does
  // for each file, and the ingestion and extraction services for each upload.
  const Throughput path = MeasureThroughput(
      corpus.SourceBytes(),
      [&](size_t i) { (void)extractor.ExtractFromBytes(corpus.sources[i], options(i)); },
      flags.min_seconds);
  const Throughput reading = MeasureThroughput(
      corpus.SourceBytes(),
      [&](size_t i) { (void)text::ReadDocument(corpus.sources[i], options(i)); },
      flags.min_seconds);
  std::cout << absl::StrFormat(
      "%-9s %4d reports %7.2f MB | whole extractor %6.1f MB/s | quantities alone %6.1f MB/s (%d "
      "found)\n",
      corpus.name, corpus.texts.size(), corpus.Bytes() / 1e6, whole.MbPerSecond(),
      alone.MbPerSecond(), quantities);
  std::cout << absl::StrFormat(
      "          whole path (bytes in -> decode -> normalize -> extract -> record) %6.1f MB/s of "
      "the %.2f MB read, target %.0f: %s | decode and normalize alone %6.1f MB/s\n",
      path.MbPerSecond(), path.bytes / 1e6 / path.passes, kWholePathTargetMbPerSecond,
      path.MbPerSecond() >= kWholePathTargetMbPerSecond ? "met" : "MISSED", reading.MbPerSecond());
  PrintComponents(corpus, extractor, flags.min_seconds);
  std::string peer_figure;
  if (flags.peer) {
    absl::StatusOr<PeerResult> peer = RunPeer(corpus, flags.peer_max_seconds);
    if (!peer.ok()) {
      std::cout << "          peer skipped: " << peer.status().message() << "\n";
    } else {
      std::cout << absl::StrFormat(
          "          peer Recognizers-Text numbers+percentages %6.3f MB/s on %.2f MB (%d "
          "paragraphs: %d numbers, %d percentages)\n"
          "          ratio: whole extractor %.0fx the peer, whole path %.0fx, quantities alone "
          "%.0fx\n",
          peer->MbPerSecond(), peer->bytes / 1e6, peer->paragraphs, peer->numbers,
          peer->percentages, whole.MbPerSecond() / peer->MbPerSecond(),
          path.MbPerSecond() / peer->MbPerSecond(), alone.MbPerSecond() / peer->MbPerSecond());
      peer_figure = absl::StrFormat("Recognizers-Text %.2f MB/s (numbers and percentages only)",
                                    peer->MbPerSecond());
    }
  }
  metrics::PrintSummaryLine(
      std::cout,
      {.figure = absl::StrFormat("whole path, bytes in -> record out, %s reports", corpus.name),
       .measured = absl::StrFormat("%.1f MB/s per core (extractor alone %.1f; decode and "
                                   "normalize alone %.1f)",
                                   path.MbPerSecond(), whole.MbPerSecond(), reading.MbPerSecond()),
       .target = absl::StrFormat(">= %.0f MB/s per core", kWholePathTargetMbPerSecond),
       .peer = peer_figure});
}

// One document of `mb` MB: generated reports concatenated, cut at a character boundary.
absl::StatusOr<std::string> ConcatenatedDocument(int mb) {
  const int64_t bytes = static_cast<int64_t>(mb) * 1000 * 1000;
  absl::StatusOr<Corpus> corpus = GeneratedCorpus(0, bytes);
  if (!corpus.ok()) return corpus.status();
  std::string document;
  document.reserve(static_cast<size_t>(corpus->Bytes()));
  for (const std::string& t : corpus->texts) document += t;
  document.resize(static_cast<size_t>(bytes));
  return text::NormalizeText(document);  // a cut in the last character is made whole
}

// The memory child: reads one document (a string of its exact size, nothing else held), extracts
// it once, prints "text_kb before_kb peak_kb cpu_seconds quantities".
int RunMemoryChild(const Extractor& extractor, const std::string& path) {
  const std::string document = ReadFile(path);
  const int64_t before = PeakResidentKb();
  const double start = ThreadCpuSeconds();
  Record record = extractor.Extract(document);
  const double cpu = ThreadCpuSeconds() - start;
  std::cout << document.size() / 1000 << " " << before << " " << PeakResidentKb() << " " << cpu
            << " " << record.quantities.size() << "\n";
  return 0;
}

void PrintMemory(const Extractor& extractor, const Flags& flags) {
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return;
  self[n] = '\0';
  std::cout
      << "peak resident memory (VmHWM) extracting one document (generated reports concatenated), "
         "each in a fresh process:\n";
  for (int mb : flags.rss_mb) {
    absl::StatusOr<std::string> document = ConcatenatedDocument(mb);
    if (!document.ok()) {
      std::cout << "  " << mb << " MB: " << document.status().message() << "\n";
      continue;
    }
    const std::string path = absl::StrFormat("/tmp/fazhi-speed-%d-%d.txt", getpid(), mb);
    std::ofstream(path, std::ios::binary) << *document;
    int exit_code = 0;
    const std::string out =
        RunCommand(absl::StrFormat("'%s' --rss-child-file='%s'", self, path), &exit_code);
    fs::remove(path);
    std::vector<std::string> fields =
        absl::StrSplit(out, absl::ByAnyChar(" \n"), absl::SkipEmpty());
    int64_t text_kb = 0, before_kb = 0, peak_kb = 0, found = 0;
    double cpu = 0;
    if (exit_code != 0 || fields.size() != 5 || !absl::SimpleAtoi(fields[0], &text_kb) ||
        !absl::SimpleAtoi(fields[1], &before_kb) || !absl::SimpleAtoi(fields[2], &peak_kb) ||
        !absl::SimpleAtod(fields[3], &cpu) || !absl::SimpleAtoi(fields[4], &found)) {
      std::cout << absl::StrFormat("  %3d MB: failed (exit %d)\n", mb, exit_code);
      continue;
    }
    const double extra_mb = (peak_kb - before_kb) / 1000.0;
    std::cout << absl::StrFormat(
        "  %3d MB document: peak %7.1f MB, %7.1f MB before extracting (the text loaded), "
        "extraction added "
        "%7.1f MB (%.2f bytes per byte of text), %.2f s CPU (%.1f MB/s), %d quantities\n",
        mb, peak_kb / 1000.0, before_kb / 1000.0, extra_mb, extra_mb * 1000 / text_kb, cpu,
        text_kb / 1000.0 / cpu, found);
    Corpus one;
    one.name = absl::StrFormat("%d MB", mb);
    one.texts.push_back(*std::move(document));
    PrintComponents(one, extractor, 0);
  }
}

bool ParseFlags(int argc, char** argv, Flags& flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const size_t eq = arg.find('=');
    const std::string_view name = arg.substr(0, eq);
    const std::string value(eq == arg.npos ? "" : arg.substr(eq + 1));
    bool ok = true;
    if (name == "--generated") {
      ok = absl::SimpleAtoi(value, &flags.generated) && flags.generated > 0;
    } else if (name == "--min-seconds") {
      ok = absl::SimpleAtod(value, &flags.min_seconds);
    } else if (name == "--peer-max-seconds") {
      ok = absl::SimpleAtod(value, &flags.peer_max_seconds) && flags.peer_max_seconds > 0;
    } else if (name == "--no-peer") {
      flags.peer = false;
    } else if (name == "--rss-mb") {
      flags.rss_mb.clear();
      for (absl::string_view part : absl::StrSplit(value, ',', absl::SkipEmpty())) {
        int mb = 0;
        ok = ok && absl::SimpleAtoi(part, &mb) && mb > 0;
        flags.rss_mb.push_back(mb);
      }
    } else if (name == "--rss-child-file") {
      flags.rss_child_file = value;
      ok = !value.empty();
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "fazhi_extraction_speed_benchmark: bad flag " << arg << "\n";
      return false;
    }
  }
  return true;
}

int Main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, flags)) return 2;
  ExtractorOptions options;
  options.data_dir = (SourceDir() / "data").string();
  absl::StatusOr<Extractor> extractor = Extractor::Load(options);
  if (!extractor.ok()) {
    std::cerr << extractor.status().message() << "\n";
    return 1;
  }
  if (!flags.rss_child_file.empty()) return RunMemoryChild(*extractor, flags.rss_child_file);

  absl::StatusOr<Corpus> generated = GeneratedCorpus(flags.generated);
  if (!generated.ok()) {
    std::cerr << generated.status().message() << "\n";
    return 1;
  }
  std::cout << "extraction speed: MB of normalized UTF-8 report text per CPU second, one core\n";
  PrintSpeed(BundledCorpus(), *extractor, flags);
  PrintSpeed(*generated, *extractor, flags);
  PrintMemory(*extractor, flags);
  return 0;
}

}  // namespace
}  // namespace fazhi::extraction::speed

int main(int argc, char** argv) { return fazhi::extraction::speed::Main(argc, argv); }
