#include "bridge/forwarding/media_statistics.hpp"

namespace meet::bridge::forwarding {

void MediaStatistics::Add(const MediaStatistics& o) {
  // Loss fractions are weighted by packet rates.
  const double down_pkts = packet_rate_download + o.packet_rate_download;
  const double up_pkts = packet_rate_upload + o.packet_rate_upload;
  loss_rate_download = down_pkts > 0 ? (loss_rate_download * packet_rate_download +
                                        o.loss_rate_download * o.packet_rate_download) / down_pkts
                                     : 0;
  loss_rate_upload = up_pkts > 0 ? (loss_rate_upload * packet_rate_upload +
                                    o.loss_rate_upload * o.packet_rate_upload) / up_pkts
                                 : 0;
  endpoints += o.endpoints;
  endpoints_connected += o.endpoints_connected;
  endpoints_sending_audio += o.endpoints_sending_audio;
  endpoints_sending_video += o.endpoints_sending_video;
  bit_rate_download_kbps += o.bit_rate_download_kbps;
  bit_rate_upload_kbps += o.bit_rate_upload_kbps;
  packet_rate_download = down_pkts;
  packet_rate_upload = up_pkts;
  rtp_packets_received += o.rtp_packets_received;
  rtp_packets_forwarded += o.rtp_packets_forwarded;
  nacks_received += o.nacks_received;
  retransmissions_sent += o.retransmissions_sent;
  nacks_sent += o.nacks_sent;
  keyframe_requests_received += o.keyframe_requests_received;
  keyframe_requests_sent += o.keyframe_requests_sent;
  twcc_feedbacks_sent += o.twcc_feedbacks_sent;
  receiver_reports_sent += o.receiver_reports_sent;
  sender_reports_sent += o.sender_reports_sent;
  layer_switches += o.layer_switches;
  bridge_messages_received += o.bridge_messages_received;
  bridge_messages_bad += o.bridge_messages_bad;
  dominant_speaker_changes += o.dominant_speaker_changes;
}

}  // namespace meet::bridge::forwarding
