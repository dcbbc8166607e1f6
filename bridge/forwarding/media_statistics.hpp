#pragma once
// MediaStatistics: one snapshot of a conference's (or, summed, the bridge's) forwarding plane,
// published by the worker once a second and read by the control thread.

#include <cstdint>

namespace meet::bridge::forwarding {

struct MediaStatistics {
  uint64_t endpoints = 0;
  uint64_t endpoints_connected = 0;
  uint64_t endpoints_sending_audio = 0;  // audio received in the last interval
  uint64_t endpoints_sending_video = 0;
  double bit_rate_download_kbps = 0;  // into the bridge
  double bit_rate_upload_kbps = 0;    // out of the bridge
  double packet_rate_download = 0;
  double packet_rate_upload = 0;
  double loss_rate_download = 0;  // fraction lost of what senders sent us (interval)
  double loss_rate_upload = 0;    // receivers' reported fraction lost (mean of RR blocks)
  // Totals since start.
  uint64_t rtp_packets_received = 0;
  uint64_t rtp_packets_forwarded = 0;
  uint64_t nacks_received = 0;           // NACKed sequence numbers from receivers
  uint64_t retransmissions_sent = 0;     // answered from the cache
  uint64_t nacks_sent = 0;               // sequence numbers the bridge NACKed to senders
  uint64_t keyframe_requests_received = 0;  // PLI/FIR from receivers
  uint64_t keyframe_requests_sent = 0;      // PLIs to senders
  uint64_t twcc_feedbacks_sent = 0;
  uint64_t receiver_reports_sent = 0;
  uint64_t sender_reports_sent = 0;
  uint64_t layer_switches = 0;
  uint64_t bridge_messages_received = 0;
  uint64_t bridge_messages_bad = 0;
  uint64_t dominant_speaker_changes = 0;

  void Add(const MediaStatistics& o);
};

}  // namespace meet::bridge::forwarding
