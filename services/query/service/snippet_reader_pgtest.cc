// Snippets read from windows of the archived texts (strpos and substr in PostgreSQL) are the ones
// FindPhrase cuts from the whole texts: close and scattered occurrences, one past the first 64k
// characters strpos looks through first, a text without any, several phrases sharing the count.
#include <gtest/gtest.h>

#include "services/query/service/read_query.h"
#include "services/query/service/snippet_reader.h"
#include "tests/testing/migrated_archive.h"

namespace fazhi::query {
namespace {

class SnippetReaderPgTest : public testing::MigratedArchiveTest {
 protected:
  void AddReport(const std::string& id, const std::string& text) {
    pqxx::connection connection(database_.url());
    pqxx::work work(connection);
    work.exec_params0(
        "INSERT INTO reports (id, content_sha256, original, original_size_bytes, original_encoding,"
        " original_format, normalized_text, normalizer_version, text_length, state)"
        " VALUES ($1, $1, '\\x00', 1, 'UTF-8', 'text', $2, 'test', 1, 'pending')",
        id, text);
    work.commit();
    texts_.push_back(text);
    ids_.push_back(id);
  }

  std::vector<std::vector<TextSnippet>> Read(const std::vector<std::string>& phrases,
                                             const SnippetOptions& options) {
    std::vector<std::vector<TextSnippet>> snippets;
    absl::Status read =
        WithReadOnly(pool_.get(), absl::InfiniteFuture(), [&](pqxx::work& work) -> absl::Status {
          absl::StatusOr<std::vector<std::vector<TextSnippet>>> found =
              ReadSnippets(work, ids_, phrases, options);
          if (!found.ok()) return found.status();
          snippets = *std::move(found);
          return absl::OkStatus();
        });
    EXPECT_TRUE(read.ok()) << read;
    return snippets;
  }

  // What the service cuts from whole texts.
  static std::vector<TextSnippet> FromWholeText(const std::string& text,
                                                const std::vector<std::string>& phrases,
                                                SnippetOptions options) {
    return FindPhrases(text, phrases, options);
  }

  void ExpectAsFromWholeTexts(const std::vector<std::string>& phrases,
                              const SnippetOptions& options) {
    std::vector<std::vector<TextSnippet>> read = Read(phrases, options);
    ASSERT_EQ(read.size(), texts_.size());
    for (size_t i = 0; i < texts_.size(); ++i) {
      std::vector<TextSnippet> want = FromWholeText(texts_[i], phrases, options);
      ASSERT_EQ(read[i].size(), want.size()) << ids_[i];
      for (size_t s = 0; s < want.size(); ++s) {
        EXPECT_EQ(read[i][s].text, want[s].text) << ids_[i] << " snippet " << s;
        EXPECT_EQ(read[i][s].offset, want[s].offset) << ids_[i] << " snippet " << s;
        ASSERT_EQ(read[i][s].highlights.size(), want[s].highlights.size())
            << ids_[i] << " snippet " << s;
        for (size_t h = 0; h < want[s].highlights.size(); ++h) {
          EXPECT_EQ(read[i][s].highlights[h].begin, want[s].highlights[h].begin);
          EXPECT_EQ(read[i][s].highlights[h].end, want[s].highlights[h].end);
        }
      }
    }
  }

  std::vector<std::string> ids_, texts_;
};

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST_F(SnippetReaderPgTest, WindowsGiveTheSnippetsOfTheWholeTexts) {
  AddReport("0000000000000001", "全年调解纠纷705件,调解成功704件。依法调解。");
  AddReport("0000000000000002", Repeat("法", 5000));
  AddReport("0000000000000003",
            Repeat("行政复议x", 20000) + "调解" + Repeat("y", 300) + "法治调解");
  AddReport("0000000000000004", "没有这个词");
  AddReport("0000000000000005", "调解" + Repeat("z", 100) + "调解" + Repeat("z", 100) + "调解");
  for (const SnippetOptions& options : {SnippetOptions{3, 30}, SnippetOptions{20, 500},
                                        SnippetOptions{2, 0}, SnippetOptions{5, 7}}) {
    SCOPED_TRACE(::testing::Message()
                 << options.max_snippets << " snippets, context " << options.context);
    ExpectAsFromWholeTexts({"调解"}, options);
    ExpectAsFromWholeTexts({"法"}, options);
    ExpectAsFromWholeTexts({"法治", "调解", "复议"}, options);
  }
}

TEST_F(SnippetReaderPgTest, AReportGoneMeanwhileHasNoSnippets) {
  AddReport("0000000000000001", "调解");
  ids_.push_back("00000000000000ff");
  std::vector<std::vector<TextSnippet>> read = Read({"调解"}, {});
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].size(), 1u);
  EXPECT_TRUE(read[1].empty());
}

}  // namespace
}  // namespace fazhi::query
