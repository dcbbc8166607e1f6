#include "media/sctp/sctp_packet.hpp"

#include <array>
#include <string>

namespace meet::media::sctp {

namespace {

uint16_t Be16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
uint32_t Be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// Reflected CRC32c (Castagnoli, polynomial 0x82F63B78), table built at compile time.
constexpr std::array<uint32_t, 256> MakeTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    table[i] = c;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kCrcTable = MakeTable();

uint32_t Update(uint32_t crc, const uint8_t* data, size_t size) {
  for (size_t i = 0; i < size; ++i) crc = kCrcTable[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

}  // namespace

Result<SctpPacketInfo> CheckSctpPacket(std::span<const uint8_t> packet) {
  if (packet.size() < kSctpCommonHeaderSize + kSctpChunkHeaderSize) {
    return packet.size() < kSctpCommonHeaderSize
               ? MakeError("sctp.short", "shorter than the common header", "0")
               : MakeError("sctp.no-chunks", "no chunk after the common header", "12");
  }
  if (packet.size() > kMaxSctpPacketSize) {
    return MakeError("sctp.too-long", "packet larger than a DTLS record", "0");
  }
  SctpPacketInfo info;
  const uint8_t* p = packet.data();
  info.source_port = Be16(p);
  info.destination_port = Be16(p + 2);
  info.verification_tag = Be32(p + 4);
  info.checksum = uint32_t{p[8]} | (uint32_t{p[9]} << 8) | (uint32_t{p[10]} << 16) |
                  (uint32_t{p[11]} << 24);
  size_t offset = kSctpCommonHeaderSize;
  while (offset < packet.size()) {
    if (packet.size() - offset < kSctpChunkHeaderSize) {
      return MakeError("sctp.chunk-length", "truncated chunk header", std::to_string(offset));
    }
    const uint16_t length = Be16(p + offset + 2);
    if (length < kSctpChunkHeaderSize || length > packet.size() - offset) {
      return MakeError("sctp.chunk-length", "chunk length out of bounds", std::to_string(offset));
    }
    if (info.chunk_count == 0) info.first_chunk_type = p[offset];
    if (++info.chunk_count > kMaxSctpChunks) {
      return MakeError("sctp.too-many-chunks", "too many chunks", std::to_string(offset));
    }
    const size_t padded = (static_cast<size_t>(length) + 3) & ~size_t{3};
    // The last chunk's padding may be missing; anything else must fit.
    offset = padded >= packet.size() - offset ? packet.size() : offset + padded;
  }
  return info;
}

uint32_t ComputeSctpChecksum(std::span<const uint8_t> packet) {
  if (packet.size() < kSctpCommonHeaderSize) return 0;
  static constexpr uint8_t kZero[4] = {0, 0, 0, 0};
  uint32_t crc = 0xffffffffu;
  crc = Update(crc, packet.data(), 8);
  crc = Update(crc, kZero, 4);
  crc = Update(crc, packet.data() + 12, packet.size() - 12);
  return ~crc;
}

bool VerifySctpChecksum(std::span<const uint8_t> packet) {
  if (packet.size() < kSctpCommonHeaderSize) return false;
  const uint32_t stored = uint32_t{packet[8]} | (uint32_t{packet[9]} << 8) |
                          (uint32_t{packet[10]} << 16) | (uint32_t{packet[11]} << 24);
  return stored == ComputeSctpChecksum(packet);
}

void WriteSctpChecksum(std::span<uint8_t> packet) {
  if (packet.size() < kSctpCommonHeaderSize) return;
  const uint32_t crc = ComputeSctpChecksum(packet);
  packet[8] = static_cast<uint8_t>(crc);
  packet[9] = static_cast<uint8_t>(crc >> 8);
  packet[10] = static_cast<uint8_t>(crc >> 16);
  packet[11] = static_cast<uint8_t>(crc >> 24);
}

}  // namespace meet::media::sctp
