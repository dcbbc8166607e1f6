#pragma once
// TwccRecorder: arrival times of packets carrying the transport-wide sequence number extension
// from one endpoint, and the transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-
// extensions-01) the bridge sends back so the sender's congestion control works. Fixed ring of
// kWindow entries; feedback covers the sequence numbers since the last one (at most
// kMaxPacketsPerFeedback). No allocation.

#include <array>
#include <cstdint>
#include <span>

#include "media/rtcp/transport_feedback.hpp"

namespace meet::bridge::forwarding {

class TwccRecorder {
 public:
  static constexpr size_t kWindow = 1024;
  static constexpr size_t kMaxPacketsPerFeedback = 256;
  // Room BuildFeedback needs.
  static constexpr size_t kMaxFeedbackBytes =
      24 + 4 * kMaxPacketsPerFeedback + 4;

  void OnPacket(uint16_t transport_sequence_number, int64_t arrival_us);
  // Writes one feedback packet into `out` (sender_ssrc: the bridge's, media_ssrc: the sender's);
  // returns its size, 0 when there is nothing new to report.
  size_t BuildFeedback(uint32_t sender_ssrc, uint32_t media_ssrc, std::span<uint8_t> out);

  uint64_t feedbacks_sent() const { return feedback_count_; }

 private:
  struct Entry {
    int64_t seq = -1;  // unwrapped; -1 = empty
    int64_t arrival_us = 0;
  };
  bool started_ = false;
  int64_t last_unwrapped_ = 0;
  int64_t next_to_report_ = 0;  // first unwrapped sequence number not yet in a feedback
  int64_t max_seq_ = -1;
  std::array<Entry, kWindow> ring_{};
  std::array<media::rtcp::TccPacketResult, kMaxPacketsPerFeedback> scratch_{};
  uint64_t feedback_count_ = 0;
};

}  // namespace meet::bridge::forwarding
