// Reads the snippets of a page of search hits from the archive without reading whole texts: for
// each phrase in turn, PostgreSQL finds each hit's next occurrence (strpos, on its side) and
// returns a window of characters around it (substr counts characters, as the API's offsets do),
// and SnippetCutter (services/query/search/snippets.h) cuts the snippets from the windows. So the
// bytes read per hit are bounded by the snippet options whatever the report's size. Close
// occurrences need one window per hit and phrase; scattered ones one more round per snippet.
// With several phrases, each phrase's snippets are candidates and the page keeps those that hold
// the most phrases, with every phrase highlighted.
//
//   absl::StatusOr<std::vector<std::vector<TextSnippet>>> snippets =
//       ReadSnippets(work, {"3fb70724bc004662"}, {"调解"}, {.max_snippets = 3, .context = 30});
//   // (*snippets)[0]: the first hit's snippets, as FindPhrases cuts them from the whole text
#ifndef FAZHI_SERVICES_QUERY_SERVICE_SNIPPET_READER_H_
#define FAZHI_SERVICES_QUERY_SERVICE_SNIPPET_READER_H_

#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/search/snippets.h"

namespace fazhi::query {

// Per report of `ids`, up to options.max_snippets snippets in all, every phrase highlighted in
// each: each phrase's snippets are read as candidates and SelectSnippets keeps those holding the
// most phrases (as FindPhrases cuts them from the whole text).
absl::StatusOr<std::vector<std::vector<TextSnippet>>> ReadSnippets(
    pqxx::work& work, const std::vector<std::string>& ids, const std::vector<std::string>& phrases,
    const SnippetOptions& options);

// The most bytes of text ReadSnippets holds at once for `hits` reports: a window per report being
// read and every phrase's candidate snippets, at 4 bytes a character (UTF-8's longest).
int64_t SnippetBytes(int64_t hits, const std::vector<std::string>& phrases,
                     const SnippetOptions& options);

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SERVICE_SNIPPET_READER_H_
