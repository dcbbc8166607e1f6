#include "media/buffer/packet_buffer.hpp"

#include <cstring>
#include <utility>

#include "media/buffer/packet_buffer_pool.hpp"

namespace meet::media::buffer {

PacketBuffer::PacketBuffer(PacketBuffer&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      data_(std::exchange(other.data_, nullptr)),
      capacity_(std::exchange(other.capacity_, 0)),
      size_(std::exchange(other.size_, 0)) {}

PacketBuffer& PacketBuffer::operator=(PacketBuffer&& other) noexcept {
  if (this != &other) {
    Reset();
    pool_ = std::exchange(other.pool_, nullptr);
    data_ = std::exchange(other.data_, nullptr);
    capacity_ = std::exchange(other.capacity_, 0);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

bool PacketBuffer::SetSize(size_t size) {
  if (size > capacity_) return false;
  size_ = size;
  return true;
}

bool PacketBuffer::Assign(std::span<const uint8_t> bytes) {
  if (bytes.size() > capacity_) return false;
  if (!bytes.empty()) std::memcpy(data_, bytes.data(), bytes.size());
  size_ = bytes.size();
  return true;
}

void PacketBuffer::Reset() {
  if (data_ == nullptr) return;
  pool_->Release(data_);
  pool_ = nullptr;
  data_ = nullptr;
  capacity_ = 0;
  size_ = 0;
}

}  // namespace meet::media::buffer
