#pragma once
// TransportFactory: makes the EndpointTransport of a new endpoint. The bridge is given one at
// start-up: ForwardingTransportFactory (WebRtcTransport on worker loops) or, for control-plane
// tests, PlaceholderTransportFactory.

#include <memory>
#include <string>

#include "bridge/bridge_statistics.hpp"
#include "bridge/endpoint_transport.hpp"
#include "media/base/result.hpp"

namespace meet::bridge {

struct TransportRequest {
  std::string conference_id;     // the bridge's internal id
  std::string endpoint_id;
  bool ice_controlling = false;  // colibri2 <transport ice-controlling='true'>
  bool sctp = false;             // colibri2 <sctp/> requested
  uint32_t feedback_audio_ssrc = 0;  // the conference's jvb-a0 / jvb-v0 (RTCP sender SSRCs)
  uint32_t feedback_video_ssrc = 0;
};

class TransportFactory {
 public:
  virtual ~TransportFactory() = default;
  virtual Result<std::unique_ptr<EndpointTransport>> Create(const TransportRequest& request) = 0;
  // Adds the media figures (rates, loss, senders) from the latest snapshots; control thread.
  virtual void AddStatistics(BridgeStatistics& /*stats*/) const {}
  // False when the media workers are stuck.
  virtual bool Healthy() const { return true; }
};

}  // namespace meet::bridge
