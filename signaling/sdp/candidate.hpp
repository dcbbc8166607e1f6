#pragma once
// The ICE candidate attribute grammar (RFC 8839 section 5.1) with the extensions browsers add:
//   candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>
//             [raddr <addr>] [rport <port>] [tcptype <t>] [generation <n>] [ufrag <u>]
//             [network-id <n>] [network-cost <n>] *(<name> <value>)
// Parsed from "a=candidate:…" lines and from the bare "candidate:…" strings a browser trickles.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "media/base/result.hpp"

namespace meet::signaling::sdp {

// Longest foundation RFC 8839 allows.
inline constexpr size_t kMaxFoundationLength = 32;
// Most extension name/value pairs kept from one candidate line.
inline constexpr size_t kMaxCandidateExtensions = 16;

struct Candidate {
  std::string foundation;
  uint16_t component = 1;         // 1..256
  std::string transport = "udp";  // as written: Chrome "udp", Firefox "UDP"
  uint32_t priority = 0;
  std::string address;
  uint16_t port = 0;
  std::string type = "host";      // host, srflx, prflx, relay (others kept as written)
  std::string rel_addr;           // raddr, empty when absent
  std::optional<uint16_t> rel_port;
  std::string tcptype;            // active, passive, so; empty when absent
  std::optional<uint32_t> generation;
  std::string ufrag;
  std::optional<uint32_t> network_id;
  std::optional<uint32_t> network_cost;
  // Other "name value" extension pairs, in order.
  std::vector<std::pair<std::string, std::string>> extensions;

  bool operator==(const Candidate&) const = default;
};

// Parses the value of a candidate attribute: "candidate:…" or the part after "a=candidate:".
// `where` is put into the Error ("line 12").
Result<Candidate> ParseCandidate(std::string_view text, std::string_view where = {});

// The attribute value without "a=candidate:" ("<foundation> 1 udp …"), in Chrome's order of
// extensions: raddr rport tcptype generation ufrag network-id network-cost, then the others.
std::string CandidateValue(const Candidate& candidate);

}  // namespace meet::signaling::sdp
