#pragma once
// ReceiveStream: receive statistics of one incoming SSRC (RFC 3550 A.3/A.8): extended highest
// sequence number, cumulative and fractional loss, interarrival jitter, last SR; plus the
// bridge's own loss detection for NACKs toward the sender: sequence numbers skipped by a
// forward jump (at most kMaxMissing tracked, newest kept) are NACKed every kNackIntervalMs
// until they arrive (as RTX or late) or after kMaxNackTries. No allocation.

#include <array>
#include <cstdint>
#include <span>

#include "media/rtcp/report_block.hpp"

namespace meet::bridge::forwarding {

class ReceiveStream {
 public:
  static constexpr size_t kMaxMissing = 64;
  static constexpr int kMaxNackTries = 5;
  static constexpr int64_t kNackIntervalMs = 60;
  static constexpr uint16_t kMaxGapTracked = 200;

  ReceiveStream(uint32_t ssrc, uint32_t clock_rate) : ssrc_(ssrc), clock_rate_(clock_rate) {}

  // One packet (a retransmission counts as received but not for jitter).
  void OnPacket(uint16_t sequence_number, uint32_t rtp_timestamp, size_t bytes, int64_t now_ms,
                bool retransmission);
  // The middle 32 bits of an SR's NTP timestamp, for LSR/DLSR.
  void OnSenderReport(uint64_t ntp_timestamp, int64_t now_ms);

  // Writes the sequence numbers to NACK now (and counts the try); returns how many.
  size_t CollectNacks(std::span<uint16_t> out, int64_t now_ms);
  // The report block for an RR (updates the "since last report" counters).
  media::rtcp::ReportBlock MakeReportBlock(int64_t now_ms);

  uint32_t ssrc() const { return ssrc_; }
  uint64_t packets() const { return packets_; }
  uint64_t bytes() const { return bytes_; }
  uint64_t expected() const { return started_ ? uint64_t(max_ext_ - base_ext_ + 1) : 0; }
  int64_t lost() const { return started_ ? int64_t(expected()) - int64_t(packets_) : 0; }
  uint64_t retransmissions() const { return retransmissions_; }
  uint32_t jitter() const { return static_cast<uint32_t>(jitter_q4_ >> 4); }
  int64_t last_packet_ms() const { return last_packet_ms_; }

 private:
  struct Missing {
    uint16_t seq = 0;
    uint8_t tries = 0;
    int64_t last_nack_ms = 0;
  };
  void AddMissing(uint16_t seq);
  void RemoveMissing(uint16_t seq);

  uint32_t ssrc_;
  uint32_t clock_rate_;
  bool started_ = false;
  int64_t base_ext_ = 0;
  int64_t max_ext_ = 0;
  uint64_t packets_ = 0;
  uint64_t bytes_ = 0;
  uint64_t retransmissions_ = 0;
  int64_t jitter_q4_ = 0;
  int64_t last_transit_ = 0;
  bool have_transit_ = false;
  int64_t last_packet_ms_ = 0;
  uint32_t last_sr_ = 0;
  int64_t last_sr_ms_ = 0;
  uint64_t expected_prior_ = 0;
  uint64_t received_prior_ = 0;
  std::array<Missing, kMaxMissing> missing_{};
  size_t missing_count_ = 0;
};

}  // namespace meet::bridge::forwarding
