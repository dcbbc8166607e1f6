#pragma once
// COLIBRI2 as XML (namespace jitsi:colibri2) on gloox::Tag, exactly as Jicofo and JVB exchange
// it (jitsi-protocol.md 3.2-3.5):
//
//   <conference-modify xmlns='jitsi:colibri2' meeting-id='…' name='room@muc…' create='true'>
//     <endpoint id='1a2b3c4d' create='true' stats-id='Ada-Xy1'>
//       <media type='audio'><payload-type xmlns='urn:xmpp:jingle:apps:rtp:1' …/>…</media>
//       <transport ice-controlling='true'><transport xmlns='…ice-udp:1' …/><sctp/></transport>
//       <sources><media-source type='video' id='1a2b3c4d-v0'><source xmlns='…ssma:0' …/>…
//       <capability name='source-names'/>
//     </endpoint>
//   </conference-modify>
//
// Parsing is structural: it checks types, ranges, required attributes and bounds, and names the
// element path on failure ("conference-modify/endpoint[0]/media[1]/payload-type[2]"). The
// bridge's semantic restrictions are in bridge_validation.hpp. Unknown children and children in
// other namespaces are ignored (<connects>, <traceparent>, future extensions).

#include <gloox/tag.h>

#include <variant>

#include "media/base/result.hpp"
#include "signaling/colibri2/model.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::colibri2 {

using Message = std::variant<ConferenceModify, ConferenceModified>;

// <conference-modify xmlns='jitsi:colibri2'>; an <iq> wrapping it is accepted too.
Result<ConferenceModify> ParseConferenceModify(const gloox::Tag& tag);
// <conference-modified xmlns='jitsi:colibri2'>; an <iq> wrapping it is accepted too.
Result<ConferenceModified> ParseConferenceModified(const gloox::Tag& tag);
// Either element (or an <iq> wrapping one), told apart by the element name.
Result<Message> Parse(const gloox::Tag& tag);

// Elements parsed on their own (used by the two above; `where` prefixes error paths).
Result<Endpoint> ParseEndpoint(const gloox::Tag& tag, std::string_view where);
Result<Relay> ParseRelay(const gloox::Tag& tag, std::string_view where);
Result<Media> ParseMedia(const gloox::Tag& tag, std::string_view where);
Result<Transport> ParseTransport(const gloox::Tag& tag, std::string_view where);
Result<Sources> ParseSources(const gloox::Tag& tag, std::string_view where);
Result<MediaSource> ParseMediaSource(const gloox::Tag& tag, std::string_view where);

// The root element with xmlns='jitsi:colibri2'; children inherit the namespace, Jingle
// children carry their own xmlns. Booleans are written only when true; absent optionals and
// empty strings are not written.
xml::TagPtr ToTag(const ConferenceModify& modify);
xml::TagPtr ToTag(const ConferenceModified& modified);
xml::TagPtr ToTag(const Message& message);

// Appends one child element (no xmlns of its own: it inherits jitsi:colibri2 from `parent`).
void AppendEndpoint(gloox::Tag& parent, const Endpoint& endpoint);
void AppendRelay(gloox::Tag& parent, const Relay& relay);
void AppendMedia(gloox::Tag& parent, const Media& media);
void AppendTransport(gloox::Tag& parent, const Transport& transport);
void AppendSources(gloox::Tag& parent, const Sources& sources);

}  // namespace meet::signaling::colibri2
