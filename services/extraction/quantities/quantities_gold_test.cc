// Runs the quantity recognizer over the sample reports and checks every gold quantity: a
// recognized quantity must cover the gold surface with the gold value, unit, and the
// approximate/suspect flags where the gold gives them.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "common/text/code_points.h"
#include "services/extraction/quantities/quantities.h"
#include "tests/testing/extraction/gold_documents.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

bool Matches(const Quantity& q, const nlohmann::json& gold, int64_t at, int64_t length) {
  if (q.span.begin > at || q.span.end < at + length) return false;
  const double value = gold["value"];
  if (std::fabs(q.value - value) > 0.005 * std::max(1.0, std::fabs(value))) return false;
  if (gold.contains("unit") && !gold["unit"].is_null() && q.unit != gold["unit"].get<std::string>())
    return false;
  if (gold.contains("approximate") && q.approximate != gold["approximate"].get<bool>())
    return false;
  if (gold.contains("suspect") && q.suspect != gold["suspect"].get<bool>()) return false;
  return true;
}

TEST(QuantitiesGoldTest, FindsEveryGoldQuantity) {
  int found = 0;
  int listed = 0;
  for (const testing::GoldDocument& doc : testing::LoadGoldDocuments()) {
    const std::vector<Quantity> quantities = RecognizeQuantities(doc.text);
    for (const auto& gold : doc.gold.value("quantities", nlohmann::json::array())) {
      ++listed;
      const std::string surface = gold["surface"];
      const int64_t length = static_cast<int64_t>(DecodeUtf8(surface).size());
      bool ok = false;
      for (int64_t at : testing::FindAll(doc.text, surface)) {
        for (const Quantity& q : quantities) ok = ok || Matches(q, gold, at, length);
      }
      found += ok;
      if (!ok) std::cout << "  missed " << doc.name << ": " << gold.dump() << "\n";
    }
  }
  EXPECT_GE(testing::ReportScore("quantities", found, listed), 0.97);
}

}  // namespace
}  // namespace fazhi::extraction
