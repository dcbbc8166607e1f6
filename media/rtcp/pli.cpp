#include "media/rtcp/pli.hpp"

#include "media/packet/byte_io.hpp"

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<Pli> Pli::Parse(const RtcpHeader& h) {
  if (h.packet_type != packet_type::kPsfb || h.count != fmt::kPli) {
    return Drop{DropReason::kRtcpWrongType, h.offset};
  }
  if (h.body.size() < 8) return Drop{DropReason::kRtcpTruncated, h.offset};
  Pli pli;
  pli.sender_ssrc_ = packet::ReadBe32(h.body.data());
  pli.media_ssrc_ = packet::ReadBe32(h.body.data() + 4);
  return pli;
}

packet::ParseResult<size_t> Pli::Build(uint32_t sender_ssrc, uint32_t media_ssrc,
                                       std::span<uint8_t> out) {
  if (out.size() < kSize) return Drop{DropReason::kBufferTooSmall, out.size()};
  WriteRtcpHeader(out.data(), fmt::kPli, packet_type::kPsfb, kSize);
  packet::WriteBe32(out.data() + 4, sender_ssrc);
  packet::WriteBe32(out.data() + 8, media_ssrc);
  return kSize;
}

}  // namespace meet::media::rtcp
