#include "services/extraction/quantities/unit_table.h"

namespace fazhi::extraction {

std::string_view UnitKindName(UnitKind kind) {
  switch (kind) {
    case UnitKind::kMoney:
      return "money";
    case UnitKind::kRate:
      return "rate";
    case UnitKind::kCount:
      return "count";
    case UnitKind::kTime:
      return "time";
    case UnitKind::kLength:
      return "length";
    case UnitKind::kArea:
      return "area";
    case UnitKind::kVolume:
      return "volume";
    case UnitKind::kMass:
      return "mass";
    case UnitKind::kConcentration:
      return "concentration";
    case UnitKind::kPower:
      return "power";
    case UnitKind::kEnergy:
      return "energy";
    case UnitKind::kVoltage:
      return "voltage";
    case UnitKind::kTemperature:
      return "temperature";
    case UnitKind::kFrequency:
      return "frequency";
    case UnitKind::kData:
      return "data";
  }
  return "";
}

}  // namespace fazhi::extraction
