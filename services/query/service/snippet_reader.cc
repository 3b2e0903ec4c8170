#include "services/query/service/snippet_reader.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/text/utf8.h"
#include "services/query/service/read_query.h"

namespace fazhi::query {
namespace {

// Characters strpos first looks through: a close occurrence is found without decompressing the
// whole text (substr of a prefix decompresses only that much); a farther one costs one full scan.
constexpr int kNearCharacters = 65536;
// Each round cuts a snippet or moves past a window, so 2 per snippet suffice; the bound only
// guards against a loop.
constexpr int kMaxRoundsPerSnippet = 2;

// For each pending report ($1 ids, $2 code points to search from, $3 window lengths): the first
// occurrence of the phrase ($5) at or after the start (-1 for none), and the window starting
// `context` ($4) characters before it. OFFSET 0 keeps strpos from being evaluated twice.
constexpr char kNextWindowSql[] = R"sql(
  SELECT q.i, s.found, CASE WHEN s.found >= 0 THEN
           substr(r.normalized_text, greatest(s.found - $4::bigint, 0)::int + 1, q.len) END
  FROM unnest($1::text[], $2::bigint[], $3::int[]) WITH ORDINALITY AS q(id, from_cp, len, i)
  JOIN reports r ON r.id = q.id
  CROSS JOIN LATERAL (
    SELECT q.from_cp + COALESCE(NULLIF(strpos(substr(r.normalized_text, q.from_cp::int + 1, $6), $5), 0),
                                strpos(substr(r.normalized_text, q.from_cp::int + 1), $5)) - 1 AS found
    OFFSET 0) s)sql";

// One round: a window for each cutter not done yet; a report without one has no occurrence left.
void ReadWindows(pqxx::work& work, const std::string& phrase, const SnippetOptions& options,
                 const std::vector<std::string>& ids, std::vector<SnippetCutter>& cutters) {
  std::vector<size_t> pending;
  std::vector<std::string> pending_ids, starts, lengths;
  for (size_t i = 0; i < cutters.size(); ++i) {
    if (cutters[i].done()) continue;
    pending.push_back(i);
    pending_ids.push_back(ids[i]);
    starts.push_back(absl::StrCat(cutters[i].search_from()));
    lengths.push_back(absl::StrCat(cutters[i].window_length()));
  }
  pqxx::result rows = work.exec_params(kNextWindowSql, IdArrayLiteral(pending_ids),
                                       absl::StrCat("{", absl::StrJoin(starts, ","), "}"),
                                       absl::StrCat("{", absl::StrJoin(lengths, ","), "}"),
                                       options.context, phrase, kNearCharacters);
  std::vector<bool> answered(pending.size());
  for (const pqxx::row& row : rows) {
    const size_t slot = row[0].as<size_t>() - 1;
    SnippetCutter& cutter = cutters[pending[slot]];
    answered[slot] = true;
    const int64_t found = row[1].as<int64_t>();
    if (found < cutter.search_from()) {
      cutter.NoMoreMatches();
      continue;
    }
    std::string_view window(row[2].c_str(), row[2].size());
    const int64_t asked = cutter.window_length();
    cutter.AddWindow({.text = window,
                      .offset = std::max<int64_t>(0, found - options.context),
                      .at_end = text::CountCodepoints(window) < asked});
  }
  for (size_t slot = 0; slot < pending.size(); ++slot) {
    if (!answered[slot]) cutters[pending[slot]].NoMoreMatches();  // report gone meanwhile
  }
}

// One phrase's snippets for every report, as FindPhrase cuts them.
std::vector<std::vector<TextSnippet>> ReadPhraseSnippets(pqxx::work& work,
                                                         const std::string& phrase,
                                                         const SnippetOptions& options,
                                                         const std::vector<std::string>& ids) {
  std::vector<SnippetCutter> cutters;
  cutters.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) cutters.emplace_back(phrase, options);
  const int rounds = kMaxRoundsPerSnippet * options.max_snippets + 1;
  for (int round = 0; round < rounds; ++round) {
    if (std::all_of(cutters.begin(), cutters.end(),
                    [](const SnippetCutter& c) { return c.done(); }))
      break;
    ReadWindows(work, phrase, options, ids, cutters);
  }
  std::vector<std::vector<TextSnippet>> snippets;
  for (SnippetCutter& cutter : cutters) snippets.push_back(std::move(cutter.snippets()));
  return snippets;
}

}  // namespace

absl::StatusOr<std::vector<std::vector<TextSnippet>>> ReadSnippets(
    pqxx::work& work, const std::vector<std::string>& ids, const std::vector<std::string>& phrases,
    const SnippetOptions& options) {
  std::vector<std::vector<TextSnippet>> candidates(ids.size());
  if (ids.empty() || options.max_snippets <= 0) return candidates;
  const SnippetOptions candidate_options = CandidateOptions(options, phrases.size());
  for (const std::string& phrase : phrases) {
    std::vector<std::vector<TextSnippet>> found =
        ReadPhraseSnippets(work, phrase, candidate_options, ids);
    for (size_t i = 0; i < ids.size(); ++i) {
      for (TextSnippet& snippet : found[i]) candidates[i].push_back(std::move(snippet));
    }
  }
  std::vector<std::vector<TextSnippet>> snippets;
  snippets.reserve(ids.size());
  for (std::vector<TextSnippet>& of_report : candidates) {
    snippets.push_back(SelectSnippets(std::move(of_report), phrases, options.max_snippets));
  }
  return snippets;
}

int64_t SnippetBytes(int64_t hits, const std::vector<std::string>& phrases,
                     const SnippetOptions& options) {
  int64_t longest = 0;
  for (const std::string& phrase : phrases)
    longest = std::max(longest, text::CountCodepoints(phrase));
  constexpr int64_t kBytesPerCharacter = 4;
  // The window being read and each phrase's candidate snippets, each phrase's at most a window.
  const auto windows = 1 + std::max<int64_t>(1, static_cast<int64_t>(phrases.size()));
  return hits * windows * kBytesPerCharacter *
         SnippetCutter::MaxWindowLength(longest, CandidateOptions(options, phrases.size()));
}

}  // namespace fazhi::query
