#pragma once
// EventLoop: one GLib main context, run either on its own std::thread (Start) or iterated by the
// calling thread (RunUntil, for tests and single-threaded tools). Everything of one transport
// (libnice agent, DTLS, SCTP, timers) lives on one loop; other threads talk to it only through
// Post / Invoke.
//
// Thread model:
//  * The "loop thread" is the thread started by Start() while it runs; before Start() and after
//    Stop() it is the thread that created the loop (or called Stop), which may iterate it with
//    RunUntil(). IsCurrent() answers for the calling thread.
//  * Post() is thread-safe and never runs the task inline; tasks run in FIFO order on the loop
//    thread. Tasks still queued when the loop stops or is destroyed are dropped (destroyed,
//    not run).
//  * Invoke() runs a task on the loop thread and waits for it (a barrier); inline when already on
//    the loop thread or when no loop thread is running.

#include <glib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "media/loop/c_handles.hpp"

namespace meet::media::loop {

class EventLoop {
 public:
  explicit EventLoop(std::string name = "media-loop");
  ~EventLoop();  // Stop(), then drops queued tasks.

  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Runs the context on a new thread (the context is pushed as that thread's default, so GLib
  // and libnice sources created there attach to it). Returns false if already started.
  bool Start();
  // Quits and joins the thread. Idempotent. Must not be called from the loop thread itself
  // (then it only quits; the join happens in the destructor).
  void Stop();
  bool running() const { return running_.load(std::memory_order_acquire); }

  // Thread-safe. Runs `task` later on the loop thread.
  void Post(std::function<void()> task);
  // Runs `task` on the loop thread and waits for it. Returns false if the task was dropped
  // because the loop stopped before running it.
  bool Invoke(const std::function<void()>& task);
  bool IsCurrent() const;

  // Iterates the context in the calling thread until `done()` is true (checked after every
  // iteration) or `timeout` passes. Returns done(). Only when no loop thread is running.
  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  // Dispatches whatever is ready now without blocking (calling thread, no loop thread running).
  void RunPending();

  GMainContext* context() const { return context_.get(); }
  const std::string& name() const { return name_; }
  // Number of posted tasks run so far (for tests and stats).
  uint64_t tasks_run() const { return tasks_run_.load(std::memory_order_relaxed); }

 private:
  struct TaskSource;
  static gboolean Prepare(GSource* source, gint* timeout) noexcept;
  static gboolean Check(GSource* source) noexcept;
  static gboolean Dispatch(GSource* source, GSourceFunc, gpointer) noexcept;
  void RunQueuedTasks();
  void DropQueuedTasks();
  static GSourceFuncs task_source_funcs_;
  void ThreadMain();

  std::string name_;
  GMainContextPtr context_;
  GMainLoopPtr main_loop_;
  GSourcePtr task_source_;

  std::mutex mutex_;
  std::deque<std::function<void()>> queue_;  // guarded by mutex_
  std::deque<std::function<void()>> running_queue_;  // loop thread only
  std::atomic<bool> has_tasks_{false};
  std::atomic<uint64_t> tasks_run_{0};

  std::thread thread_;
  std::atomic<bool> running_{false};
  std::atomic<std::thread::id> owner_;
};

}  // namespace meet::media::loop
