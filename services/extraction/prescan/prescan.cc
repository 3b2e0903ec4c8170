#include "services/extraction/prescan/prescan.h"

namespace fazhi::extraction {

Prescan::Prescan(const PrescanTable& table, std::u32string_view text)
    : size_(text.size()), marks_((text.size() + 7) / 8 * 8, 0) {
  for (size_t pos = 0; pos < text.size(); ++pos) marks_[pos] = table.MarksOf(text[pos]);
}

}  // namespace fazhi::extraction
