#pragma once
// MediaConference: the forwarding plane of one conference. It lives on one worker EventLoop for
// its whole life, with every endpoint's transport; the control thread reaches it only through
// EventLoop::Invoke/Post (see bridge/forwarding_transport_factory.hpp) and reads statistics
// from the snapshot published once a second.
//
// Packet path (worker thread, no allocation, no lock):
//   RTP in -> SSRC lookup -> RTX unwrap (repairs after our NACKs) -> receive statistics, loss
//   detection, transport-cc arrival -> audio: level -> every other connected endpoint (unless
//   force-muted), transport-cc re-stamped per receiver; video: VP8 descriptor -> per receiver,
//   the source's VideoProjection decides and rewrites in place (SSRC, seq, ts, picture id,
//   TL0PICIDX) -> retransmission cache copy -> protect + send (into the transport's pooled
//   scratch buffer) -> restore the sender's values for the next receiver.
//   RTCP in (terminated) -> SR: LSR for our RRs; NACK: answered from the cache (RTX when
//   negotiated, else plain); PLI/FIR: mapped to the sender's encoding (rate-limited); RR:
//   upload loss; transport-cc / REMB: counted (BWE plugs in here).
// Timers (20 ms tick): NACKs toward senders, transport-cc feedback (100 ms), dominant speaker
// (300 ms), RRs to senders, SRs to receivers and the statistics snapshot (1 s).

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/forwarding/endpoint_media.hpp"
#include "bridge/forwarding/media_endpoint.hpp"
#include "bridge/forwarding/media_statistics.hpp"
#include "media/base/log.hpp"
#include "media/base/result.hpp"
#include "media/loop/event_loop.hpp"
#include "media/loop/timer.hpp"
#include "media/transport/webrtc_transport.hpp"
#include "signaling/bridge_channel/messages.hpp"

namespace meet::bridge::forwarding {

struct MediaConferenceConfig {
  std::string conference_id;
  uint32_t feedback_audio_ssrc = 0;  // jvb-a0
  uint32_t feedback_video_ssrc = 0;  // jvb-v0
  // ICE addresses, port range, public mapping and the process certificate; per endpoint the
  // conference sets controlling, SCTP and the log context.
  media::transport::TransportConfig transport;
  // Minimum spacing of key-frame requests to one sender encoding.
  int64_t keyframe_request_interval_ms = 300;
};

class MediaConference {
 public:
  static constexpr int64_t kTickMs = 20;

  // On the worker loop's thread.
  MediaConference(media::loop::EventLoop& loop, MediaConferenceConfig config);
  ~MediaConference();
  MediaConference(const MediaConference&) = delete;
  MediaConference& operator=(const MediaConference&) = delete;

  // ---- Commands (worker thread) ----
  Result<media::transport::LocalParameters> AddEndpoint(const std::string& id, bool sctp,
                                                        bool ice_controlling);
  void RemoveEndpoint(const std::string& id);
  Status SetRemoteParameters(const std::string& id, const media::transport::RemoteParameters& remote);
  Result<media::transport::LocalParameters> RestartIce(const std::string& id);
  std::optional<media::transport::LocalParameters> GetLocalParameters(const std::string& id);
  void UpdateMedia(const std::string& id, EndpointMedia media);
  // A bridge-channel message from an endpoint, whatever carried it (data channel, colibri-ws).
  void HandleBridgeMessage(MediaEndpoint& from, std::string_view text);
  void HandleBridgeMessage(const std::string& endpoint_id, std::string_view text);
  MediaEndpoint* FindEndpoint(const std::string& id);
  size_t endpoint_count() const { return endpoints_.size(); }
  const std::string& dominant_speaker() const { return dominant_speaker_; }

  // ---- Thread-safe ----
  MediaStatistics Snapshot() const;

  // ---- From MediaEndpoint (worker thread) ----
  void OnRtp(MediaEndpoint& from, std::span<uint8_t> packet);
  void OnRtcp(MediaEndpoint& from, std::span<uint8_t> compound);
  void OnEndpointConnected(MediaEndpoint& endpoint);
  void OnDataChannelOpen(MediaEndpoint& endpoint);

  const log::Logger& log() const { return log_; }

 private:
  void RebuildRoutes();
  void Allocate(MediaEndpoint& receiver);
  void AllocateAll();
  void ForwardAudio(MediaEndpoint& from, media::rtp::RtpPacketView& packet, int64_t now_ms);
  void ForwardVideo(MediaEndpoint& from, const MediaEndpoint::Incoming& in,
                    media::rtp::RtpPacketView& packet, int64_t now_ms);
  void RequestKeyFrame(MediaEndpoint& sender, size_t source, int encoding, int64_t now_ms);
  void HandleNack(MediaEndpoint& receiver, uint32_t media_ssrc, std::span<const uint16_t> lost,
                  int64_t now_ms);
  void HandleKeyFrameRequest(MediaEndpoint& receiver, uint32_t media_ssrc, int64_t now_ms);
  void Tick();
  void SendNacks(int64_t now_ms);
  void SendTransportFeedback();
  void SendReports(int64_t now_ms);
  void DecideDominantSpeaker();
  void PublishStatistics(int64_t now_ms);
  void Broadcast(const signaling::bridge_channel::Message& message, const MediaEndpoint* except);
  int SpeakerRank(const MediaEndpoint& endpoint) const;
  static int64_t NowMs();

  media::loop::EventLoop& loop_;  // Not owned; outlives this.
  MediaConferenceConfig config_;
  log::Logger log_;
  std::map<std::string, std::unique_ptr<MediaEndpoint>> endpoints_;
  std::vector<MediaEndpoint*> list_;  // the values of endpoints_, for the hot path
  media::loop::Timer tick_;
  uint64_t ticks_ = 0;
  int64_t last_publish_ms_ = 0;
  std::string dominant_speaker_;
  std::vector<std::string> recent_speakers_;  // most recent first, at most 10
  MediaStatistics counters_;                  // worker thread
  std::array<uint8_t, 2048> scratch_{};      // RTX / RTCP build
  std::array<uint16_t, 64> lost_scratch_{};

  mutable std::mutex snapshot_mutex_;
  MediaStatistics snapshot_;  // guarded by snapshot_mutex_
};

}  // namespace meet::bridge::forwarding
