#include "parse/json_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>
#include <vector>

#include "parse/json_reader.h"
#include "parse/locator.h"

namespace routelint {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

Diagnostic ErrorAt(std::string_view path, std::string_view text, size_t offset, std::string message) {
  Diagnostic error;
  error.id = "RL901";
  error.severity = Severity::kError;
  error.location.file = std::string(path);
  LineIndex(text).Position(offset, &error.location.line, &error.location.column);
  error.message = std::move(message);
  return error;
}

}  // namespace

bool ParseJsonText(std::string_view path, std::string_view text, const ParseLimits& limits,
                   nlohmann::json* document, Diagnostic* error, std::vector<Diagnostic>* warnings) {
  const size_t bom = text.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
  JsonReadError problem;
  std::vector<DuplicateKey> duplicates;
  constexpr size_t kMaxListed = 10;  // one more is read, to know there are more
  if (!ReadJson(text.substr(bom), limits.max_depth, document, &problem, warnings ? &duplicates : nullptr,
                kMaxListed + 1)) {
    *error = ErrorAt(path, text, bom + problem.offset, std::move(problem.message));
    return false;
  }
  const bool more = duplicates.size() > kMaxListed;
  if (more) duplicates.resize(kMaxListed);
  for (const DuplicateKey& duplicate : duplicates) {
    Diagnostic warning = ErrorAt(path, text, bom + duplicate.offset,
                                 fmt::format("duplicate key \"{}\" in one object: the last value is used, as Azure "
                                             "Resource Manager uses it; remove the others",
                                             duplicate.key));
    warning.severity = Severity::kWarning;
    if (more && &duplicate == &duplicates.back()) warning.message += " (more repeated keys follow, not listed)";
    warnings->push_back(std::move(warning));
  }
  return true;
}

bool ReadFileText(const std::string& path, size_t max_bytes, std::string* text, Diagnostic* error) {
  auto fail = [&](std::string message) {
    error->id = "RL902";
    error->severity = Severity::kError;
    error->location = Location{path, 0, 0};
    error->message = std::move(message);
    return false;
  };
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return fail(fmt::format("cannot read file: {}", std::generic_category().message(errno)));
  }
  text->clear();
  // Read straight into the string, sized from where the file ends when it is
  // seekable (one allocation, no copy through a buffer); a pipe or a file
  // that grows is read on in steps, up to the limit. The first step is the
  // file's size and one byte (to see its end): a larger one would be zeroed
  // for nothing, which for thousands of small files costs more than reading.
  size_t expected = 0;
  if (std::fseek(file, 0, SEEK_END) == 0) {
    const long end = std::ftell(file);
    if (end > 0) expected = static_cast<size_t>(end);
    std::rewind(file);
  }
  if (expected > max_bytes) {
    std::fclose(file);
    return fail(fmt::format("file is larger than the {} MiB limit", max_bytes >> 20));
  }
  size_t size = 0;
  for (size_t chunk = expected > 0 ? expected + 1 : size_t{1} << 16;; chunk = size_t{1} << 16) {
    text->resize(size + chunk);
    const size_t got = std::fread(text->data() + size, 1, chunk, file);
    size += got;
    if (size > max_bytes) {
      std::fclose(file);
      text->clear();
      return fail(fmt::format("file is larger than the {} MiB limit", max_bytes >> 20));
    }
    if (got < chunk) break;
  }
  text->resize(size);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return fail("read error");
  return true;
}

bool FileText::Load(const std::string& path, size_t max_bytes, Diagnostic* error) {
  buffer_.reset();
  read_.clear();
  size_ = 0;
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd >= 0 && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
      static_cast<size_t>(info.st_size) <= max_bytes) {
    // Read what fstat says is there into a buffer that is not zeroed first,
    // in one system call when the file stays as it is (one that grows
    // meanwhile is read as it was when measured; one that shrank is read
    // the careful way below). Not mapped: a file truncated while mapped
    // would crash the run.
    const size_t size = static_cast<size_t>(info.st_size);
    buffer_.reset(new char[size]);
    size_t got = 0;
    ssize_t n = 0;
    while (got < size && (n = read(fd, buffer_.get() + got, size - got)) > 0) got += static_cast<size_t>(n);
    if (got == size) {
      close(fd);
      size_ = size;
      return true;
    }
    buffer_.reset();
  }
  if (fd >= 0) close(fd);
  // Empty, not a regular file, too large or changing: read it as
  // ReadFileText does, which also says why when it cannot be had.
  return ReadFileText(path, max_bytes, &read_, error);
}

}  // namespace routelint
