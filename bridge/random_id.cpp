#include "bridge/random_id.hpp"

#include <openssl/rand.h>

#include <random>
#include <string_view>
#include <vector>

namespace meet::bridge {
namespace {

void Fill(unsigned char* out, size_t size) {
  if (size == 0) return;
  if (RAND_bytes(out, static_cast<int>(size)) != 1) {
    // OpenSSL's generator failing is exceptional; fall back to the OS source.
    std::random_device rd;
    for (size_t i = 0; i < size; ++i) out[i] = static_cast<unsigned char>(rd());
  }
}

}  // namespace

std::string RandomHex(size_t bytes) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::vector<unsigned char> raw(bytes);
  Fill(raw.data(), raw.size());
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char b : raw) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

std::string RandomAlphanumeric(size_t length) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  out.reserve(length);
  unsigned char b = 0;
  while (out.size() < length) {
    Fill(&b, 1);
    // 62 * 4 = 248: reject the top values so every character is equally likely.
    if (b >= 248) continue;
    out.push_back(kAlphabet[b % kAlphabet.size()]);
  }
  return out;
}

uint32_t RandomSsrc() {
  uint32_t ssrc = 0;
  while (ssrc == 0) {
    unsigned char raw[4];
    Fill(raw, sizeof(raw));
    ssrc = (uint32_t{raw[0]} << 24) | (uint32_t{raw[1]} << 16) | (uint32_t{raw[2]} << 8) | raw[3];
  }
  return ssrc;
}

}  // namespace meet::bridge
