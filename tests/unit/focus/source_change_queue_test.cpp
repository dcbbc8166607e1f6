#include "focus/source_change_queue.hpp"

#include <gtest/gtest.h>

namespace meet::focus {
namespace {

using signaling::jingle::EndpointSourceSet;
using signaling::jingle::MediaType;

EndpointSourceSet Set(std::vector<uint32_t> ssrcs) {
  EndpointSourceSet set;
  for (uint32_t s : ssrcs) {
    signaling::jingle::Source src;
    src.ssrc = s;
    set.sources.push_back({MediaType::kAudio, src});
  }
  return set;
}

TEST(SourceChangeQueueTest, MergesAddsAndKeepsOrder) {
  SourceChangeQueue q;
  EXPECT_TRUE(q.Empty());
  q.QueueAdd("a", Set({1}));
  q.QueueAdd("b", Set({2}));
  q.QueueAdd("a", Set({3}));
  ASSERT_EQ(q.size(), 1u);
  auto changes = q.Take();
  EXPECT_TRUE(q.Empty());
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, SourceChange::Kind::kAdd);
  EXPECT_EQ(changes[0].sources["a"].Ssrcs(MediaType::kAudio), (std::vector<uint32_t>{1, 3}));
  EXPECT_EQ(changes[0].sources["b"].Ssrcs(MediaType::kAudio), (std::vector<uint32_t>{2}));
}

TEST(SourceChangeQueueTest, RemoveCancelsQueuedAdd) {
  SourceChangeQueue q;
  q.QueueAdd("a", Set({1, 2}));
  q.QueueRemove("a", Set({1}));
  auto changes = q.Take();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].sources["a"].Ssrcs(MediaType::kAudio), (std::vector<uint32_t>{2}));

  q.QueueAdd("a", Set({5}));
  q.QueueRemove("a", Set({5}));
  EXPECT_TRUE(q.Empty());
}

TEST(SourceChangeQueueTest, RemovalOfUnqueuedSourcesIsQueuedAfterAdds) {
  SourceChangeQueue q;
  q.QueueAdd("a", Set({1}));
  q.QueueRemove("b", Set({7}));  // was in the session-initiate, so it must be removed later
  q.QueueAdd("c", Set({9}));
  auto changes = q.Take();
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].kind, SourceChange::Kind::kAdd);
  EXPECT_EQ(changes[1].kind, SourceChange::Kind::kRemove);
  EXPECT_EQ(changes[1].sources["b"].Ssrcs(MediaType::kAudio), (std::vector<uint32_t>{7}));
  EXPECT_EQ(changes[2].kind, SourceChange::Kind::kAdd);
}

TEST(SourceChangeQueueTest, DropOwnerForgetsALeaver) {
  SourceChangeQueue q;
  q.QueueAdd("a", Set({1}));
  q.QueueAdd("b", Set({2}));
  q.DropOwner("a");
  auto changes = q.Take();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].sources.count("a"), 0u);
  EXPECT_EQ(changes[0].sources.count("b"), 1u);
}

}  // namespace
}  // namespace meet::focus
