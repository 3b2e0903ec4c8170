// The shortest decimal text of a double that reads back as the same double: 27.42, not
// 27.420000000000002 (%.17g) nor 27.4 (StrCat's six digits). Every place that writes a number for
// people or files (exports, the CLI) goes through it, so the same value reads the same everywhere.
//
//   ShortestDecimal(27.42);        // "27.42"
//   ShortestDecimal(1234567);      // "1234567"
//   ShortestDecimal(0.1 + 0.2);    // "0.30000000000000004": a different double from 0.3
//   ShortestDecimal(NAN);          // "NaN", as PostgreSQL and protobuf JSON write it
#ifndef FAZHI_COMMON_TEXT_SHORTEST_DECIMAL_H_
#define FAZHI_COMMON_TEXT_SHORTEST_DECIMAL_H_

#include <string>

namespace fazhi::text {

// Plain notation for magnitudes from 1e-5 to 1e21 (what a spreadsheet reads as a number), else
// scientific ("1e+25"); infinities are "Infinity" and "-Infinity".
std::string ShortestDecimal(double value);

}  // namespace fazhi::text

#endif  // FAZHI_COMMON_TEXT_SHORTEST_DECIMAL_H_
