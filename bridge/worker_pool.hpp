#pragma once
// WorkerPool: the media worker threads, one EventLoop each (hardware threads - 1, at least
// one). A conference is assigned to one worker at creation (the one with the fewest
// conferences) and stays there for life. Control thread only, except the loops themselves.

#include <memory>
#include <vector>

#include "media/loop/event_loop.hpp"

namespace meet::bridge {

class WorkerPool {
 public:
  // 0 = hardware threads - 1 (at least 1).
  explicit WorkerPool(size_t workers = 0);
  ~WorkerPool();  // stops and joins every loop
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  size_t size() const { return loops_.size(); }
  media::loop::EventLoop& loop(size_t index) { return *loops_[index]; }
  // The least-loaded worker; counts one more conference on it.
  size_t Acquire();
  // One conference less on `index`.
  void Release(size_t index);

  static size_t DefaultWorkerCount();

 private:
  std::vector<std::unique_ptr<media::loop::EventLoop>> loops_;
  std::vector<size_t> load_;
};

}  // namespace meet::bridge
