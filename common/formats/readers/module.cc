// The module's entry point (format_readers.h): its one symbol visible to the loader.
#include "common/formats/format_readers.h"
#include "common/formats/readers/readers.h"

extern "C" __attribute__((visibility("default"))) const fazhi::formats::FormatReaders*
FazhiFormatReaders() {
  namespace readers = fazhi::formats::readers;
  static constexpr fazhi::formats::FormatReaders kReaders = {
      .version = fazhi::formats::kFormatReadersVersion,
      .size = sizeof(fazhi::formats::FormatReaders),
      .read_pdf = readers::ReadPdf,
      .read_docx = readers::ReadDocx,
      .read_image = readers::ReadImage,
      .recognize_gray_page = readers::RecognizeGrayPage,
      .ocr_engine_name = readers::OcrEngineName,
      .pdf_converter = readers::PdfConverter,
      .docx_converter = readers::DocxConverter,
      .ocr_converter = readers::OcrConverter,
  };
  return &kReaders;
}
