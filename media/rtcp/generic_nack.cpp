#include "media/rtcp/generic_nack.hpp"

#include <bit>

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<GenericNack> GenericNack::Parse(const RtcpHeader& h) {
  if (h.packet_type != packet_type::kRtpfb || h.count != fmt::kNack) {
    return Drop{DropReason::kRtcpWrongType, h.offset};
  }
  if (h.body.size() < 8) return Drop{DropReason::kRtcpTruncated, h.offset};
  const size_t items = (h.body.size() - 8) / 4;
  if (items == 0) return Drop{DropReason::kRtcpNackEmpty, h.offset + kRtcpHeaderSize + 8};
  GenericNack n;
  n.sender_ssrc_ = packet::ReadBe32(h.body.data());
  n.media_ssrc_ = packet::ReadBe32(h.body.data() + 4);
  n.fci_ = h.body.subspan(8, items * 4);
  return n;
}

size_t GenericNack::LostSequenceNumbers(std::span<uint16_t> out) const {
  size_t n = 0;
  ForEachLost([&](uint16_t seq) {
    if (n < out.size()) out[n++] = seq;
  });
  return n;
}

size_t GenericNack::LostCount() const {
  size_t n = 0;
  for (size_t i = 0; i < item_count(); ++i) n += 1 + static_cast<size_t>(std::popcount(blp(i)));
  return n;
}

packet::ParseResult<size_t> GenericNack::Build(uint32_t sender_ssrc, uint32_t media_ssrc,
                                               std::span<const uint16_t> lost,
                                               std::span<uint8_t> out) {
  if (lost.empty()) return Drop{DropReason::kInvalidArgument, 0};
  if (out.size() < 16) return Drop{DropReason::kBufferTooSmall, out.size()};
  uint8_t* p = out.data();
  packet::WriteBe32(p + 4, sender_ssrc);
  packet::WriteBe32(p + 8, media_ssrc);
  size_t pos = 12;
  uint16_t pid = lost[0];
  uint16_t blp = 0;
  auto flush = [&]() -> bool {
    if (out.size() - pos < 4) return false;
    packet::WriteBe16(p + pos, pid);
    packet::WriteBe16(p + pos + 2, blp);
    pos += 4;
    return true;
  };
  for (size_t i = 1; i < lost.size(); ++i) {
    const uint16_t distance = static_cast<uint16_t>(lost[i] - pid);
    if (distance == 0) continue;  // duplicate of the PID
    if (distance <= 16) {
      blp = static_cast<uint16_t>(blp | (1u << (distance - 1)));
      continue;
    }
    if (!flush()) return Drop{DropReason::kBufferTooSmall, out.size()};
    pid = lost[i];
    blp = 0;
  }
  if (!flush()) return Drop{DropReason::kBufferTooSmall, out.size()};
  if (pos / 4 - 1 > 0xFFFF) return Drop{DropReason::kInvalidArgument, 0};
  WriteRtcpHeader(p, fmt::kNack, packet_type::kRtpfb, pos);
  return pos;
}

}  // namespace meet::media::rtcp
