#pragma once
// EndpointTransport: the seam between the control plane and the media transport of one
// endpoint. An Endpoint owns one. ForwardingEndpointTransport implements it with a WebRtcTransport
// (ICE + DTLS + SRTP + SCTP) on a media worker; PlaceholderTransport (credentials and fingerprint
// only) serves control-plane tests.

#include "media/base/result.hpp"
#include <vector>

#include "signaling/colibri2/model.hpp"
#include "signaling/jingle/ice_udp_transport.hpp"

namespace meet::bridge {

class EndpointTransport {
 public:
  virtual ~EndpointTransport() = default;

  // The bridge's side as signalled in COLIBRI2: ufrag, pwd, candidates, the DTLS fingerprint
  // (setup actpass) and rtcp-mux. The web-socket URL is added by the caller.
  virtual signaling::jingle::IceUdpTransport LocalDescription() const = 0;
  // The client's ICE credentials, candidates and DTLS fingerprint (colibri2 <transport>).
  virtual Status SetRemoteDescription(const signaling::jingle::IceUdpTransport& remote) = 0;
  // ICE restart: new local credentials. False when refused (then the endpoint is answered
  // without a transport, which is not an error).
  virtual bool RestartIce() = 0;
  // Whether an SCTP association (data channels, port 5000) was requested.
  virtual void EnableSctp() = 0;
  virtual bool sctp_enabled() const = 0;
  // The endpoint's current media descriptions, complete source set and force-mute, after
  // every request that changed any of them (the forwarding plane's input).
  virtual void ApplyMedia(const std::vector<signaling::colibri2::Media>& /*medias*/,
                          const signaling::colibri2::Sources& /*sources*/,
                          const signaling::colibri2::ForceMute& /*force_mute*/) {}
};

}  // namespace meet::bridge
