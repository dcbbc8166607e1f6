#pragma once
// XEP-0176 ICE-UDP <transport> with XEP-0320 <fingerprint>, XEP-0343 early <sctpmap>,
// <rtcp-mux/> and Jitsi's <web-socket xmlns='http://jitsi.org/protocol/colibri' url=…/>.
// Used in Jingle contents and, unchanged, inside COLIBRI2 <transport>.

#include <gloox/tag.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"

namespace meet::signaling::jingle {

// Bounds (more -> error jingle.too-many-candidates / jingle.too-many-fingerprints / ...).
inline constexpr size_t kMaxCandidates = 128;
inline constexpr size_t kMaxFingerprints = 8;
inline constexpr size_t kMaxWebSockets = 8;

struct Candidate {
  uint8_t component = 1;
  std::string foundation;
  uint32_t generation = 0;
  std::string id;
  std::string ip;
  uint16_t network = 0;
  uint16_t port = 0;
  uint32_t priority = 0;
  std::string protocol = "udp";  // "udp" / "tcp"
  std::string type = "host";     // host, srflx, prflx, relay
  std::string rel_addr;          // srflx/prflx/relay only
  std::optional<uint16_t> rel_port;
  std::string tcptype;           // active/passive/so for tcp
  bool operator==(const Candidate&) const = default;
};

struct Fingerprint {
  std::string hash = "sha-256";
  std::string setup;             // actpass, active, passive
  std::string value;             // "AB:CD:…" upper-case hex pairs
  bool cryptex = false;
  bool operator==(const Fingerprint&) const = default;
};

struct SctpMap {
  uint16_t number = 5000;
  std::string protocol = "webrtc-datachannel";
  uint32_t streams = 1024;
  bool operator==(const SctpMap&) const = default;
};

struct WebSocket {
  std::string url;
  std::optional<bool> active;
  bool operator==(const WebSocket&) const = default;
};

struct IceUdpTransport {
  std::string ufrag;
  std::string pwd;
  std::optional<uint32_t> ice_generation;  // in-place ICE restart (transport-info from focus)
  std::vector<Candidate> candidates;
  std::vector<Fingerprint> fingerprints;
  bool rtcp_mux = false;
  std::vector<WebSocket> web_sockets;
  std::optional<SctpMap> sctpmap;
  bool operator==(const IceUdpTransport&) const = default;
};

// Error codes: jingle.bad-port (port/rel-port not 0..65535), jingle.bad-candidate-type,
// jingle.bad-candidate-protocol (udp/tcp, case-insensitive, stored lower-case),
// jingle.bad-component (1..255), jingle.too-many-*, xml.missing-attribute, xml.bad-number.
// Required candidate attributes: component, foundation, ip, port, priority, type; protocol
// defaults to udp, generation/network to 0. Fingerprint requires hash.
Result<Candidate> ParseCandidate(const gloox::Tag& tag, std::string_view where);
Result<IceUdpTransport> ParseIceUdpTransport(const gloox::Tag& tag, std::string_view where);
void AppendCandidate(gloox::Tag& parent, const Candidate& candidate);
// Appends <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' …> to parent.
void AppendIceUdpTransport(gloox::Tag& parent, const IceUdpTransport& transport);

}  // namespace meet::signaling::jingle
