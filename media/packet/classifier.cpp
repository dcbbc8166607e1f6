#include "media/packet/classifier.hpp"

namespace meet::media::packet {

std::string_view PacketKindName(PacketKind kind) {
  switch (kind) {
    case PacketKind::kStun: return "stun";
    case PacketKind::kZrtp: return "zrtp";
    case PacketKind::kDtls: return "dtls";
    case PacketKind::kTurnChannel: return "turn-channel";
    case PacketKind::kRtp: return "rtp";
    case PacketKind::kRtcp: return "rtcp";
    case PacketKind::kUnknown: break;
  }
  return "unknown";
}

bool IsRtcp(std::span<const uint8_t> datagram) {
  if (datagram.size() < 2) return false;
  if (datagram[0] < 128 || datagram[0] > 191) return false;
  const uint8_t pt = datagram[1] & 0x7f;
  return pt >= 64 && pt <= 95;
}

PacketKind Classify(std::span<const uint8_t> datagram) {
  if (datagram.empty()) return PacketKind::kUnknown;
  const uint8_t b = datagram[0];
  if (b <= 3) return PacketKind::kStun;
  if (b >= 16 && b <= 19) return PacketKind::kZrtp;
  if (b >= 20 && b <= 63) return PacketKind::kDtls;
  if (b >= 64 && b <= 79) return PacketKind::kTurnChannel;
  if (b >= 128 && b <= 191) return IsRtcp(datagram) ? PacketKind::kRtcp : PacketKind::kRtp;
  return PacketKind::kUnknown;
}

}  // namespace meet::media::packet
