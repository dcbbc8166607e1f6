#include "media/rtp/header_extensions.hpp"

#include <algorithm>

#include "media/packet/byte_io.hpp"

namespace meet::media::rtp {

using packet::ReadBe16;
using packet::ReadBe24;
using packet::WriteBe16;
using packet::WriteBe24;

std::optional<AudioLevel> AudioLevelExtension::Parse(std::span<const uint8_t> data) {
  if (data.empty()) return std::nullopt;
  return AudioLevel{(data[0] & 0x80) != 0, static_cast<uint8_t>(data[0] & 0x7f)};
}

bool AudioLevelExtension::Write(std::span<uint8_t> data, const AudioLevel& value) {
  if (data.size() != 1 || value.level > 127) return false;
  data[0] = static_cast<uint8_t>((value.voice_activity ? 0x80 : 0) | value.level);
  return true;
}

std::optional<uint32_t> AbsSendTimeExtension::Parse(std::span<const uint8_t> data) {
  if (data.size() != 3) return std::nullopt;
  return ReadBe24(data.data());
}

bool AbsSendTimeExtension::Write(std::span<uint8_t> data, uint32_t value) {
  if (data.size() != 3 || value > 0xFFFFFF) return false;
  WriteBe24(data.data(), value);
  return true;
}

uint32_t AbsSendTimeExtension::FromMicros(int64_t micros) {
  // 6.18 fixed point: seconds * 2^18, modulo 64 s.
  const uint64_t u = static_cast<uint64_t>(micros < 0 ? 0 : micros) % 64000000u;
  return static_cast<uint32_t>(((u << 18) + 500000) / 1000000) & 0xFFFFFF;
}

std::optional<uint16_t> TransportSequenceNumberExtension::Parse(std::span<const uint8_t> data) {
  // 2 bytes (transport-cc-01); the -02 form appends 2 more bytes we ignore.
  if (data.size() != 2 && data.size() != 4) return std::nullopt;
  return ReadBe16(data.data());
}

bool TransportSequenceNumberExtension::Write(std::span<uint8_t> data, uint16_t value) {
  if (data.size() != 2 && data.size() != 4) return false;
  WriteBe16(data.data(), value);
  return true;
}

bool DependencyDescriptorExtension::Write(std::span<uint8_t> data,
                                          std::span<const uint8_t> value) {
  if (data.size() != value.size() || value.size() < 3) return false;
  std::copy(value.begin(), value.end(), data.begin());
  return true;
}

std::optional<VideoOrientation> VideoOrientationExtension::Parse(std::span<const uint8_t> data) {
  if (data.empty()) return std::nullopt;
  return VideoOrientation{(data[0] & 0x08) != 0, (data[0] & 0x04) != 0,
                          static_cast<uint8_t>(data[0] & 0x03)};
}

bool VideoOrientationExtension::Write(std::span<uint8_t> data, const VideoOrientation& value) {
  if (data.size() != 1 || value.rotation > 3) return false;
  data[0] = static_cast<uint8_t>((value.camera_back ? 0x08 : 0) | (value.flip ? 0x04 : 0) |
                                 value.rotation);
  return true;
}

}  // namespace meet::media::rtp
