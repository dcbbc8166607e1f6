#pragma once
// SentPacketHistory: what was sent with which transport-wide sequence number (send time, size),
// so transport-cc feedback can be matched to it. A fixed ring of kCapacity entries indexed by
// sequence number: no allocation per packet; entries older than the ring are forgotten.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace meet::bridge::bwe {

struct SentPacket {
  uint16_t sequence_number = 0;
  int64_t send_time_us = 0;
  uint32_t size_bytes = 0;
};

class SentPacketHistory {
 public:
  static constexpr size_t kCapacity = 8192;

  void OnPacketSent(uint16_t sequence_number, int64_t send_time_us, uint32_t size_bytes);
  // The packet with this sequence number if it is still known and has not been reported
  // before; marks it reported, so duplicated feedback is ignored.
  std::optional<SentPacket> TakeForFeedback(uint16_t sequence_number);

 private:
  struct Entry {
    SentPacket packet;
    bool valid = false;
    bool reported = false;
  };
  std::array<Entry, kCapacity> ring_{};
};

}  // namespace meet::bridge::bwe
