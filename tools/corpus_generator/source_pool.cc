#include "tools/corpus_generator/source_pool.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"
#include "common/text/decode.h"
#include "common/text/normalize.h"
#include "services/extraction/divisions/division_names.h"

namespace fazhi::corpus {
namespace {

using extraction::Division;
using extraction::DivisionIndex;

constexpr std::string_view kChineseNumerals = "〇一二三四五六七八九十百";
// Paragraphs shorter than this (in bytes) are chrome or labels, not prose.
constexpr size_t kMinProseBytes = 24;
constexpr size_t kMinIntroBytes = 120;
constexpr size_t kMaxHeadingBytes = 120;
// The header region in which the report year and a title-weighted name are looked for.
constexpr size_t kHeaderBytes = 800;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The length in bytes of a run of Chinese numerals at the start of `text`.
size_t ChineseNumeralPrefix(std::string_view text) {
  size_t n = 0;
  while (n + 3 <= text.size() &&
         kChineseNumerals.find(text.substr(n, 3)) != std::string_view::npos &&
         kChineseNumerals.find(text.substr(n, 3)) % 3 == 0) {
    n += 3;
  }
  return n;
}

// 一、 heading: the heading text after the marker, or empty.
std::string_view LevelOneHeading(std::string_view line) {
  size_t n = ChineseNumeralPrefix(line);
  if (n == 0 || !StartsWith(line.substr(n), "、")) return {};
  return line.substr(n + 3);
}

bool IsLevelTwoHeading(std::string_view line) {
  if (!StartsWith(line, "(")) return false;
  size_t n = ChineseNumeralPrefix(line.substr(1));
  return n > 0 && StartsWith(line.substr(1 + n), ")");
}

std::string_view Trim(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

bool HasCjk(std::string_view line) {
  return std::any_of(line.begin(), line.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0xE3; });
}

PartKind KindOfHeading(std::string_view heading) {
  for (const HeadingCue& cue : kHeadingCues) {
    if (heading.find(cue.cue) != std::string_view::npos) return cue.kind;
  }
  return PartKind::kAchievements;
}

// The marker at the start of a block's first paragraph; `rest` gets the text after it.
MarkerKind ParseMarker(std::string_view line, std::string* separator, std::string_view* rest) {
  *rest = line;
  if (IsLevelTwoHeading(line)) {
    size_t n = ChineseNumeralPrefix(line.substr(1));
    *rest = line.substr(1 + n + 1);
    return MarkerKind::kParenChinese;
  }
  size_t n = ChineseNumeralPrefix(line);
  if (n > 0 && StartsWith(line.substr(n), "是")) {
    *rest = line.substr(n + 3);
    return MarkerKind::kChineseShi;
  }
  size_t d = 0;
  while (d < line.size() && d < 2 && line[d] >= '0' && line[d] <= '9') ++d;
  if (d > 0) {
    for (std::string_view sep :
         {std::string_view("、"), std::string_view("."), std::string_view(".")}) {
      if (StartsWith(line.substr(d), sep)) {
        *separator = std::string(sep);
        *rest = line.substr(d + sep.size());
        return MarkerKind::kArabic;
      }
    }
  }
  return MarkerKind::kNone;
}

// A body paragraph worth keeping: prose or a subsection heading, not chrome or an attachment.
bool IsBodyParagraph(std::string_view line) {
  return line.size() >= kMinProseBytes && HasCjk(line) && !StartsWith(line, "附");
}

std::vector<std::vector<std::string>> SplitBlocks(const std::vector<std::string>& body,
                                                  std::vector<std::string>* lead) {
  std::vector<std::vector<std::string>> blocks;
  bool has_subsections = std::any_of(body.begin(), body.end(), IsLevelTwoHeading);
  for (const std::string& line : body) {
    if (!has_subsections) {
      blocks.push_back({line});
    } else if (IsLevelTwoHeading(line)) {
      blocks.push_back({line});
    } else if (blocks.empty()) {
      lead->push_back(line);
    } else {
      blocks.back().push_back(line);
    }
  }
  return blocks;
}

absl::StatusOr<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path.string()));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

ReportOutline OutlineReport(std::string_view normalized_text) {
  std::vector<std::string_view> lines;
  for (size_t begin = 0; begin <= normalized_text.size();) {
    size_t end = normalized_text.find('\n', begin);
    if (end == std::string_view::npos) end = normalized_text.size();
    std::string_view line = Trim(normalized_text.substr(begin, end - begin));
    if (!line.empty()) lines.push_back(line);
    begin = end + 1;
  }
  // The signature and trailing chrome: everything after the last sentence.
  while (!lines.empty() && !EndsWith(lines.back(), "。")) lines.pop_back();

  ReportOutline outline;
  std::vector<std::vector<std::string>> bodies;
  for (std::string_view line : lines) {
    std::string_view heading = LevelOneHeading(line);
    if (!heading.empty()) {
      ReportOutline::Section section;
      section.kind = KindOfHeading(heading);
      section.heading = std::string(heading);
      outline.sections.push_back(std::move(section));
      bodies.emplace_back();
    } else if (outline.sections.empty()) {
      outline.header.emplace_back(line);
      if (line.size() >= kMinIntroBytes && HasCjk(line.substr(0, 3)) &&
          line.find("法治") != std::string_view::npos &&
          (EndsWith(line, "。") || EndsWith(line, ":"))) {
        outline.intro.emplace_back(line);
      }
    } else if (IsBodyParagraph(line)) {
      bodies.back().emplace_back(line);
    }
  }
  for (size_t i = 0; i < outline.sections.size(); ++i) {
    outline.sections[i].blocks = SplitBlocks(bodies[i], &outline.sections[i].lead);
  }
  return outline;
}

SourcePlace DetectSourcePlace(std::string_view normalized_text, const ReportOutline& outline,
                              const DivisionIndex& index) {
  SourcePlace place;
  // The year: the first 20xx年 of the header (the title, or the intro's opening).
  for (const std::string& line : outline.header) {
    for (size_t pos = line.find("年"); pos != std::string::npos && place.year == 0;
         pos = line.find("年", pos + 1)) {
      if (pos >= 4 && std::all_of(line.begin() + pos - 4, line.begin() + pos,
                                  [](char c) { return c >= '0' && c <= '9'; })) {
        int year = std::stoi(line.substr(pos - 4, 4));
        if (year >= 1990 && year <= 2035) place.year = year;
      }
    }
    if (place.year != 0) break;
  }

  // The jurisdiction: typed mentions, the header's counting more.
  absl::flat_hash_map<int32_t, double> score;
  for (const extraction::DivisionMention& mention : index.FindMentions(normalized_text)) {
    if (!mention.typed) continue;
    for (const extraction::NameHit& hit : mention.hits) {
      if (index.at(hit.division).placeholder) continue;
      score[hit.division] += mention.begin < kHeaderBytes ? 3.0 : 1.0;
    }
  }
  double best = 0;
  for (const auto& [division, mentions] : score) {
    const Division& candidate = index.at(division);
    int support = 0;
    for (const Division* ancestor : index.Ancestors(candidate)) {
      if (score.contains(index.IndexOf(*ancestor))) ++support;
    }
    std::string_view word = LevelWordOf(candidate.name);
    int self_references = 0;
    for (std::string_view prefix : kSelfPrefixes) {
      std::string cue = std::string(prefix) + std::string(word);
      for (size_t pos = normalized_text.find(cue); pos != std::string_view::npos;
           pos = normalized_text.find(cue, pos + cue.size())) {
        ++self_references;
      }
    }
    double total = mentions * (1 + support) * (1 + self_references / 5.0);
    // Ties go to the lower level, then the smaller code: deterministic whatever the hash order.
    const Division* current = place.own;
    if (total > best || (total == best && current != nullptr &&
                         (candidate.level > current->level ||
                          (candidate.level == current->level && candidate.code < current->code)))) {
      best = total;
      place.own = &candidate;
    }
  }
  if (place.own == nullptr) return place;
  place.ancestors = index.Ancestors(*place.own);
  place.own_word = std::string(LevelWordOf(place.own->name));
  if (!place.ancestors.empty()) {
    std::string_view superior = LevelWordOf(place.ancestors.front()->name);
    if (superior != place.own_word) place.superior_word = std::string(superior);
  }
  return place;
}

absl::StatusOr<SourcePool> SourcePool::Load(std::string_view dir, const DivisionIndex& index) {
  std::filesystem::path path{std::string(dir)};
  std::error_code error;
  if (!std::filesystem::is_directory(path, error)) {
    return absl::NotFoundError(absl::StrCat("source directory ", Absl(dir), " does not exist"));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  SourcePool pool;
  for (const std::filesystem::path& file : files) {
    absl::StatusOr<std::string> bytes = ReadFile(file);
    if (!bytes.ok()) return bytes.status();
    text::DecodeOptions options;
    options.file_name = file.filename().string();
    absl::StatusOr<text::DecodedDocument> decoded = text::DecodeDocument(*bytes, options);
    if (!decoded.ok()) continue;  // not a report (a README, an image): nothing to borrow
    pool.Add(file.filename().string(), text::NormalizeText(decoded->text), index);
  }
  if (pool.blocks(PartKind::kAchievements).empty() ||
      pool.headings(PartKind::kAchievements).empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("source directory ", Absl(dir),
                     " has no report with a section heading such as 一、 followed by paragraphs"));
  }
  return pool;
}

void SourcePool::Add(std::string_view file, std::string_view normalized_text,
                     const DivisionIndex& index) {
  ReportOutline outline = OutlineReport(normalized_text);
  SourcePlace place = DetectSourcePlace(normalized_text, outline, index);
  int source = static_cast<int>(sources_.size());
  sources_.push_back({std::string(file), std::string(place.own ? place.own->name : ""), place.year,
                      static_cast<int>(outline.sections.size())});
  if (place.year == 0) return;  // years could not be shifted consistently: borrow nothing
  for (const std::string& intro : outline.intro) {
    intros_.push_back(ParagraphTemplate::Compile(intro, place, index));
  }
  for (const ReportOutline::Section& section : outline.sections) {
    int kind = static_cast<int>(section.kind);
    if (section.heading.size() <= kMaxHeadingBytes) {
      headings_[kind].push_back(ParagraphTemplate::Compile(section.heading, place, index));
    }
    for (const std::string& lead : section.lead) {
      leads_[kind].push_back(ParagraphTemplate::Compile(lead, place, index));
    }
    for (const std::vector<std::string>& paragraphs : section.blocks) {
      Block block;
      block.source = source;
      std::string_view first;
      block.marker = ParseMarker(paragraphs.front(), &block.separator, &first);
      block.paragraphs.push_back(ParagraphTemplate::Compile(first, place, index));
      for (size_t i = 1; i < paragraphs.size(); ++i) {
        block.paragraphs.push_back(ParagraphTemplate::Compile(paragraphs[i], place, index));
      }
      blocks_[kind].push_back(std::move(block));
    }
  }
}

}  // namespace fazhi::corpus
