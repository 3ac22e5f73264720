// Parse throughput: routelint's loader (BOM/comments/control characters,
// error positions) against nlohmann's plain DOM parse of the same bytes, in
// one run. Usage: parse_bench FILE [REPEATS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "parse/json_loader.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: parse_bench FILE [REPEATS]\n");
    return 2;
  }
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string text;
  routelint::Diagnostic error;
  if (!routelint::ReadFileText(argv[1], size_t{1} << 31, &text, &error)) return 2;
  const double mb = static_cast<double>(text.size()) / 1e6;
  auto best_of = [&](auto&& fn) {
    double best = 1e300;
    for (int i = 0; i < repeats; ++i) {
      const auto start = std::chrono::steady_clock::now();
      fn();
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
  };
  const double dom = best_of([&] { nlohmann::json doc = nlohmann::json::parse(text); });
  const double loader = best_of([&] {
    nlohmann::json doc;
    routelint::ParseJsonText(argv[1], text, routelint::ParseLimits{size_t{1} << 31, 256}, &doc, &error);
  });
  std::printf("file %.1f MB, best of %d\n", mb, repeats);
  std::printf("nlohmann DOM parse : %.3f s  %.1f MB/s\n", dom, mb / dom);
  std::printf("routelint loader   : %.3f s  %.1f MB/s  (%.2fx the DOM time)\n", loader, mb / loader, loader / dom);
  return 0;
}
