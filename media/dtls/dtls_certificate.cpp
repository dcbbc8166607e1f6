#include "media/dtls/dtls_certificate.hpp"

#include <openssl/asn1.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "media/dtls/ssl_handles.hpp"

namespace meet::media::dtls {

struct DtlsCertificate::Impl {
  EvpPkeyPtr key;
  X509Ptr cert;
  std::string fingerprint;
};

namespace {

Error CertError(std::string_view what) {
  std::array<char, 256> buf{};
  ERR_error_string_n(ERR_get_error(), buf.data(), buf.size());
  ERR_clear_error();
  return MakeError("dtls.certificate-failed", std::string(what) + ": " + buf.data());
}

}  // namespace

DtlsCertificate::DtlsCertificate(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Result<DtlsCertificate> DtlsCertificate::Generate(std::string_view common_name, std::chrono::hours validity) {
  if (common_name.empty() || common_name.size() > 64) {
    return MakeError("dtls.certificate-failed", "common name must be 1..64 characters");
  }
  ERR_clear_error();
  auto impl = std::make_shared<Impl>();
  impl->key.reset(EVP_EC_gen("P-256"));
  if (!impl->key) return CertError("EC key generation");

  impl->cert.reset(X509_new());
  X509* x = impl->cert.get();
  if (x == nullptr) return CertError("X509_new");
  if (X509_set_version(x, X509_VERSION_3) != 1) return CertError("X509_set_version");

  std::array<uint8_t, 8> serial_bytes{};
  if (RAND_bytes(serial_bytes.data(), static_cast<int>(serial_bytes.size())) != 1) return CertError("RAND_bytes");
  uint64_t serial = 0;
  for (uint8_t b : serial_bytes) serial = (serial << 8) | b;
  serial &= 0x7fffffffffffffffULL;  // positive
  if (serial == 0) serial = 1;
  if (ASN1_INTEGER_set_uint64(X509_get_serialNumber(x), serial) != 1) return CertError("serial");

  const long validity_seconds = static_cast<long>(std::chrono::seconds(validity).count());
  if (X509_gmtime_adj(X509_getm_notBefore(x), -24L * 3600) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(x), validity_seconds) == nullptr) {
    return CertError("validity");
  }
  if (X509_set_pubkey(x, impl->key.get()) != 1) return CertError("X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(x);
  const std::string cn(common_name);
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()),
                                 -1, -1, 0) != 1 ||
      X509_set_issuer_name(x, name) != 1) {
    return CertError("name");
  }
  if (X509_sign(x, impl->key.get(), EVP_sha256()) <= 0) return CertError("X509_sign");

  auto fp = Fingerprint::Compute(x, HashFunction::kSha256);
  if (!fp.ok()) return fp.error();
  impl->fingerprint = fp->ToString();
  return DtlsCertificate(std::move(impl));
}

X509* DtlsCertificate::x509() const { return impl_->cert.get(); }
EVP_PKEY* DtlsCertificate::private_key() const { return impl_->key.get(); }
const std::string& DtlsCertificate::fingerprint() const { return impl_->fingerprint; }

Result<Fingerprint> DtlsCertificate::FingerprintFor(HashFunction hash) const {
  return Fingerprint::Compute(impl_->cert.get(), hash);
}

}  // namespace meet::media::dtls
