#include "bridge/forwarding/media_endpoint.hpp"

#include "bridge/forwarding/media_conference.hpp"
#include "signaling/bridge_channel/message_codec.hpp"

namespace meet::bridge::forwarding {
namespace bc = signaling::bridge_channel;

namespace {
constexpr std::string_view kJvbDataChannelLabel = "JVB data channel";
}  // namespace

MediaEndpoint::MediaEndpoint(MediaConference& conference, std::string id, const log::Logger& log)
    : conference_(conference), id_(std::move(id)), log_(log.With("ep", id_)) {}

MediaEndpoint::~MediaEndpoint() {
  if (transport_) transport_->Close();
  transport_.reset();
}

Status MediaEndpoint::Init(media::loop::EventLoop& loop, media::transport::TransportConfig config) {
  auto transport = media::transport::WebRtcTransport::Create(loop, std::move(config), this);
  if (!transport.ok()) return transport.error();
  transport_ = std::move(*transport);
  return {};
}

MediaEndpoint::Incoming* MediaEndpoint::FindIncoming(uint32_t ssrc) {
  for (Incoming& in : incoming_) {
    if (in.ssrc == ssrc) return &in;
  }
  return nullptr;
}

MediaEndpoint::OutgoingVideo* MediaEndpoint::FindOutgoingVideo(uint32_t output_ssrc) {
  for (OutgoingVideo& ov : outgoing_video_) {
    if (ov.primary_ssrc == output_ssrc || (ov.rtx_ssrc != 0 && ov.rtx_ssrc == output_ssrc)) return &ov;
  }
  return nullptr;
}

MediaEndpoint::OutgoingAudio* MediaEndpoint::FindOutgoingAudio(uint32_t ssrc) {
  for (OutgoingAudio& oa : outgoing_audio_) {
    if (oa.ssrc == ssrc) return &oa;
  }
  return nullptr;
}

void MediaEndpoint::SetMedia(EndpointMedia media) {
  media_ = std::move(media);
  // Keep the statistics of SSRCs that stay.
  std::vector<Incoming> next;
  auto keep = [&](Incoming in) {
    if (Incoming* old = FindIncoming(in.ssrc); old != nullptr) {
      in.stream = old->stream;
      in.last_keyframe_request_ms = old->last_keyframe_request_ms;
    }
    next.push_back(in);
  };
  for (size_t i = 0; i < media_.audio_sources.size(); ++i) {
    Incoming in;
    in.ssrc = media_.audio_sources[i].ssrc;
    in.audio = true;
    in.source = i;
    in.primary_ssrc = in.ssrc;
    in.stream = ReceiveStream(in.ssrc, 48000);
    keep(in);
  }
  for (size_t i = 0; i < media_.video_sources.size(); ++i) {
    const VideoSource& v = media_.video_sources[i];
    for (size_t e = 0; e < v.encodings.size(); ++e) {
      Incoming in;
      in.ssrc = v.encodings[e].ssrc;
      in.source = i;
      in.encoding = e;
      in.primary_ssrc = in.ssrc;
      in.stream = ReceiveStream(in.ssrc, 90000);
      keep(in);
      if (v.encodings[e].rtx_ssrc != 0) {
        Incoming rtx;
        rtx.ssrc = v.encodings[e].rtx_ssrc;
        rtx.rtx = true;
        rtx.source = i;
        rtx.encoding = e;
        rtx.primary_ssrc = in.ssrc;
        rtx.stream = ReceiveStream(rtx.ssrc, 0);
        keep(rtx);
      }
    }
  }
  incoming_ = std::move(next);
}

bool MediaEndpoint::SendMessage(const bc::Message& message) {
  if (sink_) {
    sink_(bc::Serialize(message));
    return true;
  }
  if (!data_channel_ || !transport_) return false;
  Status s = transport_->SendDataText(*data_channel_, bc::Serialize(message));
  if (!s.ok()) log_.Debug("bridge-channel send failed: {}", s.error().ToString());
  return s.ok();
}

void MediaEndpoint::OnTransportConnected() {
  log_.Info("transport connected ({})", transport_->srtp_profile() ? "srtp" : "no srtp");
  conference_.OnEndpointConnected(*this);
}

void MediaEndpoint::OnTransportFailed(const Error& error) {
  log_.Warn("transport failed: {}", error.ToString());
}

void MediaEndpoint::OnTransportRtp(std::span<uint8_t> packet) { conference_.OnRtp(*this, packet); }

void MediaEndpoint::OnTransportRtcp(std::span<uint8_t> compound) { conference_.OnRtcp(*this, compound); }

void MediaEndpoint::OnDataChannelOpen(uint16_t id, std::string_view label, std::string_view protocol) {
  log_.Info("data channel {} open: label='{}' protocol='{}'", id, label, protocol);
  if (label != kJvbDataChannelLabel && data_channel_) return;
  data_channel_ = id;
  conference_.OnDataChannelOpen(*this);
}

void MediaEndpoint::OnDataChannelMessage(uint16_t /*id*/, std::span<const uint8_t> message, bool binary) {
  if (binary) return;
  conference_.HandleBridgeMessage(
      *this, std::string_view(reinterpret_cast<const char*>(message.data()), message.size()));
}

void MediaEndpoint::OnDataChannelClosed(uint16_t id) {
  if (data_channel_ == id) data_channel_.reset();
}

}  // namespace meet::bridge::forwarding
