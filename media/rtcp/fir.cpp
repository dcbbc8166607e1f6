#include "media/rtcp/fir.hpp"

#include <cstring>

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<Fir> Fir::Parse(const RtcpHeader& h) {
  if (h.packet_type != packet_type::kPsfb || h.count != fmt::kFir) {
    return Drop{DropReason::kRtcpWrongType, h.offset};
  }
  if (h.body.size() < 16) return Drop{DropReason::kRtcpTruncated, h.offset};
  Fir fir;
  fir.sender_ssrc_ = packet::ReadBe32(h.body.data());
  fir.fci_ = h.body.subspan(8, (h.body.size() - 8) / 8 * 8);
  return fir;
}

packet::ParseResult<size_t> Fir::Build(uint32_t sender_ssrc, std::span<const FirEntry> entries,
                                       std::span<uint8_t> out) {
  // 12 + 8n bytes must fit the 16-bit length field (in words, minus one).
  if (entries.empty() || entries.size() > (4 * 0x10000 - 12) / 8) {
    return Drop{DropReason::kInvalidArgument, 0};
  }
  const size_t size = BuildSize(entries.size());
  if (out.size() < size) return Drop{DropReason::kBufferTooSmall, out.size()};
  uint8_t* p = out.data();
  WriteRtcpHeader(p, fmt::kFir, packet_type::kPsfb, size);
  packet::WriteBe32(p + 4, sender_ssrc);
  packet::WriteBe32(p + 8, 0);
  for (size_t i = 0; i < entries.size(); ++i) {
    uint8_t* e = p + 12 + 8 * i;
    packet::WriteBe32(e, entries[i].ssrc);
    e[4] = entries[i].sequence_number;
    std::memset(e + 5, 0, 3);
  }
  return size;
}

}  // namespace meet::media::rtcp
