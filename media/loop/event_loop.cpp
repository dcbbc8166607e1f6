#include "media/loop/event_loop.hpp"

#include <condition_variable>
#include <exception>
#include <memory>

#include "media/base/log.hpp"

namespace meet::media::loop {

namespace {
const log::Logger& Log() {
  static const log::Logger logger("loop");
  return logger;
}
}  // namespace

// A custom GSource that is ready whenever the task queue is non-empty. Post() sets the flag and
// wakes the context; dispatch swaps the queue out under the lock and runs it without the lock.
struct EventLoop::TaskSource {
  GSource base;
  EventLoop* loop;  // Not owned; the source is destroyed before the loop.
};

gboolean EventLoop::Prepare(GSource* source, gint* timeout) noexcept {
  *timeout = -1;
  auto* self = reinterpret_cast<TaskSource*>(source)->loop;
  return self->has_tasks_.load(std::memory_order_acquire) ? TRUE : FALSE;
}

gboolean EventLoop::Check(GSource* source) noexcept {
  auto* self = reinterpret_cast<TaskSource*>(source)->loop;
  return self->has_tasks_.load(std::memory_order_acquire) ? TRUE : FALSE;
}

gboolean EventLoop::Dispatch(GSource* source, GSourceFunc, gpointer) noexcept {
  reinterpret_cast<TaskSource*>(source)->loop->RunQueuedTasks();
  return G_SOURCE_CONTINUE;
}

GSourceFuncs EventLoop::task_source_funcs_ = {
    /*prepare=*/&EventLoop::Prepare, /*check=*/&EventLoop::Check,
    /*dispatch=*/&EventLoop::Dispatch, /*finalize=*/nullptr,
    /*closure_callback=*/nullptr, /*closure_marshal=*/nullptr};

EventLoop::EventLoop(std::string name)
    : name_(std::move(name)), context_(g_main_context_new()), owner_(std::this_thread::get_id()) {
  main_loop_.reset(g_main_loop_new(context_.get(), FALSE));
  GSource* source = g_source_new(&task_source_funcs_, sizeof(TaskSource));
  reinterpret_cast<TaskSource*>(source)->loop = this;
  g_source_set_name(source, "meet-event-loop-tasks");
  g_source_attach(source, context_.get());
  task_source_.reset(source);
}

EventLoop::~EventLoop() {
  Stop();
  if (thread_.joinable()) {
    if (thread_.get_id() == std::this_thread::get_id()) {
      thread_.detach();  // Destroyed from its own thread: nothing else can join it.
    } else {
      thread_.join();
    }
  }
  task_source_.reset();
  DropQueuedTasks();
}

void EventLoop::DropQueuedTasks() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(queue_);
    has_tasks_.store(false, std::memory_order_release);
  }
  dropped.clear();  // Outside the lock: a task's destructor may Post.
}

bool EventLoop::Start() {
  if (thread_.joinable() || running_.load()) return false;
  running_.store(true, std::memory_order_release);
  thread_ = std::thread([this] { ThreadMain(); });
  owner_.store(thread_.get_id());  // before Start returns, so IsCurrent() is right at once
  return true;
}

void EventLoop::ThreadMain() {
  owner_.store(std::this_thread::get_id());
  g_main_context_push_thread_default(context_.get());
  g_main_loop_run(main_loop_.get());
  g_main_context_pop_thread_default(context_.get());
}

void EventLoop::Stop() {
  if (!thread_.joinable()) return;
  // A quit issued before the thread entered g_main_loop_run() would be lost (run resets the
  // flag), so the quit also goes through the task queue, which the loop drains once running.
  g_main_loop_quit(main_loop_.get());
  Post([this] { g_main_loop_quit(main_loop_.get()); });
  if (thread_.get_id() == std::this_thread::get_id()) {
    Log().Warn("{}: Stop() called on its own thread; join deferred", name_);
    return;
  }
  thread_.join();
  running_.store(false, std::memory_order_release);
  owner_.store(std::this_thread::get_id());
  // Nothing runs them any more; dropping releases any Invoke() waiting on them.
  DropQueuedTasks();
}

void EventLoop::Post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
    has_tasks_.store(true, std::memory_order_release);
  }
  g_main_context_wakeup(context_.get());
}

void EventLoop::RunQueuedTasks() {
  {
    std::lock_guard lock(mutex_);
    running_queue_.swap(queue_);
    has_tasks_.store(false, std::memory_order_release);
  }
  while (!running_queue_.empty()) {
    std::function<void()> task = std::move(running_queue_.front());
    running_queue_.pop_front();
    try {
      if (task) task();
    } catch (const std::exception& e) {
      Log().Error("{}: posted task threw: {}", name_, e.what());
    } catch (...) {
      Log().Error("{}: posted task threw", name_);
    }
    tasks_run_.fetch_add(1, std::memory_order_relaxed);
  }
}

bool EventLoop::IsCurrent() const { return owner_.load() == std::this_thread::get_id(); }

namespace {
// Shared between Invoke() and its posted task. The task's completion (or its destruction when
// the loop drops it) releases the waiter.
struct InvokeState {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  bool ran = false;
};
struct InvokeSignal {
  std::shared_ptr<InvokeState> state;
  explicit InvokeSignal(std::shared_ptr<InvokeState> s) : state(std::move(s)) {}
  InvokeSignal(InvokeSignal&&) = default;
  ~InvokeSignal() {
    if (!state) return;
    std::lock_guard lock(state->mutex);
    state->done = true;
    state->cv.notify_all();
  }
};
}  // namespace

bool EventLoop::Invoke(const std::function<void()>& task) {
  if (IsCurrent() || !running()) {
    task();
    return true;
  }
  auto state = std::make_shared<InvokeState>();
  auto signal = std::make_shared<InvokeSignal>(state);
  Post([&task, signal]() mutable {
    task();
    signal->state->ran = true;  // Written before the signal's destructor releases the waiter.
    signal.reset();
  });
  signal.reset();
  std::unique_lock lock(state->mutex);
  state->cv.wait(lock, [&] { return state->done; });
  return state->ran;
}

bool EventLoop::RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  if (running()) {
    Log().Error("{}: RunUntil while the loop thread runs", name_);
    return done();
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  g_main_context_push_thread_default(context_.get());
  bool result = done();
  while (!result && std::chrono::steady_clock::now() < deadline) {
    // A short wake-up source bounds each blocking iteration so the deadline is honoured.
    GSource* tick = g_timeout_source_new(10);
    g_source_set_callback(tick, [](gpointer) -> gboolean { return G_SOURCE_REMOVE; }, nullptr,
                          nullptr);
    g_source_attach(tick, context_.get());
    g_main_context_iteration(context_.get(), TRUE);
    g_source_destroy(tick);
    g_source_unref(tick);
    result = done();
  }
  g_main_context_pop_thread_default(context_.get());
  return result;
}

void EventLoop::RunPending() {
  if (running()) return;
  g_main_context_push_thread_default(context_.get());
  while (g_main_context_iteration(context_.get(), FALSE)) {
  }
  g_main_context_pop_thread_default(context_.get());
}

}  // namespace meet::media::loop
