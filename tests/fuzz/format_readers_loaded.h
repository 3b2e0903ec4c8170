// For the fuzz targets of the PDF and Word readers: the readers are a module loaded at the first
// document (common/formats/format_readers.h). It is loaded before the first input instead, so that
// its coverage counters are known from the start, and a module that cannot be loaded stops the
// run rather than every input being refused. Included by one source of each target.
#ifndef FAZHI_TESTS_FUZZ_FORMAT_READERS_LOADED_H_
#define FAZHI_TESTS_FUZZ_FORMAT_READERS_LOADED_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/formats/format_readers.h"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  const auto readers = fazhi::formats::LoadFormatReaders();
  if (!readers.ok()) {
    std::fprintf(stderr, "%s\n", std::string(readers.status().message()).c_str());
    std::abort();
  }
  return 0;
}

#endif  // FAZHI_TESTS_FUZZ_FORMAT_READERS_LOADED_H_
