// One parallel loop for the stages that run on the -j threads.
#ifndef ROUTELINT_BASE_PARALLEL_H_
#define ROUTELINT_BASE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace routelint {

/// Runs fn(indices[k], worker) for every k on up to `jobs` threads (the
/// calling thread is one), each taking the next index when done with one;
/// `worker` (0 .. jobs-1) names the thread, for state one thread owns. When
/// each call writes only its own slot of the results, the results do not
/// depend on scheduling.
template <typename Fn>
void ForEachParallelOnWorkers(const std::vector<size_t>& indices, int jobs, Fn fn) {
  std::atomic<size_t> next{0};
  auto worker = [&](size_t id) {
    for (size_t k = next++; k < indices.size(); k = next++) fn(indices[k], id);
  };
  const int threads_wanted = std::max(1, std::min<int>(jobs, static_cast<int>(indices.size())));
  std::vector<std::thread> threads;
  for (int t = 1; t < threads_wanted; ++t) threads.emplace_back(worker, static_cast<size_t>(t));
  worker(0);
  for (std::thread& t : threads) t.join();
}

/// ForEachParallelOnWorkers for calls that need not know their thread.
template <typename Fn>
void ForEachParallel(const std::vector<size_t>& indices, int jobs, Fn fn) {
  ForEachParallelOnWorkers(indices, jobs, [&fn](size_t index, size_t) { fn(index); });
}

/// ForEachParallel over 0 .. count-1.
template <typename Fn>
void ForEachIndexParallel(size_t count, int jobs, Fn fn) {
  std::vector<size_t> indices(count);
  for (size_t i = 0; i < count; ++i) indices[i] = i;
  ForEachParallel(indices, jobs, std::move(fn));
}

}  // namespace routelint

#endif  // ROUTELINT_BASE_PARALLEL_H_
