#include "signaling/jingle/jingle.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "signaling/jingle/xml_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::jingle {
namespace {

constexpr std::array<std::pair<JingleAction, const char*>, 10> kActionNames{{
    {JingleAction::kSessionInitiate, "session-initiate"},
    {JingleAction::kSessionAccept, "session-accept"},
    {JingleAction::kSessionTerminate, "session-terminate"},
    {JingleAction::kSessionInfo, "session-info"},
    {JingleAction::kTransportInfo, "transport-info"},
    {JingleAction::kTransportReplace, "transport-replace"},
    {JingleAction::kTransportAccept, "transport-accept"},
    {JingleAction::kSourceAdd, "source-add"},
    {JingleAction::kSourceRemove, "source-remove"},
    {JingleAction::kContentModify, "content-modify"},
}};

// XEP-0166 section 7.4 reason conditions.
constexpr std::array<const char*, 17> kReasonConditions{
    "alternative-session", "busy", "cancel", "connectivity-error", "decline", "expired",
    "failed-application", "failed-transport", "general-error", "gone", "incompatible-parameters",
    "media-error", "security-error", "success", "timeout", "unsupported-applications",
    "unsupported-transports"};

Error TooMany(std::string code, std::string_view what, size_t limit, std::string where) {
  return MakeError(std::move(code), "more than " + std::to_string(limit) + " " + std::string(what),
                   std::move(where));
}

Result<Reason> ParseReason(const gloox::Tag& tag, std::string_view where) {
  Reason reason;
  bool have_condition = false;
  for (const gloox::Tag* child : tag.children()) {
    if (child->name() == "text") {
      auto text = detail::TrimmedText(*child, detail::Path(where, "text"), 1024);
      if (!text) return text.error();
      reason.text = std::move(*text);
    } else if (!have_condition) {
      const std::string& name = child->name();
      if (std::none_of(kReasonConditions.begin(), kReasonConditions.end(),
                       [&](const char* c) { return name == c; })) {
        return MakeError("jingle.bad-reason", "unknown reason condition <" + name.substr(0, 40) + ">",
                         std::string(where));
      }
      reason.condition = name;
      have_condition = true;
    }
  }
  return reason;
}

Result<BridgeSession> ParseBridgeSession(const gloox::Tag& tag, std::string_view where) {
  BridgeSession session;
  auto id = detail::TextAttr(tag, "id", where, 256);
  if (!id) return id.error();
  session.id = std::move(*id);
  auto region = detail::TextAttr(tag, "region", where, 256);
  if (!region) return region.error();
  session.region = std::move(*region);
  auto restart = xml::OptionalBoolAttr(tag, "restart", where);
  if (!restart) return restart.error();
  session.restart = *restart;
  auto ice_restart = xml::OptionalBoolAttr(tag, "ice-restart", where);
  if (!ice_restart) return ice_restart.error();
  session.ice_restart = *ice_restart;
  return session;
}

Result<StartMuted> ParseStartMuted(const gloox::Tag& tag, std::string_view where) {
  StartMuted muted;
  auto audio = xml::OptionalBoolAttr(tag, "audio", where);
  if (!audio) return audio.error();
  muted.audio = *audio;
  auto video = xml::OptionalBoolAttr(tag, "video", where);
  if (!video) return video.error();
  muted.video = *video;
  return muted;
}

Result<std::vector<std::string>> ParseBundle(const gloox::Tag& tag, std::string_view where) {
  std::vector<std::string> names;
  size_t index = 0;
  for (const gloox::Tag* child : tag.children()) {
    if (child->name() != "content") continue;
    const std::string at = detail::Path(where, "content", ++index);
    if (index > kMaxContents) {
      return TooMany("jingle.too-many-bundle-contents", "contents in the BUNDLE group", kMaxContents, at);
    }
    auto name = detail::RequiredTextAttr(*child, "name", at, 256);
    if (!name) return name.error();
    names.push_back(std::move(*name));
  }
  return names;
}

bool IsOneOf(std::string_view value, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

}  // namespace

std::string_view ToString(JingleAction action) {
  for (const auto& [a, name] : kActionNames) {
    if (a == action) return name;
  }
  return "session-initiate";
}

std::optional<JingleAction> ParseJingleAction(std::string_view text) {
  for (const auto& [a, name] : kActionNames) {
    if (text == name) return a;
  }
  if (text == "addsource") return JingleAction::kSourceAdd;
  if (text == "removesource") return JingleAction::kSourceRemove;
  return std::nullopt;
}

const PayloadType* RtpDescription::FindPayloadType(uint8_t id) const {
  for (const PayloadType& pt : payload_types) {
    if (pt.id == id) return &pt;
  }
  return nullptr;
}

Content* Jingle::FindContent(std::string_view name) {
  for (Content& c : contents) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const Content* Jingle::FindContent(std::string_view name) const {
  for (const Content& c : contents) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const IceUdpTransport* Jingle::FirstTransport() const {
  for (const Content& c : contents) {
    if (c.transport) return &*c.transport;
  }
  return nullptr;
}

Result<RtpDescription> ParseRtpDescription(const gloox::Tag& tag, std::string_view where) {
  RtpDescription d;
  auto media_text = detail::TextAttr(tag, "media", where, 32);
  if (!media_text) return media_text.error();
  auto media = ParseMediaType(*media_text);
  if (!media) {
    return MakeError("jingle.bad-media",
                     "media must be audio, video or application, got '" + media_text->substr(0, 40) + "'",
                     std::string(where));
  }
  d.media = *media;
  auto maxptime = xml::OptionalUintAttr(tag, "maxptime", where, UINT32_MAX);
  if (!maxptime) return maxptime.error();
  if (*maxptime) d.maxptime = static_cast<uint32_t>(**maxptime);

  size_t payloads = 0, hdrexts = 0, fbs = 0, sources = 0, groups = 0;
  for (const gloox::Tag* child : tag.children()) {
    const std::string& name = child->name();
    const std::string ns = xml::Namespace(*child);
    if (name == "payload-type") {
      const std::string at = detail::Path(where, name, ++payloads);
      if (payloads > kMaxPayloadTypes) {
        return TooMany("jingle.too-many-payload-types", "payload types", kMaxPayloadTypes, at);
      }
      auto pt = ParsePayloadType(*child, at);
      if (!pt) return pt.error();
      d.payload_types.push_back(std::move(*pt));
    } else if (name == "rtp-hdrext" && ns == ns::kHdrExt) {
      const std::string at = detail::Path(where, name, ++hdrexts);
      if (hdrexts > kMaxHeaderExtensions) {
        return TooMany("jingle.too-many-header-extensions", "header extensions",
                       kMaxHeaderExtensions, at);
      }
      auto ext = ParseHeaderExtension(*child, at);
      if (!ext) return ext.error();
      d.header_extensions.push_back(std::move(*ext));
    } else if (name == "extmap-allow-mixed" && ns == ns::kHdrExt) {
      d.extmap_allow_mixed = true;
    } else if (name == "rtcp-mux") {
      d.rtcp_mux = true;
    } else if (name == "rtcp-fb" && ns == ns::kRtcpFb) {
      const std::string at = detail::Path(where, name, ++fbs);
      if (fbs > kMaxDescriptionRtcpFbs) {
        return TooMany("jingle.too-many-rtcp-fbs", "rtcp-fb elements", kMaxDescriptionRtcpFbs, at);
      }
      auto fb = ParseRtcpFb(*child, at);
      if (!fb) return fb.error();
      d.rtcp_fbs.push_back(std::move(*fb));
    } else if (name == "source" && ns == ns::kSsma) {
      // RID-based simulcast (<source rid='1'/> + <rid-group>) is not modelled: skipped.
      if (!child->hasAttribute("ssrc") && child->hasAttribute("rid")) continue;
      const std::string at = detail::Path(where, name, ++sources);
      if (sources > kMaxContentSources) {
        return TooMany("jingle.too-many-sources", "sources", kMaxContentSources, at);
      }
      auto source = ParseSource(*child, at);
      if (!source) return source.error();
      d.sources.push_back(std::move(*source));
    } else if (name == "ssrc-group" && ns == ns::kSsma) {
      const std::string at = detail::Path(where, name, ++groups);
      if (groups > kMaxContentSsrcGroups) {
        return TooMany("jingle.too-many-ssrc-groups", "ssrc-groups", kMaxContentSsrcGroups, at);
      }
      auto group = ParseSsrcGroup(*child, at);
      if (!group) return group.error();
      d.ssrc_groups.push_back(std::move(*group));
    }
  }
  return d;
}

Result<Content> ParseContent(const gloox::Tag& tag, std::string_view where) {
  Content c;
  auto name = detail::RequiredTextAttr(tag, "name", where, 256);
  if (!name) return name.error();
  c.name = std::move(*name);
  auto creator = detail::TextAttr(tag, "creator", where, 32);
  if (!creator) return creator.error();
  if (!creator->empty() && !IsOneOf(*creator, {"initiator", "responder"})) {
    return MakeError("jingle.bad-creator", "creator must be initiator or responder", std::string(where));
  }
  c.creator = std::move(*creator);
  auto senders = detail::TextAttr(tag, "senders", where, 32);
  if (!senders) return senders.error();
  if (!senders->empty() &&
      !IsOneOf(*senders, {"both", "initiator", "responder", "none", "rejected"})) {
    return MakeError("jingle.bad-senders", "unknown senders value '" + senders->substr(0, 40) + "'",
                     std::string(where));
  }
  c.senders = std::move(*senders);

  for (const gloox::Tag* child : tag.children()) {
    const std::string& child_name = child->name();
    const std::string ns = xml::Namespace(*child);
    if (child_name == "description" && ns == ns::kRtp) {
      if (c.description) continue;  // the first one counts
      auto d = ParseRtpDescription(*child, detail::Path(where, "description"));
      if (!d) return d.error();
      c.description = std::move(*d);
    } else if (child_name == "transport" && ns == ns::kIceUdp) {
      if (c.transport) continue;
      auto t = ParseIceUdpTransport(*child, detail::Path(where, "transport"));
      if (!t) return t.error();
      c.transport = std::move(*t);
    } else if (child_name == "initial-last-n" && ns == ns::kColibri2) {
      if (c.initial_last_n) continue;
      const std::string at = detail::Path(where, "initial-last-n");
      auto raw = xml::Attr(*child, "value");
      auto value = raw ? xml::ParseInt(*raw) : std::nullopt;
      if (!value || *value < -1 || *value > INT32_MAX) {
        return MakeError("jingle.bad-last-n", "initial-last-n value must be an integer >= -1", at);
      }
      c.initial_last_n = static_cast<int32_t>(*value);
    }
  }
  return c;
}

Result<Jingle> ParseJingle(const gloox::Tag& tag) {
  const std::string where = "jingle";
  Jingle j;
  auto action_text = detail::TextAttr(tag, "action", where, 64);
  if (!action_text) return action_text.error();
  auto action = ParseJingleAction(*action_text);
  if (!action) {
    return MakeError("jingle.bad-action",
                     action_text->empty() ? std::string("missing action")
                                          : "unknown action '" + action_text->substr(0, 40) + "'",
                     where);
  }
  j.action = *action;
  auto sid = detail::TextAttr(tag, "sid", where, 256);
  if (!sid) return sid.error();
  if (sid->empty()) return MakeError("jingle.missing-sid", "missing sid", where);
  j.sid = std::move(*sid);
  auto initiator = detail::TextAttr(tag, "initiator", where, 3071);
  if (!initiator) return initiator.error();
  j.initiator = std::move(*initiator);
  auto responder = detail::TextAttr(tag, "responder", where, 3071);
  if (!responder) return responder.error();
  j.responder = std::move(*responder);

  size_t contents = 0;
  std::set<std::string, std::less<>> names;
  bool have_bundle = false;
  for (const gloox::Tag* child : tag.children()) {
    const std::string& name = child->name();
    const std::string ns = xml::Namespace(*child);
    if (name == "content" && ns == ns::kJingle) {
      const std::string at = detail::Path(where, "content", ++contents);
      if (contents > kMaxContents) {
        return TooMany("jingle.too-many-contents", "contents", kMaxContents, at);
      }
      auto content = ParseContent(*child, at);
      if (!content) return content.error();
      if (!names.insert(content->name).second) {
        return MakeError("jingle.duplicate-content",
                         "content name '" + content->name.substr(0, 40) + "' is used twice", at);
      }
      j.contents.push_back(std::move(*content));
    } else if (name == "group" && ns == ns::kGrouping) {
      if (have_bundle || xml::AttrOr(*child, "semantics") != "BUNDLE") continue;
      have_bundle = true;
      auto bundle = ParseBundle(*child, detail::Path(where, "group"));
      if (!bundle) return bundle.error();
      j.bundle = std::move(*bundle);
    } else if (name == "reason" && ns == ns::kJingle) {
      if (j.reason) continue;
      auto reason = ParseReason(*child, detail::Path(where, "reason"));
      if (!reason) return reason.error();
      j.reason = std::move(*reason);
    } else if (name == "bridge-session" && ns == ns::kFocus) {
      if (j.bridge_session) continue;
      auto session = ParseBridgeSession(*child, detail::Path(where, "bridge-session"));
      if (!session) return session.error();
      j.bridge_session = std::move(*session);
    } else if (name == "startmuted" && ns == ns::kStartMuted) {
      if (j.start_muted) continue;
      auto muted = ParseStartMuted(*child, detail::Path(where, "startmuted"));
      if (!muted) return muted.error();
      j.start_muted = std::move(*muted);
    } else if (name == "json-message" && ns == ns::kJitmeet) {
      if (j.json_sources) continue;
      const std::string at = detail::Path(where, "json-message");
      const std::string text = child->cdata();
      auto map = ParseSourceMapJson(text);
      if (!map) {
        const Error& e = map.error();
        return MakeError("jingle.bad-json-message", e.code + ": " + e.text +
                                                        (e.where.empty() ? "" : " at " + e.where),
                         at);
      }
      j.json_sources = std::move(*map);
    } else if (name == "ice-state" && ns == ns::kFocus) {
      if (j.ice_state) continue;
      auto state = detail::TrimmedText(*child, detail::Path(where, "ice-state"), 64);
      if (!state) return state.error();
      j.ice_state = std::move(*state);
    }
  }
  return j;
}

Result<Jingle> ParseJingleIq(const gloox::Tag& iq) {
  const gloox::Tag* jingle = xml::Child(iq, "jingle", ns::kJingle);
  if (jingle == nullptr) return MakeError("jingle.missing-jingle", "no <jingle> element in the IQ", "iq");
  return ParseJingle(*jingle);
}

void AppendRtpDescription(gloox::Tag& parent, const RtpDescription& d) {
  gloox::Tag* t = xml::AddChild(parent, "description", ns::kRtp);
  xml::SetAttr(*t, "media", ToString(d.media));
  if (d.maxptime) xml::SetAttr(*t, "maxptime", uint64_t{*d.maxptime});
  for (const PayloadType& pt : d.payload_types) AppendPayloadType(*t, pt);
  for (const HeaderExtension& ext : d.header_extensions) AppendHeaderExtension(*t, ext);
  for (const RtcpFb& fb : d.rtcp_fbs) AppendRtcpFb(*t, fb);
  if (d.extmap_allow_mixed) xml::AddChild(*t, "extmap-allow-mixed", ns::kHdrExt);
  for (const Source& s : d.sources) AppendSource(*t, s);
  for (const SsrcGroup& g : d.ssrc_groups) AppendSsrcGroup(*t, g);
  if (d.rtcp_mux) xml::AddChild(*t, "rtcp-mux");
}

void AppendContent(gloox::Tag& parent, const Content& c) {
  gloox::Tag* t = detail::AddNsChild(parent, "content", ns::kJingle);
  detail::SetIfNotEmpty(*t, "creator", c.creator);
  detail::SetIfNotEmpty(*t, "name", c.name);
  detail::SetIfNotEmpty(*t, "senders", c.senders);
  if (c.description) AppendRtpDescription(*t, *c.description);
  if (c.transport) AppendIceUdpTransport(*t, *c.transport);
  if (c.initial_last_n) {
    gloox::Tag* n = xml::AddChild(*t, "initial-last-n", ns::kColibri2);
    xml::SetAttr(*n, "value", std::to_string(*c.initial_last_n));
  }
}

xml::TagPtr ToTag(const Jingle& j) {
  xml::TagPtr root = xml::Make("jingle", ns::kJingle);
  xml::SetAttr(*root, "action", ToString(j.action));
  detail::SetIfNotEmpty(*root, "initiator", j.initiator);
  detail::SetIfNotEmpty(*root, "responder", j.responder);
  detail::SetIfNotEmpty(*root, "sid", j.sid);
  if (j.reason) {
    gloox::Tag* reason = xml::AddChild(*root, "reason");
    if (!j.reason->condition.empty()) xml::AddChild(*reason, j.reason->condition);
    if (!j.reason->text.empty()) xml::AddChild(*reason, "text")->setCData(j.reason->text);
  }
  for (const Content& c : j.contents) AppendContent(*root, c);
  if (!j.bundle.empty()) {
    gloox::Tag* group = xml::AddChild(*root, "group", ns::kGrouping);
    xml::SetAttr(*group, "semantics", "BUNDLE");
    for (const std::string& name : j.bundle) xml::SetAttr(*xml::AddChild(*group, "content"), "name", name);
  }
  if (j.bridge_session) {
    gloox::Tag* bs = xml::AddChild(*root, "bridge-session", ns::kFocus);
    detail::SetIfNotEmpty(*bs, "id", j.bridge_session->id);
    detail::SetIfNotEmpty(*bs, "region", j.bridge_session->region);
    if (j.bridge_session->restart) xml::SetBoolAttr(*bs, "restart", *j.bridge_session->restart);
    if (j.bridge_session->ice_restart) {
      xml::SetBoolAttr(*bs, "ice-restart", *j.bridge_session->ice_restart);
    }
  }
  if (j.ice_state) {
    gloox::Tag* state = xml::AddChild(*root, "ice-state", ns::kFocus);
    if (!j.ice_state->empty()) state->setCData(*j.ice_state);
  }
  if (j.start_muted) {
    gloox::Tag* sm = xml::AddChild(*root, "startmuted", ns::kStartMuted);
    if (j.start_muted->audio) xml::SetBoolAttr(*sm, "audio", *j.start_muted->audio);
    if (j.start_muted->video) xml::SetBoolAttr(*sm, "video", *j.start_muted->video);
  }
  if (j.json_sources) {
    gloox::Tag* msg = xml::AddChild(*root, "json-message", ns::kJitmeet);
    msg->setCData(EncodeSourceMapJson(*j.json_sources));
  }
  return root;
}

}  // namespace meet::signaling::jingle
