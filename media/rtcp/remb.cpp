#include "media/rtcp/remb.hpp"

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<Remb> Remb::Parse(const RtcpHeader& h) {
  if (h.packet_type != packet_type::kPsfb || h.count != fmt::kAfb) {
    return Drop{DropReason::kRtcpWrongType, h.offset};
  }
  const size_t at = h.offset + kRtcpHeaderSize;
  if (h.body.size() < 16) return Drop{DropReason::kRtcpTruncated, h.offset};
  const uint8_t* p = h.body.data();
  if (p[8] != 'R' || p[9] != 'E' || p[10] != 'M' || p[11] != 'B') {
    return Drop{DropReason::kRtcpBadRemb, at + 8};
  }
  const size_t count = p[12];
  if (h.body.size() < 16 + 4 * count) return Drop{DropReason::kRtcpBadRemb, at + 12};
  const unsigned exponent = p[13] >> 2;
  const uint64_t mantissa = packet::ReadBe24(p + 13) & 0x3FFFF;
  const uint64_t bitrate = mantissa << exponent;
  if ((bitrate >> exponent) != mantissa) return Drop{DropReason::kRtcpBadRemb, at + 13};
  Remb r;
  r.sender_ssrc_ = packet::ReadBe32(p);
  r.bitrate_bps_ = bitrate;
  r.ssrcs_ = h.body.subspan(16, 4 * count);
  return r;
}

packet::ParseResult<size_t> Remb::Build(uint32_t sender_ssrc, uint64_t bitrate_bps,
                                        std::span<const uint32_t> ssrcs, std::span<uint8_t> out) {
  if (ssrcs.size() > 255) return Drop{DropReason::kInvalidArgument, 0};
  const size_t size = BuildSize(ssrcs.size());
  if (out.size() < size) return Drop{DropReason::kBufferTooSmall, out.size()};
  unsigned exponent = 0;
  while ((bitrate_bps >> exponent) > 0x3FFFF) ++exponent;
  const uint32_t mantissa = static_cast<uint32_t>(bitrate_bps >> exponent);
  uint8_t* p = out.data();
  WriteRtcpHeader(p, fmt::kAfb, packet_type::kPsfb, size);
  packet::WriteBe32(p + 4, sender_ssrc);
  packet::WriteBe32(p + 8, 0);
  p[12] = 'R';
  p[13] = 'E';
  p[14] = 'M';
  p[15] = 'B';
  p[16] = static_cast<uint8_t>(ssrcs.size());
  packet::WriteBe24(p + 17, (exponent << 18) | mantissa);
  for (size_t i = 0; i < ssrcs.size(); ++i) packet::WriteBe32(p + 20 + 4 * i, ssrcs[i]);
  return size;
}

}  // namespace meet::media::rtcp
