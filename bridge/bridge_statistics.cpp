#include "bridge/bridge_statistics.hpp"

#include <fmt/format.h>

namespace meet::bridge {

nlohmann::ordered_json BridgeStatistics::ToJson() const {
  nlohmann::ordered_json j;
  j["conferences"] = conferences;
  j["participants"] = endpoints;
  j["endpoints"] = endpoints;
  j["endpoints_sending_audio"] = endpoints_sending_audio;
  j["endpoints_sending_video"] = endpoints_sending_video;
  j["bit_rate_download"] = bit_rate_download_kbps;
  j["bit_rate_upload"] = bit_rate_upload_kbps;
  j["packet_rate_download"] = packet_rate_download;
  j["packet_rate_upload"] = packet_rate_upload;
  j["loss_rate_download"] = loss_rate_download;
  j["loss_rate_upload"] = loss_rate_upload;
  j["stress_level"] = stress_level;
  j["average_participant_stress"] = average_participant_stress;
  j["graceful_shutdown"] = graceful_shutdown;
  j["drain"] = drain;
  j["healthy"] = healthy;
  j["region"] = region;
  j["relay_id"] = relay_id;
  j["version"] = version;
  j["total_packets_received"] = rtp_packets_received;
  j["total_packets_forwarded"] = rtp_packets_forwarded;
  j["total_retransmissions_sent"] = retransmissions_sent;
  j["total_keyframe_requests_sent"] = keyframe_requests_sent;
  j["media_workers"] = media_workers;
  j["colibri2_requests"] = colibri2_requests;
  j["colibri2_failures"] = colibri2_failures;
  return j;
}

std::string BridgeStatistics::ToPrometheusText() const {
  std::string out;
  auto metric = [&out](std::string_view name, std::string_view type, std::string_view help,
                       double value) {
    out += fmt::format("# HELP jitsi_jvb_{0} {1}\n# TYPE jitsi_jvb_{0} {2}\njitsi_jvb_{0} {3}\n",
                       name, help, type, value);
  };
  metric("conferences", "gauge", "Current number of conferences.", static_cast<double>(conferences));
  metric("endpoints", "gauge", "Current number of endpoints.", static_cast<double>(endpoints));
  metric("endpoints_sending_audio", "gauge", "Endpoints sending audio.",
         static_cast<double>(endpoints_sending_audio));
  metric("endpoints_sending_video", "gauge", "Endpoints sending video.",
         static_cast<double>(endpoints_sending_video));
  metric("incoming_bitrate_kbps", "gauge", "Incoming bit rate in kbit/s.", bit_rate_download_kbps);
  metric("outgoing_bitrate_kbps", "gauge", "Outgoing bit rate in kbit/s.", bit_rate_upload_kbps);
  metric("incoming_packet_rate", "gauge", "Incoming packets per second.", packet_rate_download);
  metric("outgoing_packet_rate", "gauge", "Outgoing packets per second.", packet_rate_upload);
  metric("incoming_loss_fraction", "gauge", "Incoming packet loss fraction.", loss_rate_download);
  metric("outgoing_loss_fraction", "gauge", "Outgoing packet loss fraction.", loss_rate_upload);
  metric("stress_level", "gauge", "Stress level (load relative to capacity).", stress_level);
  metric("graceful_shutdown", "gauge", "1 while in graceful shutdown.", graceful_shutdown ? 1 : 0);
  metric("drain", "gauge", "1 while draining.", drain ? 1 : 0);
  metric("healthy", "gauge", "1 when healthy.", healthy ? 1 : 0);
  metric("packets_received_total", "counter", "RTP packets received from endpoints.",
         static_cast<double>(rtp_packets_received));
  metric("packets_forwarded_total", "counter", "RTP packets forwarded to endpoints.",
         static_cast<double>(rtp_packets_forwarded));
  metric("retransmissions_total", "counter", "Packets retransmitted from the cache on NACK.",
         static_cast<double>(retransmissions_sent));
  metric("keyframe_requests_total", "counter", "Key-frame requests (PLI) sent to senders.",
         static_cast<double>(keyframe_requests_sent));
  metric("colibri2_requests_total", "counter", "COLIBRI2 requests handled.",
         static_cast<double>(colibri2_requests));
  metric("colibri2_failures_total", "counter", "COLIBRI2 requests answered with an error.",
         static_cast<double>(colibri2_failures));
  return out;
}

signaling::stanzas::BridgeStats BridgeStatistics::ToPresenceStats() const {
  signaling::stanzas::BridgeStats s;
  s.SetStressLevel(stress_level);
  s.SetDouble(signaling::stanzas::BridgeStats::kAverageParticipantStress, average_participant_stress);
  if (!region.empty()) s.SetRegion(region);
  if (!relay_id.empty()) s.SetRelayId(relay_id);
  s.SetVersion(version);
  s.SetDrain(drain);
  s.SetGracefulShutdown(graceful_shutdown);
  s.SetShuttingDown(false);
  s.SetHealthy(healthy);
  s.SetInt(signaling::stanzas::BridgeStats::kConferences, static_cast<int64_t>(conferences));
  s.SetInt(signaling::stanzas::BridgeStats::kParticipants, static_cast<int64_t>(endpoints));
  s.SetInt("endpoints_sending_audio", static_cast<int64_t>(endpoints_sending_audio));
  s.SetInt("endpoints_sending_video", static_cast<int64_t>(endpoints_sending_video));
  s.SetDouble("bit_rate_download", bit_rate_download_kbps);
  s.SetDouble("bit_rate_upload", bit_rate_upload_kbps);
  s.SetDouble("packet_rate_download", packet_rate_download);
  s.SetDouble("packet_rate_upload", packet_rate_upload);
  return s;
}

}  // namespace meet::bridge
