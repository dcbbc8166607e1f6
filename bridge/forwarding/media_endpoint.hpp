#pragma once
// MediaEndpoint: the forwarding-plane side of one endpoint, owned by its MediaConference and
// living on the conference's worker loop: its WebRtcTransport (ICE + DTLS + SRTP + SCTP), what
// it sends (incoming SSRCs with receive statistics, transport-cc recorder), what it receives
// (one VideoProjection + retransmission cache per forwarded video source, counters per
// forwarded audio SSRC) and its bridge-channel state (receiver video constraints, data
// channel). The routing itself is MediaConference's; this class holds the per-endpoint state
// and relays the transport's events to it.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bridge/forwarding/endpoint_media.hpp"
#include "bridge/forwarding/receive_stream.hpp"
#include "bridge/forwarding/retransmission_cache.hpp"
#include "bridge/forwarding/twcc_recorder.hpp"
#include "bridge/forwarding/video_projection.hpp"
#include "media/base/log.hpp"
#include "media/transport/webrtc_transport.hpp"
#include "signaling/bridge_channel/messages.hpp"
#include "signaling/bridge_channel/receiver_video_state.hpp"

namespace meet::bridge::forwarding {

class MediaConference;

class MediaEndpoint final : public media::transport::WebRtcTransport::Listener {
 public:
  // An SSRC this endpoint sends.
  struct Incoming {
    uint32_t ssrc = 0;
    bool audio = false;
    bool rtx = false;
    size_t source = 0;         // index into media().audio_sources / video_sources
    size_t encoding = 0;       // video: index into the source's encodings
    uint32_t primary_ssrc = 0; // for RTX: the SSRC it repairs
    ReceiveStream stream{0, 0};
    int64_t last_keyframe_request_ms = -1'000'000;
  };

  // One video source forwarded to this endpoint.
  struct OutgoingVideo {
    MediaEndpoint* sender = nullptr;  // Not owned; the route is rebuilt before it goes away.
    size_t source = 0;
    std::string source_name;
    uint32_t primary_ssrc = 0;
    uint32_t rtx_ssrc = 0;
    VideoProjection projection{0};
    std::unique_ptr<RetransmissionCache> cache;
    uint16_t rtx_sequence = 0;
    uint64_t rtcp_octets = 0;
  };

  // One audio SSRC forwarded to this endpoint (for sender reports).
  struct OutgoingAudio {
    uint32_t ssrc = 0;
    uint64_t packets = 0;
    uint64_t octets = 0;
    uint32_t last_timestamp = 0;
    int64_t last_ms = 0;
  };

  MediaEndpoint(MediaConference& conference, std::string id, const log::Logger& log);
  ~MediaEndpoint() override;
  MediaEndpoint(const MediaEndpoint&) = delete;
  MediaEndpoint& operator=(const MediaEndpoint&) = delete;

  Status Init(media::loop::EventLoop& loop, media::transport::TransportConfig config);

  const std::string& id() const { return id_; }
  media::transport::WebRtcTransport& transport() { return *transport_; }
  bool connected() const {
    return transport_ && transport_->state() == media::transport::TransportState::kConnected;
  }
  const EndpointMedia& media() const { return media_; }
  const signaling::bridge_channel::ReceiverVideoState& video_state() const { return video_state_; }

  // Sends a bridge-channel message over the data channel (or the message sink). False when
  // there is no open channel.
  bool SendMessage(const signaling::bridge_channel::Message& message);
  // A sink for bridge-channel text used instead of the data channel (colibri-ws).
  void SetMessageSink(std::function<void(const std::string&)> sink) { sink_ = std::move(sink); }

 private:
  friend class MediaConference;

  Incoming* FindIncoming(uint32_t ssrc);
  OutgoingVideo* FindOutgoingVideo(uint32_t output_ssrc);
  OutgoingAudio* FindOutgoingAudio(uint32_t ssrc);
  void SetMedia(EndpointMedia media);

  // Implements WebRtcTransport::Listener.
  void OnTransportConnected() override;
  void OnTransportFailed(const Error& error) override;
  void OnTransportRtp(std::span<uint8_t> packet) override;
  void OnTransportRtcp(std::span<uint8_t> compound) override;
  void OnDataChannelOpen(uint16_t id, std::string_view label, std::string_view protocol) override;
  void OnDataChannelMessage(uint16_t id, std::span<const uint8_t> message, bool binary) override;
  void OnDataChannelClosed(uint16_t id) override;

  MediaConference& conference_;  // Not owned; owns this.
  std::string id_;
  log::Logger log_;
  std::unique_ptr<media::transport::WebRtcTransport> transport_;
  EndpointMedia media_;
  std::vector<Incoming> incoming_;
  std::vector<OutgoingVideo> outgoing_video_;
  std::vector<OutgoingAudio> outgoing_audio_;
  TwccRecorder twcc_;
  uint16_t twcc_out_sequence_ = 0;
  signaling::bridge_channel::ReceiverVideoState video_state_;
  std::vector<std::string> forwarded_sources_;
  std::optional<uint16_t> data_channel_;
  std::function<void(const std::string&)> sink_;
  bool bad_message_logged_ = false;
  // Speech activity: smoothed audio level (0 silence .. 127 loudest).
  double audio_energy_ = 0;
  int64_t last_audio_ms_ = -1'000'000;
  int64_t last_video_ms_ = -1'000'000;
  // Receivers' RR fraction-lost about our streams (for the upload loss figure).
  double reported_loss_ = 0;
  // Transport counters at the last statistics snapshot.
  media::transport::WebRtcTransport::Stats last_stats_;
  uint64_t last_expected_ = 0;
  uint64_t last_lost_ = 0;
};

}  // namespace meet::bridge::forwarding
