#pragma once
// IceConfig: how an IceAgent gathers and behaves. Plain data; the bridge fills it from its
// configuration (like JVB's ice4j settings).

#include <cstdint>
#include <string>
#include <vector>

namespace meet::media::ice {

// Advertise `public_address` in addition to `local_address` (same port), like JVB's static NAT
// mapping: the extra candidate is of type srflx with raddr/rport = the host candidate.
struct PublicAddressMapping {
  std::string local_address;
  std::string public_address;
};

struct IceConfig {
  // The bridge is ICE-controlling (Jicofo tells clients so with ice-controlling='true').
  bool controlling = true;
  // Local IP addresses to gather host candidates on. libnice gathers only these once any is
  // given; with none it uses all non-loopback interfaces (it never picks 127.0.0.1 itself).
  std::vector<std::string> local_addresses;
  // UDP port range for host candidates; 0/0 = ephemeral.
  uint16_t min_port = 0;
  uint16_t max_port = 0;
  std::vector<PublicAddressMapping> public_addresses;
  // RFC 7675 consent freshness: a peer that stops answering consent checks makes the agent
  // fail after libnice's fixed 10 s consent timeout (without it: 50 s keepalive timeout).
  bool consent_freshness = true;
  // Trickle ICE (RFC 8838): candidates are announced one by one and remote ones accepted at any
  // time; SetRemoteGatheringDone() ends the remote list.
  bool trickle = true;
  // Log context, e.g. "ep=1a2b3c4d".
  std::string log_context;
};

}  // namespace meet::media::ice
