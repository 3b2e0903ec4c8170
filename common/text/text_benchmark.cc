// Throughput of DecodeDocument + NormalizeText on the sample reports, against two baselines in
// the same run: a plain byte copy and ICU NFKC normalization of the same text; and of HTML
// reduction against gumbo reading the same page without stand-ins.
#include <benchmark/benchmark.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/files/read_file.h"
#include "common/text/decode.h"
#include "common/text/html.h"
#include "common/text/normalize.h"

namespace fazhi::text {
namespace {

// All sample reports, concatenated.
const std::string& Corpus() {
  static const std::string* corpus = [] {
    auto* text = new std::string;
    const std::vector<std::string> reports =
        *ReadFilesInFolder(FAZHI_SOURCE_DIR "/tests/data/corpus");
    for (const std::string& report : reports) *text += report + "\n";
    return text;
  }();
  return *corpus;
}

void SetBytes(benchmark::State& state, size_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_ByteCopy(benchmark::State& state) {
  for (auto _ : state) {
    std::string copy = Corpus();
    benchmark::DoNotOptimize(copy.data());
  }
  SetBytes(state, Corpus().size());
}
BENCHMARK(BM_ByteCopy);

void BM_IcuNfkc(benchmark::State& state) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  for (auto _ : state) {
    std::string out;
    icu::StringByteSink<std::string> sink(&out);
    status = U_ZERO_ERROR;
    nfkc->normalizeUTF8(0, Corpus(), sink, nullptr, status);
    benchmark::DoNotOptimize(out.data());
  }
  SetBytes(state, Corpus().size());
}
BENCHMARK(BM_IcuNfkc);

void BM_DecodeDocument(benchmark::State& state) {
  for (auto _ : state) {
    auto document = DecodeDocument(Corpus(), DecodeOptions{});
    benchmark::DoNotOptimize(document);
  }
  SetBytes(state, Corpus().size());
}
BENCHMARK(BM_DecodeDocument);

void BM_NormalizeText(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(NormalizeText(Corpus()));
  SetBytes(state, Corpus().size());
}
BENCHMARK(BM_NormalizeText);

void BM_DecodeAndNormalize(benchmark::State& state) {
  for (auto _ : state) {
    auto document = DecodeDocument(Corpus(), DecodeOptions{});
    benchmark::DoNotOptimize(NormalizeText(document->text));
  }
  SetBytes(state, Corpus().size());
}
BENCHMARK(BM_DecodeAndNormalize);

// The same reports as one HTML page, a paragraph per line.
const std::string& CorpusPage() {
  static const std::string* page = [] {
    auto* html = new std::string("<html><head><title>t</title></head><body><nav>首页</nav>");
    std::istringstream lines(Corpus());
    for (std::string line; std::getline(lines, line);) *html += "<p>" + line + "</p>\n";
    *html += "</body></html>";
    return html;
  }();
  return *page;
}

// gumbo parsing and reduction included.
void BM_DecodeAndNormalizeHtml(benchmark::State& state) {
  DecodeOptions options;
  options.content_type = "text/html; charset=utf-8";
  for (auto _ : state) {
    auto document = DecodeDocument(CorpusPage(), options);
    benchmark::DoNotOptimize(NormalizeText(document->text));
  }
  SetBytes(state, CorpusPage().size());
}
BENCHMARK(BM_DecodeAndNormalizeHtml);

// HTML reduction alone, with its text runs stood in for while gumbo parses, beside gumbo parsing
// the page as it is (the baseline).
void BM_ReduceHtml(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ReduceValidHtml(CorpusPage()));
  SetBytes(state, CorpusPage().size());
}
BENCHMARK(BM_ReduceHtml);

void BM_ReduceHtmlWithoutStandIns(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ReduceValidHtmlWithoutStandIns(CorpusPage()));
  SetBytes(state, CorpusPage().size());
}
BENCHMARK(BM_ReduceHtmlWithoutStandIns);

}  // namespace
}  // namespace fazhi::text

BENCHMARK_MAIN();
