#pragma once
// PlaceholderTransportFactory: makes PlaceholderTransports that all present the fingerprint of
// one process-wide DTLS certificate (generated once, as the real transport will do).

#include <memory>
#include <string>

#include "bridge/transport_factory.hpp"
#include "media/base/result.hpp"

namespace meet::bridge {

class PlaceholderTransportFactory final : public TransportFactory {
 public:
  // Generates the certificate (media/dtls). Error: dtls.certificate-failed.
  static Result<std::unique_ptr<PlaceholderTransportFactory>> Create();
  // With a given fingerprint (tests).
  explicit PlaceholderTransportFactory(std::string fingerprint) : fingerprint_(std::move(fingerprint)) {}

  Result<std::unique_ptr<EndpointTransport>> Create(const TransportRequest& request) override;
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  std::string fingerprint_;
};

}  // namespace meet::bridge
