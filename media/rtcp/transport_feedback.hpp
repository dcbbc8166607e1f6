#pragma once
// Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-
// extensions-01, RTPFB FMT 15): base sequence number, packet status count, 24-bit signed
// reference time (64 ms units), feedback packet count, packet status chunks (run length, or
// status vectors of 14 one-bit / 7 two-bit symbols) and receive deltas (1 byte unsigned for
// "small", 2 bytes signed for "large or negative", in 250 us ticks).
//
// Parse writes one result per reported packet into caller storage (no allocation); Build
// writes a packet that Parse reads back to the same results.

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::media::rtcp {

inline constexpr int64_t kTccDeltaTickUs = 250;
inline constexpr int64_t kTccReferenceTimeUnitUs = 64000;

struct TccPacketResult {
  uint16_t sequence_number = 0;
  bool received = false;
  // Receive time minus the previous received packet's (the first: minus the reference
  // time), in 250 us ticks. 0 when not received.
  int32_t delta_ticks = 0;
  friend bool operator==(const TccPacketResult&, const TccPacketResult&) = default;
};

struct TccFeedbackHeader {
  uint32_t sender_ssrc = 0;
  uint32_t media_ssrc = 0;
  uint16_t base_sequence_number = 0;
  int32_t reference_time = 0;  // 64 ms units, 24-bit signed
  uint8_t feedback_count = 0;
};

class TransportFeedback {
 public:
  // Results land in `out`; more statuses than out.size() drop with kTccTooManyPackets.
  static packet::ParseResult<TransportFeedback> Parse(const RtcpHeader& header,
                                                      std::span<TccPacketResult> out);
  // `packets` must be consecutive sequence numbers from header.base_sequence_number (1 to
  // 65535 of them); received deltas must fit 16 bits signed.
  static packet::ParseResult<size_t> Build(const TccFeedbackHeader& header,
                                           std::span<const TccPacketResult> packets,
                                           std::span<uint8_t> out);
  // Upper bound of Build's size for `packet_count` packets.
  static size_t MaxBuildSize(size_t packet_count) { return 24 + 4 * packet_count + 4; }

  const TccFeedbackHeader& header() const { return header_; }
  size_t status_count() const { return packets_.size(); }
  size_t received_count() const { return received_; }
  std::span<const TccPacketResult> packets() const { return packets_; }
  int64_t reference_time_us() const { return int64_t{header_.reference_time} * kTccReferenceTimeUnitUs; }

 private:
  TccFeedbackHeader header_;
  std::span<const TccPacketResult> packets_;
  size_t received_ = 0;
};

}  // namespace meet::media::rtcp
