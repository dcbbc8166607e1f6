#include "bridge/worker_pool.hpp"

#include <algorithm>
#include <string>
#include <thread>

namespace meet::bridge {

size_t WorkerPool::DefaultWorkerCount() {
  const unsigned hw = std::thread::hardware_concurrency();
  return hw > 1 ? hw - 1 : 1;
}

WorkerPool::WorkerPool(size_t workers) {
  if (workers == 0) workers = DefaultWorkerCount();
  for (size_t i = 0; i < workers; ++i) {
    loops_.push_back(std::make_unique<media::loop::EventLoop>("media-" + std::to_string(i)));
    loops_.back()->Start();
  }
  load_.assign(workers, 0);
}

WorkerPool::~WorkerPool() {
  for (auto& loop : loops_) loop->Stop();
}

size_t WorkerPool::Acquire() {
  const size_t index = static_cast<size_t>(std::min_element(load_.begin(), load_.end()) - load_.begin());
  ++load_[index];
  return index;
}

void WorkerPool::Release(size_t index) {
  if (index < load_.size() && load_[index] > 0) --load_[index];
}

}  // namespace meet::bridge
