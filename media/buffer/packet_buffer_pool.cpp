#include "media/buffer/packet_buffer_pool.hpp"

#include <cstdio>
#include <cstdlib>

#include "media/base/log.hpp"

namespace meet::media::buffer {

PacketBufferPool::PacketBufferPool() : PacketBufferPool(Options{}) {}

PacketBufferPool::PacketBufferPool(Options options)
    : options_(options), owner_(std::this_thread::get_id()) {
  if (options_.buffer_capacity == 0) options_.buffer_capacity = kDefaultBufferCapacity;
  if (options_.buffers_per_slab == 0) options_.buffers_per_slab = 1;
  for (size_t i = 0; i < options_.initial_slabs; ++i) {
    if (!Grow()) break;
  }
}

PacketBufferPool::~PacketBufferPool() {
  if (stats_.in_use != 0) {
    // A buffer outliving its pool would write into freed memory: fail loudly.
    std::fprintf(stderr, "PacketBufferPool destroyed with %zu buffers in use\n", stats_.in_use);
    std::abort();
  }
}

void PacketBufferPool::CheckThread() {
#ifndef NDEBUG
  if (owner_ == std::thread::id()) owner_ = std::this_thread::get_id();
  if (owner_ != std::this_thread::get_id()) {
    std::fprintf(stderr, "PacketBufferPool used from a thread that does not own it\n");
    std::abort();
  }
#endif
}

void PacketBufferPool::DetachFromThread() { owner_ = std::thread::id(); }

bool PacketBufferPool::Grow() {
  if (options_.max_slabs != 0 && slabs_.size() >= options_.max_slabs) return false;
  const size_t n = options_.buffers_per_slab;
  auto slab = std::make_unique<uint8_t[]>(n * options_.buffer_capacity);
  free_.reserve(free_.size() + n);
  // Push in reverse so the first Acquire gets the slab's first buffer.
  for (size_t i = n; i-- > 0;) free_.push_back(slab.get() + i * options_.buffer_capacity);
  slabs_.push_back(std::move(slab));
  stats_.capacity += n;
  stats_.slabs = slabs_.size();
  return true;
}

PacketBuffer PacketBufferPool::Acquire() {
  CheckThread();
  if (free_.empty()) {
    ++stats_.exhausted;
    if (!Grow()) {
      ++stats_.failed;
      return PacketBuffer();
    }
    log::Logger("buffer").Debug("pool grew to {} buffers ({} slabs)", stats_.capacity,
                                stats_.slabs);
  }
  uint8_t* data = free_.back();
  free_.pop_back();
  ++stats_.in_use;
  ++stats_.acquired;
  if (stats_.in_use > stats_.high_water) stats_.high_water = stats_.in_use;
  return PacketBuffer(this, data, options_.buffer_capacity);
}

void PacketBufferPool::Release(uint8_t* data) {
  CheckThread();
  free_.push_back(data);  // Never reallocates: reserved to capacity in Grow().
  --stats_.in_use;
}

}  // namespace meet::media::buffer
