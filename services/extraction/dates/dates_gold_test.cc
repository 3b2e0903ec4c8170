// Runs the date recognizer over the sample reports and checks every gold date: a recognized date
// must cover the gold surface with the gold value (and `repaired` where the gold gives it).
#include <gtest/gtest.h>

#include <iostream>

#include "common/text/code_points.h"
#include "services/extraction/dates/dates.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

TEST(DatesGoldTest, FindsEveryGoldDate) {
  int found = 0;
  int listed = 0;
  for (const testing::GoldDocument& doc : testing::LoadGoldDocuments()) {
    std::optional<int> report_year;
    if (doc.gold["metadata"]["report_year"].is_number_integer())
      report_year = doc.gold["metadata"]["report_year"];
    const std::vector<DateMention> dates = RecognizeDates(doc.text, report_year);
    for (const auto& gold : doc.gold.value("dates", nlohmann::json::array())) {
      ++listed;
      const std::string surface = gold["surface"];
      const auto length = static_cast<int64_t>(DecodeUtf8(surface).size());
      bool ok = false;
      for (int64_t at : testing::FindAll(doc.text, surface)) {
        for (const DateMention& date : dates) {
          ok =
              ok || (date.span.begin <= at && date.span.end >= at + length &&
                     date.value == gold["value"].get<std::string>() &&
                     (!gold.contains("repaired") || date.repaired == gold["repaired"].get<bool>()));
        }
      }
      found += ok;
      if (!ok) std::cout << "  missed " << doc.name << ": " << gold.dump() << "\n";
    }
  }
  EXPECT_GE(testing::ReportScore("dates", found, listed), 0.95);
}

}  // namespace
}  // namespace fazhi::extraction
