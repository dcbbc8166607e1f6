#include "signaling/colibri2/colibri2_xml.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::colibri2 {
namespace {

// "<where>/<name>[<index>]" with a 1-based index (XPath style, as the Jingle parsers use).
std::string Path(std::string_view where, std::string_view name, size_t index) {
  std::string out(where);
  out.append("/").append(name).append("[").append(std::to_string(index + 1)).append("]");
  return out;
}

std::string Path(std::string_view where, std::string_view name) {
  std::string out(where);
  out.append("/").append(name);
  return out;
}

// A string attribute of at most kMaxIdLength bytes; absent -> "". Required: absent or empty
// is an error.
Result<std::string> IdAttr(const gloox::Tag& tag, std::string_view name, std::string_view where,
                           bool required) {
  auto raw = xml::Attr(tag, name);
  if (!raw || raw->empty()) {
    if (!required) return std::string();
    return MakeError("xml.missing-attribute", "missing attribute '" + std::string(name) + "'",
                     std::string(where));
  }
  if (raw->size() > kMaxIdLength) {
    return MakeError("colibri2.too-long", "attribute '" + std::string(name) + "' is longer than " +
                                              std::to_string(kMaxIdLength) + " bytes",
                     std::string(where));
  }
  return std::move(*raw);
}

Result<bool> FlagAttr(const gloox::Tag& tag, std::string_view name, std::string_view where) {
  auto v = xml::OptionalBoolAttr(tag, name, where);
  if (!v) return v.error();
  return v->value_or(false);
}

Error TooMany(std::string_view what, size_t max, std::string_view where) {
  return MakeError("colibri2.too-many", "more than " + std::to_string(max) + " <" +
                                            std::string(what) + "> elements",
                   std::string(where));
}

// Children with this name in this namespace, at most `max` of them.
Result<std::vector<const gloox::Tag*>> BoundedChildren(const gloox::Tag& parent,
                                                       std::string_view name, std::string_view ns,
                                                       size_t max, std::string_view where) {
  auto children = xml::Children(parent, name, ns);
  if (children.size() > max) return TooMany(name, max, where);
  return children;
}

// The only child with this name in this namespace, nullptr if none; two are an error.
Result<const gloox::Tag*> SingleChild(const gloox::Tag& parent, std::string_view name,
                                      std::string_view ns, std::string_view where) {
  auto children = xml::Children(parent, name, ns);
  if (children.size() > 1) {
    return MakeError("colibri2.duplicate-element",
                     "more than one <" + std::string(name) + "> element", std::string(where));
  }
  return children.empty() ? nullptr : children.front();
}

Result<jingle::MediaType> MediaTypeAttr(const gloox::Tag& tag, std::string_view where) {
  auto raw = xml::Attr(tag, "type");
  if (!raw) return MakeError("xml.missing-attribute", "missing attribute 'type'", std::string(where));
  auto type = jingle::ParseMediaType(*raw);
  if (!type || *type == jingle::MediaType::kApplication) {
    return MakeError("colibri2.bad-media-type",
                     "media type must be 'audio' or 'video', got '" + raw->substr(0, 40) + "'",
                     std::string(where));
  }
  return *type;
}

bool IsMucRole(std::string_view role) {
  return role == muc_role::kModerator || role == muc_role::kParticipant ||
         role == muc_role::kVisitor || role == muc_role::kNone;
}

#define COLIBRI2_ASSIGN(lhs, expr)            \
  do {                                        \
    auto colibri2_r_ = (expr);                \
    if (!colibri2_r_.ok()) return colibri2_r_.error(); \
    lhs = std::move(*colibri2_r_);            \
  } while (0)

Result<std::vector<Media>> ParseMedias(const gloox::Tag& tag, std::string_view where) {
  std::vector<const gloox::Tag*> tags;
  COLIBRI2_ASSIGN(tags, BoundedChildren(tag, "media", ns::kColibri2, kMaxMedias, where));
  std::vector<Media> out;
  out.reserve(tags.size());
  for (size_t i = 0; i < tags.size(); ++i) {
    auto media = ParseMedia(*tags[i], Path(where, "media", i));
    if (!media) return media.error();
    out.push_back(std::move(*media));
  }
  return out;
}

// The optional single <transport> and <sources> children shared by endpoints and relays.
Status ParseEntityChildren(const gloox::Tag& tag, std::string_view where,
                           std::optional<Transport>& transport, std::optional<Sources>& sources) {
  const gloox::Tag* t = nullptr;
  COLIBRI2_ASSIGN(t, SingleChild(tag, "transport", ns::kColibri2, where));
  if (t != nullptr) {
    auto parsed = ParseTransport(*t, Path(where, "transport"));
    if (!parsed) return parsed.error();
    transport = std::move(*parsed);
  }
  const gloox::Tag* s = nullptr;
  COLIBRI2_ASSIGN(s, SingleChild(tag, "sources", ns::kColibri2, where));
  if (s != nullptr) {
    auto parsed = ParseSources(*s, Path(where, "sources"));
    if (!parsed) return parsed.error();
    sources = std::move(*parsed);
  }
  return {};
}

Result<std::vector<Endpoint>> ParseEndpoints(const gloox::Tag& tag, std::string_view where) {
  std::vector<const gloox::Tag*> tags;
  COLIBRI2_ASSIGN(tags, BoundedChildren(tag, "endpoint", ns::kColibri2, kMaxEndpoints, where));
  std::vector<Endpoint> out;
  out.reserve(tags.size());
  for (size_t i = 0; i < tags.size(); ++i) {
    auto endpoint = ParseEndpoint(*tags[i], Path(where, "endpoint", i));
    if (!endpoint) return endpoint.error();
    out.push_back(std::move(*endpoint));
  }
  return out;
}

Result<std::vector<Relay>> ParseRelays(const gloox::Tag& tag, std::string_view where) {
  std::vector<const gloox::Tag*> tags;
  COLIBRI2_ASSIGN(tags, BoundedChildren(tag, "relay", ns::kColibri2, kMaxRelays, where));
  std::vector<Relay> out;
  out.reserve(tags.size());
  for (size_t i = 0; i < tags.size(); ++i) {
    auto relay = ParseRelay(*tags[i], Path(where, "relay", i));
    if (!relay) return relay.error();
    out.push_back(std::move(*relay));
  }
  return out;
}

// The root element: `tag` itself when it has this name, or the child of an <iq>.
Result<const gloox::Tag*> Root(const gloox::Tag& tag, std::string_view name) {
  const gloox::Tag* root = &tag;
  if (tag.name() == "iq") {
    root = xml::Child(tag, name, ns::kColibri2);
    if (root == nullptr) {
      return MakeError("colibri2.missing-element",
                       "<iq> has no <" + std::string(name) + " xmlns='jitsi:colibri2'> child", "iq");
    }
  }
  if (root->name() != name) {
    return MakeError("colibri2.unexpected-element", "expected <" + std::string(name) + ">, got <" +
                                                        root->name().substr(0, 64) + ">",
                     root->name().substr(0, 64));
  }
  if (xml::Namespace(*root) != ns::kColibri2) {
    return MakeError("colibri2.bad-namespace", "namespace must be 'jitsi:colibri2', got '" +
                                                   xml::Namespace(*root).substr(0, 64) + "'",
                     std::string(name));
  }
  return root;
}

void SetFlag(gloox::Tag& tag, std::string_view name, bool value) {
  if (value) xml::SetBoolAttr(tag, name, true);
}

void SetIfNotEmpty(gloox::Tag& tag, std::string_view name, std::string_view value) {
  if (!value.empty()) xml::SetAttr(tag, name, value);
}

void AppendMedias(gloox::Tag& parent, const std::vector<Media>& medias) {
  for (const Media& media : medias) AppendMedia(parent, media);
}

}  // namespace

Result<Media> ParseMedia(const gloox::Tag& tag, std::string_view where) {
  Media media;
  COLIBRI2_ASSIGN(media.type, MediaTypeAttr(tag, where));
  std::vector<const gloox::Tag*> pts;
  COLIBRI2_ASSIGN(pts, BoundedChildren(tag, "payload-type", ns::kRtp, kMaxPayloadTypes, where));
  media.payload_types.reserve(pts.size());
  for (size_t i = 0; i < pts.size(); ++i) {
    auto pt = jingle::ParsePayloadType(*pts[i], Path(where, "payload-type", i));
    if (!pt) return pt.error();
    media.payload_types.push_back(std::move(*pt));
  }
  std::vector<const gloox::Tag*> exts;
  COLIBRI2_ASSIGN(exts, BoundedChildren(tag, "rtp-hdrext", ns::kHdrExt, kMaxHeaderExtensions, where));
  media.header_extensions.reserve(exts.size());
  for (size_t i = 0; i < exts.size(); ++i) {
    auto ext = jingle::ParseHeaderExtension(*exts[i], Path(where, "rtp-hdrext", i));
    if (!ext) return ext.error();
    media.header_extensions.push_back(std::move(*ext));
  }
  media.extmap_allow_mixed = xml::Child(tag, "extmap-allow-mixed", ns::kHdrExt) != nullptr;
  return media;
}

Result<Transport> ParseTransport(const gloox::Tag& tag, std::string_view where) {
  Transport transport;
  COLIBRI2_ASSIGN(transport.ice_controlling, FlagAttr(tag, "ice-controlling", where));
  COLIBRI2_ASSIGN(transport.use_unique_port, FlagAttr(tag, "use-unique-port", where));
  COLIBRI2_ASSIGN(transport.ice_restart, FlagAttr(tag, "ice-restart", where));
  const gloox::Tag* ice = nullptr;
  COLIBRI2_ASSIGN(ice, SingleChild(tag, "transport", ns::kIceUdp, where));
  if (ice != nullptr) {
    auto parsed = jingle::ParseIceUdpTransport(*ice, Path(where, "transport"));
    if (!parsed) return parsed.error();
    transport.ice_udp = std::move(*parsed);
  }
  const gloox::Tag* sctp = nullptr;
  COLIBRI2_ASSIGN(sctp, SingleChild(tag, "sctp", ns::kColibri2, where));
  if (sctp != nullptr) {
    const std::string sctp_where = Path(where, "sctp");
    Sctp out;
    if (auto role = xml::Attr(*sctp, "role")) {
      out.role = ParseSctpRole(*role);
      if (!out.role) {
        return MakeError("colibri2.bad-sctp-role",
                         "sctp role must be 'client' or 'server', got '" + role->substr(0, 40) + "'",
                         sctp_where);
      }
    }
    auto port = xml::OptionalUintAttr(*sctp, "port", sctp_where, 65535);
    if (!port) return port.error();
    if (*port) out.port = static_cast<uint16_t>(**port);
    transport.sctp = out;
  }
  return transport;
}

Result<MediaSource> ParseMediaSource(const gloox::Tag& tag, std::string_view where) {
  MediaSource source;
  COLIBRI2_ASSIGN(source.type, MediaTypeAttr(tag, where));
  COLIBRI2_ASSIGN(source.id, IdAttr(tag, "id", where, true));
  COLIBRI2_ASSIGN(source.synthetic, FlagAttr(tag, "synthetic", where));
  std::vector<const gloox::Tag*> tags;
  COLIBRI2_ASSIGN(tags, BoundedChildren(tag, "source", ns::kSsma, kMaxSourcesPerMediaSource, where));
  source.sources.reserve(tags.size());
  for (size_t i = 0; i < tags.size(); ++i) {
    auto parsed = jingle::ParseSource(*tags[i], Path(where, "source", i));
    if (!parsed) return parsed.error();
    source.sources.push_back(std::move(*parsed));
  }
  COLIBRI2_ASSIGN(tags, BoundedChildren(tag, "ssrc-group", ns::kSsma, kMaxSsrcGroups, where));
  source.ssrc_groups.reserve(tags.size());
  for (size_t i = 0; i < tags.size(); ++i) {
    auto parsed = jingle::ParseSsrcGroup(*tags[i], Path(where, "ssrc-group", i));
    if (!parsed) return parsed.error();
    source.ssrc_groups.push_back(std::move(*parsed));
  }
  return source;
}

Result<Sources> ParseSources(const gloox::Tag& tag, std::string_view where) {
  Sources sources;
  std::vector<const gloox::Tag*> tags;
  COLIBRI2_ASSIGN(tags, BoundedChildren(tag, "media-source", ns::kColibri2, kMaxMediaSources, where));
  sources.media_sources.reserve(tags.size());
  for (size_t i = 0; i < tags.size(); ++i) {
    auto parsed = ParseMediaSource(*tags[i], Path(where, "media-source", i));
    if (!parsed) return parsed.error();
    sources.media_sources.push_back(std::move(*parsed));
  }
  return sources;
}

Result<Endpoint> ParseEndpoint(const gloox::Tag& tag, std::string_view where) {
  Endpoint endpoint;
  COLIBRI2_ASSIGN(endpoint.id, IdAttr(tag, "id", where, true));
  COLIBRI2_ASSIGN(endpoint.create, FlagAttr(tag, "create", where));
  COLIBRI2_ASSIGN(endpoint.expire, FlagAttr(tag, "expire", where));
  COLIBRI2_ASSIGN(endpoint.stats_id, IdAttr(tag, "stats-id", where, false));
  COLIBRI2_ASSIGN(endpoint.muc_role, IdAttr(tag, "muc-role", where, false));
  if (!endpoint.muc_role.empty() && !IsMucRole(endpoint.muc_role)) {
    return MakeError("colibri2.bad-muc-role", "unknown muc-role '" + endpoint.muc_role + "'",
                     std::string(where));
  }
  COLIBRI2_ASSIGN(endpoint.medias, ParseMedias(tag, where));
  MEET_RETURN_IF_ERROR(ParseEntityChildren(tag, where, endpoint.transport, endpoint.sources));

  const gloox::Tag* mute = nullptr;
  COLIBRI2_ASSIGN(mute, SingleChild(tag, "force-mute", ns::kColibri2, where));
  if (mute != nullptr) {
    const std::string mute_where = Path(where, "force-mute");
    ForceMute force_mute;
    COLIBRI2_ASSIGN(force_mute.audio, FlagAttr(*mute, "audio", mute_where));
    COLIBRI2_ASSIGN(force_mute.video, FlagAttr(*mute, "video", mute_where));
    endpoint.force_mute = force_mute;
  }

  std::vector<const gloox::Tag*> caps;
  COLIBRI2_ASSIGN(caps, BoundedChildren(tag, "capability", ns::kColibri2, kMaxCapabilities, where));
  endpoint.capabilities.reserve(caps.size());
  for (size_t i = 0; i < caps.size(); ++i) {
    std::string name;
    COLIBRI2_ASSIGN(name, IdAttr(*caps[i], "name", Path(where, "capability", i), true));
    endpoint.capabilities.push_back(std::move(name));
  }

  const gloox::Tag* last_n = nullptr;
  COLIBRI2_ASSIGN(last_n, SingleChild(tag, "initial-last-n", ns::kColibri2, where));
  if (last_n != nullptr) {
    const std::string last_n_where = Path(where, "initial-last-n");
    auto raw = xml::Attr(*last_n, "value");
    if (!raw) return MakeError("xml.missing-attribute", "missing attribute 'value'", last_n_where);
    auto value = xml::ParseInt(*raw);
    if (!value || *value < -1 || *value > INT32_MAX) {
      return MakeError("colibri2.bad-last-n",
                       "initial-last-n value must be an integer >= -1, got '" + raw->substr(0, 40) + "'",
                       last_n_where);
    }
    endpoint.initial_last_n = static_cast<int32_t>(*value);
  }
  return endpoint;
}

Result<Relay> ParseRelay(const gloox::Tag& tag, std::string_view where) {
  Relay relay;
  COLIBRI2_ASSIGN(relay.id, IdAttr(tag, "id", where, true));
  COLIBRI2_ASSIGN(relay.mesh_id, IdAttr(tag, "mesh-id", where, false));
  COLIBRI2_ASSIGN(relay.create, FlagAttr(tag, "create", where));
  COLIBRI2_ASSIGN(relay.expire, FlagAttr(tag, "expire", where));
  COLIBRI2_ASSIGN(relay.medias, ParseMedias(tag, where));
  MEET_RETURN_IF_ERROR(ParseEntityChildren(tag, where, relay.transport, relay.sources));
  const gloox::Tag* endpoints = nullptr;
  COLIBRI2_ASSIGN(endpoints, SingleChild(tag, "endpoints", ns::kColibri2, where));
  if (endpoints != nullptr) {
    COLIBRI2_ASSIGN(relay.endpoints, ParseEndpoints(*endpoints, Path(where, "endpoints")));
  }
  return relay;
}

Result<ConferenceModify> ParseConferenceModify(const gloox::Tag& tag) {
  const gloox::Tag* root = nullptr;
  COLIBRI2_ASSIGN(root, Root(tag, "conference-modify"));
  const std::string where = "conference-modify";
  ConferenceModify modify;
  auto meeting_id = IdAttr(*root, "meeting-id", where, true);
  if (!meeting_id) {
    Error e = meeting_id.error();
    if (e.code == "xml.missing-attribute") {
      e.code = "colibri2.missing-meeting-id";
      e.text = "conference-modify without meeting-id";
    }
    return e;
  }
  modify.meeting_id = std::move(*meeting_id);
  COLIBRI2_ASSIGN(modify.name, IdAttr(*root, "name", where, false));
  COLIBRI2_ASSIGN(modify.create, FlagAttr(*root, "create", where));
  COLIBRI2_ASSIGN(modify.expire, FlagAttr(*root, "expire", where));
  COLIBRI2_ASSIGN(modify.rtcstats_enabled, xml::OptionalBoolAttr(*root, "rtcstats-enabled", where));
  COLIBRI2_ASSIGN(modify.endpoints, ParseEndpoints(*root, where));
  COLIBRI2_ASSIGN(modify.relays, ParseRelays(*root, where));
  return modify;
}

Result<ConferenceModified> ParseConferenceModified(const gloox::Tag& tag) {
  const gloox::Tag* root = nullptr;
  COLIBRI2_ASSIGN(root, Root(tag, "conference-modified"));
  const std::string where = "conference-modified";
  ConferenceModified modified;
  COLIBRI2_ASSIGN(modified.endpoints, ParseEndpoints(*root, where));
  COLIBRI2_ASSIGN(modified.relays, ParseRelays(*root, where));
  const gloox::Tag* sources = nullptr;
  COLIBRI2_ASSIGN(sources, SingleChild(*root, "sources", ns::kColibri2, where));
  if (sources != nullptr) {
    COLIBRI2_ASSIGN(modified.sources, ParseSources(*sources, Path(where, "sources")));
  }
  return modified;
}

Result<Message> Parse(const gloox::Tag& tag) {
  const gloox::Tag* root = &tag;
  if (tag.name() == "iq") {
    root = xml::Child(tag, "conference-modify", ns::kColibri2);
    if (root == nullptr) root = xml::Child(tag, "conference-modified", ns::kColibri2);
    if (root == nullptr) {
      return MakeError("colibri2.missing-element",
                       "<iq> has no colibri2 conference-modify or conference-modified child", "iq");
    }
  }
  if (root->name() == "conference-modified") {
    auto modified = ParseConferenceModified(*root);
    if (!modified) return modified.error();
    return Message(std::move(*modified));
  }
  auto modify = ParseConferenceModify(*root);
  if (!modify) return modify.error();
  return Message(std::move(*modify));
}

void AppendMedia(gloox::Tag& parent, const Media& media) {
  gloox::Tag* tag = xml::AddChild(parent, "media");
  xml::SetAttr(*tag, "type", jingle::ToString(media.type));
  for (const auto& pt : media.payload_types) jingle::AppendPayloadType(*tag, pt);
  for (const auto& ext : media.header_extensions) jingle::AppendHeaderExtension(*tag, ext);
  if (media.extmap_allow_mixed) xml::AddChild(*tag, "extmap-allow-mixed", ns::kHdrExt);
}

void AppendTransport(gloox::Tag& parent, const Transport& transport) {
  gloox::Tag* tag = xml::AddChild(parent, "transport");
  SetFlag(*tag, "ice-controlling", transport.ice_controlling);
  SetFlag(*tag, "use-unique-port", transport.use_unique_port);
  SetFlag(*tag, "ice-restart", transport.ice_restart);
  if (transport.ice_udp) jingle::AppendIceUdpTransport(*tag, *transport.ice_udp);
  if (transport.sctp) {
    gloox::Tag* sctp = xml::AddChild(*tag, "sctp");
    if (transport.sctp->port) xml::SetAttr(*sctp, "port", uint64_t{*transport.sctp->port});
    if (transport.sctp->role) xml::SetAttr(*sctp, "role", ToString(*transport.sctp->role));
  }
}

void AppendSources(gloox::Tag& parent, const Sources& sources) {
  gloox::Tag* tag = xml::AddChild(parent, "sources");
  for (const MediaSource& ms : sources.media_sources) {
    gloox::Tag* m = xml::AddChild(*tag, "media-source");
    xml::SetAttr(*m, "type", jingle::ToString(ms.type));
    SetIfNotEmpty(*m, "id", ms.id);
    SetFlag(*m, "synthetic", ms.synthetic);
    for (const auto& source : ms.sources) jingle::AppendSource(*m, source);
    for (const auto& group : ms.ssrc_groups) jingle::AppendSsrcGroup(*m, group);
  }
}

void AppendEndpoint(gloox::Tag& parent, const Endpoint& endpoint) {
  gloox::Tag* tag = xml::AddChild(parent, "endpoint");
  SetIfNotEmpty(*tag, "id", endpoint.id);
  SetFlag(*tag, "create", endpoint.create);
  SetFlag(*tag, "expire", endpoint.expire);
  SetIfNotEmpty(*tag, "stats-id", endpoint.stats_id);
  SetIfNotEmpty(*tag, "muc-role", endpoint.muc_role);
  AppendMedias(*tag, endpoint.medias);
  if (endpoint.transport) AppendTransport(*tag, *endpoint.transport);
  if (endpoint.sources) AppendSources(*tag, *endpoint.sources);
  for (const std::string& name : endpoint.capabilities) {
    SetIfNotEmpty(*xml::AddChild(*tag, "capability"), "name", name);
  }
  if (endpoint.force_mute) {
    gloox::Tag* mute = xml::AddChild(*tag, "force-mute");
    xml::SetBoolAttr(*mute, "audio", endpoint.force_mute->audio);
    xml::SetBoolAttr(*mute, "video", endpoint.force_mute->video);
  }
  if (endpoint.initial_last_n) {
    gloox::Tag* last_n = xml::AddChild(*tag, "initial-last-n");
    xml::SetAttr(*last_n, "value", std::to_string(*endpoint.initial_last_n));
  }
}

void AppendRelay(gloox::Tag& parent, const Relay& relay) {
  gloox::Tag* tag = xml::AddChild(parent, "relay");
  SetIfNotEmpty(*tag, "id", relay.id);
  SetIfNotEmpty(*tag, "mesh-id", relay.mesh_id);
  SetFlag(*tag, "create", relay.create);
  SetFlag(*tag, "expire", relay.expire);
  AppendMedias(*tag, relay.medias);
  if (relay.transport) AppendTransport(*tag, *relay.transport);
  if (relay.sources) AppendSources(*tag, *relay.sources);
  if (!relay.endpoints.empty()) {
    gloox::Tag* endpoints = xml::AddChild(*tag, "endpoints");
    for (const Endpoint& endpoint : relay.endpoints) AppendEndpoint(*endpoints, endpoint);
  }
}

xml::TagPtr ToTag(const ConferenceModify& modify) {
  xml::TagPtr tag = xml::Make("conference-modify", ns::kColibri2);
  SetIfNotEmpty(*tag, "meeting-id", modify.meeting_id);
  SetIfNotEmpty(*tag, "name", modify.name);
  SetFlag(*tag, "create", modify.create);
  SetFlag(*tag, "expire", modify.expire);
  if (modify.rtcstats_enabled) xml::SetBoolAttr(*tag, "rtcstats-enabled", *modify.rtcstats_enabled);
  for (const Endpoint& endpoint : modify.endpoints) AppendEndpoint(*tag, endpoint);
  for (const Relay& relay : modify.relays) AppendRelay(*tag, relay);
  return tag;
}

xml::TagPtr ToTag(const ConferenceModified& modified) {
  xml::TagPtr tag = xml::Make("conference-modified", ns::kColibri2);
  for (const Endpoint& endpoint : modified.endpoints) AppendEndpoint(*tag, endpoint);
  for (const Relay& relay : modified.relays) AppendRelay(*tag, relay);
  if (modified.sources) AppendSources(*tag, *modified.sources);
  return tag;
}

xml::TagPtr ToTag(const Message& message) {
  return std::visit([](const auto& m) { return ToTag(m); }, message);
}

}  // namespace meet::signaling::colibri2
