#pragma once
// The Jingle IQ payload (<jingle xmlns='urn:xmpp:jingle:1'>) as Jicofo and lib-jitsi-meet use
// it (jitsi-protocol.md section 2): a plain value model, ParseJingle from a gloox::Tag and
// ToTag back, producing the namespaces and layout of the session-initiate in 2.3.
//
// Errors name the element path with 1-based indices counted among same-named siblings:
// "jingle/content[1]/description/payload-type[3]". Codes (besides those of the element parsers
// in payload_type.hpp, header_extension.hpp, source.hpp, ice_udp_transport.hpp):
//   jingle.bad-action, jingle.missing-sid, jingle.duplicate-content, jingle.bad-media,
//   jingle.bad-creator, jingle.bad-senders, jingle.bad-reason, jingle.bad-last-n,
//   jingle.bad-json-message (wraps the sourcemap.* error), jingle.too-many-contents,
//   jingle.too-many-payload-types, jingle.too-many-header-extensions, jingle.too-many-sources,
//   jingle.too-many-ssrc-groups, jingle.too-many-rtcp-fbs, jingle.too-many-bundle-contents.
// Unknown children of <jingle>, <content> and <description> are ignored (e.g. traceparent), as
// are RID-only <source rid=…/> elements and <rid-group> (RID simulcast is not modelled).

#include <gloox/tag.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"
#include "signaling/jingle/header_extension.hpp"
#include "signaling/jingle/ice_udp_transport.hpp"
#include "signaling/jingle/payload_type.hpp"
#include "signaling/jingle/source.hpp"
#include "signaling/jingle/source_map.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::jingle {

inline constexpr size_t kMaxContents = 64;
inline constexpr size_t kMaxPayloadTypes = 256;        // per description
inline constexpr size_t kMaxHeaderExtensions = 64;     // per description
inline constexpr size_t kMaxDescriptionRtcpFbs = 32;   // description-level rtcp-fb
inline constexpr size_t kMaxContentSources = 512;      // per content
inline constexpr size_t kMaxContentSsrcGroups = 512;   // per content
inline constexpr size_t kMaxJsonMessageBytes = kMaxSourceMapJsonBytes;

enum class JingleAction {
  kSessionInitiate,
  kSessionAccept,
  kSessionTerminate,
  kSessionInfo,
  kTransportInfo,
  kTransportReplace,
  kTransportAccept,
  kSourceAdd,
  kSourceRemove,
  kContentModify,
};
// Wire name ("session-initiate", ...; kSourceAdd is "source-add").
std::string_view ToString(JingleAction action);
// Accepts the wire names plus the legacy "addsource"/"removesource".
std::optional<JingleAction> ParseJingleAction(std::string_view text);

// <description xmlns='urn:xmpp:jingle:apps:rtp:1' media=… [maxptime=…]>
struct RtpDescription {
  MediaType media = MediaType::kAudio;
  std::optional<uint32_t> maxptime;
  std::vector<PayloadType> payload_types;
  std::vector<HeaderExtension> header_extensions;
  bool extmap_allow_mixed = false;  // <extmap-allow-mixed xmlns=hdrext/>
  bool rtcp_mux = false;            // <rtcp-mux/> inside <description> (what LJM reads)
  std::vector<RtcpFb> rtcp_fbs;     // description-level rtcp-fb (SDP "a=rtcp-fb:*")
  std::vector<Source> sources;
  std::vector<SsrcGroup> ssrc_groups;

  const PayloadType* FindPayloadType(uint8_t id) const;
  bool operator==(const RtpDescription&) const = default;
};

// <content creator name senders>
struct Content {
  std::string creator;  // "initiator", "responder" or "" (absent)
  std::string name;     // "audio", "video", "data"; "0", "1"… in client transport-info
  std::string senders;  // "both", "initiator", "responder", "none", "rejected" or "" (absent)
  std::optional<RtpDescription> description;
  std::optional<IceUdpTransport> transport;
  std::optional<int32_t> initial_last_n;  // <initial-last-n xmlns='jitsi:colibri2' value='N'/>
  bool operator==(const Content&) const = default;
};

// <reason><condition/><text>…</text></reason>; condition is an XEP-0166 element name
// ("success", "gone", "connectivity-error", …).
struct Reason {
  std::string condition;
  std::string text;
  bool operator==(const Reason&) const = default;
};

// <bridge-session xmlns='http://jitsi.org/protocol/focus' id region restart ice-restart/>
struct BridgeSession {
  std::string id;
  std::string region;
  std::optional<bool> restart;
  std::optional<bool> ice_restart;
  bool operator==(const BridgeSession&) const = default;
};

// <startmuted xmlns='http://jitsi.org/jitmeet/start-muted' audio video/>
struct StartMuted {
  std::optional<bool> audio;
  std::optional<bool> video;
  bool operator==(const StartMuted&) const = default;
};

struct Jingle {
  JingleAction action = JingleAction::kSessionInitiate;
  std::string sid;
  std::string initiator;
  std::string responder;
  std::vector<Content> contents;
  // Content names of <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'>; empty
  // means no BUNDLE group.
  std::vector<std::string> bundle;
  std::optional<Reason> reason;
  std::optional<BridgeSession> bridge_session;
  // Sources from <json-message xmlns='http://jitsi.org/jitmeet'>.
  std::optional<SourceMap> json_sources;
  std::optional<StartMuted> start_muted;
  // session-info: text of <ice-state xmlns='http://jitsi.org/protocol/focus'> ("failed").
  std::optional<std::string> ice_state;

  Content* FindContent(std::string_view name);
  const Content* FindContent(std::string_view name) const;
  // The first <transport> in content order (jicofo takes that one from transport-info).
  const IceUdpTransport* FirstTransport() const;
  bool operator==(const Jingle&) const = default;
};

// Parses a <jingle> element (its name/namespace are not checked here).
Result<Jingle> ParseJingle(const gloox::Tag& jingle_element);
// Finds <jingle xmlns='urn:xmpp:jingle:1'> in an <iq> and parses it (jingle.missing-jingle).
Result<Jingle> ParseJingleIq(const gloox::Tag& iq);

Result<RtpDescription> ParseRtpDescription(const gloox::Tag& tag, std::string_view where);
Result<Content> ParseContent(const gloox::Tag& tag, std::string_view where);

// <jingle xmlns='urn:xmpp:jingle:1' action sid initiator responder> in the layout of 2.3:
// reason, contents (description, transport, initial-last-n), group, bridge-session, ice-state,
// startmuted, json-message.
xml::TagPtr ToTag(const Jingle& jingle);
void AppendRtpDescription(gloox::Tag& parent, const RtpDescription& description);
void AppendContent(gloox::Tag& parent, const Content& content);

}  // namespace meet::signaling::jingle
