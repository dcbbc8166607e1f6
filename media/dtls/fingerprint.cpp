#include "media/dtls/fingerprint.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>

namespace meet::media::dtls {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

const EVP_MD* Md(HashFunction hash) {
  switch (hash) {
    case HashFunction::kSha1: return EVP_sha1();
    case HashFunction::kSha224: return EVP_sha224();
    case HashFunction::kSha256: return EVP_sha256();
    case HashFunction::kSha384: return EVP_sha384();
    case HashFunction::kSha512: return EVP_sha512();
  }
  return EVP_sha256();
}

constexpr HashFunction kAllHashes[] = {HashFunction::kSha1, HashFunction::kSha224, HashFunction::kSha256,
                                       HashFunction::kSha384, HashFunction::kSha512};

}  // namespace

Result<HashFunction> ParseHashFunction(std::string_view name) {
  for (HashFunction h : kAllHashes) {
    if (EqualsIgnoreCase(name, HashFunctionName(h))) return h;
  }
  std::string shown(name.substr(0, 32));
  return MakeError("dtls.bad-hash", "unsupported fingerprint hash function '" + shown + "'");
}

std::string_view HashFunctionName(HashFunction hash) {
  switch (hash) {
    case HashFunction::kSha1: return "sha-1";
    case HashFunction::kSha224: return "sha-224";
    case HashFunction::kSha256: return "sha-256";
    case HashFunction::kSha384: return "sha-384";
    case HashFunction::kSha512: return "sha-512";
  }
  return "";
}

size_t DigestLength(HashFunction hash) {
  switch (hash) {
    case HashFunction::kSha1: return 20;
    case HashFunction::kSha224: return 28;
    case HashFunction::kSha256: return 32;
    case HashFunction::kSha384: return 48;
    case HashFunction::kSha512: return 64;
  }
  return 0;
}

Fingerprint::Fingerprint(HashFunction hash, std::span<const uint8_t> digest)
    : hash_(hash), size_(std::min(digest.size(), kMaxDigest)) {
  std::memcpy(digest_.data(), digest.data(), size_);
}

Result<Fingerprint> Fingerprint::Parse(std::string_view hash, std::string_view value) {
  auto h = ParseHashFunction(hash);
  if (!h.ok()) return h.error();
  if (value.size() > kMaxValueText) {
    return MakeError("dtls.bad-fingerprint", "fingerprint value too long", std::to_string(kMaxValueText));
  }
  size_t begin = 0;
  size_t end = value.size();
  while (begin < end && IsSpace(value[begin])) ++begin;
  while (end > begin && IsSpace(value[end - 1])) --end;

  const size_t want = DigestLength(*h);
  std::array<uint8_t, kMaxDigest> bytes{};
  size_t count = 0;
  size_t i = begin;
  while (i < end) {
    if (count > 0) {
      if (value[i] != ':') {
        return MakeError("dtls.bad-fingerprint", "expected ':' between hex pairs", std::to_string(i));
      }
      ++i;
    }
    if (i + 2 > end) return MakeError("dtls.bad-fingerprint", "truncated hex pair", std::to_string(i));
    const int hi = HexValue(value[i]);
    const int lo = HexValue(value[i + 1]);
    if (hi < 0 || lo < 0) {
      return MakeError("dtls.bad-fingerprint", "not a hex digit", std::to_string(hi < 0 ? i : i + 1));
    }
    if (count == want) {
      return MakeError("dtls.bad-fingerprint",
                       "more than " + std::to_string(want) + " bytes for " + std::string(HashFunctionName(*h)),
                       std::to_string(i));
    }
    bytes[count++] = static_cast<uint8_t>(hi * 16 + lo);
    i += 2;
  }
  if (count != want) {
    return MakeError("dtls.bad-fingerprint",
                     std::to_string(count) + " bytes, " + std::string(HashFunctionName(*h)) + " needs " +
                         std::to_string(want),
                     std::to_string(end));
  }
  return Fingerprint(*h, std::span<const uint8_t>(bytes.data(), count));
}

Result<Fingerprint> Fingerprint::Compute(const X509* cert, HashFunction hash) {
  if (cert == nullptr) return MakeError("dtls.digest-failed", "no certificate");
  std::array<uint8_t, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (X509_digest(cert, Md(hash), md.data(), &len) != 1 || len != DigestLength(hash)) {
    return MakeError("dtls.digest-failed", "X509_digest failed");
  }
  return Fingerprint(hash, std::span<const uint8_t>(md.data(), len));
}

std::string Fingerprint::ToString() const {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(size_ * 3);
  for (size_t i = 0; i < size_; ++i) {
    if (i > 0) out.push_back(':');
    out.push_back(kHex[digest_[i] >> 4]);
    out.push_back(kHex[digest_[i] & 0x0f]);
  }
  return out;
}

bool Fingerprint::Matches(const X509* cert) const {
  auto actual = Compute(cert, hash_);
  if (!actual.ok() || actual->size_ != size_) return false;
  return CRYPTO_memcmp(actual->digest_.data(), digest_.data(), size_) == 0;
}

bool Fingerprint::operator==(const Fingerprint& other) const {
  return hash_ == other.hash_ && size_ == other.size_ &&
         std::equal(digest_.begin(), digest_.begin() + static_cast<std::ptrdiff_t>(size_), other.digest_.begin());
}

}  // namespace meet::media::dtls
