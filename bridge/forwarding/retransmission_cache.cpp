#include "bridge/forwarding/retransmission_cache.hpp"

#include <cstring>

namespace meet::bridge::forwarding {

RetransmissionCache::RetransmissionCache()
    : bytes_(std::make_unique<uint8_t[]>(kSlots * kSlotBytes)), slots_(std::make_unique<Slot[]>(kSlots)) {}

void RetransmissionCache::Store(uint16_t sequence_number, std::span<const uint8_t> packet, int64_t now_ms) {
  if (packet.size() > kSlotBytes) return;
  const size_t index = sequence_number % kSlots;
  Slot& slot = slots_[index];
  std::memcpy(&bytes_[index * kSlotBytes], packet.data(), packet.size());
  slot.used = true;
  slot.sequence_number = sequence_number;
  slot.size = static_cast<uint16_t>(packet.size());
  slot.stored_ms = now_ms;
  ++stored_;
}

std::optional<std::span<uint8_t>> RetransmissionCache::Find(uint16_t sequence_number, int64_t now_ms,
                                                             int64_t max_age_ms) {
  const size_t index = sequence_number % kSlots;
  const Slot& slot = slots_[index];
  if (!slot.used || slot.sequence_number != sequence_number || now_ms - slot.stored_ms > max_age_ms) {
    return std::nullopt;
  }
  return std::span<uint8_t>(&bytes_[index * kSlotBytes], slot.size);
}

}  // namespace meet::bridge::forwarding
