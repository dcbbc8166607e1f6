#pragma once
// Timer: an RAII one-shot or repeating GLib timeout bound to one EventLoop's context. Start,
// Cancel and destruction happen on the loop thread; the callback runs there too and never after
// Cancel() or destruction. The callback may Cancel(), restart, or even destroy the Timer.

#include <glib.h>

#include <chrono>
#include <cstdint>
#include <functional>

#include "media/loop/c_handles.hpp"
#include "media/loop/event_loop.hpp"

namespace meet::media::loop {

class Timer {
 public:
  explicit Timer(EventLoop& loop);
  ~Timer();

  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // (Re)arms the timer: `callback` runs after `delay`, then every `delay` when `repeating`.
  // Replaces any pending schedule.
  void Start(std::chrono::milliseconds delay, std::function<void()> callback,
             bool repeating = false);
  void Cancel();
  bool active() const { return source_ != nullptr; }
  // How many times the callback has run since construction.
  uint64_t fired() const { return fired_; }

 private:
  static gboolean OnTimeout(gpointer self) noexcept;

  EventLoop& loop_;  // Not owned; outlives this.
  GSourcePtr source_;
  std::function<void()> callback_;
  bool repeating_ = false;
  uint64_t fired_ = 0;
  // Set while the callback runs; the destructor flips it so OnTimeout knows `this` is gone.
  bool* destroyed_flag_ = nullptr;
};

}  // namespace meet::media::loop
