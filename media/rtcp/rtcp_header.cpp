#include "media/rtcp/rtcp_header.hpp"

#include "media/packet/byte_io.hpp"

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<RtcpHeader> ParseRtcpHeader(std::span<const uint8_t> d, size_t offset) {
  if (offset >= d.size()) return Drop{DropReason::kEmpty, offset};
  if (d.size() - offset < kRtcpHeaderSize) return Drop{DropReason::kTooShort, offset};
  const uint8_t* p = d.data() + offset;
  if ((p[0] >> 6) != 2) return Drop{DropReason::kRtcpBadVersion, offset};
  RtcpHeader h;
  h.count = p[0] & 0x1f;
  h.padding = (p[0] & 0x20) != 0;
  h.packet_type = p[1];
  const size_t size = 4 * (static_cast<size_t>(packet::ReadBe16(p + 2)) + 1);
  if (size > d.size() - offset) return Drop{DropReason::kRtcpBadLength, offset + 2};
  h.offset = offset;
  h.packet = d.subspan(offset, size);
  size_t padding = 0;
  if (h.padding) {
    if (offset + size != d.size()) return Drop{DropReason::kRtcpPaddingNotLast, offset};
    padding = h.packet.back();
    if (padding == 0 || padding > size - kRtcpHeaderSize) {
      return Drop{DropReason::kRtcpBadPadding, offset + size - 1};
    }
  }
  h.body = h.packet.subspan(kRtcpHeaderSize, size - kRtcpHeaderSize - padding);
  return h;
}

void WriteRtcpHeader(uint8_t* out, uint8_t count, uint8_t packet_type, size_t total_size,
                     bool padding) {
  out[0] = static_cast<uint8_t>(0x80 | (padding ? 0x20 : 0) | (count & 0x1f));
  out[1] = packet_type;
  packet::WriteBe16(out + 2, static_cast<uint16_t>(total_size / 4 - 1));
}

packet::ParseResult<size_t> ValidateRtcpCompound(std::span<const uint8_t> d) {
  if (d.empty()) return Drop{DropReason::kEmpty, 0};
  size_t offset = 0;
  size_t count = 0;
  while (offset < d.size()) {
    auto header = ParseRtcpHeader(d, offset);
    if (!header) return header.drop();
    offset += header->size();
    ++count;
  }
  return count;
}

}  // namespace meet::media::rtcp
