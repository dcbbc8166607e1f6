#pragma once
// The RTCP common header (RFC 3550 section 6.4) and compound-packet iteration with strict
// bounds: every packet version 2, its length inside the datagram, padding only on the last
// packet and no larger than its body, and the packets tiling the datagram exactly.

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"

namespace meet::media::rtcp {

inline constexpr size_t kRtcpHeaderSize = 4;

namespace packet_type {
inline constexpr uint8_t kSr = 200;
inline constexpr uint8_t kRr = 201;
inline constexpr uint8_t kSdes = 202;
inline constexpr uint8_t kBye = 203;
inline constexpr uint8_t kApp = 204;
inline constexpr uint8_t kRtpfb = 205;  // transport-layer feedback (RFC 4585)
inline constexpr uint8_t kPsfb = 206;   // payload-specific feedback (RFC 4585)
inline constexpr uint8_t kXr = 207;
}  // namespace packet_type

namespace fmt {
inline constexpr uint8_t kNack = 1;  // RTPFB
inline constexpr uint8_t kTransportCc = 15;  // RTPFB
inline constexpr uint8_t kPli = 1;   // PSFB
inline constexpr uint8_t kFir = 4;   // PSFB
inline constexpr uint8_t kAfb = 15;  // PSFB application layer feedback (REMB)
}  // namespace fmt

struct RtcpHeader {
  uint8_t count = 0;  // RC / SC / FMT: the 5 low bits of the first byte
  uint8_t packet_type = 0;
  bool padding = false;
  size_t offset = 0;                 // of this packet in the compound
  std::span<const uint8_t> packet;   // header through padding
  std::span<const uint8_t> body;     // after the 4-byte header, padding removed
  size_t size() const { return packet.size(); }
};

// One packet at `offset` of a compound datagram.
packet::ParseResult<RtcpHeader> ParseRtcpHeader(std::span<const uint8_t> compound, size_t offset);

// Writes a common header for a packet of `total_size` bytes (multiple of 4, >= 4).
void WriteRtcpHeader(uint8_t* out, uint8_t count, uint8_t packet_type, size_t total_size,
                     bool padding = false);

// Calls f(const RtcpHeader&) for every packet of a valid compound and returns the packet
// count; on the first malformed header, returns the drop without calling f for anything
// (the compound is validated first).
template <typename F>
packet::ParseResult<size_t> ForEachRtcpPacket(std::span<const uint8_t> compound, F&& f);

// Validates the compound framing only.
packet::ParseResult<size_t> ValidateRtcpCompound(std::span<const uint8_t> compound);

template <typename F>
packet::ParseResult<size_t> ForEachRtcpPacket(std::span<const uint8_t> compound, F&& f) {
  auto count = ValidateRtcpCompound(compound);
  if (!count) return count;
  size_t offset = 0;
  while (offset < compound.size()) {
    auto header = ParseRtcpHeader(compound, offset);  // cannot fail after validation
    if (!header) return header.drop();
    f(*header);
    offset += header->size();
  }
  return count;
}

}  // namespace meet::media::rtcp
