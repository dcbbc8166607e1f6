#include "bridge/forwarding/twcc_recorder.hpp"

#include <algorithm>

#include "media/rtp/sequence_number.hpp"

namespace meet::bridge::forwarding {
namespace rtcp = media::rtcp;

void TwccRecorder::OnPacket(uint16_t seq, int64_t arrival_us) {
  int64_t unwrapped = seq;
  if (started_) {
    unwrapped = last_unwrapped_ + media::rtp::SequenceDiff<uint16_t>(seq, static_cast<uint16_t>(last_unwrapped_));
  } else {
    started_ = true;
    next_to_report_ = unwrapped;
  }
  if (unwrapped > last_unwrapped_ || max_seq_ < 0) last_unwrapped_ = unwrapped;
  if (unwrapped < next_to_report_) return;  // already reported (late packet)
  ring_[static_cast<size_t>(unwrapped) % kWindow] = Entry{unwrapped, arrival_us};
  max_seq_ = std::max(max_seq_, unwrapped);
  // Never let the unreported span exceed the ring.
  if (max_seq_ - next_to_report_ >= static_cast<int64_t>(kWindow)) {
    next_to_report_ = max_seq_ - static_cast<int64_t>(kWindow) + 1;
  }
}

size_t TwccRecorder::BuildFeedback(uint32_t sender_ssrc, uint32_t media_ssrc, std::span<uint8_t> out) {
  if (max_seq_ < next_to_report_) return 0;
  // Skip leading losses: feedback starts at the first received packet.
  int64_t base = next_to_report_;
  while (base <= max_seq_ && ring_[static_cast<size_t>(base) % kWindow].seq != base) ++base;
  if (base > max_seq_) return 0;
  const int64_t end = std::min<int64_t>(max_seq_, base + static_cast<int64_t>(kMaxPacketsPerFeedback) - 1);
  const int64_t first_arrival = ring_[static_cast<size_t>(base) % kWindow].arrival_us;
  rtcp::TccFeedbackHeader header;
  header.sender_ssrc = sender_ssrc;
  header.media_ssrc = media_ssrc;
  header.base_sequence_number = static_cast<uint16_t>(base);
  header.reference_time = static_cast<int32_t>((first_arrival / rtcp::kTccReferenceTimeUnitUs) & 0x7fffff);
  header.feedback_count = static_cast<uint8_t>(feedback_count_);
  int64_t previous_us = (first_arrival / rtcp::kTccReferenceTimeUnitUs) * rtcp::kTccReferenceTimeUnitUs;
  size_t n = 0;
  for (int64_t s = base; s <= end; ++s) {
    const Entry& e = ring_[static_cast<size_t>(s) % kWindow];
    rtcp::TccPacketResult r;
    r.sequence_number = static_cast<uint16_t>(s);
    if (e.seq == s) {
      r.received = true;
      const int64_t ticks = (e.arrival_us - previous_us) / rtcp::kTccDeltaTickUs;
      r.delta_ticks = static_cast<int32_t>(std::clamp<int64_t>(ticks, -32768, 32767));
      previous_us += int64_t{r.delta_ticks} * rtcp::kTccDeltaTickUs;
    }
    scratch_[n++] = r;
  }
  auto built = rtcp::TransportFeedback::Build(header, std::span<const rtcp::TccPacketResult>(scratch_.data(), n), out);
  if (!built.ok()) return 0;
  next_to_report_ = end + 1;
  ++feedback_count_;
  return *built;
}

}  // namespace meet::bridge::forwarding
