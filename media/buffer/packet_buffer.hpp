#pragma once
// PacketBuffer: a move-only handle to one fixed-capacity buffer of a PacketBufferPool. The
// bytes live in the pool's slab; destroying (or Reset()ting) the handle returns the buffer to
// its pool. Never copies, never allocates.

#include <cstddef>
#include <cstdint>
#include <span>

namespace meet::media::buffer {

class PacketBufferPool;

class PacketBuffer {
 public:
  PacketBuffer() = default;
  ~PacketBuffer() { Reset(); }
  PacketBuffer(PacketBuffer&& other) noexcept;
  PacketBuffer& operator=(PacketBuffer&& other) noexcept;
  PacketBuffer(const PacketBuffer&) = delete;
  PacketBuffer& operator=(const PacketBuffer&) = delete;

  // False for a default-constructed or moved-from handle.
  explicit operator bool() const { return data_ != nullptr; }

  // The valid bytes [0, size()).
  std::span<uint8_t> data() { return {data_, size_}; }
  std::span<const uint8_t> data() const { return {data_, size_}; }
  // The whole storage [0, capacity()): write into it, then SetSize().
  std::span<uint8_t> storage() { return {data_, capacity_}; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }

  // Sets the valid length; false (unchanged) if it exceeds capacity.
  bool SetSize(size_t size);
  // Copies `bytes` in; false (unchanged) if they do not fit.
  bool Assign(std::span<const uint8_t> bytes);
  // Returns the buffer to its pool now; the handle becomes empty.
  void Reset();

 private:
  friend class PacketBufferPool;
  PacketBuffer(PacketBufferPool* pool, uint8_t* data, size_t capacity)
      : pool_(pool), data_(data), capacity_(capacity) {}

  PacketBufferPool* pool_ = nullptr;  // Not owned; outlives every buffer it hands out.
  uint8_t* data_ = nullptr;
  size_t capacity_ = 0;
  size_t size_ = 0;
};

}  // namespace meet::media::buffer
