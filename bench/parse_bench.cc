// Parse throughput: routelint's loader (BOM/comments/control characters,
// error positions) against nlohmann's plain DOM parse of the same bytes, in
// one run, over one or more files. Usage: parse_bench [-r REPEATS] FILE...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parse/json_loader.h"

int main(int argc, char** argv) {
  int repeats = 3;
  std::vector<std::string> texts;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
      repeats = std::atoi(argv[++i]);
      continue;
    }
    std::string text;
    routelint::Diagnostic error;
    if (!routelint::ReadFileText(argv[i], size_t{1} << 31, &text, &error)) return 2;
    texts.push_back(std::move(text));
    names.push_back(argv[i]);
  }
  if (texts.empty()) {
    std::fprintf(stderr, "usage: parse_bench [-r REPEATS] FILE...\n");
    return 2;
  }
  double bytes = 0;
  for (const std::string& t : texts) bytes += static_cast<double>(t.size());
  const double mb = bytes / 1e6;
  auto best_of = [&](auto&& fn) {
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
      const auto start = std::chrono::steady_clock::now();
      for (size_t i = 0; i < texts.size(); ++i) fn(i);
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
  };
  const double dom = best_of([&](size_t i) { nlohmann::json doc = nlohmann::json::parse(texts[i]); });
  const double dom_comments = best_of([&](size_t i) {
    nlohmann::json doc = nlohmann::json::parse(texts[i], nullptr, true, /*ignore_comments=*/true);
  });
  const double loader = best_of([&](size_t i) {
    nlohmann::json doc;
    routelint::Diagnostic error;
    routelint::ParseJsonText(names[i], texts[i], routelint::ParseLimits{size_t{1} << 31, 256}, &doc, &error);
  });
  // As the CLI loads: also looking for keys written twice in one object.
  const double loader_warnings = best_of([&](size_t i) {
    nlohmann::json doc;
    routelint::Diagnostic error;
    std::vector<routelint::Diagnostic> warnings;
    routelint::ParseJsonText(names[i], texts[i], routelint::ParseLimits{size_t{1} << 31, 256}, &doc, &error,
                             &warnings);
  });
  std::printf("%zu files, %.1f MB, best of %d\n", texts.size(), mb, repeats);
  std::printf("nlohmann DOM parse : %.3f s  %.1f MB/s\n", dom, mb / dom);
  std::printf("  same, comments on : %.3f s  %.1f MB/s\n", dom_comments, mb / dom_comments);
  std::printf("routelint loader   : %.3f s  %.1f MB/s  (%.2fx the DOM time)\n", loader, mb / loader, loader / dom);
  std::printf("  same, with duplicate-key warnings (as the CLI loads) : %.3f s  %.1f MB/s  (%.2fx the DOM time)\n",
              loader_warnings, mb / loader_warnings, loader_warnings / dom);
  return 0;
}
