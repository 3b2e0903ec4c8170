#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/compat/string_view.h"
#include "common/formats/readers/readers.h"
#include "common/text/utf8.h"  // inline DecodeCodepoint only: the module links no fazhi_text
#include "pugixml.hpp"

namespace fazhi::formats::readers {
namespace {

using absl::StrCat;

constexpr std::string_view kDocumentPart = "word/document.xml";
constexpr std::string_view kNoteParts[] = {"word/footnotes.xml", "word/endnotes.xml"};

// Entries are unpacked straight into their string, this much per call.
constexpr uint64_t kReadChunkBytes = 1 << 20;
// Smaller entries are not held to the compression ratio: they cannot cost much, and a short
// run of repetitive markup can legitimately compress more than a bomb's threshold.
constexpr uint64_t kRatioCheckedFromBytes = 100 * 1024;
// Deeper element nesting is refused: the walk recurses once per level, and real documents
// (tables in tables, text boxes in tables) stay far below this.
constexpr int kMaxNesting = 256;

absl::Status Unreadable(std::string_view why) {
  return absl::InvalidArgumentError(StrCat("the .docx cannot be read: ", Absl(why)));
}

bool ConsumePrefix(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// ---------------------------------------------------------------- Zip entries.

struct ZipDiscard {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFile = std::unique_ptr<zip_file_t, ZipFileClose>;

// The archive reads `bytes` in place: they must outlive it.
absl::StatusOr<ZipArchive> OpenZip(std::string_view bytes) {
  // libzip takes an empty buffer for an empty archive.
  if (bytes.empty()) return Unreadable("not a valid zip archive (the file is empty)");
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  if (zip == nullptr) {
    if (source != nullptr) zip_source_free(source);  // the archive owns it only once open
    absl::Status status =
        Unreadable(StrCat("not a valid zip archive (", zip_error_strerror(&error), ")"));
    zip_error_fini(&error);
    return status;
  }
  return ZipArchive(zip);
}

// Unpacks entries within the limits. The sizes an entry declares are checked before it is
// opened, and reading stops one byte past the declared size, so a forged header cannot make it
// unpack more than the limit either.
class EntryReader final {
 public:
  EntryReader(zip_t* zip, const ConvertLimits& limits) : zip_(zip), limits_(limits) {}

  bool Has(std::string_view name) const { return Locate(name) >= 0; }

  absl::StatusOr<std::string> Read(std::string_view name) {
    const zip_int64_t index = Locate(name);
    zip_stat_t stat;
    if (index < 0 || zip_stat_index(zip_, index, 0, &stat) != 0) {
      return Unreadable(StrCat(Absl(name), " cannot be found in the zip"));
    }
    if (absl::Status allowed = CheckBeforeUnpacking(name, stat); !allowed.ok()) return allowed;
    ZipFile file(zip_fopen_index(zip_, index, 0));
    if (file == nullptr) {
      return Unreadable(StrCat(Absl(name), " cannot be opened (", zip_strerror(zip_), ")"));
    }
    absl::StatusOr<std::string> data = ReadDeclaredSize(name, file.get(), stat.size);
    if (data.ok()) unpacked_ += data->size();
    return data;
  }

 private:
  zip_int64_t Locate(std::string_view name) const {
    return zip_name_locate(zip_, std::string(name).c_str(), 0);
  }

  absl::Status CheckBeforeUnpacking(std::string_view name, const zip_stat_t& stat) const {
    constexpr zip_uint64_t kNeeded =
        ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_ENCRYPTION_METHOD;
    if ((stat.valid & kNeeded) != kNeeded) {
      return Unreadable(StrCat(Absl(name), " has no sizes in the zip"));
    }
    if (stat.encryption_method != ZIP_EM_NONE) {
      return Unreadable(StrCat(Absl(name), " is encrypted (a password-protected zip entry)"));
    }
    const uint64_t room =
        limits_.max_unpacked_bytes - std::min(unpacked_, limits_.max_unpacked_bytes);
    if (stat.size > room) {
      return absl::ResourceExhaustedError(
          StrCat("the .docx is too large to unpack: ", Absl(name), " unpacks to ", stat.size,
                 " bytes (from ", stat.comp_size, " compressed), which with the ", unpacked_,
                 " bytes already unpacked exceeds the limit of ", limits_.max_unpacked_bytes,
                 " bytes (zip bomb?)"));
    }
    const double ratio =
        stat.comp_size == 0 ? HUGE_VAL : double(stat.size) / double(stat.comp_size);
    if (stat.size >= kRatioCheckedFromBytes && ratio > limits_.max_compression_ratio) {
      return absl::ResourceExhaustedError(
          StrCat("the .docx is too large to unpack: ", Absl(name), " unpacks to ", stat.size,
                 " bytes from ", stat.comp_size, " compressed, a compression ratio of ", ratio,
                 ", over the limit of ", limits_.max_compression_ratio, " (zip bomb?)"));
    }
    return absl::OkStatus();
  }

  static absl::Status Corrupt(std::string_view name, zip_file_t* file) {
    return Unreadable(StrCat(Absl(name), " is corrupt (", zip_file_strerror(file), ")"));
  }

  static absl::StatusOr<std::string> ReadDeclaredSize(std::string_view name, zip_file_t* file,
                                                      uint64_t size) {
    std::string data(size, '\0');
    for (uint64_t done = 0; done < size;) {
      const zip_int64_t n =
          zip_fread(file, data.data() + done, std::min(kReadChunkBytes, size - done));
      if (n < 0) return Corrupt(name, file);
      if (n == 0) {
        return Unreadable(
            StrCat(Absl(name), " is shorter than the ", size, " bytes its header declares"));
      }
      done += n;
    }
    char probe;
    const zip_int64_t more = zip_fread(file, &probe, 1);
    if (more < 0) return Corrupt(name, file);
    if (more > 0) {
      return Unreadable(
          StrCat(Absl(name), " is longer than the ", size, " bytes its header declares"));
    }
    return data;
  }

  zip_t* zip_;
  const ConvertLimits& limits_;
  uint64_t unpacked_ = 0;
};

absl::Status NotAWordDocument(const EntryReader& entries) {
  if (entries.Has("content.xml")) {
    return absl::InvalidArgumentError(
        "the .docx is not a Word document: it looks like an OpenDocument text (.odt, content.xml), "
        "which is not supported; save it as .docx");
  }
  return absl::InvalidArgumentError(
      StrCat("the .docx is not a Word document: the zip has no ", Absl(kDocumentPart)));
}

// ---------------------------------------------------------------- WordprocessingML to lines.

constexpr std::string_view kWordNamespaces[] = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",  // transitional
    "http://purl.oclc.org/ooxml/wordprocessingml/main",              // strict
};
constexpr std::string_view kMarkupCompatibilityNamespace =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

enum class Element {
  kOther,      // looked through: wrappers like w:hyperlink, w:sdt, w:ins, w:r, w:tbl
  kHidden,     // not shown: properties, deleted or moved-away text, field codes
  kParagraph,  // a line
  kRow,        // a line of cells
  kCell,
  kText,
  kSpace,
  kBreak,
  kHyphen,
  kTextBox,  // paragraphs of their own inside a run
  kAlternateContent,
};

// WordprocessingML elements by local name; all others are kOther.
constexpr std::pair<std::string_view, Element> kWordElements[] = {
    {"p", Element::kParagraph},
    {"tr", Element::kRow},
    {"tc", Element::kCell},
    {"t", Element::kText},
    {"tab", Element::kSpace},
    {"ptab", Element::kSpace},
    {"br", Element::kBreak},
    {"cr", Element::kBreak},
    {"noBreakHyphen", Element::kHyphen},
    {"txbxContent", Element::kTextBox},
    {"pPr", Element::kHidden},  // also holds w:tabs/w:tab, tab stops rather than tabs
    {"rPr", Element::kHidden},
    {"tblPr", Element::kHidden},
    {"trPr", Element::kHidden},
    {"tcPr", Element::kHidden},
    {"sectPr", Element::kHidden},
    {"sdtPr", Element::kHidden},
    {"sdtEndPr", Element::kHidden},
    {"del", Element::kHidden},  // tracked deletion
    {"delText", Element::kHidden},
    {"moveFrom", Element::kHidden},   // tracked move: the text shows at its w:moveTo
    {"instrText", Element::kHidden},  // field code; its result follows in w:t
    {"delInstrText", Element::kHidden},
    {"rt", Element::kHidden},  // ruby (phonetic guide) above its base text
};

// Turns WordprocessingML into lines: a paragraph is a line (with a line per w:br), a table row is
// a line of its cells joined by tabs (as the HTML and PDF readers do: the normalizer makes them
// spaces, so "行政复议 52 件" reads as a quantity), text-box paragraphs follow the paragraph they
// sit in. Element names are matched with the prefixes the part's root declares for the namespaces.
class WordText final {
 public:
  explicit WordText(pugi::xml_node root) {
    for (pugi::xml_attribute attribute : root.attributes()) {
      std::string_view name = attribute.name();
      const std::string_view uri = attribute.value();
      if (name != "xmlns" && !ConsumePrefix(name, "xmlns:")) continue;
      const std::string prefix = name == "xmlns" ? "" : StrCat(Absl(name), ":");
      if (std::find(std::begin(kWordNamespaces), std::end(kWordNamespaces), uri) !=
          std::end(kWordNamespaces)) {
        word_prefix_ = prefix;
      } else if (uri == kMarkupCompatibilityNamespace) {
        compatibility_prefix_ = prefix;
      }
    }
  }

  // Appends the lines of block content (a body, cell, note or text box).
  void Blocks(pugi::xml_node container, std::vector<std::string>& lines, int depth = 0) {
    if (TooDeep(depth)) return;
    for (pugi::xml_node child : container.children()) {
      if (child.type() != pugi::node_element) continue;
      switch (Classify(child)) {
        case Element::kParagraph:
          Paragraph(child, lines, depth + 1);
          break;
        case Element::kRow:
          lines.push_back(Row(child, depth + 1));
          break;
        case Element::kAlternateContent:
          Blocks(Chosen(child), lines, depth + 1);
          break;
        case Element::kHidden:
          break;
        default:
          Blocks(child, lines, depth + 1);
      }
    }
  }

  // A footnote or endnote as one line; "" for the separator lines Word keeps among the notes.
  std::string Note(pugi::xml_node note) {
    const std::string_view type = note.attribute(StrCat(word_prefix_, "type").c_str()).value();
    if (!type.empty() && type != "normal") return "";
    std::vector<std::string> lines;
    Blocks(note, lines);
    return OneLine(lines);
  }

  bool too_deep() const { return too_deep_; }

 private:
  bool TooDeep(int depth) {
    if (depth > kMaxNesting) too_deep_ = true;
    return too_deep_;
  }

  Element Classify(pugi::xml_node node) const {
    std::string_view name = node.name();
    if (ConsumePrefix(name, compatibility_prefix_) && name == "AlternateContent") {
      return Element::kAlternateContent;
    }
    name = node.name();
    if (!ConsumePrefix(name, word_prefix_)) return Element::kOther;
    for (const auto& [local, element] : kWordElements) {
      if (name == local) return element;
    }
    return Element::kOther;
  }

  // mc:AlternateContent carries the same content twice (e.g. a text box as a DrawingML shape in
  // mc:Choice and as VML in mc:Fallback); one of them is read.
  pugi::xml_node Chosen(pugi::xml_node alternate) const {
    pugi::xml_node choice = alternate.child(StrCat(compatibility_prefix_, "Choice").c_str());
    return choice ? choice : alternate.child(StrCat(compatibility_prefix_, "Fallback").c_str());
  }

  void Paragraph(pugi::xml_node paragraph, std::vector<std::string>& lines, int depth) {
    std::string line;
    std::vector<std::string> text_boxes;
    Inline(paragraph, line, text_boxes, depth);
    lines.push_back(std::move(line));
    std::move(text_boxes.begin(), text_boxes.end(), std::back_inserter(lines));
  }

  void Inline(pugi::xml_node node, std::string& line, std::vector<std::string>& text_boxes,
              int depth) {
    if (TooDeep(depth)) return;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      switch (Classify(child)) {
        case Element::kText:
          AppendText(child, line);
          break;
        case Element::kSpace:
          line += ' ';
          break;
        case Element::kBreak:
          line += '\n';
          break;
        case Element::kHyphen:
          line += '-';
          break;
        case Element::kTextBox:
          Blocks(child, text_boxes, depth + 1);
          break;
        case Element::kAlternateContent:
          Inline(Chosen(child), line, text_boxes, depth + 1);
          break;
        case Element::kHidden:
          break;
        default:
          Inline(child, line, text_boxes, depth + 1);
      }
    }
  }

  // Line structure comes from the markup only: control characters in the text (a newline, a
  // form feed that would read as a page break) become spaces.
  static void AppendText(pugi::xml_node text, std::string& line) {
    for (pugi::xml_node piece : text.children()) {  // a comment may split the text in pieces
      if (piece.type() != pugi::node_pcdata && piece.type() != pugi::node_cdata) continue;
      for (const char* c = piece.value(); *c != '\0'; ++c) {
        line += static_cast<unsigned char>(*c) < 0x20 ? ' ' : *c;
      }
    }
  }

  std::string Row(pugi::xml_node row, int depth) {
    std::vector<std::string> cells;
    Cells(row, cells, depth);
    const bool empty =
        std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); });
    return empty ? "" : absl::StrJoin(cells, "\t");
  }

  // Cells may sit in wrappers (content controls, custom XML) inside the row.
  void Cells(pugi::xml_node node, std::vector<std::string>& cells, int depth) {
    if (TooDeep(depth)) return;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      switch (Classify(child)) {
        case Element::kCell: {
          std::vector<std::string> lines;  // paragraphs, and rows of tables nested in the cell
          Blocks(child, lines, depth + 1);
          cells.push_back(OneLine(lines));
          break;
        }
        case Element::kAlternateContent:
          Cells(Chosen(child), cells, depth + 1);
          break;
        case Element::kHidden:
          break;
        default:
          Cells(child, cells, depth + 1);
      }
    }
  }

  // The non-empty lines joined by spaces.
  static std::string OneLine(const std::vector<std::string>& lines) {
    std::string joined;
    for (const std::string& line : lines) {
      const absl::string_view text = absl::StripAsciiWhitespace(line);
      if (text.empty()) continue;
      if (!joined.empty()) joined += ' ';
      joined.append(text.data(), text.size());
    }
    std::replace(joined.begin(), joined.end(), '\n', ' ');
    return joined;
  }

  std::string word_prefix_ = "w:";
  std::string compatibility_prefix_ = "mc:";
  bool too_deep_ = false;
};

// The lines of the body: paragraphs and table rows in document order.
void BodyLines(WordText& word, pugi::xml_node root, std::vector<std::string>& lines) {
  word.Blocks(root, lines);
}

// One line per footnote or endnote.
void NoteLines(WordText& word, pugi::xml_node root, std::vector<std::string>& lines) {
  for (pugi::xml_node note : root.children()) {
    if (note.type() != pugi::node_element) continue;
    if (std::string line = word.Note(note); !line.empty()) lines.push_back(std::move(line));
  }
}

// Unpacks and parses part `name` and appends the lines `extract` finds in it.
absl::Status AppendPartLines(EntryReader& entries, std::string_view name,
                             void (*extract)(WordText&, pugi::xml_node, std::vector<std::string>&),
                             std::vector<std::string>& lines) {
  absl::StatusOr<std::string> xml = entries.Read(name);
  if (!xml.ok()) return xml.status();
  pugi::xml_document document;
  // parse_ws_pcdata_single keeps <w:t xml:space="preserve"> </w:t>: a space is text in Word.
  const pugi::xml_parse_result parsed = document.load_buffer_inplace(
      xml->data(), xml->size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return Unreadable(StrCat(Absl(name), " is not well-formed XML: ", parsed.description(),
                             " at offset ", parsed.offset));
  }
  WordText word(document.document_element());
  extract(word, document.document_element(), lines);
  if (word.too_deep()) {
    return Unreadable(StrCat(Absl(name), " nests elements more than ", kMaxNesting, " deep"));
  }
  return absl::OkStatus();
}

// pugixml passes the bytes of a UTF-8 part through unchecked, and character references may name
// surrogates; ConvertedText promises UTF-8, so each invalid byte becomes U+FFFD.
void RepairUtf8(std::string& text) {
  size_t offset = 0;
  for (text::DecodedCodepoint decoded; offset < text.size(); offset += decoded.length) {
    decoded = text::DecodeCodepoint(text, offset);
    if (!decoded.valid) break;
  }
  if (offset == text.size()) return;
  std::string repaired(text, 0, offset);
  while (offset < text.size()) {
    const text::DecodedCodepoint decoded = text::DecodeCodepoint(text, offset);
    if (decoded.valid) {
      repaired.append(text, offset, decoded.length);
    } else {
      repaired += "\xEF\xBF\xBD";
    }
    offset += decoded.length;
  }
  text = std::move(repaired);
}

}  // namespace

absl::StatusOr<ConvertedText> ReadDocx(std::string_view bytes, const ConvertOptions& options) {
  absl::StatusOr<ZipArchive> zip = OpenZip(bytes);
  if (!zip.ok()) return zip.status();
  EntryReader entries(zip->get(), options.limits);
  if (!entries.Has(kDocumentPart)) return NotAWordDocument(entries);

  std::vector<std::string> lines;
  if (absl::Status read = AppendPartLines(entries, kDocumentPart, BodyLines, lines); !read.ok()) {
    return read;
  }
  std::vector<std::string> notes;
  for (std::string_view part : kNoteParts) {
    if (!entries.Has(part)) continue;
    if (absl::Status read = AppendPartLines(entries, part, NoteLines, notes); !read.ok()) {
      return read;
    }
  }
  if (!notes.empty()) {
    lines.emplace_back();  // a blank line between the body and the notes
    std::move(notes.begin(), notes.end(), std::back_inserter(lines));
  }

  ConvertedText converted;
  converted.text = absl::StrJoin(lines, "\n");
  RepairUtf8(converted.text);
  if (absl::StripAsciiWhitespace(converted.text).empty()) {
    return absl::InvalidArgumentError("the .docx contains no text");
  }
  converted.format = "docx";
  converted.converter = readers::DocxConverter();
  return converted;
}

}  // namespace fazhi::formats::readers
