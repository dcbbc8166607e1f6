#pragma once
// RTCP sender report (RFC 3550 6.4.1): sender info plus up to 31 report blocks, read lazily
// from the packet. Profile-specific extensions after the blocks are ignored.

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"
#include "media/rtcp/report_block.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::media::rtcp {

struct SenderInfo {
  uint64_t ntp_timestamp = 0;
  uint32_t rtp_timestamp = 0;
  uint32_t packet_count = 0;
  uint32_t octet_count = 0;
  friend bool operator==(const SenderInfo&, const SenderInfo&) = default;
};

class SenderReport {
 public:
  static packet::ParseResult<SenderReport> Parse(const RtcpHeader& header);
  static size_t BuildSize(size_t block_count) { return 28 + kReportBlockSize * block_count; }
  static packet::ParseResult<size_t> Build(uint32_t sender_ssrc, const SenderInfo& info,
                                           std::span<const ReportBlock> blocks,
                                           std::span<uint8_t> out);

  uint32_t sender_ssrc() const { return sender_ssrc_; }
  const SenderInfo& sender_info() const { return info_; }
  size_t report_block_count() const { return blocks_.size() / kReportBlockSize; }
  ReportBlock report_block(size_t i) const { return ReportBlock::Read(&blocks_[i * kReportBlockSize]); }

 private:
  uint32_t sender_ssrc_ = 0;
  SenderInfo info_;
  std::span<const uint8_t> blocks_;
};

}  // namespace meet::media::rtcp
