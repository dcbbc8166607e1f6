#pragma once
// The COLIBRI2 model (focus <-> bridge control, jitsi-protocol.md section 3): plain value types
// shared by the XML codec (colibri2_xml.hpp), the JSON codec of the bridge's HTTP API
// (colibri2_json.hpp) and the bridge-side checks (bridge_validation.hpp).
//
// Jingle elements inside COLIBRI2 (payload types, header extensions, ICE-UDP transport, ssma
// sources and groups) reuse the Jingle model of signaling/jingle/.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signaling/jingle/header_extension.hpp"
#include "signaling/jingle/ice_udp_transport.hpp"
#include "signaling/jingle/payload_type.hpp"
#include "signaling/jingle/source.hpp"

namespace meet::signaling::colibri2 {

// Bounds applied by both codecs to untrusted input.
inline constexpr size_t kMaxIdLength = 256;          // meeting-id, endpoint/relay/source ids, names
inline constexpr size_t kMaxEndpoints = 1000;        // per request, response or relay
inline constexpr size_t kMaxRelays = 64;
inline constexpr size_t kMaxMedias = 8;              // <media> per endpoint or relay
inline constexpr size_t kMaxPayloadTypes = 64;       // per <media>
inline constexpr size_t kMaxHeaderExtensions = 64;   // per <media>
inline constexpr size_t kMaxMediaSources = 64;       // per <sources>
inline constexpr size_t kMaxSourcesPerMediaSource = 64;
inline constexpr size_t kMaxSsrcGroups = 64;         // per <media-source>
inline constexpr size_t kMaxCapabilities = 32;

inline constexpr uint16_t kDefaultSctpPort = 5000;

// <capability name='…'/> values (3.2).
namespace capability {
inline constexpr const char* kSourceNames = "source-names";
inline constexpr const char* kSsrcRewriting = "ssrc-rewriting";
inline constexpr const char* kPrivateAddressConnectivity = "private-address-connectivity";
}  // namespace capability

// muc-role values accepted on <endpoint> (Smack MUCRole names).
namespace muc_role {
inline constexpr const char* kModerator = "moderator";
inline constexpr const char* kParticipant = "participant";
inline constexpr const char* kVisitor = "visitor";
inline constexpr const char* kNone = "none";
}  // namespace muc_role

enum class SctpRole { kClient, kServer };
std::string_view ToString(SctpRole role);                 // "client", "server"
std::optional<SctpRole> ParseSctpRole(std::string_view text);

// <sctp [role='server'] [port='5000']/> inside the colibri2 <transport>.
struct Sctp {
  std::optional<SctpRole> role;
  std::optional<uint16_t> port;
  bool operator==(const Sctp&) const = default;
};

// Colibri2 <transport ice-controlling use-unique-port ice-restart> (all default false and are
// only written when true) with the optional ICE-UDP transport and SCTP request/answer.
struct Transport {
  bool ice_controlling = false;
  bool use_unique_port = false;
  bool ice_restart = false;
  std::optional<jingle::IceUdpTransport> ice_udp;
  std::optional<Sctp> sctp;
  bool operator==(const Transport&) const = default;
};

// <media type='audio|video'> with payload types, header extensions and <extmap-allow-mixed/>.
struct Media {
  jingle::MediaType type = jingle::MediaType::kAudio;  // audio or video only
  std::vector<jingle::PayloadType> payload_types;
  std::vector<jingle::HeaderExtension> header_extensions;
  bool extmap_allow_mixed = false;
  bool operator==(const Media&) const = default;
};

// <media-source type id [synthetic]> with ssma <source>s and <ssrc-group>s. id = source name.
struct MediaSource {
  jingle::MediaType type = jingle::MediaType::kAudio;  // audio or video only
  std::string id;
  bool synthetic = false;
  std::vector<jingle::Source> sources;
  std::vector<jingle::SsrcGroup> ssrc_groups;
  bool operator==(const MediaSource&) const = default;
};

// <sources>: the complete current source set of an endpoint (an empty one clears).
struct Sources {
  std::vector<MediaSource> media_sources;
  bool operator==(const Sources&) const = default;
};

// <force-mute audio video/>.
struct ForceMute {
  bool audio = false;
  bool video = false;
  bool operator==(const ForceMute&) const = default;
};

// <endpoint id [create] [expire] [stats-id] [muc-role]>.
struct Endpoint {
  std::string id;
  bool create = false;
  bool expire = false;
  std::string stats_id;   // "" = absent
  std::string muc_role;   // "" = absent; else one of muc_role::k*
  std::vector<Media> medias;
  std::optional<Transport> transport;
  std::optional<Sources> sources;   // nullopt = unchanged; empty = clear
  std::optional<ForceMute> force_mute;
  std::vector<std::string> capabilities;
  std::optional<int32_t> initial_last_n;  // <initial-last-n value='N'/>, -1 = unlimited

  bool HasCapability(std::string_view name) const;
  bool operator==(const Endpoint&) const = default;
};

// <relay id [mesh-id] [create] [expire]> (Octo / cascading, 3.5). endpoints are the remote
// participants homed on the other bridge (<endpoints><endpoint …/></endpoints>).
struct Relay {
  std::string id;
  std::string mesh_id;  // "" = absent
  bool create = false;
  bool expire = false;
  std::vector<Media> medias;
  std::optional<Transport> transport;
  std::optional<Sources> sources;
  std::vector<Endpoint> endpoints;
  bool operator==(const Relay&) const = default;
};

// <conference-modify xmlns='jitsi:colibri2' meeting-id name create expire rtcstats-enabled>.
// <connects> (transcriber exports) and <traceparent> are tolerated and ignored.
struct ConferenceModify {
  std::string meeting_id;  // required
  std::string name;        // room JID, "" = absent
  bool create = false;
  bool expire = false;
  std::optional<bool> rtcstats_enabled;
  std::vector<Endpoint> endpoints;
  std::vector<Relay> relays;
  bool operator==(const ConferenceModify&) const = default;
};

// <conference-modified xmlns='jitsi:colibri2'>: per-endpoint/relay answers (bridge transport,
// SCTP port) and the bridge's feedback sources (jvb-a0 / jvb-v0) on create.
struct ConferenceModified {
  std::vector<Endpoint> endpoints;
  std::vector<Relay> relays;
  std::optional<Sources> sources;
  bool operator==(const ConferenceModified&) const = default;
};

}  // namespace meet::signaling::colibri2
