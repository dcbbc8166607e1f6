#pragma once
// DtlsCertificate: the self-signed ECDSA P-256 certificate a process presents in every DTLS
// handshake, and its "sha-256" fingerprint for signalling. A cheap-to-copy, immutable
// handle: generate one at startup and give a copy to every DtlsTransport.

#include <openssl/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "media/base/result.hpp"
#include "media/dtls/fingerprint.hpp"

namespace meet::media::dtls {

class DtlsCertificate {
 public:
  // Peers verify DTLS certificates only by fingerprint, never by validity dates, but the
  // dates are set sensibly anyway: from one day ago (clock skew) for `validity`.
  static constexpr std::chrono::hours kDefaultValidity{24 * 365};

  // New key pair and certificate (random serial, subject and issuer CN=common_name, signed
  // with ECDSA-SHA256). Error: dtls.certificate-failed.
  static Result<DtlsCertificate> Generate(std::string_view common_name = "meet",
                                          std::chrono::hours validity = kDefaultValidity);

  X509* x509() const;
  EVP_PKEY* private_key() const;
  // sha-256 fingerprint, "AB:CD:..." (upper case): what we signal in <fingerprint hash='sha-256'>.
  const std::string& fingerprint() const;
  static constexpr std::string_view fingerprint_hash() { return "sha-256"; }
  // The fingerprint under another hash function.
  Result<Fingerprint> FingerprintFor(HashFunction hash) const;

 private:
  struct Impl;
  explicit DtlsCertificate(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace meet::media::dtls
