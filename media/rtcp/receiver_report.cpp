#include "media/rtcp/receiver_report.hpp"

#include "media/packet/byte_io.hpp"

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<ReceiverReport> ReceiverReport::Parse(const RtcpHeader& h) {
  if (h.packet_type != packet_type::kRr) return Drop{DropReason::kRtcpWrongType, h.offset + 1};
  if (h.body.size() < 4 + kReportBlockSize * h.count) return Drop{DropReason::kRtcpTruncated, h.offset};
  ReceiverReport rr;
  rr.sender_ssrc_ = packet::ReadBe32(h.body.data());
  rr.blocks_ = h.body.subspan(4, kReportBlockSize * h.count);
  return rr;
}

packet::ParseResult<size_t> ReceiverReport::Build(uint32_t sender_ssrc,
                                                  std::span<const ReportBlock> blocks,
                                                  std::span<uint8_t> out) {
  if (blocks.size() > kMaxReportBlocks) return Drop{DropReason::kInvalidArgument, 0};
  const size_t size = BuildSize(blocks.size());
  if (out.size() < size) return Drop{DropReason::kBufferTooSmall, out.size()};
  uint8_t* p = out.data();
  WriteRtcpHeader(p, static_cast<uint8_t>(blocks.size()), packet_type::kRr, size);
  packet::WriteBe32(p + 4, sender_ssrc);
  for (size_t i = 0; i < blocks.size(); ++i) blocks[i].Write(p + 8 + i * kReportBlockSize);
  return size;
}

}  // namespace meet::media::rtcp
