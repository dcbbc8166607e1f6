#pragma once
// Structure checks on an SCTP packet (RFC 9260 section 3) before it goes to usrsctp: the common
// header and a walk over the chunk headers, every length bounded. Plus the CRC32c checksum,
// which this library verifies and writes itself (usrsctp runs with checksum offload on).

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/base/result.hpp"

namespace meet::media::sctp {

struct SctpPacketInfo {
  uint16_t source_port = 0;
  uint16_t destination_port = 0;
  uint32_t verification_tag = 0;
  uint32_t checksum = 0;  // as stored (little-endian CRC32c, RFC 9260 appendix A)
  size_t chunk_count = 0;
  uint8_t first_chunk_type = 0;
};

inline constexpr size_t kSctpCommonHeaderSize = 12;
inline constexpr size_t kSctpChunkHeaderSize = 4;
// SCTP over DTLS: a packet is one DTLS record payload, at most 2^14 bytes (RFC 6347).
inline constexpr size_t kMaxSctpPacketSize = 16384;
inline constexpr size_t kMaxSctpChunks = 1024;

// Errors: "sctp.short", "sctp.too-long", "sctp.no-chunks", "sctp.chunk-length",
// "sctp.too-many-chunks"; where = byte offset.
Result<SctpPacketInfo> CheckSctpPacket(std::span<const uint8_t> packet);

// CRC32c over the packet with the checksum field taken as zero, in wire order.
uint32_t ComputeSctpChecksum(std::span<const uint8_t> packet);
bool VerifySctpChecksum(std::span<const uint8_t> packet);
// Writes the checksum into bytes 8..11 (packet must be at least 12 bytes).
void WriteSctpChecksum(std::span<uint8_t> packet);

}  // namespace meet::media::sctp
