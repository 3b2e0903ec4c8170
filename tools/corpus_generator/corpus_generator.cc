#include "tools/corpus_generator/corpus_generator.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/compat/string_view.h"
#include "nlohmann/json.hpp"
#include "tools/corpus_generator/generator_words.h"
#include "tools/corpus_generator/paragraph_template.h"
#include "tools/corpus_generator/scrape_noise.h"
#include "tools/corpus_generator/source_pool.h"

namespace fazhi::corpus {
namespace {

using extraction::Division;
using extraction::DivisionIndex;
using extraction::DivisionLevel;

// Shares of the jurisdiction levels (province, prefecture, county, township): mostly counties,
// as among the reports governments publish.
constexpr std::array<double, 4> kLevelShares = {0.03, 0.12, 0.70, 0.15};

struct OutputKindRow {
  OutputKind kind;
  std::string_view name;
};
constexpr std::array<OutputKindRow, 4> kOutputKinds = {{
    {OutputKind::kUtf8Text, "utf8"},
    {OutputKind::kGb18030Text, "gb18030"},
    {OutputKind::kUtf16Text, "utf16"},
    {OutputKind::kHtml, "html"},
}};

enum class Role { kTitle, kMeta, kHeading, kProse, kSignature };

struct Line {
  Role role;
  std::string text;
};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// 1 -> 一, 12 -> 十二, 20 -> 二十, 31 -> 三十一 (up to 99).
std::string ChineseNumber(int n) {
  if (n <= 10) return std::string(kChineseDigits[n]);
  std::string out;
  if (n >= 20) out += kChineseDigits[n / 10];
  out += kChineseDigits[10];
  if (n % 10 != 0) out += kChineseDigits[n % 10];
  return out;
}

// 2022 -> 二〇二二.
std::string ChineseDigits(int n) {
  std::string out;
  for (char c : std::to_string(n)) out += kChineseDigits[c - '0'];
  return out;
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  for (size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ToGb18030(std::string_view utf8) {
  std::string out(utf8.size() * 2 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  out.resize(U_SUCCESS(status) ? length : 0);
  return out;
}

// UTF-16LE with a byte order mark. The input is valid UTF-8 (normalized text and our words).
std::string ToUtf16Le(std::string_view utf8) {
  std::string out = "\xFF\xFE";
  out.reserve(utf8.size() * 2);
  auto put = [&out](uint32_t unit) {
    out += static_cast<char>(unit & 0xFF);
    out += static_cast<char>(unit >> 8);
  };
  for (size_t i = 0; i < utf8.size();) {
    unsigned char lead = static_cast<unsigned char>(utf8[i]);
    int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    uint32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length && i + k < utf8.size(); ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    i += length;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xD800 + (cp >> 10));
      put(0xDC00 + (cp & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

bool NameHasPart(std::string_view name, std::string_view part) {
  return name.find(part) != std::string_view::npos;
}

// Whether a division is one the generator may write a report for.
bool IsCandidate(const Division& division) {
  if (division.placeholder || LevelWordOf(division.name).empty()) return false;
  for (std::string_view part : kSkippedNameParts) {
    if (NameHasPart(division.name, part)) return false;
  }
  if (division.level != DivisionLevel::kTownship) return true;
  return std::any_of(kTownshipSuffixes.begin(), kTownshipSuffixes.end(),
                     [&](std::string_view suffix) { return EndsWith(division.name, suffix); });
}

}  // namespace

struct CorpusGenerator::Candidates {
  std::array<std::vector<int32_t>, 4> by_level;
};

std::string_view OutputKindName(OutputKind kind) {
  for (const OutputKindRow& row : kOutputKinds) {
    if (row.kind == kind) return row.name;
  }
  return "utf8";
}

std::vector<OutputShare> DefaultOutputMix() {
  return {{OutputKind::kUtf8Text, 70},
          {OutputKind::kGb18030Text, 15},
          {OutputKind::kUtf16Text, 5},
          {OutputKind::kHtml, 10}};
}

absl::StatusOr<std::vector<OutputShare>> ParseOutputMix(std::string_view spec) {
  std::vector<OutputShare> mix;
  for (absl::string_view item : absl::StrSplit(Absl(spec), ',', absl::SkipWhitespace())) {
    std::vector<absl::string_view> parts = absl::StrSplit(item, ':');
    absl::string_view name = absl::StripAsciiWhitespace(parts[0]);
    auto row = std::find_if(kOutputKinds.begin(), kOutputKinds.end(),
                            [&](const OutputKindRow& r) { return Absl(r.name) == name; });
    if (row == kOutputKinds.end()) {
      return absl::InvalidArgumentError(absl::StrCat("encodings: unknown kind '", name,
                                                     "'; expected utf8, gb18030, utf16 or html"));
    }
    OutputShare share{row->kind, 1};
    if (parts.size() > 2 ||
        (parts.size() == 2 && (!absl::SimpleAtod(parts[1], &share.weight) || share.weight < 0))) {
      return absl::InvalidArgumentError(
          absl::StrCat("encodings: bad weight in '", item, "'; expected e.g. utf8:70"));
    }
    mix.push_back(share);
  }
  double total = 0;
  for (const OutputShare& share : mix) total += share.weight;
  if (mix.empty() || total <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("encodings: '", Absl(spec), "' names no kind with a positive weight"));
  }
  return mix;
}

std::string GeneratedReport::ManifestLine() const {
  nlohmann::ordered_json line;
  line["file"] = file_name;
  line["kind"] = std::string(OutputKindName(kind));
  line["encoding"] = encoding;
  line["format"] = format;
  line["jurisdiction_code"] = jurisdiction_code;
  line["jurisdiction_name"] = jurisdiction_name;
  line["jurisdiction_level"] = jurisdiction_level;
  line["report_year"] = report_year;
  line["published_on"] = published_on;
  line["title"] = title;
  line["bytes"] = bytes.size();
  return line.dump();
}

CorpusGenerator::CorpusGenerator(CorpusGeneratorOptions options,
                                 std::shared_ptr<const DivisionIndex> divisions,
                                 std::shared_ptr<const SourcePool> pool,
                                 std::shared_ptr<const Candidates> candidates)
    : options_(std::move(options)),
      divisions_(std::move(divisions)),
      pool_(std::move(pool)),
      candidates_(std::move(candidates)) {}

absl::StatusOr<CorpusGenerator> CorpusGenerator::Create(const CorpusGeneratorOptions& options) {
  if (options.first_year > options.last_year) {
    return absl::InvalidArgumentError(absl::StrCat("years: first year ", options.first_year,
                                                   " is after last year ", options.last_year));
  }
  double total = 0;
  for (const OutputShare& share : options.mix) total += share.weight;
  if (total <= 0) return absl::InvalidArgumentError("encodings: the output mix is empty");

  absl::StatusOr<DivisionIndex> index = DivisionIndex::LoadFromDirectory(options.divisions_dir);
  if (!index.ok()) return index.status();
  auto divisions = std::make_shared<const DivisionIndex>(*std::move(index));
  absl::StatusOr<SourcePool> pool = SourcePool::Load(options.source_dir, *divisions);
  if (!pool.ok()) return pool.status();

  auto candidates = std::make_shared<Candidates>();
  for (int32_t i = 0; i < static_cast<int32_t>(divisions->divisions().size()); ++i) {
    const Division& division = divisions->at(i);
    // A county-level row repeating its prefecture (东莞市 under 东莞市) is the same place.
    bool repeats_parent =
        division.parent >= 0 && divisions->at(division.parent).name == division.name;
    if (IsCandidate(division) && !repeats_parent)
      candidates->by_level[static_cast<int>(division.level)].push_back(i);
  }
  return CorpusGenerator(options, std::move(divisions),
                         std::make_shared<const SourcePool>(*std::move(pool)),
                         std::move(candidates));
}

const Division& CorpusGenerator::PickJurisdiction(uint64_t draw, uint64_t level_draw) const {
  double total = 0;
  for (int level = 0; level < 4; ++level) {
    if (!candidates_->by_level[level].empty()) total += kLevelShares[level];
  }
  double point = static_cast<double>(level_draw >> 11) * 0x1.0p-53 * total;
  int chosen = -1;
  for (int level = 0; level < 4; ++level) {
    if (candidates_->by_level[level].empty()) continue;
    chosen = level;
    if (point < kLevelShares[level]) break;
    point -= kLevelShares[level];
  }
  const std::vector<int32_t>& list = candidates_->by_level[chosen];
  return divisions_->at(list[draw % list.size()]);
}

TargetPlace CorpusGenerator::MakeTarget(const Division& division, int year) const {
  TargetPlace target;
  target.own = NamesOf(division);
  target.level = division.level;
  target.year = year;
  target.own_word = std::string(LevelWordOf(division.name));
  std::vector<const Division*> ancestors = divisions_->Ancestors(division);
  for (const Division* ancestor : ancestors) {
    int level = static_cast<int>(ancestor->level);
    target.ancestors[level] = NamesOf(*ancestor);
    target.present[level] = true;
  }
  target.superior_word =
      ancestors.empty() ? target.own_word : std::string(LevelWordOf(ancestors.front()->name));
  return target;
}

namespace {

// The per-report assembly: the jurisdiction's names, the drawn parts, and the lines they make.
class ReportWriter final {
 public:
  ReportWriter(const SourcePool& pool, const DivisionIndex& index, const Division& division,
               const TargetPlace& target, Rng& rng)
      : pool_(pool), index_(index), division_(division), target_(target), rng_(rng) {}

  void Write(OutputKind kind, GeneratedReport* report) {
    street_ = EndsWith(division_.name, "街道");
    place_ = TitlePlace();
    issuers_.push_back(place_ + (street_ ? "办事处" : "人民政府"));
    if (rng_.Chance(0.15)) {
      issuers_.insert(issuers_.begin(), "中共" + place_ + (street_ ? "工作委员会" : "委员会"));
    }
    DrawPublicationDate();
    report->title = Title();
    report->published_on = iso_date_;

    lines_.push_back({Role::kTitle, report->title});
    if (kind != OutputKind::kHtml) AddHeaderFields();
    AddBody();
    noise_ = ScrapeNoise::Draw(rng_);
    for (Line& line : lines_) {
      if (line.role == Role::kProse) line.text = noise_.DamageProse(line.text, rng_);
    }
    for (const std::string& issuer : issuers_) lines_.push_back({Role::kSignature, issuer});
    lines_.push_back({Role::kSignature, SignatureDate()});

    if (kind == OutputKind::kHtml) {
      bool gbk = rng_.Chance(0.25);
      std::string page = Html(report->title, gbk ? "gbk" : "utf-8");
      report->encoding = gbk ? "GB18030" : "UTF-8";
      report->bytes = gbk ? ToGb18030(page) : std::move(page);
      report->format = "html";
      return;
    }
    std::string text = PlainText();
    report->format = "text";
    switch (kind) {
      case OutputKind::kGb18030Text:
        report->encoding = "GB18030";
        report->bytes = ToGb18030(text);
        break;
      case OutputKind::kUtf16Text:
        report->encoding = "UTF-16LE";
        report->bytes = ToUtf16Le(text);
        break;
      default:
        report->encoding = "UTF-8";
        report->bytes = std::move(text);
    }
  }

 private:
  // The jurisdiction as a title names it: a township with its county (海原县三河镇), a county
  // whose name others share with its prefecture (长春市朝阳区).
  std::string TitlePlace() const {
    std::string place(division_.name);
    const Division* qualifier = nullptr;
    if (division_.level == DivisionLevel::kTownship) {
      qualifier = index_.CountyOf(division_);
    } else if (division_.level == DivisionLevel::kCounty &&
               index_.FindByName(division_.name).size() > 1) {
      qualifier = index_.PrefectureOf(division_);
      if (qualifier == nullptr) qualifier = &index_.ProvinceOf(division_);
    }
    if (qualifier == nullptr || qualifier == &division_) return place;
    std::string prefix(qualifier->name);
    if (division_.level == DivisionLevel::kTownship &&
        index_.FindByName(qualifier->name).size() > 1) {
      const Division* prefecture = index_.PrefectureOf(*qualifier);
      if (prefecture != nullptr) prefix.insert(0, prefecture->name);
    }
    return prefix + place;
  }

  // Now and then a county's title uses its short name (通道县 for 通道侗族自治县); the issuer
  // keeps the official one.
  std::string Title() {
    std::string title(kTitlePatterns[rng_.Below(kTitlePatterns.size())]);
    bool short_name = division_.level == DivisionLevel::kCounty && place_ == division_.name &&
                      target_.own.typed_short != division_.name && rng_.Chance(0.3);
    title = Replace(title, "{place}", short_name ? target_.own.typed_short : place_);
    title = Replace(title, "{year}", std::to_string(target_.year));
    return street_ ? Replace(title, "人民政府", "办事处") : title;
  }

  void DrawPublicationDate() {
    if (rng_.Chance(0.8)) {
      year_ = target_.year + 1;
      month_ = rng_.Between(1, 3);
      day_ = rng_.Between(1, 28);
    } else {
      year_ = target_.year;
      month_ = 12;
      day_ = rng_.Between(1, 31);
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
    iso_date_ = buffer;
  }

  std::string SignatureDate() {
    if (rng_.Chance(0.1)) {
      return ChineseDigits(year_) + "年" + ChineseNumber(month_) + "月" + ChineseNumber(day_) +
             "日";
    }
    return absl::StrCat(year_, "年", month_, "月", day_, "日");
  }

  void AddHeaderFields() {
    double draw = rng_.Unit();
    if (draw < 0.35) {
      char time[8];
      std::snprintf(time, sizeof time, "%02d:%02d", rng_.Between(8, 18), rng_.Between(0, 59));
      lines_.push_back({Role::kMeta, absl::StrCat("来源:", issuers_.back(), " 发布时间:", iso_date_,
                                                  " ", time)});
    } else if (draw < 0.45) {
      char index_number[48];
      std::snprintf(index_number, sizeof index_number, "%08u-%u/%04d%02d%02d-%05u",
                    static_cast<unsigned>(rng_.Below(100000000)), rng_.Below(10), year_, month_,
                    day_, rng_.Below(100000));
      for (std::string field :
           {std::string("索引号"), std::string(index_number), std::string("发文机构"),
            issuers_.back(), std::string("日期"), iso_date_}) {
        lines_.push_back({Role::kMeta, std::move(field)});
      }
    }
  }

  void AddBody() {
    if (rng_.Chance(0.12)) {
      lines_.push_back({Role::kProse, division_.level == DivisionLevel::kProvince
                                          ? std::string("国务院:")
                                          : Superior() + "人民政府:"});
    }
    if (!pool_.intros().empty() && rng_.Chance(0.9)) {
      lines_.push_back({Role::kProse, Render(pool_.intros()[rng_.Below(pool_.intros().size())])});
    }
    if (rng_.Chance(0.7)) {
      AddSection(PartKind::kAchievements, rng_.Between(4, 7), 0);
    } else {
      for (int n = rng_.Between(2, 4); n > 0; --n)
        AddSection(PartKind::kAchievements, rng_.Between(2, 3), 0);
    }
    if (rng_.Chance(0.2)) AddSection(PartKind::kDuties, rng_.Between(1, 2), 0);
    if (rng_.Chance(0.9)) AddSection(PartKind::kProblems, rng_.Between(1, 3), 0.3);
    if (rng_.Chance(0.9)) AddSection(PartKind::kPlans, rng_.Between(2, 5), 0.6);
  }

  std::string Superior() const {
    std::vector<const Division*> ancestors = index_.Ancestors(division_);
    return std::string(ancestors.empty() ? division_.name : ancestors.front()->name);
  }

  void AddSection(PartKind kind, int block_count, double lead_share) {
    const std::vector<ParagraphTemplate>& headings = pool_.headings(kind);
    const std::vector<Block>& blocks = pool_.blocks(kind);
    if (headings.empty() || blocks.empty()) return;
    lines_.push_back({Role::kHeading, ChineseNumber(++sections_) + "、" +
                                          Render(headings[rng_.Below(headings.size())])});
    const std::vector<ParagraphTemplate>& leads = pool_.leads(kind);
    if (!leads.empty() && rng_.Chance(lead_share)) {
      lines_.push_back({Role::kProse, Render(leads[rng_.Below(leads.size())])});
    }
    std::array<int, 4> numbers = {0, 0, 0, 0};
    for (int n = 0; n < block_count; ++n) {
      const Block& block = blocks[DrawUnused(kind, blocks.size())];
      int number = ++numbers[static_cast<int>(block.marker)];
      std::string first;
      switch (block.marker) {
        case MarkerKind::kParenChinese:
          first = "(" + ChineseNumber(number) + ")";
          break;
        case MarkerKind::kChineseShi:
          first = ChineseNumber(number) + "是";
          break;
        case MarkerKind::kArabic:
          first = std::to_string(number) + block.separator;
          break;
        case MarkerKind::kNone:
          break;
      }
      block.paragraphs.front().Render(target_, rng_, &first);
      lines_.push_back({Role::kProse, std::move(first)});
      for (size_t i = 1; i < block.paragraphs.size(); ++i) {
        lines_.push_back({Role::kProse, Render(block.paragraphs[i])});
      }
    }
  }

  // A block index not used yet in this report (a repeat once the pool runs dry).
  size_t DrawUnused(PartKind kind, size_t size) {
    std::vector<size_t>& used = used_[static_cast<int>(kind)];
    size_t pick = rng_.Below(size);
    for (int tries = 0; tries < 8 && std::find(used.begin(), used.end(), pick) != used.end();
         ++tries) {
      pick = rng_.Below(size);
    }
    used.push_back(pick);
    return pick;
  }

  std::string Render(const ParagraphTemplate& paragraph) {
    std::string out;
    out.reserve(paragraph.size() + 32);
    paragraph.Render(target_, rng_, &out);
    return out;
  }

  // Two layouts seen on government sites: one paragraph per line, or blank lines between
  // paragraphs indented with two ideographic spaces; now and then with CRLF line ends.
  std::string PlainText() {
    bool spaced = rng_.Chance(0.4);
    std::string_view newline = rng_.Chance(0.1) ? "\r\n" : "\n";
    std::string out;
    out.reserve(16 * 1024);
    for (const std::string& chrome : noise_.ChromeBefore(rng_))
      absl::StrAppend(&out, chrome, Absl(newline));
    Role previous = Role::kTitle;
    for (size_t i = 0; i < lines_.size(); ++i) {
      const Line& line = lines_[i];
      if (i > 0) {
        out += newline;
        bool blank =
            (spaced && line.role != Role::kMeta) ||
            (line.role == Role::kSignature && previous != Role::kSignature) ||
            (previous == Role::kTitle || (previous == Role::kMeta && line.role != Role::kMeta));
        if (blank) out += newline;
      }
      std::string text =
          spaced && line.role == Role::kProse ? "\u3000\u3000" + line.text : line.text;
      out += line.role == Role::kProse ? absl::StrJoin(noise_.Wrap(text), Absl(newline)) : text;
      previous = line.role;
    }
    out += newline;
    std::vector<std::string> chrome_after = noise_.ChromeAfter(rng_);
    if (!chrome_after.empty())
      absl::StrAppend(&out, absl::StrJoin(chrome_after, Absl(newline)), Absl(newline));
    return out;
  }

  std::string Html(const std::string& title, std::string_view charset) {
    std::string site = EscapeHtml(issuers_.back());
    std::string out;
    out.reserve(20 * 1024);
    absl::StrAppend(&out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"",
                    Absl(charset), "\">\n<title>", EscapeHtml(title), "_", site,
                    "</title>\n</head>\n<body>\n<div class=\"nav\"><ul>");
    for (std::string_view item : kNavItems) {
      absl::StrAppend(&out, "<li><a href=\"#\">",
                      EscapeHtml(Replace(std::string(item), "{short}", target_.own.bare)),
                      "</a></li>");
    }
    absl::StrAppend(&out, "</ul></div>\n<div class=\"crumb\">您的位置:<a href=\"/\">首页</a> &gt; ",
                    "<a href=\"/zwgk/\">政务公开</a> &gt; <span>",
                    Absl(kBreadcrumbLeaves[rng_.Below(kBreadcrumbLeaves.size())]),
                    "</span></div>\n", "<div class=\"article\">\n<h1>", EscapeHtml(title),
                    "</h1>\n", "<div class=\"info\">来源:", site, " 发布时间:", iso_date_,
                    "</div>\n<div class=\"content\">\n");
    for (size_t i = 1; i < lines_.size(); ++i) {
      const Line& line = lines_[i];
      absl::StrAppend(&out,
                      line.role == Role::kSignature ? "<p style=\"text-align:right\">" : "<p>",
                      EscapeHtml(line.text), "</p>\n");
    }
    std::string_view abbreviation = "京";
    std::string_view province_code = division_.code.substr(0, 2);
    for (const ProvinceAbbreviation& row : kProvinceAbbreviations) {
      if (row.code == province_code) abbreviation = row.abbreviation;
    }
    char icp[32];
    std::snprintf(icp, sizeof icp, "ICP备%08u号-%d", static_cast<unsigned>(rng_.Below(100000000)),
                  rng_.Between(1, 3));
    absl::StrAppend(&out, "</div>\n</div>\n<div class=\"footer\"><p>主办:", site, " 承办:", site,
                    "办公室</p><p><a href=\"https://beian.miit.gov.cn/\">", Absl(abbreviation), icp,
                    "</a></p></div>\n</body>\n</html>\n");
    return out;
  }

  const SourcePool& pool_;
  const DivisionIndex& index_;
  const Division& division_;
  const TargetPlace& target_;
  Rng& rng_;
  bool street_ = false;
  std::string place_;
  std::vector<std::string> issuers_;
  int year_ = 0, month_ = 0, day_ = 0;
  std::string iso_date_;
  std::vector<Line> lines_;
  ScrapeNoise noise_;  // drawn once the body is written
  int sections_ = 0;
  std::array<std::vector<size_t>, 4> used_;
};

}  // namespace

GeneratedReport CorpusGenerator::Generate(int64_t sequence) const {
  Rng rng(Rng(options_.seed ^ (static_cast<uint64_t>(sequence) * 0xD1B54A32D192ED03ULL)).Next());
  const Division& division = PickJurisdiction(rng.Next(), rng.Next());
  int year = rng.Between(options_.first_year, options_.last_year);

  double total = 0;
  for (const OutputShare& share : options_.mix) total += share.weight;
  double point = rng.Unit() * total;
  OutputKind kind = options_.mix.back().kind;
  for (const OutputShare& share : options_.mix) {
    if (point < share.weight) {
      kind = share.kind;
      break;
    }
    point -= share.weight;
  }

  GeneratedReport report;
  report.sequence = sequence;
  report.kind = kind;
  report.jurisdiction_code = extraction::ReportingCode(division.code);
  report.division_code = division.code;
  report.jurisdiction_name = division.name;
  report.jurisdiction_level = std::string(extraction::DivisionLevelName(division.level));
  report.report_year = year;
  TargetPlace target = MakeTarget(division, year);
  ReportWriter(*pool_, *divisions_, division, target, rng).Write(kind, &report);
  char name[64];
  std::snprintf(name, sizeof name, "%06lld_%.*s_%d.%s", static_cast<long long>(sequence),
                static_cast<int>(division.code.size()), division.code.data(), year,
                kind == OutputKind::kHtml ? "html" : "txt");
  report.file_name = name;
  return report;
}

}  // namespace fazhi::corpus
