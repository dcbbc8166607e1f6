#pragma once
// PacketBufferPool: a per-thread pool of fixed-capacity packet buffers, preallocated in slabs.
// Acquire() hands out a move-only PacketBuffer that returns itself on destruction; in steady
// state neither operation allocates. When the pool is empty it grows by one slab (counted in
// stats().exhausted) rather than fail, up to Options::max_slabs (0 = unbounded).
//
// Not thread-safe by design: one pool per worker thread (the hot path takes no lock). In debug
// builds every call checks it is made on the owner thread: the thread of the first Acquire()
// (or the constructing thread), re-bindable with DetachFromThread().
// The pool must outlive every buffer it handed out.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "media/buffer/packet_buffer.hpp"

namespace meet::media::buffer {

class PacketBufferPool {
 public:
  // 1500 bytes of MTU-sized payload plus room for the SRTP auth tag/MKI and RTP header growth;
  // a power of two keeps buffers cache-line aligned within a slab.
  static constexpr size_t kDefaultBufferCapacity = 2048;
  static constexpr size_t kMtu = 1500;

  struct Options {
    size_t buffer_capacity = kDefaultBufferCapacity;
    size_t buffers_per_slab = 256;
    size_t initial_slabs = 1;
    size_t max_slabs = 0;  // 0: grow without bound
  };

  struct Stats {
    size_t capacity = 0;      // buffers owned (free + in use)
    size_t in_use = 0;        // buffers handed out now
    size_t high_water = 0;    // most buffers in use at once
    size_t slabs = 0;         // slabs allocated
    uint64_t exhausted = 0;   // times Acquire found the pool empty (and grew or failed)
    uint64_t failed = 0;      // Acquire returned an empty handle (max_slabs reached)
    uint64_t acquired = 0;    // total Acquire() successes
  };

  PacketBufferPool();
  explicit PacketBufferPool(Options options);
  ~PacketBufferPool();

  PacketBufferPool(const PacketBufferPool&) = delete;
  PacketBufferPool& operator=(const PacketBufferPool&) = delete;

  // A buffer of size 0 and capacity options().buffer_capacity; empty only if max_slabs is
  // reached.
  PacketBuffer Acquire();

  const Stats& stats() const { return stats_; }
  const Options& options() const { return options_; }
  void DetachFromThread();

 private:
  friend class PacketBuffer;
  void Release(uint8_t* data);
  bool Grow();
  void CheckThread();

  Options options_;
  Stats stats_;
  std::vector<std::unique_ptr<uint8_t[]>> slabs_;
  std::vector<uint8_t*> free_;  // LIFO: the most recently used buffer is the warmest in cache
  std::thread::id owner_;
};

}  // namespace meet::media::buffer
