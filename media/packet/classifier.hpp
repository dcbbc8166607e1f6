#pragma once
// First-byte demultiplexing of a datagram on the single BUNDLE 5-tuple (RFC 7983 section 7,
// RTCP-vs-RTP by payload type per RFC 5761 section 4).

#include <cstdint>
#include <span>
#include <string_view>

namespace meet::media::packet {

enum class PacketKind : uint8_t {
  kUnknown = 0,  // empty, or a first byte no protocol owns (4-15, 80-127, 192-255)
  kStun,         // 0-3
  kZrtp,         // 16-19
  kDtls,         // 20-63
  kTurnChannel,  // 64-79
  kRtp,          // 128-191 and not RTCP
  kRtcp,         // 128-191 with the second byte's low 7 bits in 64-95 (packet types 192-223)
};

std::string_view PacketKindName(PacketKind kind);

// RFC 7983 demux. A one-byte datagram in 128-191 is kRtp (too short for RTCP's second byte;
// the RTP parser drops it as too short).
PacketKind Classify(std::span<const uint8_t> datagram);

// RFC 5761: an RTP/RTCP datagram whose second byte (marker bit masked off) is 64..95, i.e. an
// RTCP packet type 192..223. False for anything shorter than 2 bytes or outside 128-191.
bool IsRtcp(std::span<const uint8_t> datagram);

}  // namespace meet::media::packet
