#include "media/loop/event_loop.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "media/loop/timer.hpp"

namespace meet::media::loop {
namespace {

using namespace std::chrono_literals;

TEST(EventLoop, PostRunsTasksInOrderOnTheLoopThread) {
  EventLoop loop("test");
  ASSERT_TRUE(loop.Start());
  EXPECT_FALSE(loop.IsCurrent());
  std::vector<int> order;
  std::atomic<int> on_loop{0};
  for (int i = 0; i < 100; ++i) {
    loop.Post([&, i] {
      order.push_back(i);
      if (loop.IsCurrent()) on_loop.fetch_add(1);
    });
  }
  // Invoke is a barrier: everything posted before it has run when it returns.
  std::thread::id loop_thread;
  ASSERT_TRUE(loop.Invoke([&] { loop_thread = std::this_thread::get_id(); }));
  EXPECT_NE(loop_thread, std::this_thread::get_id());
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
  EXPECT_EQ(on_loop.load(), 100);
  loop.Stop();
  loop.Stop();  // idempotent
  EXPECT_FALSE(loop.running());
  EXPECT_TRUE(loop.IsCurrent());  // after Stop the stopping thread owns it again
}

TEST(EventLoop, PostFromManyThreads) {
  EventLoop loop;
  ASSERT_TRUE(loop.Start());
  std::atomic<int> count{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 250; ++i) loop.Post([&] { count.fetch_add(1); });
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(loop.Invoke([] {}));
  EXPECT_EQ(count.load(), 1000);
}

TEST(EventLoop, InvokeRunsInlineOnLoopThreadAndPostNeverInline) {
  EventLoop loop;
  ASSERT_TRUE(loop.Start());
  bool nested_inline = false;
  bool posted_inline = true;
  std::atomic<bool> posted{false};  // outlives the posted task (it runs after Invoke returns)
  loop.Invoke([&] {
    bool ran = false;
    loop.Invoke([&] { ran = true; });  // would deadlock if it did not run inline
    nested_inline = ran;
    loop.Post([&] { posted = true; });
    posted_inline = posted;
  });
  EXPECT_TRUE(nested_inline);
  EXPECT_FALSE(posted_inline);
  ASSERT_TRUE(loop.Invoke([] {}));  // the posted task ran before this barrier
  EXPECT_TRUE(posted);
}

TEST(EventLoop, RunUntilIteratesInCallingThreadAndTimesOut) {
  EventLoop loop;
  int runs = 0;
  loop.Post([&] { ++runs; });
  loop.Post([&] { ++runs; });
  EXPECT_EQ(runs, 0);
  EXPECT_TRUE(loop.RunUntil([&] { return runs == 2; }, 1s));
  EXPECT_EQ(loop.tasks_run(), 2u);
  EXPECT_FALSE(loop.RunUntil([] { return false; }, 30ms));
}

TEST(EventLoop, TasksQueuedAtStopAreDroppedAndReleaseResources) {
  auto token = std::make_shared<int>(7);
  std::weak_ptr<int> weak = token;
  {
    EventLoop loop;
    loop.Post([token] { FAIL() << "must not run"; });
    token.reset();
    EXPECT_FALSE(weak.expired());
  }
  EXPECT_TRUE(weak.expired());
}

TEST(Timer, OneShotFiresOnceAndRepeatingUntilCancelled) {
  EventLoop loop;
  Timer once(loop);
  Timer repeat(loop);
  int once_count = 0;
  int repeat_count = 0;
  once.Start(5ms, [&] { ++once_count; });
  repeat.Start(2ms, [&] {
    if (++repeat_count == 3) repeat.Cancel();
  }, /*repeating=*/true);
  EXPECT_TRUE(once.active());
  ASSERT_TRUE(loop.RunUntil([&] { return once_count == 1 && repeat_count == 3; }, 2s));
  EXPECT_FALSE(once.active());
  EXPECT_FALSE(repeat.active());
  loop.RunUntil([] { return false; }, 30ms);
  EXPECT_EQ(once_count, 1);
  EXPECT_EQ(repeat_count, 3);
  EXPECT_EQ(repeat.fired(), 3u);
}

TEST(Timer, CancelAndDestructionPreventCallback) {
  EventLoop loop;
  bool fired = false;
  {
    Timer timer(loop);
    timer.Start(1ms, [&] { fired = true; });
  }
  Timer cancelled(loop);
  cancelled.Start(1ms, [&] { fired = true; });
  cancelled.Cancel();
  loop.RunUntil([] { return false; }, 30ms);
  EXPECT_FALSE(fired);
}

TEST(Timer, CallbackMayDestroyOrRestartItsTimer) {
  EventLoop loop;
  auto timer = std::make_unique<Timer>(loop);
  int runs = 0;
  timer->Start(1ms, [&] {
    ++runs;
    timer.reset();  // destroys the Timer from inside its own callback
  }, true);
  ASSERT_TRUE(loop.RunUntil([&] { return timer == nullptr; }, 1s));
  Timer restart(loop);
  int restarts = 0;
  std::function<void()> again = [&] {
    if (++restarts < 3) restart.Start(1ms, again);
  };
  restart.Start(1ms, again);
  ASSERT_TRUE(loop.RunUntil([&] { return restarts == 3; }, 1s));
  EXPECT_EQ(runs, 1);
  EXPECT_FALSE(restart.active());
}

TEST(Timer, RunsOnStartedLoopThread) {
  EventLoop loop;
  ASSERT_TRUE(loop.Start());
  std::atomic<bool> on_loop{false};
  std::atomic<bool> fired{false};
  std::unique_ptr<Timer> timer;
  loop.Invoke([&] {
    timer = std::make_unique<Timer>(loop);
    timer->Start(1ms, [&] {
      on_loop = loop.IsCurrent();
      fired = true;
    });
  });
  for (int i = 0; i < 200 && !fired; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_TRUE(fired.load());
  EXPECT_TRUE(on_loop.load());
  loop.Invoke([&] { timer.reset(); });
}

}  // namespace
}  // namespace meet::media::loop
