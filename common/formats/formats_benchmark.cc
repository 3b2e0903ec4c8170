// Speed of the PDF text-layer reader and of OCR, side by side with the command-line tools of the
// same libraries run on the same files in the same run: pdftotext (Poppler) and tesseract.
//
//   FAZHI_TEST_DOCUMENTS=build/test-documents build/benchmarks/fazhi_formats_benchmark
//
// Counters: pages per second (one core: the readers run on the calling thread; the tools are
// run with OMP_THREAD_LIMIT=1). The tools' times include starting a process per file.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/files/read_file.h"
#include "common/formats/ocr.h"
#include "common/formats/pdf_reader.h"

namespace fazhi::formats {
namespace {

namespace fs = std::filesystem;

struct Document {
  fs::path path;
  std::string bytes;
};

fs::path DocumentsDir() {
  const char* dir = std::getenv("FAZHI_TEST_DOCUMENTS");
  return dir == nullptr ? fs::path() : fs::path(dir);
}

// The sample reports' text-layer PDFs (NAME.pdf, not NAME.scan.pdf), or their first scanned pages.
std::vector<Document> Documents(std::string_view suffix) {
  std::vector<Document> documents;
  if (DocumentsDir().empty()) return documents;
  for (const auto& entry : fs::directory_iterator(DocumentsDir())) {
    const std::string name = entry.path().filename().string();
    const bool sample = name.size() > 3 && name[3] == '_';
    if (sample && name.ends_with(suffix) && (suffix != ".pdf" || !name.ends_with(".scan.pdf"))) {
      documents.push_back({entry.path(), ReadFileToString(entry.path().string()).value_or("")});
    }
  }
  std::sort(documents.begin(), documents.end(),
            [](const Document& a, const Document& b) { return a.path < b.path; });
  return documents;
}

bool SkipWithoutDocuments(benchmark::State& state, const std::vector<Document>& documents) {
  if (!documents.empty()) return false;
  state.SkipWithError(
      "FAZHI_TEST_DOCUMENTS is not set (tests/formats/make_documents.py makes them)");
  return true;
}

void BM_ReadPdfTextLayer(benchmark::State& state) {
  const std::vector<Document> pdfs = Documents(".pdf");
  if (SkipWithoutDocuments(state, pdfs)) return;
  int64_t pages = 0;
  for (auto _ : state) {
    for (const Document& pdf : pdfs) {
      absl::StatusOr<ConvertedText> text = ReadPdf(pdf.bytes, ConvertOptions());
      if (!text.ok()) state.SkipWithError(std::string(text.status().message()).c_str());
      pages += static_cast<int64_t>(text->pages.size());
      benchmark::DoNotOptimize(text->text.data());
    }
  }
  state.counters["pages/s"] =
      benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadPdfTextLayer)->Unit(benchmark::kMillisecond)->UseRealTime();

// Runs `command_before 'FILE' command_after` for each document; `pages_per_pass` pages are
// read per pass over the documents.
void RunTool(benchmark::State& state, const std::vector<Document>& documents,
             const std::string& command_before, const std::string& command_after,
             int pages_per_pass) {
  int64_t pages = 0;
  for (auto _ : state) {
    for (const Document& document : documents) {
      const std::string command =
          command_before + " '" + document.path.string() + "' " + command_after;
      if (std::system(command.c_str()) != 0) state.SkipWithError(("failed: " + command).c_str());
    }
    pages += pages_per_pass;
  }
  state.counters["pages/s"] =
      benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsRate);
}

// Pages counted as ReadPdf counts them (the same files), so the rates compare.
int CountPages(const std::vector<Document>& pdfs) {
  int pages = 0;
  for (const Document& pdf : pdfs)
    pages += static_cast<int>(ReadPdf(pdf.bytes, ConvertOptions())->pages.size());
  return pages;
}

void BM_PdftotextCommand(benchmark::State& state) {
  const std::vector<Document> pdfs = Documents(".pdf");
  if (SkipWithoutDocuments(state, pdfs)) return;
  RunTool(state, pdfs, "pdftotext -q", "/dev/null", CountPages(pdfs));
}
BENCHMARK(BM_PdftotextCommand)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_OcrPage(benchmark::State& state) {
  const std::vector<Document> scans = Documents(".p1.png");
  if (SkipWithoutDocuments(state, scans)) return;
  const Document& page = scans[1 % scans.size()];
  int64_t pages = 0;
  for (auto _ : state) {
    absl::StatusOr<ConvertedText> text = ReadImage(page.bytes, ConvertOptions());
    if (!text.ok()) state.SkipWithError(std::string(text.status().message()).c_str());
    ++pages;
  }
  state.counters["pages/s"] =
      benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_OcrPage)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_TesseractCommand(benchmark::State& state) {
  const std::vector<Document> scans = Documents(".p1.png");
  if (SkipWithoutDocuments(state, scans)) return;
  RunTool(state, {scans[1 % scans.size()]}, "OMP_THREAD_LIMIT=1 tesseract",
          "stdout -l chi_sim --psm 6 >/dev/null 2>&1", 1);
}
BENCHMARK(BM_TesseractCommand)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace
}  // namespace fazhi::formats

BENCHMARK_MAIN();
