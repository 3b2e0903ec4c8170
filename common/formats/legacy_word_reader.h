// Reads the binary Word formats (.doc of Word 97-2003, and WPS Office's .wps, which is the same
// OLE2 compound file) by having LibreOffice, headless, convert them to .docx, then reading that
// with ReadDocx. LibreOffice is the maintained reader of these formats in Debian (package
// libreoffice-writer-nogui); it runs as a child process in a private temporary folder with its
// own profile, under a time limit, and is killed with its children if it overruns.
//
//   absl::StatusOr<ConvertedText> text = ReadLegacyWord(doc_bytes, ConvertOptions());
//
// What it cannot read: password-protected files (refused as encrypted); Excel and PowerPoint
// files, which are OLE2 as well (refused: not a Word document); Works .wps from before 2000.
// Without LibreOffice installed, these formats are refused with FAILED_PRECONDITION naming the
// package, and nothing else changes.
#ifndef FAZHI_COMMON_FORMATS_LEGACY_WORD_READER_H_
#define FAZHI_COMMON_FORMATS_LEGACY_WORD_READER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/formats/converted_text.h"

namespace fazhi::formats {

// What an OLE2 compound file holds, from its directory's stream names.
enum class CompoundFileKind { kWord, kEncrypted, kOther };
CompoundFileKind ClassifyCompoundFile(std::string_view bytes);

absl::StatusOr<ConvertedText> ReadLegacyWord(std::string_view bytes, const ConvertOptions& options);

// "LibreOffice 7.4.7.2", or empty when soffice is not installed. Asked once per process.
const std::string& LibreOfficeVersion();

}  // namespace fazhi::formats

#endif  // FAZHI_COMMON_FORMATS_LEGACY_WORD_READER_H_
