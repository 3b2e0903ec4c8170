#include "services/extraction/metadata/speech.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "absl/strings/str_format.h"
#include "common/text/code_points.h"
#include "common/text/utf8.h"
#include "services/extraction/metadata/metadata.h"
#include "services/extraction/metadata/metadata_cues.h"
#include "services/extraction/metadata/word_search.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

namespace cues = metadata_cues;
using metadata_search::ContainsAny;

bool EndsWithAny(std::string_view s, const auto& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return s.ends_with(w); });
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// line.starts_with(word), compared byte by byte in place: asked of every line of the window for
// each opening and leader, where nearly all differ at the first byte or two, a memcmp call each
// cost more than the comparison.
bool StartsWith(std::string_view line, std::string_view word) {
  if (line.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (line[i] != word[i]) return false;
  }
  return true;
}

// The first "YYYY年" of a line (ASCII digits, not inside a longer number).
std::optional<int> FirstYear(std::string_view line) {
  static constexpr std::string_view kNian = "年";
  for (size_t pos = line.find(kNian); pos != line.npos; pos = line.find(kNian, pos + 1)) {
    if (pos < 4) continue;
    std::string_view digits = line.substr(pos - 4, 4);
    if (!std::all_of(digits.begin(), digits.end(), IsAsciiDigit)) continue;
    if (pos > 4 && IsAsciiDigit(line[pos - 5])) continue;
    const int year = std::stoi(std::string(digits));
    if (year >= 1949 && year <= 2100) return year;
  }
  return std::nullopt;
}

// "光明区一届人民政府" -> "光明区人民政府": the congress term is no part of the body's name.
std::string WithoutTerm(std::string_view body) {
  static constexpr std::string_view kTerm = "届";
  static constexpr std::u32string_view kNumerals = U"第一二三四五六七八九十0123456789";
  const size_t term = body.find(kTerm);
  if (term == body.npos) return std::string(body);
  size_t begin = term;
  while (begin > 0) {
    // Back over one character (ASCII digit, or a 3-byte numeral).
    const size_t width = IsAsciiDigit(body[begin - 1]) ? 1 : 3;
    if (begin < width) break;
    const std::u32string decoded = DecodeUtf8(body.substr(begin - width, width));
    if (decoded.size() != 1 || kNumerals.find(decoded[0]) == kNumerals.npos) break;
    begin -= width;
  }
  if (begin == term) return std::string(body);
  return std::string(body.substr(0, begin)) + std::string(body.substr(term + kTerm.size()));
}

// "现在，我代表南山区人民政府向大会报告工作" -> "南山区人民政府".
std::string SpeakerIn(std::string_view line) {
  const size_t cue = metadata_search::FindWord(line, cues::kSpeakerCue);
  if (cue == line.npos) return "";
  std::string_view rest = line.substr(cue + cues::kSpeakerCue.size());
  size_t end = rest.size();
  for (std::string_view stop : cues::kSpeakerEnds) end = std::min(end, rest.find(stop));
  // "我代表新区党工委、管委会向大会报告工作": the first of the bodies named that is a government.
  std::string_view bodies = rest.substr(0, end);
  while (!bodies.empty()) {
    const size_t comma = bodies.find(cues::kBodySeparator);
    std::string_view body = bodies.substr(0, comma);
    if (!body.empty() && EndsWithAny(body, cues::kSpeakerBodies)) return WithoutTerm(body);
    if (comma == bodies.npos) break;
    bodies.remove_prefix(comma + cues::kBodySeparator.size());
  }
  return "";
}

// At most 4 bytes a code point: most lines are rejected by their size without counting.
bool IsShorterThan(std::string_view line, size_t code_points) {
  return line.size() <= 4 * code_points &&
         text::CountCodepoints(line) <= static_cast<int64_t>(code_points);
}

// "——2026年2月3日在上海市…会议上", "（2026年1月27日在贵州省…会议上）" -> the ISO date.
std::string DeliveryDate(std::string_view line) {
  bool bracketed = false;
  // The bytes a leader or a space begins with: most lines begin with none, and strip nothing.
  static constexpr auto kStripFirsts = [] {
    std::array<bool, 256> firsts{};
    for (std::string_view leader : cues::kDeliveryLeaders)
      firsts[static_cast<uint8_t>(leader.front())] = true;
    firsts[static_cast<uint8_t>(' ')] = true;
    return firsts;
  }();
  for (bool stripped = !line.empty() && kStripFirsts[static_cast<uint8_t>(line.front())];
       stripped;) {
    stripped = false;
    for (std::string_view leader : cues::kDeliveryLeaders) {
      if (StartsWith(line, leader)) {
        bracketed |= leader == "（" || leader == "(";
        line.remove_prefix(leader.size());
        stripped = true;
      }
    }
    if (line.starts_with(" ")) line.remove_prefix(1), stripped = true;
  }
  // A short line whose year starts with a digit (2026年) or a Chinese numeral (二〇二六年): the
  // paragraphs that open with a year stop here.
  static constexpr std::string_view kChineseYearStarts = "一二〇";
  // The first character before the length: it settles nearly every line without counting.
  if (line.empty()) return "";
  if (!IsAsciiDigit(line[0]) &&
      kChineseYearStarts.find(line.substr(0, 3)) == std::string_view::npos)
    return "";
  if (!IsShorterThan(line, cues::kMaxDeliveryLineLength)) return "";
  // The session named before the date read: most short lines opening with a year name none.
  if (!bracketed && !ContainsAny(line, cues::kDeliveryMarks)) return "";
  return ParseLeadingDate(line);
}

// "3月5日，第十二届全国人民代表大会第五次会议在北京人民大会堂开幕。国务院总理…作政府工作报告": a
// caption dating the session without its year; {month, day} or nothing.
std::optional<std::pair<int, int>> CaptionDay(std::string_view line) {
  if (line.empty() || !IsAsciiDigit(line[0])) return std::nullopt;  // most lines: at once
  size_t i = 0;
  auto number = [&]() {
    int value = 0;
    size_t start = i;
    while (i < line.size() && i - start < 2 && IsAsciiDigit(line[i]))
      value = value * 10 + (line[i++] - '0');
    return i > start ? value : 0;
  };
  const int month = number();
  if (month < 1 || month > 12 || !line.substr(i).starts_with("月")) return std::nullopt;
  i += std::string_view("月").size();
  const int day = number();
  if (day < 1 || day > 31 || !line.substr(i).starts_with("日")) return std::nullopt;
  if (!ContainsAny(line, cues::kDeliveryMarks) || !ContainsAny(line, cues::kCaptionWords))
    return std::nullopt;
  return std::make_pair(month, day);
}

bool IsPartHeading(std::string_view line) {
  return IsShorterThan(line, cues::kMaxPartHeadingLength) && line.find("。") == line.npos;
}

}  // namespace

SpeechFacts ReadSpeech(std::span<const std::string_view> lines) {
  SpeechFacts facts;
  std::optional<std::pair<int, int>> caption_day;
  const size_t window = std::min(lines.size(), cues::kSpeechWindowLines);
  for (size_t i = 0; i < window; ++i) {
    const std::string_view line = lines[i];
    if (!caption_day) caption_day = CaptionDay(line);
    if (std::any_of(cues::kSpeechOpenings.begin(), cues::kSpeechOpenings.end(),
                    [&](std::string_view o) { return StartsWith(line, o); })) {
      facts.is_speech = true;
    }
    if (facts.speaker.empty()) facts.speaker = SpeakerIn(line);
    if (facts.delivered_on.empty()) facts.delivered_on = DeliveryDate(line);
  }
  if (!facts.speaker.empty()) facts.is_speech = true;
  if (!facts.is_speech) return facts;

  std::optional<int> reviewed;
  std::optional<int> planned;
  facts.review_end_line = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (!IsPartHeading(line)) continue;
    if (facts.review_end_line == lines.size() && ContainsAny(line, cues::kPlanOpeningWords) &&
        !ContainsAny(line, cues::kReviewHeadingWords)) {
      facts.review_end_line = i;
    }
    std::optional<int> year = FirstYear(line);
    if (!year) continue;
    if (!reviewed && ContainsAny(line, cues::kReviewHeadingWords)) reviewed = year;
    // 主要工作 heads a review as often as a plan ("一、2025年主要工作" then "三、2026年重点工作"):
    // the plans are of the latest year a plan heading names.
    if (ContainsAny(line, cues::kPlanHeadingWords))
      planned = std::max(planned.value_or(*year), *year);
  }
  facts.appendix_line = lines.size();
  for (size_t i = facts.review_end_line; i < lines.size(); ++i) {
    if (IsShorterThan(lines[i], section_cues::kMaxAppendixHeadingLength) &&
        std::any_of(section_cues::kAppendixOpenings.begin(), section_cues::kAppendixOpenings.end(),
                    [&](std::string_view o) { return StartsWith(lines[i], o); })) {
      facts.appendix_line = i;
      break;
    }
  }
  if (reviewed) {
    facts.reviewed_year = reviewed;
  } else if (!facts.delivered_on.empty()) {
    const int year = std::stoi(facts.delivered_on.substr(0, 4));
    const int month = std::stoi(facts.delivered_on.substr(5, 2));
    facts.reviewed_year = month <= cues::kLastMonthReviewingPreviousYear ? year - 1 : year;
  } else if (planned) {
    facts.reviewed_year = *planned - 1;
  }
  // A caption's day falls in the session's year: the year after the review for a spring session.
  if (facts.delivered_on.empty() && caption_day && facts.reviewed_year) {
    const auto [month, day] = *caption_day;
    const int year =
        *facts.reviewed_year + (month <= cues::kLastMonthReviewingPreviousYear ? 1 : 0);
    facts.delivered_on = absl::StrFormat("%04d-%02d-%02d", year, month, day);
  }
  return facts;
}

std::string QualifiedSpeaker(std::string_view speaker, std::string_view jurisdiction_name) {
  // "我代表管委会": the place's own.
  if (std::find(cues::kSpeakerBodies.begin(), cues::kSpeakerBodies.end(), speaker) !=
          cues::kSpeakerBodies.end() &&
      speaker != "国务院" && !jurisdiction_name.empty()) {
    return std::string(jurisdiction_name) + std::string(speaker == "政府" ? "人民政府" : speaker);
  }
  for (std::string_view type : cues::kBareGovernmentTypes) {
    if (!speaker.starts_with(type)) continue;
    std::string_view body = speaker.substr(type.size());
    if (std::find(cues::kSpeakerBodies.begin(), cues::kSpeakerBodies.end(), body) ==
        cues::kSpeakerBodies.end()) {
      continue;
    }
    if (jurisdiction_name.empty() || !jurisdiction_name.ends_with(type))
      return std::string(speaker);
    // 我代表省政府: the province's government, by its official name.
    const std::string_view official = body == "政府" ? "人民政府" : body;
    return std::string(jurisdiction_name) + std::string(official);
  }
  return std::string(speaker);
}

}  // namespace fazhi::extraction
