#pragma once
// RTCP BYE (RFC 3550 6.6): SSRC/CSRC list and an optional reason.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "media/packet/byte_io.hpp"
#include "media/packet/parse_result.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::media::rtcp {

class Bye {
 public:
  static packet::ParseResult<Bye> Parse(const RtcpHeader& header);
  static size_t BuildSize(size_t ssrc_count, std::string_view reason);
  // At most 31 SSRCs, reason at most 255 bytes.
  static packet::ParseResult<size_t> Build(std::span<const uint32_t> ssrcs, std::string_view reason,
                                           std::span<uint8_t> out);

  size_t ssrc_count() const { return ssrcs_.size() / 4; }
  uint32_t ssrc(size_t i) const { return packet::ReadBe32(&ssrcs_[4 * i]); }
  std::string_view reason() const { return reason_; }

 private:
  std::span<const uint8_t> ssrcs_;
  std::string_view reason_;
};

}  // namespace meet::media::rtcp
