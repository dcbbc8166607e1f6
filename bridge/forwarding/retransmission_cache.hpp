#pragma once
// RetransmissionCache: copies of the last kSlots packets sent on one outgoing stream, indexed
// by (rewritten) sequence number, to answer a receiver's NACK. The only copy on the forwarding
// path. One slab allocated at construction; nothing allocates per packet.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>

namespace meet::bridge::forwarding {

class RetransmissionCache {
 public:
  static constexpr size_t kSlots = 256;
  static constexpr size_t kSlotBytes = 1500;

  RetransmissionCache();

  // Stores a copy of the packet (dropped when larger than kSlotBytes).
  void Store(uint16_t sequence_number, std::span<const uint8_t> packet, int64_t now_ms);
  // The stored packet with this sequence number, if still cached and younger than `max_age_ms`.
  std::optional<std::span<uint8_t>> Find(uint16_t sequence_number, int64_t now_ms,
                                         int64_t max_age_ms = 1000);

  uint64_t stored() const { return stored_; }

 private:
  struct Slot {
    bool used = false;
    uint16_t sequence_number = 0;
    uint16_t size = 0;
    int64_t stored_ms = 0;
  };
  std::unique_ptr<uint8_t[]> bytes_;
  std::unique_ptr<Slot[]> slots_;
  uint64_t stored_ = 0;
};

}  // namespace meet::bridge::forwarding
