#pragma once
// RAII owners for the OpenSSL handles the DTLS area uses: unique_ptr with deleters, so no
// handle is freed by hand.

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>

namespace meet::media::dtls {

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct X509Deleter {
  void operator()(X509* p) const noexcept { X509_free(p); }
};
struct SslCtxDeleter {
  void operator()(SSL_CTX* p) const noexcept { SSL_CTX_free(p); }
};
struct SslDeleter {
  void operator()(SSL* p) const noexcept { SSL_free(p); }
};
struct BioMethodDeleter {
  void operator()(BIO_METHOD* p) const noexcept { BIO_meth_free(p); }
};
struct EvpMdCtxDeleter {
  void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxDeleter>;
using SslPtr = std::unique_ptr<SSL, SslDeleter>;
using BioMethodPtr = std::unique_ptr<BIO_METHOD, BioMethodDeleter>;

}  // namespace meet::media::dtls
