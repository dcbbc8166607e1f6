#pragma once
// Typed RTP header extensions as traits (the libwebrtc scheme): each has kType, ValueType,
// Parse(span) -> optional<ValueType>, ValueSize(value) and Write(span, value) -> bool. Used as
// view.GetExtension<AudioLevelExtension>(map) and view.SetExtension<...>(map, value) (rewrite
// in place, only when the element already has the right size). String and byte values are
// views into the packet.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "media/rtp/extension_map.hpp"

namespace meet::media::rtp {

// RFC 6464: V flag + level in -dBov (0 = loudest, 127 = silence).
struct AudioLevel {
  bool voice_activity = false;
  uint8_t level = 127;
  friend bool operator==(const AudioLevel&, const AudioLevel&) = default;
};

struct AudioLevelExtension {
  static constexpr ExtensionType kType = ExtensionType::kAudioLevel;
  using ValueType = AudioLevel;
  static std::optional<AudioLevel> Parse(std::span<const uint8_t> data);
  static size_t ValueSize(const AudioLevel&) { return 1; }
  static bool Write(std::span<uint8_t> data, const AudioLevel& value);
};

// 24-bit 6.18 fixed-point seconds.
struct AbsSendTimeExtension {
  static constexpr ExtensionType kType = ExtensionType::kAbsSendTime;
  using ValueType = uint32_t;
  static std::optional<uint32_t> Parse(std::span<const uint8_t> data);
  static size_t ValueSize(uint32_t) { return 3; }
  static bool Write(std::span<uint8_t> data, uint32_t value);
  // Microseconds -> the 24-bit wire value.
  static uint32_t FromMicros(int64_t micros);
};

struct TransportSequenceNumberExtension {
  static constexpr ExtensionType kType = ExtensionType::kTransportSequenceNumber;
  using ValueType = uint16_t;
  static std::optional<uint16_t> Parse(std::span<const uint8_t> data);
  static size_t ValueSize(uint16_t) { return 2; }
  static bool Write(std::span<uint8_t> data, uint16_t value);
};

// RFC 7941 SDES items carried as extensions (mid, rid, repaired rid): 1-255 bytes of text.
// Trailing NUL bytes (some senders pad) are not part of the value.
template <ExtensionType T>
struct SdesExtension {
  static constexpr ExtensionType kType = T;
  using ValueType = std::string_view;
  static std::optional<std::string_view> Parse(std::span<const uint8_t> data) {
    size_t n = data.size();
    while (n > 0 && data[n - 1] == 0) --n;
    if (n == 0) return std::nullopt;
    return std::string_view(reinterpret_cast<const char*>(data.data()), n);
  }
  static size_t ValueSize(std::string_view value) { return value.size(); }
  static bool Write(std::span<uint8_t> data, std::string_view value) {
    if (value.empty() || data.size() != value.size()) return false;
    for (size_t i = 0; i < value.size(); ++i) data[i] = static_cast<uint8_t>(value[i]);
    return true;
  }
};
using MidExtension = SdesExtension<ExtensionType::kMid>;
using RidExtension = SdesExtension<ExtensionType::kRid>;
using RepairedRidExtension = SdesExtension<ExtensionType::kRepairedRid>;

// AV1 dependency descriptor: raw bytes, decoded by codecs::ParseAv1DependencyDescriptor.
struct DependencyDescriptorExtension {
  static constexpr ExtensionType kType = ExtensionType::kAv1DependencyDescriptor;
  using ValueType = std::span<const uint8_t>;
  static std::optional<std::span<const uint8_t>> Parse(std::span<const uint8_t> data) {
    if (data.size() < 3) return std::nullopt;
    return data;
  }
  static size_t ValueSize(std::span<const uint8_t> value) { return value.size(); }
  static bool Write(std::span<uint8_t> data, std::span<const uint8_t> value);
};

// urn:3gpp:video-orientation (CVO): C, F, R1 R0 bits of one byte.
struct VideoOrientation {
  bool camera_back = false;
  bool flip = false;
  uint8_t rotation = 0;  // degrees / 90
  friend bool operator==(const VideoOrientation&, const VideoOrientation&) = default;
};
struct VideoOrientationExtension {
  static constexpr ExtensionType kType = ExtensionType::kVideoOrientation;
  using ValueType = VideoOrientation;
  static std::optional<VideoOrientation> Parse(std::span<const uint8_t> data);
  static size_t ValueSize(const VideoOrientation&) { return 1; }
  static bool Write(std::span<uint8_t> data, const VideoOrientation& value);
};

}  // namespace meet::media::rtp
