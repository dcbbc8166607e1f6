#pragma once
// PlaceholderTransport: an EndpointTransport without media. It has random ICE credentials
// (RFC 8445: ufrag >= 4, pwd >= 22 characters), the process DTLS certificate's fingerprint and
// no candidates; it stores what the client sends. THE SEAM: replace it with media/transport's
// WebRtcTransport (through TransportFactory) to get real ICE, DTLS, SRTP and SCTP.

#include <optional>
#include <string>

#include "bridge/endpoint_transport.hpp"

namespace meet::bridge {

class PlaceholderTransport final : public EndpointTransport {
 public:
  explicit PlaceholderTransport(std::string fingerprint);

  signaling::jingle::IceUdpTransport LocalDescription() const override;
  Status SetRemoteDescription(const signaling::jingle::IceUdpTransport& remote) override;
  bool RestartIce() override;
  void EnableSctp() override { sctp_ = true; }
  bool sctp_enabled() const override { return sctp_; }

  const std::optional<signaling::jingle::IceUdpTransport>& remote() const { return remote_; }
  uint32_t ice_generation() const { return generation_; }

 private:
  std::string fingerprint_;
  std::string ufrag_;
  std::string pwd_;
  uint32_t generation_ = 0;
  bool sctp_ = false;
  std::optional<signaling::jingle::IceUdpTransport> remote_;
};

}  // namespace meet::bridge
