// libFuzzer target: ReadDocx on arbitrary bytes. An even first byte reads the rest as the .docx
// itself (the zip layer); an odd one stores the rest as word/document.xml in a zip made here, so
// mutations reach the XML walk instead of breaking the zip's checksums. Whatever it reads must be
// valid UTF-8, unpaged (no '\f'), and not blank.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "common/formats/docx_reader.h"
#include "common/text/utf8.h"
#include "tests/fuzz/format_readers_loaded.h"

namespace {

// A zip holding `xml` uncompressed as word/document.xml (libzip failing is a harness bug).
std::string StoredDocx(std::string_view xml) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);  // read back after zip_close
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (zip == nullptr) std::abort();
  zip_source_t* source = zip_source_buffer(zip, xml.data(), xml.size(), 0);
  const zip_int64_t index = zip_file_add(zip, "word/document.xml", source, 0);
  if (index < 0 || zip_set_file_compression(zip, index, ZIP_CM_STORE, 0) != 0 ||
      zip_close(zip) != 0) {
    std::abort();
  }
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    bytes.resize(zip_source_tell(buffer));
    zip_source_seek(buffer, 0, SEEK_SET);
    if (zip_source_read(buffer, bytes.data(), bytes.size()) !=
        static_cast<zip_int64_t>(bytes.size())) {
      bytes.clear();
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string docx = data[0] % 2 == 1 ? StoredDocx(rest) : std::string(rest);
  fazhi::formats::ConvertOptions options;
  options.limits.max_unpacked_bytes = 16 << 20;
  auto converted = fazhi::formats::ReadDocx(docx, options);
  if (!converted.ok()) return 0;
  const std::string& text = converted->text;
  if (!fazhi::text::IsValidUtf8(text) || text.find('\f') != std::string::npos ||
      absl::StripAsciiWhitespace(text).empty() || !converted->pages.empty()) {
    std::abort();
  }
  return 0;
}
