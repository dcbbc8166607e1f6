#pragma once
// ForwardingTransportFactory: the real TransportFactory. Owns the WorkerPool and one
// MediaConference per conference (created on the conference's worker when its first endpoint
// arrives, destroyed there when its last endpoint goes). Each endpoint gets a
// ForwardingEndpointTransport whose calls are commands run on that worker
// (EventLoop::Invoke); the control thread never touches media state. Statistics come from the
// conferences' published snapshots.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bridge/forwarding/media_conference.hpp"
#include "bridge/transport_factory.hpp"
#include "bridge/worker_pool.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/ice/ice_config.hpp"

namespace meet::bridge {

struct ForwardingConfig {
  // Addresses to gather host candidates on (tests: 127.0.0.1); empty = libnice's choice.
  std::vector<std::string> media_addresses;
  uint16_t min_port = 0;
  uint16_t max_port = 0;
  std::vector<media::ice::PublicAddressMapping> public_addresses;
  size_t workers = 0;  // 0 = hardware threads - 1
};

class ForwardingTransportFactory final : public TransportFactory {
 public:
  // Generates the process certificate. Error: dtls.certificate-failed.
  static Result<std::unique_ptr<ForwardingTransportFactory>> Create(ForwardingConfig config);
  ForwardingTransportFactory(ForwardingConfig config, media::dtls::DtlsCertificate certificate);
  ~ForwardingTransportFactory() override;

  Result<std::unique_ptr<EndpointTransport>> Create(const TransportRequest& request) override;
  void AddStatistics(BridgeStatistics& stats) const override;
  bool Healthy() const override;

  // Sum of every conference's latest snapshot.
  forwarding::MediaStatistics Snapshot() const;
  size_t media_conference_count() const { return conferences_.size(); }
  const std::string& fingerprint() const { return certificate_.fingerprint(); }

  // Runs `task` on the conference's worker with its MediaConference (nullptr when unknown);
  // waits for it. For the colibri-ws server and tests.
  bool RunOnConference(const std::string& conference_id,
                       const std::function<void(forwarding::MediaConference*)>& task);

 private:
  friend class ForwardingEndpointTransport;
  struct Entry {
    size_t worker = 0;
    std::unique_ptr<forwarding::MediaConference> conference;  // destroyed on its worker
    size_t endpoints = 0;
  };
  Entry* Acquire(const TransportRequest& request);
  void Release(const std::string& conference_id);

  ForwardingConfig config_;
  media::dtls::DtlsCertificate certificate_;
  WorkerPool workers_;
  std::map<std::string, Entry> conferences_;  // control thread
};

}  // namespace meet::bridge
