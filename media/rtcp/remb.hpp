#pragma once
// Receiver Estimated Max Bitrate (draft-alvestrand-rmcat-remb, "goog-remb"): PSFB FMT 15 with
// the "REMB" tag, an 8-bit SSRC count, 6-bit exponent + 18-bit mantissa, and the SSRC list.

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/byte_io.hpp"
#include "media/packet/parse_result.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::media::rtcp {

class Remb {
 public:
  static packet::ParseResult<Remb> Parse(const RtcpHeader& header);
  static size_t BuildSize(size_t ssrc_count) { return 20 + 4 * ssrc_count; }
  // Bitrates that need more than 18 mantissa bits are rounded down.
  static packet::ParseResult<size_t> Build(uint32_t sender_ssrc, uint64_t bitrate_bps,
                                           std::span<const uint32_t> ssrcs, std::span<uint8_t> out);

  uint32_t sender_ssrc() const { return sender_ssrc_; }
  uint64_t bitrate_bps() const { return bitrate_bps_; }
  size_t ssrc_count() const { return ssrcs_.size() / 4; }
  uint32_t ssrc(size_t i) const { return packet::ReadBe32(&ssrcs_[4 * i]); }

 private:
  uint32_t sender_ssrc_ = 0;
  uint64_t bitrate_bps_ = 0;
  std::span<const uint8_t> ssrcs_;
};

}  // namespace meet::media::rtcp
