#include "model/text.h"

#include <algorithm>
#include <cstring>

namespace routelint {

namespace {
// Blocks start small (a file's texts take a few kilobytes) and double up to
// kLargestBlock; a longer text gets a block of its own.
constexpr size_t kFirstBlock = 1024;
constexpr size_t kLargestBlock = 64 * 1024;
}  // namespace

Text TextPool::Keep(std::string_view text) {
  if (text.empty()) return Text();
  if (auto found = index_.find(text); found != index_.end()) return Text(*found);
  if (text.size() > left_) {
    const size_t block = std::max(text.size(), std::min(kLargestBlock, std::max(kFirstBlock, capacity_)));
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block));
    next_ = blocks_.back().get();
    left_ = block;
    capacity_ += block;
  }
  std::memcpy(next_, text.data(), text.size());
  const std::string_view kept(next_, text.size());
  next_ += text.size();
  left_ -= text.size();
  index_.insert(kept);
  return Text(kept);
}

void TextPool::ForgetIndex() { index_ = std::unordered_set<std::string_view>(); }

}  // namespace routelint
