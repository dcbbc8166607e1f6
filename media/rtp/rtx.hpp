#pragma once
// RTX (RFC 4588) in the SSRC-multiplexed form: the retransmission packet copies the original
// header (CSRCs and extensions included), takes the RTX payload type, SSRC and sequence number,
// and carries the original sequence number (OSN) in the first two payload bytes. Padding is not
// carried over.

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"
#include "media/rtp/rtp_packet_view.hpp"

namespace meet::media::rtp {

// Bytes RtxWrap writes for `original`.
inline size_t RtxSize(const RtpPacketView& original) {
  return original.header_size() + 2 + original.payload_size();
}

// Writes the RTX packet into `out` (must not overlap the original) and returns a view of it.
packet::ParseResult<RtpPacketView> RtxWrap(const RtpPacketView& original, uint8_t rtx_payload_type,
                                           uint32_t rtx_ssrc, uint16_t rtx_sequence_number,
                                           std::span<uint8_t> out);

// Turns an RTX packet back into the original in place: restores the OSN as sequence number,
// sets the original payload type and SSRC, moves the payload down over the OSN and drops any
// padding. The returned view covers the shortened packet in the same buffer. A packet without
// the 2-byte OSN (e.g. a padding-only probe) is dropped with kRtxNoOsn.
packet::ParseResult<RtpPacketView> RtxUnwrap(const RtpPacketView& rtx, uint8_t original_payload_type,
                                             uint32_t original_ssrc);

}  // namespace meet::media::rtp
