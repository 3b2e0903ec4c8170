// The elements of one of the division index's tables: a vector while the index is built from the
// CSV files, or a view of the same elements in place in a mapped snapshot (division_snapshot.cc),
// which is then neither copied nor even read until a lookup needs it. Reads cost what a vector's
// do (one pointer); a write to a view first copies it into a vector of its own.
//
//   StoredArray<int32_t> built(std::vector<int32_t>(65536, -1));
//   built[7] = 3;                                     // as a vector
//   StoredArray<int32_t> stored = StoredArray<int32_t>::View(elements_in_the_snapshot);
//   stored[7];                                        // read where the snapshot has it
//
// A view's elements must outlive it (the index keeps its snapshot's mapping) and be aligned for T.
#ifndef FAZHI_SERVICES_EXTRACTION_DIVISIONS_STORED_ARRAY_H_
#define FAZHI_SERVICES_EXTRACTION_DIVISIONS_STORED_ARRAY_H_

#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace fazhi::extraction {

template <typename T>
class StoredArray final {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  StoredArray() = default;
  explicit StoredArray(std::vector<T> elements) : owned_(std::move(elements)) { Refresh(); }
  static StoredArray View(std::span<const T> elements) {
    StoredArray array;
    array.data_ = elements.data();
    array.size_ = elements.size();
    array.viewed_ = true;
    return array;
  }

  // A copy owns its elements: it may outlive what the original views.
  StoredArray(const StoredArray& other) : owned_(other.begin(), other.end()) { Refresh(); }
  StoredArray& operator=(const StoredArray& other) {
    if (this != &other) *this = StoredArray(other);
    return *this;
  }
  // A vector's elements stay where they are when it moves: data_ holds.
  StoredArray(StoredArray&& other) noexcept
      : owned_(std::move(other.owned_)),
        data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        viewed_(std::exchange(other.viewed_, false)) {}
  StoredArray& operator=(StoredArray&& other) noexcept {
    owned_ = std::move(other.owned_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    viewed_ = std::exchange(other.viewed_, false);
    return *this;
  }
  StoredArray& operator=(std::vector<T> elements) {
    return *this = StoredArray(std::move(elements));
  }

  // Whether the elements are a snapshot's, in place.
  bool viewed() const { return viewed_; }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return data_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T& operator[](size_t i) const { return data_[i]; }
  std::span<const T> span() const { return {data_, size_}; }

  // Building, as with a vector.
  T& operator[](size_t i) {
    Own();
    return owned_[i];
  }
  void assign(size_t size, const T& value) {
    owned_.assign(size, value);
    viewed_ = false;
    Refresh();
  }
  void resize(size_t size) {
    Own();
    owned_.resize(size);
    Refresh();
  }
  void reserve(size_t size) {
    Own();
    owned_.reserve(size);
    Refresh();
  }
  void push_back(const T& value) {
    Own();
    owned_.push_back(value);
    Refresh();
  }

 private:
  void Own() {
    if (!viewed_) return;
    owned_.assign(data_, data_ + size_);
    viewed_ = false;
    Refresh();
  }
  void Refresh() {
    data_ = owned_.data();
    size_ = owned_.size();
  }

  std::vector<T> owned_;  // empty for a view
  const T* data_ = nullptr;
  size_t size_ = 0;
  bool viewed_ = false;
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_DIVISIONS_STORED_ARRAY_H_
