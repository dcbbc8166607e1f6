#include "media/loop/timer.hpp"

#include <exception>
#include <utility>

#include "media/base/log.hpp"

namespace meet::media::loop {

Timer::Timer(EventLoop& loop) : loop_(loop) {}

Timer::~Timer() {
  if (destroyed_flag_ != nullptr) *destroyed_flag_ = true;
  Cancel();
}

void Timer::Start(std::chrono::milliseconds delay, std::function<void()> callback,
                  bool repeating) {
  Cancel();
  callback_ = std::move(callback);
  repeating_ = repeating;
  const auto ms = delay.count() < 0 ? 0 : delay.count();
  GSource* source = g_timeout_source_new(static_cast<guint>(ms));
  g_source_set_callback(source, &Timer::OnTimeout, this, nullptr);
  g_source_attach(source, loop_.context());
  source_.reset(source);
}

void Timer::Cancel() {
  // Destroying the source on the loop thread guarantees no further dispatch of it.
  source_.reset();
}

gboolean Timer::OnTimeout(gpointer data) noexcept {
  auto* self = static_cast<Timer*>(data);
  GSource* current = g_main_current_source();
  bool destroyed = false;
  self->destroyed_flag_ = &destroyed;
  ++self->fired_;
  // Keep the callback alive even if it restarts the timer with a new one.
  std::function<void()> callback = self->repeating_ ? self->callback_ : std::move(self->callback_);
  if (!self->repeating_) self->source_.reset();  // One-shot: inactive while the callback runs.
  try {
    if (callback) callback();
  } catch (const std::exception& e) {
    log::Logger("loop").Error("timer callback threw: {}", e.what());
  } catch (...) {
    log::Logger("loop").Error("timer callback threw");
  }
  if (destroyed) return G_SOURCE_REMOVE;
  self->destroyed_flag_ = nullptr;
  // Continue only if this source is still the armed one (not cancelled or restarted).
  const bool same = self->source_ != nullptr && self->source_.get() == current;
  return same ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

}  // namespace meet::media::loop
