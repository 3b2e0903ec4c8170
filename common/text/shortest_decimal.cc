#include "common/text/shortest_decimal.h"

#include <charconv>
#include <cmath>

namespace fazhi::text {

std::string ShortestDecimal(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return "0";  // also -0: a sign on zero is noise to a reader
  // libstdc++ (GCC 11+) implements the shortest round-trip form (Ryu). Fixed notation of a
  // double never needs more than 17 significant digits plus up to 21 zeros in this range.
  const double magnitude = std::fabs(value);
  const std::chars_format format =
      magnitude >= 1e-5 && magnitude < 1e21 ? std::chars_format::fixed : std::chars_format::general;
  char buffer[64];
  std::to_chars_result written = std::to_chars(buffer, buffer + sizeof buffer, value, format);
  return std::string(buffer, written.ptr);
}

}  // namespace fazhi::text
