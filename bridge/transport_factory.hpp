#pragma once
// TransportFactory: makes the EndpointTransport of a new endpoint. The bridge is given one at
// start-up; PlaceholderTransportFactory until media/transport's WebRtcTransport exists.

#include <memory>
#include <string>

#include "bridge/endpoint_transport.hpp"
#include "media/base/result.hpp"

namespace meet::bridge {

struct TransportRequest {
  std::string conference_id;     // the bridge's internal id
  std::string endpoint_id;
  bool ice_controlling = false;  // colibri2 <transport ice-controlling='true'>
};

class TransportFactory {
 public:
  virtual ~TransportFactory() = default;
  virtual Result<std::unique_ptr<EndpointTransport>> Create(const TransportRequest& request) = 0;
};

}  // namespace meet::bridge
