#pragma once
// Sources grouped by owner (jicofo's EndpointSourceSet / ConferenceSourceMap) and the compact
// JSON encoding of them carried in <json-message xmlns='http://jitsi.org/jitmeet'>
// (jitsi-protocol.md 2.7):
//
//   {"sources":{"<owner>":[videoSources, videoGroups, audioSources, audioGroups?], ...}}
//   source = {"s":<ssrc>, "n":"<name>"?, "m":"<msid>"?, "v":"d"?}     v="d": desktop
//   group  = ["f"|"s", ssrc, ssrc, ...]                                 f=FID, s=SIM
//
// Owner "jvb" is the bridge (feedback sources). Conversion to and from per-content
// <source>/<ssrc-group> XML follows what lib-jitsi-meet does when it expands a json-message.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"
#include "signaling/jingle/source.hpp"

namespace meet::signaling::jingle {

struct Content;  // jingle.hpp

// Bounds of ParseSourceMapJson (more -> error sourcemap.too-many-*).
inline constexpr size_t kMaxSourceMapJsonBytes = 1024 * 1024;
inline constexpr size_t kMaxSourceMapOwners = 1024;
inline constexpr size_t kMaxOwnerSources = 512;  // per owner and media
inline constexpr size_t kMaxOwnerGroups = 512;   // per owner and media

// The owner name of the bridge's feedback sources.
inline constexpr const char* kBridgeOwner = "jvb";

struct TypedSource {
  MediaType media = MediaType::kAudio;
  Source source;
  bool operator==(const TypedSource&) const = default;
};

struct TypedSsrcGroup {
  MediaType media = MediaType::kVideo;
  SsrcGroup group;
  bool operator==(const TypedSsrcGroup&) const = default;
};

// The sources and SSRC groups of one endpoint (or of the bridge), in signalling order.
struct EndpointSourceSet {
  std::vector<TypedSource> sources;
  std::vector<TypedSsrcGroup> groups;

  bool Empty() const { return sources.empty() && groups.empty(); }
  std::vector<Source> SourcesOf(MediaType media) const;
  std::vector<SsrcGroup> GroupsOf(MediaType media) const;
  std::vector<uint32_t> Ssrcs(MediaType media) const;
  bool HasSsrc(uint32_t ssrc) const;
  // Appends other's sources and groups (no de-duplication).
  void Append(const EndpointSourceSet& other);
  bool operator==(const EndpointSourceSet&) const = default;
};

// Owner (endpoint id or "jvb") -> its sources. Sorted by owner.
using SourceMap = std::map<std::string, EndpointSourceSet, std::less<>>;

// Parses {"sources":{...}}. Strict: wrong JSON types, ssrc outside 1..2^32-1, an unknown group
// semantics letter, a "v" other than "d", more than 4 arrays per owner, or a bound exceeded give
// an error whose `where` is a JSON pointer ("/sources/5e6f7a8b/1/0"). Unknown keys inside a
// source object are ignored. Codes: sourcemap.bad-json, sourcemap.no-sources, sourcemap.bad-owner,
// sourcemap.bad-type, sourcemap.bad-ssrc, sourcemap.bad-semantics, sourcemap.bad-video-type,
// sourcemap.bad-text, sourcemap.too-large, sourcemap.too-many-*.
// The parsed Sources carry owner = the JSON key; video sources without "v" have video_type "".
Result<SourceMap> ParseSourceMapJson(std::string_view json);

// Compact JSON as jicofo writes it: the 4th array only when there are audio groups, video_type
// "desktop" as "v":"d", empty name/msid omitted. Groups whose semantics is neither FID nor SIM,
// and application sources, have no JSON form and are left out.
std::string EncodeSourceMapJson(const SourceMap& map);
// One owner's array, e.g. [[{"s":1}],[],[{"s":3}]].
std::string EncodeEndpointSourcesJson(const EndpointSourceSet& set);

// The map as Jingle contents, as lib-jitsi-meet expands a json-message: one content per media
// that has sources or groups ("audio" first, then "video"), each with <description media> holding
// <source> (with <ssrc-info owner>, msid parameter, videoType camera|desktop for video) and
// <ssrc-group> elements. The contents have no creator/senders/transport.
std::vector<Content> SourceMapToContents(const SourceMap& map);

// The reverse: sources of the audio/video contents grouped by <ssrc-info owner> (a full occupant
// JID owner is reduced to its resource, as lib-jitsi-meet does). Sources without an owner belong
// to `default_owner`; each group belongs to the owner of its first SSRC in the same content.
// Errors: sourcemap.missing-owner, sourcemap.group-unknown-ssrc, sourcemap.bad-media (sources in
// an application content).
Result<SourceMap> SourceMapFromContents(const std::vector<Content>& contents,
                                        std::string_view default_owner = {});

// Jicofo's strip-simulcast: for every SIM group keep its first SSRC, drop the other SSRCs, the
// FID groups whose primary is a dropped SSRC together with their RTX SSRC, and the SIM group.
EndpointSourceSet StripSimulcast(const EndpointSourceSet& set);
SourceMap StripSimulcast(const SourceMap& map);

}  // namespace meet::signaling::jingle
