// The damage real scraped reports carry, applied to a generated plain-text report so that
// benchmarks and scale tests read text as messy as the archive's: site chrome lines around the
// article, prose hard-wrapped at a fixed width, stray spaces between Chinese characters,
// full-width digits, and year ranges whose dash was lost ("2016—2020年" -> "20162020年").
//
//   Rng rng(7);
//   ScrapeNoise noise = ScrapeNoise::Draw(rng);      // which kinds this report gets
//   std::string line = noise.DamageProse("2016—2020年共办理案件12件", rng);
//   // e.g. "20162020年共办理 案件１２件"
//   std::vector<std::string> lines = noise.Wrap(line);  // one line unless wrap_width > 0
//
// Every kind is one a normalizer must undo or live with, never one that changes what a careful
// reader would extract: titles, headings and signatures are left alone (the generator does not
// pass them here), and no character is dropped except a year range's dash.
#ifndef FAZHI_TOOLS_CORPUS_GENERATOR_SCRAPE_NOISE_H_
#define FAZHI_TOOLS_CORPUS_GENERATOR_SCRAPE_NOISE_H_

#include <string>
#include <string_view>
#include <vector>

#include "tools/corpus_generator/paragraph_template.h"

namespace fazhi::corpus {

struct ScrapeNoise {
  bool chrome = false;          // site chrome lines before and after the article
  int wrap_width = 0;           // > 0: prose wrapped every this many code points
  double stray_space_rate = 0;  // per pair of adjacent Han characters
  bool full_width_digits = false;
  bool fused_year_ranges = false;

  // The kinds one report gets (each on a share of reports, most reports get at least one).
  static ScrapeNoise Draw(Rng& rng);

  // The chrome lines a scraped page leaves above and below its article.
  std::vector<std::string> ChromeBefore(Rng& rng) const;
  std::vector<std::string> ChromeAfter(Rng& rng) const;

  // A prose line with this report's character-level damage.
  std::string DamageProse(std::string_view line, Rng& rng) const;

  // The line cut into pieces of wrap_width code points (the whole line when wrap_width is 0).
  std::vector<std::string> Wrap(std::string_view line) const;
};

}  // namespace fazhi::corpus

#endif  // FAZHI_TOOLS_CORPUS_GENERATOR_SCRAPE_NOISE_H_
