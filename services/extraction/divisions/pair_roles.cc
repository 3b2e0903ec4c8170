#include "services/extraction/divisions/pair_roles.h"

#include <algorithm>
#include <array>

#include "services/extraction/prescan/prescan.h"

namespace fazhi::extraction {
namespace {

constexpr size_t kBmpSize = 0x10000;
constexpr int kMaxPasses = 8;  // the sorting settles in three or four over the official list

// The first characters sorted into kPairClasses classes. What a class lets through that is no pair
// is about its first characters times its second characters (those of its pairs), less its pairs:
// the sum of those products is what the sorting lowers.
class PairClasses final {
 public:
  explicit PairClasses(std::span<const uint32_t> pairs) : sorted_(pairs.begin(), pairs.end()) {
    std::sort(sorted_.begin(), sorted_.end());
    sorted_.erase(std::unique(sorted_.begin(), sorted_.end()), sorted_.end());
    for (size_t begin = 0, end = 0; begin < sorted_.size(); begin = end) {
      while (end < sorted_.size() && FirstOf(sorted_[end]) == FirstOf(sorted_[begin])) ++end;
      firsts_.push_back(First{FirstOf(sorted_[begin]), begin, end, -1});
    }
  }

  // Each first character, those with the most second characters first, into the class it adds
  // least to; then each moved to the class it adds least to, until none moves.
  void Sort() {
    std::vector<First*> order;
    for (First& first : firsts_) order.push_back(&first);
    std::stable_sort(order.begin(), order.end(), [](const First* a, const First* b) {
      return a->end - a->begin > b->end - b->begin;
    });
    for (First* first : order) Join(*first, CheapestClass(*first));
    for (int pass = 0; pass < kMaxPasses; ++pass) {
      bool moved = false;
      for (First* first : order) {
        const int from = first->klass;
        Leave(*first);
        Join(*first, CheapestClass(*first));
        moved = moved || first->klass != from;
      }
      if (!moved) break;
    }
  }

  std::vector<uint8_t> Roles() const {
    std::vector<uint8_t> roles(kBmpSize, 0);
    for (const First& first : firsts_) {
      const auto bit = static_cast<uint8_t>(1 << first.klass);
      roles[first.c] |= PairRole(bit, 0);
      for (size_t i = first.begin; i < first.end; ++i)
        roles[SecondOf(sorted_[i])] |= PairRole(0, bit);
    }
    return roles;
  }

 private:
  struct First {
    char16_t c;
    size_t begin, end;  // its pairs in sorted_
    int klass;
  };

  // What joining class `klass` adds: its first characters times the second characters `first`
  // brings to it, and its second characters once more.
  size_t Cost(const First& first, int klass) const {
    size_t brought = 0;
    for (size_t i = first.begin; i < first.end; ++i)
      brought += followers_[SecondOf(sorted_[i])][klass] == 0 ? 1 : 0;
    return firsts_in_[klass] * brought + seconds_in_[klass] + brought;
  }
  int CheapestClass(const First& first) const {
    int cheapest = 0;
    size_t least = Cost(first, 0);
    for (int klass = 1; klass < kPairClasses; ++klass) {
      if (const size_t cost = Cost(first, klass); cost < least) {
        least = cost;
        cheapest = klass;
      }
    }
    return cheapest;
  }
  void Join(First& first, int klass) {
    first.klass = klass;
    ++firsts_in_[klass];
    for (size_t i = first.begin; i < first.end; ++i) {
      if (followers_[SecondOf(sorted_[i])][klass]++ == 0) ++seconds_in_[klass];
    }
  }
  void Leave(First& first) {
    --firsts_in_[first.klass];
    for (size_t i = first.begin; i < first.end; ++i) {
      if (--followers_[SecondOf(sorted_[i])][first.klass] == 0) --seconds_in_[first.klass];
    }
  }

  static char16_t FirstOf(uint32_t pair) { return static_cast<char16_t>(pair >> 16); }
  static char16_t SecondOf(uint32_t pair) { return static_cast<char16_t>(pair & 0xFFFF); }

  std::vector<uint32_t> sorted_;  // by first, then second; no pair twice
  std::vector<First> firsts_;
  // Per second character and class, how many of the class's first characters it follows.
  std::vector<std::array<uint32_t, kPairClasses>> followers_ =
      std::vector<std::array<uint32_t, kPairClasses>>(kBmpSize);
  std::array<size_t, kPairClasses> firsts_in_{};
  std::array<size_t, kPairClasses> seconds_in_{};
};

}  // namespace

std::vector<uint8_t> PairRoles(std::span<const uint32_t> pairs) {
  PairClasses classes(pairs);
  classes.Sort();
  return classes.Roles();
}

}  // namespace fazhi::extraction
