// The routing engine at estate scale: effective routes of every subnet, and
// traces from one spoke of every deployment to every spoke (all pairs of
// deployments, each way), against the time of the lint that built the
// model, in one run. Usage: route_bench ESTATE_DIR
#include <chrono>
#include <cstdio>
#include <vector>

#include "cli/lint.h"
#include "route/effective_routes.h"
#include "route/trace.h"

namespace {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace routelint;
  if (argc != 2) {
    std::fprintf(stderr, "usage: route_bench ESTATE_DIR\n");
    return 2;
  }
  LintOptions options;
  options.paths = {argv[1]};
  auto start = std::chrono::steady_clock::now();
  LintOutput lint = RunLint(options);
  const double lint_seconds = Since(start);
  const Model& model = lint.model;

  RoutingEngine engine(model, lint.learned);
  start = std::chrono::steady_clock::now();
  size_t routes = 0;
  for (size_t s = 0; s < model.subnets.size(); ++s) routes += engine.RoutesOf(static_cast<ObjectIndex>(s)).routes.size();
  const double routes_seconds = Since(start);

  // Sources: one subnet of the first spoke of each deployment; destinations:
  // one address in every spoke. Grows as deployments x spokes, linearly.
  std::vector<ObjectIndex> spokes, sources;
  for (const Deployment& d : model.deployments) {
    for (ObjectIndex v : d.spokes) {
      if (model.vnets[v].subnets.empty()) continue;
      spokes.push_back(model.vnets[v].subnets.front());
      if (v == d.spokes.front()) sources.push_back(spokes.back());
    }
  }
  start = std::chrono::steady_clock::now();
  size_t traces = 0, delivered = 0;
  for (ObjectIndex from : sources) {
    for (ObjectIndex to : spokes) {
      if (from == to || model.subnets[to].prefixes.empty()) continue;
      const TraceResult t = Trace(engine, from, *model.subnets[to].prefixes.front().Host(4));
      ++traces;
      delivered += t.outcome == TraceOutcome::kDelivered;
    }
  }
  const double trace_seconds = Since(start);
  std::printf("estate: %zu subnets, %zu spokes, %zu deployments\n", model.subnets.size(), spokes.size(),
              model.deployments.size());
  std::printf("lint (parse, expand, model, rules) : %.3f s (parse %.3f, expand %.3f, model %.3f, rules %.3f, locate %.3f)\n",
              lint_seconds, lint.times.parse, lint.times.expand, lint.times.model, lint.times.rules, lint.times.locate);
  std::printf("routes of every subnet             : %.3f s (%zu routes, %.1f us/subnet, %.0f subnets/s)\n",
              routes_seconds, routes, 1e6 * routes_seconds / static_cast<double>(model.subnets.size()),
              static_cast<double>(model.subnets.size()) / routes_seconds);
  std::printf("trace deployment x spoke pairs     : %.3f s (%zu traces, %zu delivered, %.1f us/trace)\n", trace_seconds,
              traces, delivered, 1e6 * trace_seconds / static_cast<double>(traces ? traces : 1));
  return 0;
}
