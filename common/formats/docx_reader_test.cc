#include "common/formats/docx_reader.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/formats/converters.h"

namespace fazhi::formats {
namespace {

using absl::StrCat;

// ---------------------------------------------------------------- Building .docx files.

// An entry generated while it is compressed: `prefix`, `count` copies of `fill`, `suffix`. A
// zip bomb is built this way without holding its unpacked size in memory.
struct GeneratedEntry {
  std::string prefix;
  char fill = ' ';
  uint64_t count = 0;
  std::string suffix;

  uint64_t size() const { return prefix.size() + count + suffix.size(); }
  char At(uint64_t i) const {
    if (i < prefix.size()) return prefix[i];
    if (i < prefix.size() + count) return fill;
    return suffix[i - prefix.size() - count];
  }
};

struct GeneratedSource {
  const GeneratedEntry* entry;
  uint64_t position = 0;
  zip_error_t error;
};

zip_int64_t Generate(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto* source = static_cast<GeneratedSource*>(state);
  switch (command) {
    case ZIP_SOURCE_OPEN:
      source->position = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const uint64_t n = std::min<uint64_t>(length, source->entry->size() - source->position);
      char* out = static_cast<char*>(data);
      for (uint64_t i = 0; i < n; ++i) out[i] = source->entry->At(source->position + i);
      source->position += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_STAT: {
      zip_stat_t* stat = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, length, &source->error);
      zip_stat_init(stat);
      stat->size = source->entry->size();
      stat->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&source->error, data, length);
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set(&source->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

// Builds a zip in memory; every entry is deflated.
class ZipBuilder final {
 public:
  ZipBuilder& Add(std::string name, std::string content, bool encrypted = false) {
    entries_.push_back({std::move(name), std::move(content), {}, encrypted});
    return *this;
  }
  ZipBuilder& AddGenerated(std::string name, GeneratedEntry generated) {
    entries_.push_back({std::move(name), {}, std::move(generated), false});
    return *this;
  }

  std::string Build() const {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_source_keep(buffer);  // read back after zip_close
    zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    EXPECT_NE(zip, nullptr) << zip_error_strerror(&error);
    std::vector<std::unique_ptr<GeneratedSource>> generated;
    for (const Entry& entry : entries_) {
      zip_source_t* source;
      if (entry.generated.size() > 0) {
        generated.push_back(std::make_unique<GeneratedSource>());
        generated.back()->entry = &entry.generated;
        zip_error_init(&generated.back()->error);
        source = zip_source_function(zip, Generate, generated.back().get());
      } else {
        source = zip_source_buffer(zip, entry.content.data(), entry.content.size(), 0);
      }
      const zip_int64_t index = zip_file_add(zip, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
      EXPECT_GE(index, 0) << zip_strerror(zip);
      EXPECT_EQ(zip_set_file_compression(zip, index, ZIP_CM_DEFLATE, 0), 0);
      if (entry.encrypted) {
        EXPECT_EQ(zip_file_set_encryption(zip, index, ZIP_EM_AES_256, "secret"), 0)
            << zip_strerror(zip);
      }
    }
    EXPECT_EQ(zip_close(zip), 0) << zip_strerror(zip);
    std::string bytes = ReadAll(buffer);
    zip_source_free(buffer);
    return bytes;
  }

 private:
  struct Entry {
    std::string name;
    std::string content;
    GeneratedEntry generated;
    bool encrypted;
  };

  static std::string ReadAll(zip_source_t* source) {
    EXPECT_EQ(zip_source_open(source), 0);
    zip_source_seek(source, 0, SEEK_END);
    std::string bytes(zip_source_tell(source), '\0');
    zip_source_seek(source, 0, SEEK_SET);
    EXPECT_EQ(zip_source_read(source, bytes.data(), bytes.size()),
              static_cast<zip_int64_t>(bytes.size()));
    zip_source_close(source);
    return bytes;
  }

  std::vector<Entry> entries_;
};

constexpr absl::string_view kNamespaces =
    R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
    R"( xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006")"
    R"( xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape")"
    R"( xmlns:v="urn:schemas-microsoft-com:vml")";

std::string DocumentXml(absl::string_view body) {
  return StrCat(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)", "<w:document",
                kNamespaces, "><w:body>", body, "</w:body></w:document>");
}

// A paragraph of one run of `text`.
std::string P(absl::string_view text) {
  return StrCat("<w:p><w:r><w:t>", text, "</w:t></w:r></w:p>");
}

std::string Docx(absl::string_view body) {
  return ZipBuilder().Add("word/document.xml", DocumentXml(body)).Build();
}

std::string ReadText(std::string_view docx, const ConvertOptions& options = {}) {
  absl::StatusOr<ConvertedText> converted = ReadDocx(docx, options);
  EXPECT_TRUE(converted.ok()) << converted.status();
  return converted.ok() ? converted->text : "";
}

absl::Status ReadStatus(std::string_view docx, const ConvertOptions& options = {}) {
  return ReadDocx(docx, options).status();
}

// ---------------------------------------------------------------- Real documents.

std::filesystem::path SourceDir() {
  const char* dir = std::getenv("FAZHI_SOURCE_DIR");
  return dir != nullptr && *dir ? dir : FAZHI_SOURCE_DIR;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class DocumentsTest : public testing::Test {
 protected:
  void SetUp() override {
    const char* dir = std::getenv("FAZHI_TEST_DOCUMENTS");
    if (dir == nullptr || *dir == '\0') {
      GTEST_SKIP() << "FAZHI_TEST_DOCUMENTS is not set: make the documents with "
                      "`tests/formats/make_documents.py DIR` and set it to DIR";
    }
    documents_ = dir;
  }

  std::filesystem::path documents_;
};

// The lines make_documents.py wrote as paragraphs: the report's lines and a last empty one. The
// ODF it converts from drops spaces at the start of a paragraph, so the .docx has none there.
std::vector<std::string> ParagraphsWritten(const std::string& report) {
  std::vector<std::string> lines = absl::StrSplit(report, '\n');
  if (!report.empty() && report.back() == '\n') lines.pop_back();
  for (std::string& line : lines) line.erase(0, line.find_first_not_of(' '));
  lines.emplace_back();
  return lines;
}

TEST_F(DocumentsTest, SampleReportsReadLineForLineAsTheirText) {
  int compared = 0;
  for (const auto& sample :
       std::filesystem::directory_iterator(SourceDir() / "tests/data/corpus")) {
    if (sample.path().extension() != ".txt") continue;
    const std::filesystem::path docx = documents_ / (sample.path().stem().string() + ".docx");
    ASSERT_TRUE(std::filesystem::exists(docx)) << docx;
    absl::StatusOr<ConvertedText> converted = ReadDocx(ReadFile(docx), {});
    ASSERT_TRUE(converted.ok()) << docx << ": " << converted.status();
    const std::vector<std::string> expected = ParagraphsWritten(ReadFile(sample.path()));
    const std::vector<std::string> actual = absl::StrSplit(converted->text, '\n');
    EXPECT_EQ(actual.size(), expected.size()) << docx;
    for (size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
      EXPECT_EQ(actual[i], expected[i]) << docx << " line " << i + 1;
    }
    ++compared;
  }
  EXPECT_GE(compared, 5);
}

TEST_F(DocumentsTest, TableRowsBecomeLinesOfCellsJoinedByBars) {
  absl::StatusOr<ConvertedText> converted = ReadDocx(ReadFile(documents_ / "table.docx"), {});
  ASSERT_TRUE(converted.ok()) << converted.status();
  const std::vector<std::string> lines = absl::StrSplit(converted->text, '\n');
  const std::vector<std::string> expected_middle = {
      "2022年全县行政复议、行政应诉案件情况如下表。",
      "项目\t数量\t单位",
      "行政复议\t52\t件",
      "行政应诉\t37\t件",
      "行政机关负责人出庭应诉率\t100\t%",
      "二、下一步工作",
  };
  EXPECT_NE(std::search(lines.begin(), lines.end(), expected_middle.begin(), expected_middle.end()),
            lines.end())
      << converted->text;
}

// ---------------------------------------------------------------- Text.

TEST(ReadDocxTest, NamesTheFormatAndTheLibrariesAndHasNoPages) {
  absl::StatusOr<ConvertedText> converted = ReadDocx(Docx(P("正文")), {});
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->format, "docx");
  EXPECT_EQ(converted->converter, StrCat("fazhi-docx ", kDocxReaderRevision, " + libzip ",
                                         zip_libzip_version(), " + pugixml 1.13"));
  EXPECT_TRUE(converted->pages.empty());
}

TEST(ReadDocxTest, ParagraphsAreLinesAndRunsJoin) {
  EXPECT_EQ(ReadText(Docx(StrCat("<w:p><w:r><w:t>某县</w:t></w:r><w:r><w:t>2022</w:t></w:r>"
                                 "<w:r><w:t>年报告</w:t></w:r></w:p>",
                                 "<w:p/>", P("第二段"), "<w:sectPr/>"))),
            "某县2022年报告\n\n第二段");
}

TEST(ReadDocxTest, TabsAreSpacesBreaksAreNewLinesNoBreakHyphensAreHyphens) {
  const std::string body =
      "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
      "<w:r><w:t>一</w:t><w:tab/><w:t>二</w:t><w:br/><w:t>三</w:t><w:cr/><w:t>四</w:t>"
      "<w:noBreakHyphen/><w:t>五</w:t><w:lastRenderedPageBreak/><w:t xml:space=\"preserve\"> </w:t>"
      "<w:t>六</w:t></w:r></w:p>";
  EXPECT_EQ(ReadText(Docx(body)), "一 二\n三\n四-五 六");
}

TEST(ReadDocxTest, ControlCharactersInTextBecomeSpaces) {
  EXPECT_EQ(ReadText(Docx(P("甲&#12;乙\n丙"))), "甲 乙 丙");
}

TEST(ReadDocxTest, ReadsAllOfATextSplitByACommentOrCdata) {
  EXPECT_EQ(ReadText(Docx(P("法治<!-- 注 -->政府<![CDATA[建设]]>"))), "法治政府建设");
}

TEST(ReadDocxTest, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(ReadText(Docx(P("甲\xFF乙"))), "甲\xEF\xBF\xBD乙");
}

TEST(ReadDocxTest, TrackedChangesShowTheirResultAndFieldsTheirValue) {
  const std::string body =
      "<w:p><w:r><w:t>共</w:t></w:r>"
      "<w:del w:id=\"1\"><w:r><w:delText>12</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\"><w:r><w:t>15</w:t></w:r></w:ins>"
      "<w:moveFrom w:id=\"3\"><w:r><w:t>件</w:t></w:r></w:moveFrom>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
      "<w:moveTo w:id=\"4\"><w:r><w:t>件</w:t></w:r></w:moveTo></w:p>";
  EXPECT_EQ(ReadText(Docx(body)), "共153件");
}

TEST(ReadDocxTest, KeepsParagraphsInsideContentControlsCustomXmlSmartTagsAndHyperlinks) {
  const std::string body = StrCat(
      R"(<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>)", P("控件内"),
      R"(</w:sdtContent></w:sdt>)", R"(<w:customXml w:element="x">)", P("自定义"),
      R"(</w:customXml>)",
      R"(<w:p><w:smartTag w:element="date"><w:r><w:t>2022年</w:t></w:r></w:smartTag>)",
      R"(<w:hyperlink r:id="rId9" xmlns:r="r"><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>)");
  EXPECT_EQ(ReadText(Docx(body)), "控件内\n自定义\n2022年链接");
}
TEST(ReadDocxTest, RubyShowsOnlyItsBaseText) {
  const std::string body =
      "<w:p><w:r><w:ruby><w:rt><w:r><w:t>fǎ</w:t></w:r></w:rt>"
      "<w:rubyBase><w:r><w:t>法</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>";
  EXPECT_EQ(ReadText(Docx(body)), "法");
}

TEST(ReadDocxTest, CellParagraphsJoinBySpacesAndNestedTablesFlattenIntoTheirCell) {
  const auto cell = [](absl::string_view content) {
    return StrCat("<w:tc><w:tcPr/>", content, "</w:tc>");
  };
  const std::string nested =
      StrCat("<w:tbl><w:tr>", cell(P("内1")), cell(P("内2")), "</w:tr></w:tbl>", P(""));
  const std::string body =
      StrCat("<w:tbl><w:tblPr/><w:tblGrid/>", "<w:tr><w:trPr/>", cell(P("项目") + P("（类别）")),
             cell(P("")), cell(nested), "</w:tr>", "<w:tr>", cell(P("")), cell("<w:p/>"), "</w:tr>",
             "<w:sdt><w:sdtContent><w:tr>", cell(P("控件行")), cell(P("1")),
             "</w:tr></w:sdtContent></w:sdt>", "</w:tbl>", P("表后"));
  EXPECT_EQ(ReadText(Docx(body)), "项目 （类别）\t\t内1\t内2\n\n控件行\t1\n表后");
}
TEST(ReadDocxTest, ReadsATextBoxOnceFromAlternateContent) {
  const std::string box = StrCat("<w:txbxContent>", P("文本框"), "</w:txbxContent>");
  const std::string body = StrCat("<w:p><w:r><w:t>锚定段</w:t></w:r><w:r><mc:AlternateContent>",
                                  R"(<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>)",
                                  box, "</wps:txbx></wps:wsp></w:drawing></mc:Choice>",
                                  "<mc:Fallback><w:pict><v:shape><v:textbox>", box,
                                  "</v:textbox></v:shape></w:pict></mc:Fallback>",
                                  "</mc:AlternateContent></w:r></w:p>", P("下一段"));
  EXPECT_EQ(ReadText(Docx(body)), "锚定段\n文本框\n下一段");
}
TEST(ReadDocxTest, ReadsAFallbackWhenThereIsNoChoice) {
  const std::string body = StrCat(
      "<w:p><w:r><mc:AlternateContent><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>",
      P("旧式文本框"),
      "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>",
      "</w:r></w:p>");
  EXPECT_EQ(ReadText(Docx(body)), "\n旧式文本框");
}
TEST(ReadDocxTest, MatchesElementsByTheirNamespaceNotTheirPrefix) {
  const std::string xml =
      "<document xmlns=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:o=\"urn:other\"><body><p><r><t>默认命名空间</t></r></p>"
      "<o:p><o:r><o:t>别的命名空间</o:t></o:r></o:p></body></document>";
  EXPECT_EQ(ReadText(ZipBuilder().Add("word/document.xml", xml).Build()), "默认命名空间");
}

TEST(ReadDocxTest, FootnotesAndEndnotesFollowTheBodyWithoutTheirSeparators) {
  // Word's separator notes hold no text; these do, so that reading them would show.
  const auto notes = [](absl::string_view root, absl::string_view note, absl::string_view text) {
    const auto one = [&](absl::string_view attributes, absl::string_view content) {
      return StrCat("<w:", note, " ", attributes, ">", content, "</w:", note, ">");
    };
    return StrCat("<w:", root, kNamespaces, ">", one(R"(w:type="separator" w:id="-1")", P("分隔")),
                  one(R"(w:type="continuationSeparator" w:id="0")", P("续")),
                  one(R"(w:id="1")", StrCat("<w:p><w:r><w:footnoteRef/></w:r>",
                                            R"(<w:r><w:t xml:space="preserve"> )", text,
                                            "</w:t></w:r></w:p>", P("第二段"))),
                  "</w:", root, ">");
  };
  const std::string docx =
      ZipBuilder()
          .Add("word/document.xml",
               DocumentXml(R"(<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/>)"
                           "</w:r></w:p>"))
          .Add("word/footnotes.xml", notes("footnotes", "footnote", "脚注一"))
          .Add("word/endnotes.xml", notes("endnotes", "endnote", "尾注一"))
          .Build();
  EXPECT_EQ(ReadText(docx), "正文\n\n脚注一 第二段\n尾注一 第二段");
}
// ---------------------------------------------------------------- Refusals.

TEST(ReadDocxTest, RefusesWhatIsNotAZip) {
  for (std::string_view bytes :
       {std::string_view(""), std::string_view("PK\x03\x04 not really a zip"),
        std::string_view("<html>hello</html>")}) {
    const absl::Status status = ReadStatus(bytes);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    EXPECT_TRUE(
        absl::StartsWith(status.message(), "the .docx cannot be read: not a valid zip archive ("))
        << status;
  }
}

TEST(ReadDocxTest, RefusesATruncatedZip) {
  const std::string docx = Docx(P(std::string(5000, 'x')));
  for (size_t keep : {docx.size() / 2, docx.size() - 10}) {
    const absl::Status status = ReadStatus(docx.substr(0, keep));
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << keep << ": " << status;
  }
}

TEST(ReadDocxTest, RefusesACorruptEntry) {
  std::string docx = Docx(P("正文内容正文内容正文内容"));
  // The only entry's data follows its 30-byte local header, name and extra field.
  const auto u16 = [&](size_t at) { return uint8_t(docx[at]) | uint8_t(docx[at + 1]) << 8; };
  const size_t data = 30 + u16(26) + u16(28);
  docx[data + 20] ^= 0x55;
  const absl::Status status = ReadStatus(docx);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StartsWith(status.message(),
                               "the .docx cannot be read: word/document.xml is corrupt ("))
      << status;
}

TEST(ReadDocxTest, RefusesAZipWithoutAWordDocument) {
  const absl::Status other = ReadStatus(ZipBuilder().Add("readme.txt", "hello").Build());
  EXPECT_EQ(other.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(other.message(), "the .docx is not a Word document: the zip has no word/document.xml");

  const absl::Status odt =
      ReadStatus(ZipBuilder()
                     .Add("mimetype", "application/vnd.oasis.opendocument.text")
                     .Add("content.xml", "<x/>")
                     .Build());
  EXPECT_EQ(odt.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(odt.message(), "OpenDocument text (.odt")) << odt;
}

TEST(ReadDocxTest, RefusesAnEncryptedEntry) {
  const std::string docx =
      ZipBuilder().Add("word/document.xml", DocumentXml(P("机密")), true).Build();
  const absl::Status status = ReadStatus(docx);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "word/document.xml is encrypted")) << status;
}

TEST(ReadDocxTest, RefusesMalformedXmlSayingWhereItBroke) {
  const absl::Status status = ReadStatus(
      ZipBuilder().Add("word/document.xml", "<w:document><w:body><w:p></w:body>").Build());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(status.message(),
            "the .docx cannot be read: word/document.xml is not well-formed XML: Start-end tags "
            "mismatch at offset 27");
}

TEST(ReadDocxTest, RefusesMalformedNotes) {
  const std::string docx = ZipBuilder()
                               .Add("word/document.xml", DocumentXml(P("正文")))
                               .Add("word/footnotes.xml", "<w:footnotes>")
                               .Build();
  const absl::Status status = ReadStatus(docx);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "word/footnotes.xml is not well-formed XML"))
      << status;
}

TEST(ReadDocxTest, RefusesADocumentWithoutText) {
  const absl::Status status =
      ReadStatus(Docx("<w:p/><w:p><w:r><w:t xml:space=\"preserve\">  </w:t></w:r></w:p>"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "the .docx contains no text");
}

TEST(ReadDocxTest, RefusesNestingDeeperThanAnyRealDocument) {
  std::string body;
  for (int i = 0; i < 300; ++i) body += "<w:sdt><w:sdtContent>";
  body += P("深处");
  for (int i = 0; i < 300; ++i) body += "</w:sdtContent></w:sdt>";
  const absl::Status status = ReadStatus(Docx(body));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "the .docx cannot be read: word/document.xml nests elements more than 256 deep");
  // 100 levels of wrappers are read.
  std::string shallower = P("浅处");
  for (int i = 0; i < 50; ++i)
    shallower = "<w:sdt><w:sdtContent>" + shallower + "</w:sdtContent></w:sdt>";
  EXPECT_EQ(ReadText(Docx(shallower)), "浅处");
}

// ---------------------------------------------------------------- Limits.

int64_t PeakResidentKilobytes() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(ReadDocxTest, RefusesAZipBombBeforeUnpackingIt) {
  const GeneratedEntry bomb = {StrCat("<w:document", kNamespaces, "><w:body><w:p><w:r><w:t>"), ' ',
                               300ull << 20, "</w:t></w:r></w:p></w:body></w:document>"};
  const std::string docx = ZipBuilder().AddGenerated("word/document.xml", bomb).Build();
  ASSERT_LT(docx.size(), 1u << 20);
  const int64_t peak_before = PeakResidentKilobytes();
  const absl::Status status = ReadStatus(docx);
  EXPECT_LT(PeakResidentKilobytes() - peak_before, 32 * 1024) << "kilobytes more at the peak";
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_TRUE(absl::StrContains(status.message(),
                                StrCat("word/document.xml unpacks to ", bomb.size(), " bytes")))
      << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "the limit of 268435456 bytes (zip bomb?)"))
      << status;
}

TEST(ReadDocxTest, RefusesAnEntryCompressedBeyondTheRatioLimit) {
  const std::string docx =
      Docx(StrCat("<w:p><w:r><w:t>", std::string(1 << 20, 'a'), "</w:t></w:r></w:p>"));
  const absl::Status status = ReadStatus(docx);
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "word/document.xml unpacks to ")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "over the limit of 200 (zip bomb?)")) << status;

  ConvertOptions lenient;
  lenient.limits.max_compression_ratio = 2000;
  EXPECT_EQ(ReadText(docx, lenient).size(), 1u << 20);
}

TEST(ReadDocxTest, SmallEntriesAreNotHeldToTheRatio) {
  // 50 KB of one letter compresses about 500:1, but unpacks to too little to matter.
  EXPECT_EQ(ReadText(Docx(P(std::string(50'000, 'a')))).size(), 50'000u);
}

TEST(ReadDocxTest, CountsTheUnpackedLimitOverAllPartsRead) {
  const std::string document = DocumentXml(P("正文"));
  const std::string footnotes = StrCat("<w:footnotes", kNamespaces, "><w:footnote w:id=\"1\">",
                                       P("脚注"), "</w:footnote></w:footnotes>");
  const std::string docx =
      ZipBuilder().Add("word/document.xml", document).Add("word/footnotes.xml", footnotes).Build();
  ConvertOptions options;
  options.limits.max_unpacked_bytes = document.size() + footnotes.size();
  EXPECT_EQ(ReadText(docx, options), "正文\n\n脚注");
  options.limits.max_unpacked_bytes -= 1;
  const absl::Status status = ReadStatus(docx, options);
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_TRUE(absl::StrContains(
      status.message(), StrCat("word/footnotes.xml unpacks to ", footnotes.size(), " bytes")))
      << status;
  EXPECT_TRUE(absl::StrContains(status.message(),
                                StrCat("with the ", document.size(), " bytes already unpacked")))
      << status;
}

}  // namespace
}  // namespace fazhi::formats
