#pragma once
// Remote mute (jitsi-protocol.md 1.9), an IQ set between occupants and the focus:
//   <mute xmlns='http://jitsi.org/jitmeet/audio|video|desktop' jid='room@muc/nick'
//         [actor='room@muc/requester']>true|false</mute>
// The media kind is given by the namespace.

#include <gloox/tag.h>

#include <optional>
#include <string_view>

#include "media/base/result.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

enum class MediaKind { kAudio, kVideo, kDesktop };

std::string_view ToString(MediaKind kind);
std::string_view MuteNamespace(MediaKind kind);
std::optional<MediaKind> MediaKindFromMuteNamespace(std::string_view namespace_uri);

struct MuteIq {
  MediaKind kind = MediaKind::kAudio;
  Jid jid;  // the occupant to (un)mute: a full room@muc/nick JID
  Jid actor;  // who asked; empty when absent
  bool mute = true;

  // `tag` is the <mute> element (any of the three namespaces) or an <iq> containing one.
  // Errors: missing/invalid/bare jid, invalid actor, text other than true/false.
  static Result<MuteIq> Parse(const gloox::Tag& tag);
  xml::TagPtr ToTag() const;
  void AppendTo(gloox::Tag& stanza) const;

  friend bool operator==(const MuteIq&, const MuteIq&) = default;
};

}  // namespace meet::signaling::stanzas
