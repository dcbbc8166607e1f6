#include "bridge/placeholder_transport_factory.hpp"

#include "bridge/placeholder_transport.hpp"
#include "media/dtls/dtls_certificate.hpp"

namespace meet::bridge {

Result<std::unique_ptr<PlaceholderTransportFactory>> PlaceholderTransportFactory::Create() {
  auto cert = media::dtls::DtlsCertificate::Generate("meet-bridge");
  if (!cert.ok()) return cert.error();
  return std::make_unique<PlaceholderTransportFactory>(cert->fingerprint());
}

Result<std::unique_ptr<EndpointTransport>> PlaceholderTransportFactory::Create(
    const TransportRequest& /*request*/) {
  std::unique_ptr<EndpointTransport> t = std::make_unique<PlaceholderTransport>(fingerprint_);
  return t;
}

}  // namespace meet::bridge
