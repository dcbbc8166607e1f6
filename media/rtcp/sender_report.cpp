#include "media/rtcp/sender_report.hpp"

#include "media/packet/byte_io.hpp"

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<SenderReport> SenderReport::Parse(const RtcpHeader& h) {
  if (h.packet_type != packet_type::kSr) return Drop{DropReason::kRtcpWrongType, h.offset + 1};
  const size_t needed = 24 + kReportBlockSize * h.count;
  if (h.body.size() < needed) return Drop{DropReason::kRtcpTruncated, h.offset};
  const uint8_t* p = h.body.data();
  SenderReport sr;
  sr.sender_ssrc_ = packet::ReadBe32(p);
  sr.info_.ntp_timestamp = packet::ReadBe64(p + 4);
  sr.info_.rtp_timestamp = packet::ReadBe32(p + 12);
  sr.info_.packet_count = packet::ReadBe32(p + 16);
  sr.info_.octet_count = packet::ReadBe32(p + 20);
  sr.blocks_ = h.body.subspan(24, kReportBlockSize * h.count);
  return sr;
}

packet::ParseResult<size_t> SenderReport::Build(uint32_t sender_ssrc, const SenderInfo& info,
                                                std::span<const ReportBlock> blocks,
                                                std::span<uint8_t> out) {
  if (blocks.size() > kMaxReportBlocks) return Drop{DropReason::kInvalidArgument, 0};
  const size_t size = BuildSize(blocks.size());
  if (out.size() < size) return Drop{DropReason::kBufferTooSmall, out.size()};
  uint8_t* p = out.data();
  WriteRtcpHeader(p, static_cast<uint8_t>(blocks.size()), packet_type::kSr, size);
  packet::WriteBe32(p + 4, sender_ssrc);
  packet::WriteBe64(p + 8, info.ntp_timestamp);
  packet::WriteBe32(p + 16, info.rtp_timestamp);
  packet::WriteBe32(p + 20, info.packet_count);
  packet::WriteBe32(p + 24, info.octet_count);
  for (size_t i = 0; i < blocks.size(); ++i) blocks[i].Write(p + 28 + i * kReportBlockSize);
  return size;
}

}  // namespace meet::media::rtcp
