#include "media/buffer/packet_buffer_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

// A counting global operator new for this test executable: proves the steady state allocates
// nothing. Counts every allocation in the process; the tests compare before/after deltas on
// their own thread while nothing else runs.
namespace {
std::atomic<uint64_t> g_allocations{0};
}  // namespace

// g++ 12 pairs the replaced operators with malloc/free after inlining and warns; the pairing is
// exactly what we want here.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace meet::media::buffer {
namespace {

// A realistic RTP packet (Opus, PT 111, one-byte header extension with audio level).
const uint8_t kRtp[] = {0x90, 0x6f, 0x12, 0x34, 0x00, 0x01, 0xe2, 0x40, 0xde, 0xad, 0xbe, 0xef,
                        0xbe, 0xde, 0x00, 0x01, 0x10, 0xaa, 0x00, 0x00, 0xfc, 0xff, 0xfe};

TEST(PacketBufferPool, AcquireGivesFixedCapacityAndReturnsOnDestruction) {
  PacketBufferPool pool(PacketBufferPool::Options{.buffers_per_slab = 4});
  EXPECT_EQ(pool.stats().capacity, 4u);
  {
    PacketBuffer b = pool.Acquire();
    ASSERT_TRUE(b);
    EXPECT_EQ(b.capacity(), PacketBufferPool::kDefaultBufferCapacity);
    EXPECT_GE(b.capacity(), PacketBufferPool::kMtu + 16 + 4 + 4);  // SRTP tag + MKI room
    EXPECT_EQ(b.size(), 0u);
    ASSERT_TRUE(b.Assign(kRtp));
    EXPECT_EQ(b.size(), sizeof(kRtp));
    EXPECT_EQ(b.data()[1], 0x6f);
    EXPECT_EQ(pool.stats().in_use, 1u);
    EXPECT_FALSE(b.SetSize(b.capacity() + 1));
    EXPECT_TRUE(b.SetSize(b.capacity()));
    std::vector<uint8_t> too_big(b.capacity() + 1, 0);
    EXPECT_FALSE(b.Assign(too_big));
    EXPECT_EQ(b.size(), b.capacity());
  }
  EXPECT_EQ(pool.stats().in_use, 0u);
  EXPECT_EQ(pool.stats().high_water, 1u);
  EXPECT_EQ(pool.stats().acquired, 1u);
}

TEST(PacketBufferPool, MoveTransfersOwnershipExactlyOnce) {
  PacketBufferPool pool(PacketBufferPool::Options{.buffers_per_slab = 2});
  PacketBuffer a = pool.Acquire();
  ASSERT_TRUE(a.Assign(kRtp));
  const uint8_t* bytes = a.data().data();
  PacketBuffer b = std::move(a);
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  ASSERT_TRUE(b);
  EXPECT_EQ(b.data().data(), bytes);
  EXPECT_EQ(b.size(), sizeof(kRtp));
  PacketBuffer c = pool.Acquire();
  EXPECT_EQ(pool.stats().in_use, 2u);
  c = std::move(b);  // c's old buffer goes back to the pool
  EXPECT_EQ(pool.stats().in_use, 1u);
  EXPECT_EQ(c.data().data(), bytes);
  c.Reset();
  EXPECT_EQ(pool.stats().in_use, 0u);
}

TEST(PacketBufferPool, GrowsBySlabWhenEmptyAndCountsIt) {
  PacketBufferPool pool(PacketBufferPool::Options{.buffers_per_slab = 3});
  std::vector<PacketBuffer> held;
  for (int i = 0; i < 7; ++i) {
    held.push_back(pool.Acquire());
    ASSERT_TRUE(held.back());
  }
  EXPECT_EQ(pool.stats().slabs, 3u);
  EXPECT_EQ(pool.stats().capacity, 9u);
  EXPECT_EQ(pool.stats().exhausted, 2u);
  EXPECT_EQ(pool.stats().high_water, 7u);
  // All handed-out buffers are distinct, non-overlapping storage.
  for (size_t i = 0; i < held.size(); ++i) {
    for (size_t j = i + 1; j < held.size(); ++j) {
      const auto* a = held[i].storage().data();
      const auto* b = held[j].storage().data();
      EXPECT_TRUE(a + held[i].capacity() <= b || b + held[j].capacity() <= a);
    }
  }
  held.clear();
  EXPECT_EQ(pool.stats().in_use, 0u);
  EXPECT_EQ(pool.stats().capacity, 9u);
}

TEST(PacketBufferPool, MaxSlabsBoundsGrowth) {
  PacketBufferPool pool(PacketBufferPool::Options{.buffers_per_slab = 2, .max_slabs = 1});
  PacketBuffer a = pool.Acquire();
  PacketBuffer b = pool.Acquire();
  PacketBuffer c = pool.Acquire();
  EXPECT_TRUE(a);
  EXPECT_TRUE(b);
  EXPECT_FALSE(c);
  EXPECT_EQ(pool.stats().failed, 1u);
  EXPECT_EQ(pool.stats().exhausted, 1u);
}

TEST(PacketBufferPool, SteadyStateAllocatesNothing) {
  PacketBufferPool pool(PacketBufferPool::Options{.buffers_per_slab = 64});
  std::vector<PacketBuffer> window;
  window.reserve(32);
  // Warm up: a sliding window of 32 buffers in flight, like a jitter of packets being routed.
  for (int i = 0; i < 100; ++i) {
    if (window.size() == 32) window.erase(window.begin());
    window.push_back(pool.Acquire());
  }
  const uint64_t before = g_allocations.load();
  uint64_t checksum = 0;
  for (int i = 0; i < 100000; ++i) {
    PacketBuffer b = pool.Acquire();
    b.Assign(kRtp);
    b.data()[2] = static_cast<uint8_t>(i);
    checksum += b.data()[2];
    window[static_cast<size_t>(i) % window.size()] = std::move(b);
  }
  const uint64_t after = g_allocations.load();
  EXPECT_EQ(after - before, 0u) << "allocations in steady state";
  EXPECT_GT(checksum, 0u);
  EXPECT_EQ(pool.stats().slabs, 1u);
  EXPECT_EQ(pool.stats().exhausted, 0u);
  EXPECT_EQ(pool.stats().in_use, 32u);
  window.clear();
  EXPECT_EQ(pool.stats().in_use, 0u);
}

TEST(PacketBufferPool, DefaultPoolHasMtuSizedBuffersAndCountsAllocationsWhenGrowing) {
  PacketBufferPool pool;
  const uint64_t before = g_allocations.load();
  std::vector<PacketBuffer> held;
  held.reserve(pool.stats().capacity + 1);
  const size_t capacity = pool.stats().capacity;
  for (size_t i = 0; i <= capacity; ++i) held.push_back(pool.Acquire());
  // Exactly one growth: the counter proves the operator new hook works at all.
  EXPECT_GT(g_allocations.load() - before, 1u);
  EXPECT_EQ(pool.stats().exhausted, 1u);
}

}  // namespace
}  // namespace meet::media::buffer
