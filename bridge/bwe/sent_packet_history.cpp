#include "bridge/bwe/sent_packet_history.hpp"

namespace meet::bridge::bwe {

void SentPacketHistory::OnPacketSent(uint16_t sequence_number, int64_t send_time_us,
                                     uint32_t size_bytes) {
  Entry& e = ring_[sequence_number % kCapacity];
  e.packet = SentPacket{sequence_number, send_time_us, size_bytes};
  e.valid = true;
  e.reported = false;
}

std::optional<SentPacket> SentPacketHistory::TakeForFeedback(uint16_t sequence_number) {
  Entry& e = ring_[sequence_number % kCapacity];
  if (!e.valid || e.reported || e.packet.sequence_number != sequence_number) return std::nullopt;
  e.reported = true;
  return e.packet;
}

}  // namespace meet::bridge::bwe
