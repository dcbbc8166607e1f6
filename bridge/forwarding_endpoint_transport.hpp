#pragma once
// ForwardingEndpointTransport: the control-thread handle of one endpoint's media. Every call
// is a command run on the conference's worker loop (EventLoop::Invoke, a barrier); the local
// ICE/DTLS description is cached here. Destruction removes the endpoint (transport closed and
// freed on the worker) and releases the conference.

#include <string>

#include "bridge/endpoint_transport.hpp"
#include "media/loop/event_loop.hpp"
#include "media/transport/webrtc_transport.hpp"

namespace meet::bridge {

class ForwardingTransportFactory;
namespace forwarding {
class MediaConference;
}

class ForwardingEndpointTransport final : public EndpointTransport {
 public:
  ForwardingEndpointTransport(ForwardingTransportFactory& factory, media::loop::EventLoop& loop,
                              forwarding::MediaConference& conference, std::string conference_id,
                              std::string endpoint_id, media::transport::LocalParameters local,
                              bool sctp);
  ~ForwardingEndpointTransport() override;

  signaling::jingle::IceUdpTransport LocalDescription() const override;
  Status SetRemoteDescription(const signaling::jingle::IceUdpTransport& remote) override;
  bool RestartIce() override;
  void EnableSctp() override { sctp_ = true; }
  bool sctp_enabled() const override { return sctp_; }
  void ApplyMedia(const std::vector<signaling::colibri2::Media>& medias,
                  const signaling::colibri2::Sources& sources,
                  const signaling::colibri2::ForceMute& force_mute) override;

  // Conversions between COLIBRI2/Jingle and media structs.
  static signaling::jingle::Candidate ToJingle(const media::ice::IceCandidate& candidate);
  static media::ice::IceCandidate FromJingle(const signaling::jingle::Candidate& candidate);

 private:
  ForwardingTransportFactory& factory_;     // Not owned; outlives this.
  media::loop::EventLoop& loop_;            // Not owned; outlives this.
  forwarding::MediaConference& conference_; // Not owned; lives on loop_ while this exists.
  std::string conference_id_;
  std::string endpoint_id_;
  media::transport::LocalParameters local_;
  uint32_t generation_ = 0;
  bool sctp_ = false;
  bool remote_set_ = false;
  std::string remote_ufrag_;
};

}  // namespace meet::bridge
