#include "model/text.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace routelint {

namespace {
// Blocks start small (a file's texts take a few kilobytes) and double up to
// kLargestBlock; a longer text gets a block of its own.
constexpr size_t kFirstBlock = 1024;
constexpr size_t kLargestBlock = 64 * 1024;
// The index starts at kFirstIndex slots (a file interns a few dozen texts).
constexpr size_t kFirstIndex = 64;
constexpr size_t kLargestKeptIndex = 4096;
}  // namespace

Text TextPool::Keep(std::string_view text) {
  if (text.empty()) return Text();
  if (text.size() > left_) {
    const size_t block = std::max(text.size(), std::min(kLargestBlock, std::max(kFirstBlock, capacity_)));
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block));
    next_ = blocks_.back().get();
    left_ = block;
    capacity_ += block;
  }
  std::memcpy(next_, text.data(), text.size());
  const Text kept{std::string_view(next_, text.size())};
  next_ += text.size();
  left_ -= text.size();
  return kept;
}

Text TextPool::Intern(std::string_view text) {
  if (text.empty()) return Text();
  if (index_.empty()) index_.resize(kFirstIndex);
  const size_t mask = index_.size() - 1;
  size_t slot = std::hash<std::string_view>{}(text) & mask;
  while (index_[slot].data() != nullptr) {
    if (index_[slot] == text) return Text(index_[slot]);
    slot = (slot + 1) & mask;
  }
  const Text kept = Keep(text);
  index_[slot] = kept;
  if (++indexed_ * 2 > index_.size()) GrowIndex();
  return kept;
}

void TextPool::GrowIndex() {
  std::vector<std::string_view> old(index_.size() * 2);
  old.swap(index_);
  const size_t mask = index_.size() - 1;
  for (std::string_view text : old) {
    if (text.data() == nullptr) continue;
    size_t slot = std::hash<std::string_view>{}(text) & mask;
    while (index_[slot].data() != nullptr) slot = (slot + 1) & mask;
    index_[slot] = text;
  }
}

void TextPool::ForgetIndex() {
  // A large index (after a large file) goes, so that the next small file
  // does not pay to clear it.
  if (index_.size() > kLargestKeptIndex) {
    index_ = std::vector<std::string_view>();
  } else {
    std::fill(index_.begin(), index_.end(), std::string_view());
  }
  indexed_ = 0;
}

}  // namespace routelint
