#pragma once
// Picture Loss Indication (RFC 4585 6.3.1, PSFB FMT 1): no FCI.

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::media::rtcp {

class Pli {
 public:
  static constexpr size_t kSize = 12;
  static packet::ParseResult<Pli> Parse(const RtcpHeader& header);
  static packet::ParseResult<size_t> Build(uint32_t sender_ssrc, uint32_t media_ssrc,
                                           std::span<uint8_t> out);

  uint32_t sender_ssrc() const { return sender_ssrc_; }
  uint32_t media_ssrc() const { return media_ssrc_; }

 private:
  uint32_t sender_ssrc_ = 0;
  uint32_t media_ssrc_ = 0;
};

}  // namespace meet::media::rtcp
