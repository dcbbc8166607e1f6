#pragma once
// EndpointTransport: the seam between the control plane and the media transport of one
// endpoint. An Endpoint owns one. Today PlaceholderTransport implements it (credentials and
// fingerprint only, no sockets); media/transport's WebRtcTransport (ICE + DTLS + SRTP + SCTP)
// plugs in here through a TransportFactory, without changes to the COLIBRI2 code.

#include "media/base/result.hpp"
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
};

}  // namespace meet::bridge
