#pragma once
// An SDP model (RFC 8866) with the attributes WebRTC browsers and lib-jitsi-meet use.
// Parse() takes untrusted text (CRLF or LF lines) and returns a Result whose Error names the
// line ("line 17"); ToString() writes CRLF text. Known attributes are stored in typed fields
// and written in a fixed, Chrome-like order; unknown attributes and line types are kept in
// their original order. Serialising a parsed description and parsing it again gives the same
// description (ToString is a fixed point after one round).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"
#include "signaling/sdp/candidate.hpp"

namespace meet::signaling::sdp {

// Bounds on untrusted input.
inline constexpr size_t kMaxSdpBytes = 1024 * 1024;
inline constexpr size_t kMaxLines = 32768;
inline constexpr size_t kMaxLineLength = 8192;
inline constexpr size_t kMaxMediaSections = 512;
inline constexpr size_t kMaxFormats = 256;        // per m-line
inline constexpr size_t kMaxGroupMembers = 64;    // SSRCs per ssrc-group, mids per a=group
inline constexpr size_t kMaxCandidatesPerMedia = 256;

enum class Direction { kUnset, kSendRecv, kSendOnly, kRecvOnly, kInactive };
std::string_view ToString(Direction direction);  // "sendrecv", …, "" for kUnset
std::optional<Direction> ParseDirection(std::string_view text);

// An attribute the model has no field for: "a=<name>[:<value>]".
struct Attribute {
  std::string name;
  std::optional<std::string> value;
  bool operator==(const Attribute&) const = default;
};

// A line of a type the model has no field for (i=, u=, e=, p=, b=, z=, k=, r=, …).
struct Line {
  char type = 'i';
  std::string value;
  bool operator==(const Line&) const = default;
};

struct Origin {
  std::string username = "-";
  std::string session_id = "0";       // digits, kept as text (may exceed 64 bits)
  std::string session_version = "2";
  std::string net_type = "IN";
  std::string addr_type = "IP4";
  std::string address = "0.0.0.0";
  bool operator==(const Origin&) const = default;
};

struct Fingerprint {
  std::string hash;   // "sha-256"
  std::string value;  // "AB:CD:…"
  bool operator==(const Fingerprint&) const = default;
};

struct Group {  // a=group:BUNDLE 0 1 2
  std::string semantics;
  std::vector<std::string> mids;
  bool operator==(const Group&) const = default;
};

struct MsidSemantic {  // a=msid-semantic: WMS *
  std::string semantic;
  std::vector<std::string> identifiers;
  bool operator==(const MsidSemantic&) const = default;
};

struct RtpMap {  // a=rtpmap:111 opus/48000/2
  uint8_t payload_type = 0;
  std::string encoding;
  uint32_t clock_rate = 0;
  std::optional<uint32_t> channels;
  bool operator==(const RtpMap&) const = default;
};

struct Fmtp {  // a=fmtp:111 minptime=10;useinbandfec=1
  std::string format;
  std::string parameters;
  bool operator==(const Fmtp&) const = default;
};

struct RtcpFb {  // a=rtcp-fb:100 nack pli
  std::string format;      // payload type or "*"
  std::string type;        // nack, ccm, goog-remb, transport-cc, trr-int
  std::string parameters;  // "pli", "fir", "100" for trr-int; empty when absent
  bool operator==(const RtcpFb&) const = default;
};

struct ExtMap {  // a=extmap:2/recvonly urn:…:csrc-audio-level
  uint8_t id = 0;  // 1..255
  Direction direction = Direction::kUnset;
  std::string uri;
  std::string attributes;  // extension attributes after the URI, empty when absent
  bool operator==(const ExtMap&) const = default;
};

struct SsrcAttribute {  // a=ssrc:1234 msid:stream track
  uint32_t ssrc = 0;
  std::string attribute;             // cname, msid, name, videoType, label, mslabel, …
  std::optional<std::string> value;  // everything after the first ':'
  bool operator==(const SsrcAttribute&) const = default;
};

struct SsrcGroup {  // a=ssrc-group:FID 1 2
  std::string semantics;
  std::vector<uint32_t> ssrcs;
  bool operator==(const SsrcGroup&) const = default;
};

struct Rid {  // a=rid:1 send max-width=640
  std::string id;
  std::string direction;   // send, recv
  std::string parameters;  // empty when absent
  bool operator==(const Rid&) const = default;
};

struct MediaDescription {
  // m=<media> <port>[/<count>] <proto> <fmt> …
  std::string media;  // audio, video, application, …
  uint16_t port = 9;
  std::optional<uint16_t> port_count;
  std::string proto = "UDP/TLS/RTP/SAVPF";
  std::vector<std::string> formats;

  std::optional<std::string> connection;  // c= value: "IN IP4 0.0.0.0"
  std::vector<Line> lines;                // other line types (b=, i=, k=), in order

  std::string mid;  // empty when absent
  std::string ice_ufrag;
  std::string ice_pwd;
  std::string ice_options;
  std::vector<Fingerprint> fingerprints;
  std::string setup;  // actpass, active, passive, holdconn; empty when absent
  std::vector<Candidate> candidates;
  bool end_of_candidates = false;
  Direction direction = Direction::kUnset;
  std::optional<std::string> rtcp;  // a=rtcp: value, "1 IN IP4 0.0.0.0"
  bool rtcp_mux = false;
  bool rtcp_mux_only = false;
  bool rtcp_rsize = false;
  bool bundle_only = false;
  std::vector<RtpMap> rtpmaps;
  std::vector<Fmtp> fmtps;
  std::vector<RtcpFb> rtcp_fbs;
  std::vector<ExtMap> extmaps;
  bool extmap_allow_mixed = false;
  std::vector<std::string> msids;  // a=msid: values ("stream track")
  std::vector<SsrcAttribute> ssrcs;
  std::vector<SsrcGroup> ssrc_groups;
  std::vector<Rid> rids;
  std::optional<std::string> simulcast;  // a=simulcast: value
  std::optional<uint16_t> sctp_port;
  std::optional<uint64_t> max_message_size;
  std::vector<Attribute> attributes;  // unknown attributes, in order

  // Lookups.
  const RtpMap* FindRtpMap(uint8_t payload_type) const;
  const Fmtp* FindFmtp(std::string_view format) const;
  const Attribute* FindAttribute(std::string_view name) const;
  // SSRCs in order of their first a=ssrc line.
  std::vector<uint32_t> SsrcOrder() const;
  // Value of "a=ssrc:<ssrc> <attribute>:<value>", nullopt when there is no such line.
  std::optional<std::string> SsrcAttributeValue(uint32_t ssrc, std::string_view attribute) const;

  bool operator==(const MediaDescription&) const = default;
};

struct SessionDescription {
  Origin origin;
  std::string session_name = "-";
  std::string timing = "0 0";                 // t= value
  std::optional<std::string> connection;      // session-level c=
  std::vector<Line> lines;                    // other session-level line types, in order
  std::vector<Group> groups;
  std::optional<MsidSemantic> msid_semantic;
  bool extmap_allow_mixed = false;
  bool ice_lite = false;
  bool cryptex = false;
  std::string ice_options;
  std::string ice_ufrag;
  std::string ice_pwd;
  std::vector<Fingerprint> fingerprints;
  std::string setup;
  std::vector<ExtMap> extmaps;                // session-level extmaps (rare)
  std::vector<Attribute> attributes;          // unknown session attributes, in order
  std::vector<MediaDescription> media;

  const Group* FindGroup(std::string_view semantics) const;

  bool operator==(const SessionDescription&) const = default;
};

// Parses SDP text. Errors: "sdp.too-large", "sdp.too-many-lines", "sdp.line-too-long",
// "sdp.bad-line", "sdp.bad-char", "sdp.missing-version", "sdp.bad-version", "sdp.bad-origin",
// "sdp.bad-m-line", "sdp.too-many-media", "sdp.too-many-formats", "sdp.bad-candidate",
// "sdp.bad-rtpmap", "sdp.bad-fmtp", "sdp.bad-rtcp-fb", "sdp.bad-extmap", "sdp.bad-ssrc",
// "sdp.bad-ssrc-group", "sdp.bad-group", "sdp.bad-fingerprint", "sdp.bad-setup",
// "sdp.bad-direction", "sdp.bad-rid", "sdp.bad-number", "sdp.too-many" — `where` is "line N".
Result<SessionDescription> Parse(std::string_view text);

// CRLF-terminated SDP text.
std::string ToString(const SessionDescription& description);
std::string ToString(const MediaDescription& media);

}  // namespace meet::signaling::sdp
