// The model's strings: ids, names, JSON pointers and property values are
// kept once in a TextPool and viewed by Text. An estate repeats most of them
// (a subnet names its route table's id; every route table of a spoke says
// "VirtualAppliance"), and a std::string per field was a third of the
// model's memory.
#ifndef ROUTELINT_MODEL_TEXT_H_
#define ROUTELINT_MODEL_TEXT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace routelint {

/// A view of text that outlives it: kept by a TextPool the model owns, or a
/// string literal. It reads as a std::string_view, converts to a
/// std::string where one is wanted, and cannot be made from a temporary.
class Text : public std::string_view {
 public:
  constexpr Text() = default;
  /// A string literal (static storage). Only arrays convert, so that a
  /// pointer to a temporary's text does not. (consteval would also reject a
  /// char array on the stack, but clang 14 crashes generating code for it.)
  template <size_t N>
  constexpr Text(const char (&literal)[N]) : std::string_view(literal, N - 1) {}  // NOLINT: implicit on purpose
  operator std::string() const { return std::string(data(), size()); }  // NOLINT
  std::string str() const { return std::string(data(), size()); }
  /// A part of this text: kept as long as it is.
  constexpr Text Sub(size_t pos, size_t count = npos) const { return Text(substr(pos, count)); }

 private:
  friend class TextPool;
  constexpr explicit Text(std::string_view kept) : std::string_view(kept) {}
};

// std::string has no operator+ for views before C++26; messages concatenate
// model texts often enough to have them.
inline std::string operator+(Text a, Text b) { return std::string(a).append(b); }
inline std::string operator+(Text a, std::string_view b) { return std::string(a).append(b); }
inline std::string operator+(std::string_view a, Text b) { return std::string(a).append(b); }
inline std::string operator+(const char* a, Text b) { return std::string(a).append(b); }
inline std::string operator+(Text a, const char* b) { return std::string(a).append(b); }
inline std::string operator+(std::string a, Text b) { return std::move(a.append(b)); }
inline std::string operator+(Text a, const std::string& b) { return std::string(a).append(b); }
inline std::string operator+(Text a, char b) { return std::string(a) + b; }

/// Keeps texts in blocks that never move. Not thread-safe: one pool per
/// thread.
class TextPool {
 public:
  TextPool() = default;
  TextPool(const TextPool&) = delete;
  TextPool& operator=(const TextPool&) = delete;

  /// A copy of `text`, for a text that does not repeat (a JSON pointer).
  Text Keep(std::string_view text);
  /// `text` kept once: equal texts interned since the last ForgetIndex
  /// share their bytes (an id a subnet names is its route table's).
  Text Intern(std::string_view text);
  /// Starts a new index for Intern; what was kept stays.
  void ForgetIndex();
  /// Bytes held in blocks (for tests and measurements).
  size_t capacity() const { return capacity_; }

 private:
  // Open addressing with linear probing: a power of two in size, at most
  // half full; an empty view marks a free slot. No node per text, and
  // forgetting it is a fill, not a free per text.
  void GrowIndex();

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;  // free room in the last block
  size_t left_ = 0;
  size_t capacity_ = 0;
  std::vector<std::string_view> index_;
  size_t indexed_ = 0;
};

/// The pools a model's texts are in, shared by its copies.
using TextPools = std::vector<std::shared_ptr<TextPool>>;

}  // namespace routelint

#endif  // ROUTELINT_MODEL_TEXT_H_
