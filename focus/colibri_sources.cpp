#include "focus/colibri_sources.hpp"

#include <algorithm>
#include <string>

namespace meet::focus {

using signaling::colibri2::MediaSource;
using signaling::colibri2::Sources;
using signaling::jingle::EndpointSourceSet;
using signaling::jingle::MediaType;

EndpointSourceSet FromColibriSources(const Sources& sources) {
  EndpointSourceSet set;
  for (const auto& ms : sources.media_sources) {
    for (const auto& s : ms.sources) {
      signaling::jingle::TypedSource ts{ms.type, s};
      if (ts.source.name.empty()) ts.source.name = ms.id;
      set.sources.push_back(std::move(ts));
    }
    for (const auto& g : ms.ssrc_groups) set.groups.push_back({ms.type, g});
  }
  return set;
}

Sources ToColibriSources(std::string_view endpoint, const EndpointSourceSet& set) {
  Sources out;
  auto media_source_for = [&](MediaType media, const std::string& name) -> MediaSource& {
    for (auto& ms : out.media_sources) {
      if (ms.type == media && ms.id == name) return ms;
    }
    MediaSource ms;
    ms.type = media;
    ms.id = name;
    out.media_sources.push_back(std::move(ms));
    return out.media_sources.back();
  };
  for (const auto& ts : set.sources) {
    if (ts.media == MediaType::kApplication) continue;
    std::string name = ts.source.name;
    if (name.empty()) name = std::string(endpoint) + (ts.media == MediaType::kAudio ? "-a0" : "-v0");
    signaling::jingle::Source s = ts.source;
    s.msid.clear();
    s.owner.clear();
    s.name = name;
    media_source_for(ts.media, name).sources.push_back(std::move(s));
  }
  for (const auto& tg : set.groups) {
    if (tg.group.ssrcs.empty()) continue;
    uint32_t first = tg.group.ssrcs.front();
    for (auto& ms : out.media_sources) {
      bool has = std::any_of(ms.sources.begin(), ms.sources.end(),
                             [&](const signaling::jingle::Source& s) { return s.ssrc == first; });
      if (has) {
        ms.ssrc_groups.push_back(tg.group);
        break;
      }
    }
  }
  return out;
}

Result<EndpointSourceSet> SourcesFromJingle(const signaling::jingle::Jingle& jingle,
                                            std::string_view endpoint) {
  EndpointSourceSet set;
  std::vector<signaling::jingle::Content> media_contents;
  for (const auto& c : jingle.contents) {
    if (!c.description) continue;
    if (c.description->media == MediaType::kApplication) {
      if (!c.description->sources.empty() || !c.description->ssrc_groups.empty()) {
        return MakeError("focus.source.bad-media", "sources in an application content",
                         "content " + c.name);
      }
      continue;
    }
    media_contents.push_back(c);
  }
  auto map = signaling::jingle::SourceMapFromContents(media_contents, endpoint);
  if (!map.ok()) return map.error();
  for (auto& [owner, owner_set] : *map) set.Append(owner_set);
  if (jingle.json_sources) {
    for (const auto& [owner, owner_set] : *jingle.json_sources) set.Append(owner_set);
  }
  for (auto& ts : set.sources) ts.source.owner.clear();
  return set;
}

}  // namespace meet::focus
