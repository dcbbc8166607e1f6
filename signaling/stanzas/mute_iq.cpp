#include "signaling/stanzas/mute_iq.hpp"

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {

std::string_view ToString(MediaKind kind) {
  switch (kind) {
    case MediaKind::kVideo: return "video";
    case MediaKind::kDesktop: return "desktop";
    case MediaKind::kAudio: break;
  }
  return "audio";
}

std::string_view MuteNamespace(MediaKind kind) {
  switch (kind) {
    case MediaKind::kVideo: return ns::kMuteVideo;
    case MediaKind::kDesktop: return ns::kMuteDesktop;
    case MediaKind::kAudio: break;
  }
  return ns::kMuteAudio;
}

std::optional<MediaKind> MediaKindFromMuteNamespace(std::string_view namespace_uri) {
  for (MediaKind k : {MediaKind::kAudio, MediaKind::kVideo, MediaKind::kDesktop}) {
    if (MuteNamespace(k) == namespace_uri) return k;
  }
  return std::nullopt;
}

Result<MuteIq> MuteIq::Parse(const gloox::Tag& tag) {
  const gloox::Tag* el = nullptr;
  if (tag.name() == "mute") {
    el = &tag;
  } else if (tag.name() == "iq") {
    el = xml::Child(tag, "mute");
  }
  if (el == nullptr) return MakeError("mute.missing-element", "no <mute> element", tag.name().substr(0, 32));
  const std::string mute_ns = xml::Namespace(*el);
  auto kind = MediaKindFromMuteNamespace(mute_ns);
  if (!kind) {
    return MakeError("mute.bad-namespace", "unknown mute namespace '" + mute_ns.substr(0, 64) + "'",
                     "mute");
  }
  MuteIq out;
  out.kind = *kind;
  auto jid = detail::JidAttr(*el, "jid", "mute.bad-jid", "mute");
  if (!jid) return jid.error();
  if (!jid->has_value()) return MakeError("mute.missing-jid", "missing attribute 'jid'", "mute");
  if (!(*jid)->IsFull() || !(*jid)->HasLocal()) {
    return MakeError("mute.bad-jid", "jid must be an occupant JID room@muc/nick", "mute");
  }
  out.jid = std::move(**jid);
  auto actor = detail::JidAttr(*el, "actor", "mute.bad-actor", "mute");
  if (!actor) return actor.error();
  if (actor->has_value()) out.actor = std::move(**actor);
  const std::string text = el->cdata();
  auto value = xml::ParseBool(text);
  if (!value) {
    return MakeError("mute.bad-value", "mute text must be true or false, not '" + text.substr(0, 32) + "'",
                     "mute");
  }
  out.mute = *value;
  return out;
}

xml::TagPtr MuteIq::ToTag() const {
  xml::TagPtr tag = xml::Make("mute", MuteNamespace(kind));
  xml::SetAttr(*tag, "jid", jid.ToString());
  if (!actor.empty()) xml::SetAttr(*tag, "actor", actor.ToString());
  tag->setCData(mute ? "true" : "false");
  return tag;
}

void MuteIq::AppendTo(gloox::Tag& stanza) const { stanza.addChild(ToTag().release()); }

}  // namespace meet::signaling::stanzas
