#pragma once
// Conversions between the sources the focus keeps (jingle::EndpointSourceSet, as signalled in
// Jingle) and COLIBRI2 <sources> (one <media-source> per source name, jitsi-protocol.md 3.3):
// source ids are the source names (default "<endpoint>-a0" / "-v0"), msid is stripped, and an
// SSRC group goes with the media-source of its first SSRC.

#include <string_view>
#include <vector>

#include "media/base/result.hpp"
#include "signaling/colibri2/model.hpp"
#include "signaling/jingle/jingle.hpp"

namespace meet::focus {

signaling::jingle::EndpointSourceSet FromColibriSources(const signaling::colibri2::Sources& sources);
signaling::colibri2::Sources ToColibriSources(std::string_view endpoint,
                                              const signaling::jingle::EndpointSourceSet& set);
// The sender's own sources in a client's Jingle (session-accept, source-add, source-remove):
// <source>/<ssrc-group> of the audio/video contents plus a json-message, if any. Owner fields
// are cleared. Errors: a group referencing an SSRC of another content, sources in "data".
Result<signaling::jingle::EndpointSourceSet> SourcesFromJingle(const signaling::jingle::Jingle& jingle,
                                                               std::string_view endpoint);

}  // namespace meet::focus
