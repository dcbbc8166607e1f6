#pragma once
// STUN message validator and reader (RFC 8489 framing, RFC 8445 ICE attributes). Runs before a
// datagram reaches libnice so malformed STUN is dropped and counted by reason. It checks the
// header (first byte 0-3, as RFC 7983 demux requires), magic cookie, length (multiple of 4, equal to the datagram), every attribute TLV
// bound, the sizes of known attributes, that only MESSAGE-INTEGRITY-SHA256 / FINGERPRINT follow
// MESSAGE-INTEGRITY and nothing follows FINGERPRINT, and the FINGERPRINT CRC32. It does not
// check MESSAGE-INTEGRITY (that needs the ICE password; libnice does it).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "media/packet/parse_result.hpp"

namespace meet::media::packet {

inline constexpr uint32_t kStunMagicCookie = 0x2112A442;
inline constexpr size_t kStunHeaderSize = 20;
// RFC 8489 14.3: USERNAME is fewer than 509 bytes.
inline constexpr size_t kStunMaxUsername = 508;

enum class StunClass : uint8_t { kRequest = 0, kIndication = 1, kSuccess = 2, kError = 3 };

namespace stun_attr {
inline constexpr uint16_t kMappedAddress = 0x0001;
inline constexpr uint16_t kUsername = 0x0006;
inline constexpr uint16_t kMessageIntegrity = 0x0008;
inline constexpr uint16_t kErrorCode = 0x0009;
inline constexpr uint16_t kMessageIntegritySha256 = 0x001C;
inline constexpr uint16_t kXorMappedAddress = 0x0020;
inline constexpr uint16_t kPriority = 0x0024;
inline constexpr uint16_t kUseCandidate = 0x0025;
inline constexpr uint16_t kSoftware = 0x8022;
inline constexpr uint16_t kFingerprint = 0x8028;
inline constexpr uint16_t kIceControlled = 0x8029;
inline constexpr uint16_t kIceControlling = 0x802A;
}  // namespace stun_attr

struct StunAddress {
  uint8_t family = 0;  // 1 = IPv4, 2 = IPv6
  uint16_t port = 0;
  std::array<uint8_t, 16> address{};  // IPv4 uses the first 4 bytes
};

// A validated message; views point into the parsed datagram.
struct StunMessage {
  uint16_t type = 0;
  StunClass message_class = StunClass::kRequest;
  uint16_t method = 0;  // 1 = Binding
  std::array<uint8_t, 12> transaction_id{};
  size_t attribute_count = 0;
  std::string_view username;  // empty when absent
  bool has_username = false;
  std::optional<uint32_t> priority;
  bool use_candidate = false;
  std::optional<uint64_t> ice_controlling;
  std::optional<uint64_t> ice_controlled;
  std::optional<StunAddress> xor_mapped_address;
  std::optional<uint16_t> error_code;  // class * 100 + number
  // Offset of the MESSAGE-INTEGRITY attribute header, when present.
  std::optional<size_t> message_integrity_offset;
  bool has_fingerprint = false;  // when present it was verified

  bool IsBindingRequest() const { return method == 1 && message_class == StunClass::kRequest; }
};

// CRC-32 (ISO-HDLC, the one FINGERPRINT uses before its XOR with 0x5354554E).
uint32_t Crc32(std::span<const uint8_t> data);

// True when the first bytes look like STUN (first byte 0-3, magic cookie, length multiple of 4);
// cheap pre-check, not a validation.
bool LooksLikeStun(std::span<const uint8_t> datagram);

ParseResult<StunMessage> ParseStun(std::span<const uint8_t> datagram);

}  // namespace meet::media::packet
