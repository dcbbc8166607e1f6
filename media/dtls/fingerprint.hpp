#pragma once
// Certificate fingerprints as signalled in SDP a=fingerprint (RFC 8122) and Jingle
// <fingerprint hash='sha-256'>AB:CD:...</fingerprint> (XEP-0320): a hash function name and
// the digest as colon-separated hex pairs. Parsing is case-insensitive; ToString() gives
// upper-case hex as browsers and Jitsi send it.

#include <openssl/types.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "media/base/result.hpp"

namespace meet::media::dtls {

enum class HashFunction { kSha1, kSha224, kSha256, kSha384, kSha512 };

// "sha-1", "sha-224", "sha-256", "sha-384", "sha-512" (any case). Error: dtls.bad-hash.
Result<HashFunction> ParseHashFunction(std::string_view name);
// The lower-case signalling name, "sha-256".
std::string_view HashFunctionName(HashFunction hash);
// Digest size in bytes (20, 28, 32, 48, 64).
size_t DigestLength(HashFunction hash);

class Fingerprint {
 public:
  static constexpr size_t kMaxDigest = 64;
  // Longest value text accepted: 64 pairs with separators plus surrounding whitespace.
  static constexpr size_t kMaxValueText = 256;

  // Parses a signalled fingerprint. Surrounding whitespace is ignored; otherwise the value
  // must be exactly DigestLength(hash) hex pairs separated by ':'.
  // Errors: dtls.bad-hash, dtls.bad-fingerprint (with the offending character offset).
  static Result<Fingerprint> Parse(std::string_view hash, std::string_view value);
  // Digest of a certificate's DER encoding. Error: dtls.digest-failed.
  static Result<Fingerprint> Compute(const X509* cert, HashFunction hash);

  HashFunction hash() const { return hash_; }
  std::span<const uint8_t> digest() const { return {digest_.data(), size_}; }
  // "AB:CD:..." (upper case).
  std::string ToString() const;
  // True when `cert` hashes to this digest under this fingerprint's hash (constant time).
  bool Matches(const X509* cert) const;

  bool operator==(const Fingerprint& other) const;

 private:
  Fingerprint(HashFunction hash, std::span<const uint8_t> digest);

  HashFunction hash_;
  std::array<uint8_t, kMaxDigest> digest_{};
  size_t size_ = 0;
};

}  // namespace meet::media::dtls
