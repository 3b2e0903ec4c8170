// The HTTP side of a gRPC method, from its google.api.http annotation (AIP-127): a path template
// such as "/v1/{name=reports/*}:original" parsed once, then matched against request paths,
// binding the request fields its variables name.
//
//   absl::StatusOr<PathTemplate> path =
//   PathTemplate::Parse("/v1/indicators/{indicator_id}:series"); std::optional<PathBindings> bound
//   = path->Match("/v1/indicators/litigation.cases:series");
//   // (*bound)["indicator_id"] == "litigation.cases"
//
// The template grammar is http.proto's: segments of literals, `*` (one segment) and `**` (the
// rest, last only), variables `{field}` or `{field=segments}`, and an optional `:verb` suffix.
#ifndef FAZHI_SERVICES_WEB_HTTP_RULE_H_
#define FAZHI_SERVICES_WEB_HTTP_RULE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::web {

// Request field path ("name", "indicator_id") -> the text its variable matched.
using PathBindings = std::map<std::string, std::string>;

class PathTemplate final {
 public:
  static absl::StatusOr<PathTemplate> Parse(std::string_view text);

  // The bindings when `path` (decoded, without the query string) fits; nullopt when it does not.
  std::optional<PathBindings> Match(std::string_view path) const;

  const std::string& text() const { return text_; }

  // One segment of the template: a literal, `*` (one path segment) or `**` (the rest).
  enum class Kind { kLiteral, kOne, kRest };
  struct Segment {
    Kind kind = Kind::kLiteral;
    std::string literal;
  };

 private:
  // A variable binds the segments [first, last) of the template.
  struct Variable {
    std::string field;
    size_t first = 0;
    size_t last = 0;
  };

  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

}  // namespace fazhi::web

#endif  // FAZHI_SERVICES_WEB_HTTP_RULE_H_
