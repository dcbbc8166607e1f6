#pragma once
// Plain ICE types shared by the agent and its users. media never sees Jingle or SDP objects: the
// bridge maps <candidate/> elements to IceCandidate and back. The "candidate:" attribute helpers
// (RFC 8839 section 5.1) are here because they are plain text and useful for logs and for the
// bridge-channel and tests.

#include <cstdint>
#include <string>
#include <string_view>

#include "media/base/result.hpp"

namespace meet::media::ice {

enum class IceCandidateType { kHost, kSrflx, kPrflx, kRelay };

// "host", "srflx", "prflx", "relay".
std::string_view ToString(IceCandidateType type);

struct IceCandidate {
  std::string foundation;
  uint32_t component = 1;
  std::string protocol = "udp";  // "udp" or "tcp", lower case
  uint32_t priority = 0;
  std::string address;  // IP literal
  uint16_t port = 0;
  IceCandidateType type = IceCandidateType::kHost;
  std::string related_address;  // empty for host
  uint16_t related_port = 0;
  std::string tcptype;  // "active", "passive", "so" for TCP; empty for UDP

  bool operator==(const IceCandidate&) const = default;
};

// RFC 8445 section 5.1.2.1 priority: (2^24)*type pref + (2^8)*local pref + (256 - component).
// Type preferences: host 126, prflx 110, srflx 100, relay 0.
uint32_t ComputePriority(IceCandidateType type, uint16_t local_preference, uint32_t component);

// "candidate:1 1 udp 2130706431 10.0.0.1 10000 typ host" (no "a=" prefix, no line break).
std::string ToSdpAttribute(const IceCandidate& candidate);
// Accepts the attribute with or without "a=" and with or without the "candidate:" prefix.
// Unknown extension attributes (generation, ufrag, network-id, ...) are skipped. Errors name
// the field ("ice.candidate-*", where = field index).
Result<IceCandidate> ParseSdpAttribute(std::string_view text);

}  // namespace meet::media::ice
