#pragma once
// BridgeStatistics: one snapshot of the bridge's load, in the three forms it is published in:
// GET /colibri/stats (flat JSON, JVB key names), GET /metrics (Prometheus text format 0.0.4)
// and the brewery presence (<stats xmlns='http://jitsi.org/protocol/colibri'>). Media figures come
// from the forwarding plane's snapshots (TransportFactory::AddStatistics); counts from the
// ConferenceManager.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "signaling/stanzas/bridge_stats.hpp"

namespace meet::bridge {

struct BridgeStatistics {
  uint64_t conferences = 0;
  uint64_t endpoints = 0;
  uint64_t endpoints_sending_audio = 0;
  uint64_t endpoints_sending_video = 0;
  double bit_rate_download_kbps = 0;
  double bit_rate_upload_kbps = 0;
  double packet_rate_download = 0;
  double packet_rate_upload = 0;
  double loss_rate_download = 0;  // fraction 0..1
  double loss_rate_upload = 0;
  double stress_level = 0;
  double average_participant_stress = 0.01;  // JVB's default estimate per participant
  bool graceful_shutdown = false;
  bool drain = false;
  bool healthy = true;
  uint64_t rtp_packets_received = 0;
  uint64_t rtp_packets_forwarded = 0;
  uint64_t retransmissions_sent = 0;
  uint64_t keyframe_requests_sent = 0;
  uint64_t media_workers = 0;
  uint64_t colibri2_requests = 0;
  uint64_t colibri2_failures = 0;
  // Identity (presence and /colibri/stats).
  std::string region;
  std::string relay_id;
  std::string version;

  nlohmann::ordered_json ToJson() const;
  // "# HELP …\n# TYPE …\njitsi_jvb_conferences 0\n…"
  std::string ToPrometheusText() const;
  signaling::stanzas::BridgeStats ToPresenceStats() const;
};

}  // namespace meet::bridge
