#include "services/web/http_rule.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/compat/string_view.h"

namespace fazhi::web {
namespace {

absl::Status Malformed(std::string_view text, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("HTTP path template \"", Absl(text), "\": ", Absl(why)));
}

// "*" one segment, "**" the rest, anything else itself.
PathTemplate::Segment SegmentOf(const std::string& part) {
  if (part == "*") return {PathTemplate::Kind::kOne, ""};
  if (part == "**") return {PathTemplate::Kind::kRest, ""};
  return {PathTemplate::Kind::kLiteral, part};
}

// Splits "a/b/c" at '/'; empty parts are kept (and refused by the caller).
std::vector<std::string> SplitSegments(std::string_view path) {
  return absl::StrSplit(Absl(path), '/');
}

}  // namespace

absl::StatusOr<PathTemplate> PathTemplate::Parse(std::string_view text) {
  PathTemplate parsed;
  parsed.text_ = std::string(text);
  if (!text.starts_with('/')) return Malformed(text, "must start with '/'");
  std::string_view rest = text.substr(1);
  // The verb is after the last ':' that is outside braces.
  size_t depth = 0, verb_at = std::string_view::npos;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '{') ++depth;
    if (rest[i] == '}') --depth;
    if (rest[i] == ':' && depth == 0) verb_at = i;
  }
  if (verb_at != std::string_view::npos) {
    parsed.verb_ = std::string(rest.substr(verb_at + 1));
    rest = rest.substr(0, verb_at);
  }
  while (!rest.empty()) {
    if (rest.front() == '{') {
      const size_t close = rest.find('}');
      if (close == std::string_view::npos) return Malformed(text, "unclosed '{'");
      std::string_view variable = rest.substr(1, close - 1);
      const size_t equals = variable.find('=');
      Variable bound{std::string(variable.substr(0, equals)), parsed.segments_.size(), 0};
      std::string_view pattern =
          equals == std::string_view::npos ? "*" : variable.substr(equals + 1);
      for (const std::string& part : SplitSegments(pattern)) {
        if (part.empty()) return Malformed(text, "empty segment");
        parsed.segments_.push_back(SegmentOf(part));
      }
      bound.last = parsed.segments_.size();
      parsed.variables_.push_back(std::move(bound));
      rest.remove_prefix(close + 1);
    } else {
      const size_t slash = rest.find('/');
      std::string part(rest.substr(0, slash));
      if (part.empty()) return Malformed(text, "empty segment");
      parsed.segments_.push_back(SegmentOf(part));
      rest.remove_prefix(part.size());
    }
    if (!rest.empty()) {
      if (rest.front() != '/') return Malformed(text, "expected '/' between segments");
      rest.remove_prefix(1);
      if (rest.empty()) return Malformed(text, "trailing '/'");
    }
  }
  for (size_t i = 0; i + 1 < parsed.segments_.size(); ++i) {
    if (parsed.segments_[i].kind == Kind::kRest) return Malformed(text, "'**' must be last");
  }
  return parsed;
}

std::optional<PathBindings> PathTemplate::Match(std::string_view path) const {
  if (!path.starts_with('/')) return std::nullopt;
  path.remove_prefix(1);
  if (!verb_.empty()) {
    const std::string suffix = ":" + verb_;
    if (!path.ends_with(suffix)) return std::nullopt;
    path.remove_suffix(suffix.size());
  }
  const std::vector<std::string> parts = SplitSegments(path);
  const bool rest_last = !segments_.empty() && segments_.back().kind == Kind::kRest;
  if (rest_last ? parts.size() < segments_.size() : parts.size() != segments_.size()) {
    return std::nullopt;
  }
  // Where each template segment's match starts in `parts` (the `**` takes what is left).
  for (size_t i = 0; i < segments_.size(); ++i) {
    const Segment& segment = segments_[i];
    if (i < parts.size() && parts[i].empty()) return std::nullopt;
    if (segment.kind == Kind::kLiteral && parts[i] != segment.literal) return std::nullopt;
    // A segment with ':' belongs to another method's verb (e.g. "reports:search").
    if (segment.kind != Kind::kLiteral && parts[i].find(':') != std::string::npos)
      return std::nullopt;
  }
  PathBindings bindings;
  for (const Variable& variable : variables_) {
    const bool takes_rest = variable.last == segments_.size() && rest_last;
    const size_t end = takes_rest ? parts.size() : variable.last;
    std::vector<std::string> taken(parts.begin() + variable.first, parts.begin() + end);
    bindings[variable.field] = absl::StrJoin(taken, "/");
  }
  return bindings;
}

}  // namespace fazhi::web
