#pragma once
// RTCP receiver report (RFC 3550 6.4.2).

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"
#include "media/rtcp/report_block.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::media::rtcp {

class ReceiverReport {
 public:
  static packet::ParseResult<ReceiverReport> Parse(const RtcpHeader& header);
  static size_t BuildSize(size_t block_count) { return 8 + kReportBlockSize * block_count; }
  static packet::ParseResult<size_t> Build(uint32_t sender_ssrc, std::span<const ReportBlock> blocks,
                                           std::span<uint8_t> out);

  uint32_t sender_ssrc() const { return sender_ssrc_; }
  size_t report_block_count() const { return blocks_.size() / kReportBlockSize; }
  ReportBlock report_block(size_t i) const { return ReportBlock::Read(&blocks_[i * kReportBlockSize]); }

 private:
  uint32_t sender_ssrc_ = 0;
  std::span<const uint8_t> blocks_;
};

}  // namespace meet::media::rtcp
