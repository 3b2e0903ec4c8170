// Measures the quantity recognizer against Recognizers-Text's Chinese dimension and currency cases
// (numbers/testdata/recognizers-text, MIT): prints, for each file, the cases in scope whose
// values and units agree and every disagreement with its reason, and asserts at least 98% in
// scope. The peer's unit names map to ours through the `peer` column of data/units/units.tsv.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/extraction/quantities/quantities.h"
#include "services/extraction/quantities/unit_table.h"
#include "tests/testing/extraction/peer_spec_testing.h"

namespace fazhi::extraction {
namespace {

using peer_spec::InputHas;
using peer_spec::LoadPeerCases;
using peer_spec::PeerAgreement;
using peer_spec::PeerCase;
using peer_spec::PeerValue;
using peer_spec::ScopeRule;

constexpr double kFloor = 0.98;

// The table's row for a reported unit ("千瓦", "元"), or nullptr for a noun taken as unit or a
// compound such as 元/人.
const UnitWord* RowOf(const std::string& unit) {
  for (const UnitWord& u : kUnitTable) {
    if (u.unit == unit) return &u;
  }
  return nullptr;
}

// Whether our unit stands for the peer's: some row reporting it carries the peer's name.
bool SameUnit(const std::string& peer_unit, const std::string& our_unit) {
  for (const UnitWord& u : kUnitTable) {
    if (u.unit == our_unit && u.peer == peer_unit) return true;
  }
  return false;
}

bool IsDimension(UnitKind kind) {
  return kind != UnitKind::kMoney && kind != UnitKind::kRate && kind != UnitKind::kCount &&
         kind != UnitKind::kTime;
}

// The quantities of `input` whose unit is of a kind `keep` accepts, as peer values.
template <typename Keep>
std::vector<PeerValue> Found(const std::string& input, Keep keep) {
  std::vector<PeerValue> found;
  for (const Quantity& q : RecognizeQuantities(input)) {
    const UnitWord* row = RowOf(q.unit);
    if (row != nullptr && keep(row->kind)) found.push_back({q.value, q.unit});
  }
  return found;
}

bool ExpectsUnit(const PeerCase& c, const std::string& unit) {
  for (const PeerValue& v : c.expected) {
    if (v.unit == unit) return true;
  }
  return false;
}

std::vector<ScopeRule> DimensionRules() {
  return {
      {[](const PeerCase& c) { return ExpectsUnit(c, "Liang"); }, false,
       "两 as a unit of mass (50 g): reports weigh in 克, 千克 and 斤, and 两 there is the numeral "
       "two"},
      {[](const PeerCase& c) { return ExpectsUnit(c, "Bit"); }, false,
       "位 as a bit: in reports 位 counts people (15位股东)"},
  };
}

std::vector<ScopeRule> CurrencyRules() {
  return {
      {InputHas({"銭"}), false,
       "a Japanese amount in 円 and 銭 (10日元5日本銭): reports never state one"},
      {InputHas({"美分"}), false,
       "dollars and cents (两美元又三美分): reports state amounts with decimals"},
      {InputHas({"毛", "角"}), false,
       "元, 角 and 分 (五元三毛, 50元6角三分): reports state amounts with decimals"},
      {InputHas({"三块"}), false,
       "块 for yuan is spoken Chinese: in reports 块 counts things (3块地)"},
      {InputHas({"比特币"}), false,
       "a crypto-currency counted with 个 (20个比特币): reports never state one"},
      {[](const PeerCase& c) {
         for (const PeerValue& v : c.expected) {
           if (v.value != v.value) return true;  // NaN: a currency named without a figure
         }
         return false;
       },
       false,
       "a currency named without a figure (人民币 美元): no quantity, and fazhi records figures"},
  };
}

TEST(QuantitiesPeerSpecTest, DimensionModelAgreesInScope) {
  PeerAgreement agreement("NumberWithUnit-DimensionModel.json", DimensionRules(), SameUnit);
  for (const PeerCase& c : LoadPeerCases("NumberWithUnit-DimensionModel.json")) {
    agreement.Add(c, Found(c.input, IsDimension));
  }
  agreement.Print();
  EXPECT_GE(agreement.InScopeShare(), kFloor);
}

TEST(QuantitiesPeerSpecTest, CurrencyModelAgreesInScope) {
  PeerAgreement agreement("NumberWithUnit-CurrencyModel.json", CurrencyRules(), SameUnit);
  for (const PeerCase& c : LoadPeerCases("NumberWithUnit-CurrencyModel.json")) {
    agreement.Add(c, Found(c.input, [](UnitKind kind) { return kind == UnitKind::kMoney; }));
  }
  agreement.Print();
  EXPECT_GE(agreement.InScopeShare(), kFloor);
}

// Every peer name the tests meet is in the table's peer column: the map has one home.
TEST(QuantitiesPeerSpecTest, EveryPeerUnitMapsToAUnitOfTheTable) {
  for (const char* file :
       {"NumberWithUnit-DimensionModel.json", "NumberWithUnit-CurrencyModel.json"}) {
    for (const PeerCase& c : LoadPeerCases(file)) {
      for (const PeerValue& v : c.expected) {
        if (v.unit.empty() || v.unit == "Liang" || v.unit == "Bit" || v.unit == "Bitcoin") continue;
        bool mapped = false;
        for (const UnitWord& u : kUnitTable) mapped = mapped || u.peer == v.unit;
        EXPECT_TRUE(mapped) << file << ": peer unit '" << v.unit
                            << "' has no row in data/units/units.tsv";
      }
    }
  }
}

}  // namespace
}  // namespace fazhi::extraction
