#include "focus/random_id.hpp"

#include <sys/random.h>

#include <array>
#include <cstdint>
#include <random>

namespace meet::focus {
namespace {

void Fill(uint8_t* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = getrandom(data + done, size - done, 0);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  if (done < size) {  // getrandom unavailable: fall back to the standard device
    std::random_device device;
    for (; done < size; ++done) data[done] = static_cast<uint8_t>(device());
  }
}

}  // namespace

std::string RandomHex(size_t length) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string bytes((length + 1) / 2, '\0');
  Fill(reinterpret_cast<uint8_t*>(bytes.data()), bytes.size());
  std::string out;
  out.reserve(length);
  for (size_t i = 0; i < length; ++i) {
    uint8_t b = static_cast<uint8_t>(bytes[i / 2]);
    out.push_back(kDigits[(i % 2 == 0) ? (b >> 4) : (b & 0x0f)]);
  }
  return out;
}

std::string RandomUuid() {
  std::array<uint8_t, 16> b{};
  Fill(b.data(), b.size());
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kDigits[b[i] >> 4]);
    out.push_back(kDigits[b[i] & 0x0f]);
  }
  return out;
}

std::string RandomSid() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::array<uint8_t, 12> b{};
  Fill(b.data(), b.size());
  std::string out;
  for (uint8_t v : b) out.push_back(kAlphabet[v % 36]);
  return out;
}

}  // namespace meet::focus
