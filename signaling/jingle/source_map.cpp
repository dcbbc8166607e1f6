#include "signaling/jingle/source_map.hpp"

#include "signaling/json/json_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "signaling/jingle/jingle.hpp"
#include "signaling/jingle/xml_util.hpp"

namespace meet::signaling::jingle {
namespace {

using nlohmann::json;

// Deepest nesting a valid source map has: {"sources":{owner:[[[group]]]}} = 5 levels.
constexpr size_t kMaxJsonDepth = 6;

std::string At(std::string_view base, size_t index) { return std::string(base) + "/" + std::to_string(index); }

Error TypeError(const std::string& where, std::string_view expected) {
  return MakeError("sourcemap.bad-type", "expected " + std::string(expected), where);
}

Result<uint32_t> ParseJsonSsrc(const json& value, const std::string& where) {
  if (!value.is_number_unsigned() && !value.is_number_integer()) {
    return MakeError("sourcemap.bad-ssrc", "ssrc is not an integer", where);
  }
  if (value.is_number_integer() && !value.is_number_unsigned()) {
    return MakeError("sourcemap.bad-ssrc", "ssrc is negative", where);
  }
  const uint64_t ssrc = value.get<uint64_t>();
  if (ssrc == 0 || ssrc > UINT32_MAX) {
    return MakeError("sourcemap.bad-ssrc", "ssrc " + std::to_string(ssrc) + " not in 1..4294967295",
                     where);
  }
  return static_cast<uint32_t>(ssrc);
}

Result<std::string> ParseJsonString(const json& value, const std::string& where, size_t max_bytes) {
  if (!value.is_string()) return TypeError(where, "a string");
  const std::string& s = value.get_ref<const std::string&>();
  auto ok = detail::CheckText(s, "string", where, max_bytes);
  if (!ok) {
    Error e = ok.error();
    e.code = "sourcemap.bad-text";
    return e;
  }
  return s;
}

Result<Source> ParseJsonSource(const json& value, const std::string& where, const std::string& owner) {
  if (!value.is_object()) return TypeError(where, "a source object");
  Source source;
  source.owner = owner;
  auto s = value.find("s");
  if (s == value.end()) return MakeError("sourcemap.bad-ssrc", "source without \"s\"", where);
  auto ssrc = ParseJsonSsrc(*s, where + "/s");
  if (!ssrc) return ssrc.error();
  source.ssrc = *ssrc;
  if (auto n = value.find("n"); n != value.end() && !n->is_null()) {
    auto name = ParseJsonString(*n, where + "/n", 256);
    if (!name) return name.error();
    source.name = std::move(*name);
  }
  if (auto m = value.find("m"); m != value.end() && !m->is_null()) {
    auto msid = ParseJsonString(*m, where + "/m", 1024);
    if (!msid) return msid.error();
    source.msid = std::move(*msid);
  }
  if (auto v = value.find("v"); v != value.end() && !v->is_null()) {
    if (!v->is_string() || v->get_ref<const std::string&>() != "d") {
      return MakeError("sourcemap.bad-video-type", "\"v\" must be \"d\" (desktop)", where + "/v");
    }
    source.video_type = "desktop";
  }
  return source;
}

Result<SsrcGroup> ParseJsonGroup(const json& value, const std::string& where) {
  if (!value.is_array() || value.empty()) return TypeError(where, "a group array [\"f\"|\"s\", ssrc...]");
  SsrcGroup group;
  const json& letter = value[0];
  if (letter.is_string() && letter.get_ref<const std::string&>() == "f") {
    group.semantics = "FID";
  } else if (letter.is_string() && letter.get_ref<const std::string&>() == "s") {
    group.semantics = "SIM";
  } else {
    return MakeError("sourcemap.bad-semantics", "group semantics must be \"f\" or \"s\"", where + "/0");
  }
  if (value.size() < 2) return MakeError("sourcemap.bad-group", "group without SSRCs", where);
  if (value.size() - 1 > kMaxGroupSources) {
    return MakeError("sourcemap.too-many-group-sources",
                     "more than " + std::to_string(kMaxGroupSources) + " SSRCs in a group", where);
  }
  for (size_t i = 1; i < value.size(); ++i) {
    auto ssrc = ParseJsonSsrc(value[i], At(where, i));
    if (!ssrc) return ssrc.error();
    group.ssrcs.push_back(*ssrc);
  }
  return group;
}

Result<EndpointSourceSet> ParseJsonOwner(const json& value, const std::string& where,
                                         const std::string& owner) {
  if (!value.is_array()) return TypeError(where, "an array of up to 4 arrays");
  if (value.size() > 4) {
    return MakeError("sourcemap.bad-type", "more than 4 arrays for one owner", where);
  }
  EndpointSourceSet set;
  for (size_t slot = 0; slot < value.size(); ++slot) {
    const json& list = value[slot];
    const std::string at = At(where, slot);
    if (list.is_null()) continue;
    if (!list.is_array()) return TypeError(at, "an array");
    const MediaType media = slot < 2 ? MediaType::kVideo : MediaType::kAudio;
    const bool is_sources = slot % 2 == 0;
    const size_t limit = is_sources ? kMaxOwnerSources : kMaxOwnerGroups;
    if (list.size() > limit) {
      return MakeError(is_sources ? "sourcemap.too-many-sources" : "sourcemap.too-many-groups",
                       "more than " + std::to_string(limit) + " entries", at);
    }
    for (size_t i = 0; i < list.size(); ++i) {
      if (is_sources) {
        auto source = ParseJsonSource(list[i], At(at, i), owner);
        if (!source) return source.error();
        set.sources.push_back(TypedSource{media, std::move(*source)});
      } else {
        auto group = ParseJsonGroup(list[i], At(at, i));
        if (!group) return group.error();
        set.groups.push_back(TypedSsrcGroup{media, std::move(*group)});
      }
    }
  }
  return set;
}

nlohmann::ordered_json SourceJson(const Source& source) {
  nlohmann::ordered_json j;
  j["s"] = source.ssrc;
  if (!source.name.empty()) j["n"] = source.name;
  if (!source.msid.empty()) j["m"] = source.msid;
  if (source.video_type == "desktop") j["v"] = "d";
  return j;
}

std::optional<nlohmann::ordered_json> GroupJson(const SsrcGroup& group) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  if (group.semantics == "FID") {
    j.push_back("f");
  } else if (group.semantics == "SIM") {
    j.push_back("s");
  } else {
    return std::nullopt;
  }
  for (uint32_t ssrc : group.ssrcs) j.push_back(ssrc);
  return j;
}

nlohmann::ordered_json OwnerJson(const EndpointSourceSet& set) {
  nlohmann::ordered_json video_sources = nlohmann::ordered_json::array();
  nlohmann::ordered_json video_groups = nlohmann::ordered_json::array();
  nlohmann::ordered_json audio_sources = nlohmann::ordered_json::array();
  nlohmann::ordered_json audio_groups = nlohmann::ordered_json::array();
  for (const TypedSource& s : set.sources) {
    if (s.media == MediaType::kVideo) video_sources.push_back(SourceJson(s.source));
    if (s.media == MediaType::kAudio) audio_sources.push_back(SourceJson(s.source));
  }
  for (const TypedSsrcGroup& g : set.groups) {
    auto j = GroupJson(g.group);
    if (!j) continue;
    if (g.media == MediaType::kVideo) video_groups.push_back(std::move(*j));
    if (g.media == MediaType::kAudio) audio_groups.push_back(std::move(*j));
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  out.push_back(std::move(video_sources));
  out.push_back(std::move(video_groups));
  out.push_back(std::move(audio_sources));
  if (!audio_groups.empty()) out.push_back(std::move(audio_groups));
  return out;
}

std::string Dump(const nlohmann::ordered_json& j) {
  try {
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  } catch (const std::exception&) {
    return "{}";  // not reachable with error_handler_t::replace; no exception escapes
  }
}

std::string OwnerFromSsrcInfo(std::string_view owner) {
  // lib-jitsi-meet accepts a full occupant JID and uses its resource.
  const size_t slash = owner.rfind('/');
  if (slash != std::string_view::npos) owner = owner.substr(slash + 1);
  return std::string(owner);
}

}  // namespace

std::vector<Source> EndpointSourceSet::SourcesOf(MediaType media) const {
  std::vector<Source> out;
  for (const TypedSource& s : sources) {
    if (s.media == media) out.push_back(s.source);
  }
  return out;
}

std::vector<SsrcGroup> EndpointSourceSet::GroupsOf(MediaType media) const {
  std::vector<SsrcGroup> out;
  for (const TypedSsrcGroup& g : groups) {
    if (g.media == media) out.push_back(g.group);
  }
  return out;
}

std::vector<uint32_t> EndpointSourceSet::Ssrcs(MediaType media) const {
  std::vector<uint32_t> out;
  for (const TypedSource& s : sources) {
    if (s.media == media) out.push_back(s.source.ssrc);
  }
  return out;
}

bool EndpointSourceSet::HasSsrc(uint32_t ssrc) const {
  return std::any_of(sources.begin(), sources.end(),
                     [ssrc](const TypedSource& s) { return s.source.ssrc == ssrc; });
}

void EndpointSourceSet::Append(const EndpointSourceSet& other) {
  sources.insert(sources.end(), other.sources.begin(), other.sources.end());
  groups.insert(groups.end(), other.groups.begin(), other.groups.end());
}

Result<SourceMap> ParseSourceMapJson(std::string_view text) {
  if (text.size() > kMaxSourceMapJsonBytes) {
    return MakeError("sourcemap.too-large",
                     "JSON of " + std::to_string(text.size()) + " bytes exceeds " +
                         std::to_string(kMaxSourceMapJsonBytes));
  }
  if (signaling::json::ExcessNestingOffset(text, kMaxJsonDepth)) {
    return MakeError("sourcemap.bad-json", "JSON nested deeper than " + std::to_string(kMaxJsonDepth));
  }
  json doc;
  try {
    doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  } catch (const std::exception& e) {  // allocation failure and the like
    return MakeError("sourcemap.bad-json", e.what());
  }
  if (doc.is_discarded()) return MakeError("sourcemap.bad-json", "not valid JSON");
  if (!doc.is_object()) return TypeError("", "a JSON object");
  auto sources = doc.find("sources");
  if (sources == doc.end()) return MakeError("sourcemap.no-sources", "no \"sources\" member");
  if (!sources->is_object()) return TypeError("/sources", "an object of owners");
  if (sources->size() > kMaxSourceMapOwners) {
    return MakeError("sourcemap.too-many-owners",
                     "more than " + std::to_string(kMaxSourceMapOwners) + " owners", "/sources");
  }
  SourceMap map;
  for (auto it = sources->begin(); it != sources->end(); ++it) {
    const std::string where = "/sources" + signaling::json::PointerSegment(std::string_view(it.key()).substr(0, 64));
    if (it.key().empty()) return MakeError("sourcemap.bad-owner", "empty owner", where);
    auto ok = detail::CheckText(it.key(), "owner", where, 1024);
    if (!ok) return MakeError("sourcemap.bad-owner", ok.error().text, where);
    auto set = ParseJsonOwner(it.value(), where, it.key());
    if (!set) return set.error();
    map.emplace(it.key(), std::move(*set));
  }
  return map;
}

std::string EncodeEndpointSourcesJson(const EndpointSourceSet& set) { return Dump(OwnerJson(set)); }

std::string EncodeSourceMapJson(const SourceMap& map) {
  nlohmann::ordered_json owners = nlohmann::ordered_json::object();
  for (const auto& [owner, set] : map) owners[owner] = OwnerJson(set);
  nlohmann::ordered_json doc;
  doc["sources"] = std::move(owners);
  return Dump(doc);
}

std::vector<Content> SourceMapToContents(const SourceMap& map) {
  std::vector<Content> contents;
  for (MediaType media : {MediaType::kAudio, MediaType::kVideo}) {
    RtpDescription description;
    description.media = media;
    for (const auto& [owner, set] : map) {
      for (const TypedSource& s : set.sources) {
        if (s.media != media) continue;
        Source source = s.source;
        source.owner = owner;
        if (media == MediaType::kVideo && source.video_type.empty()) source.video_type = "camera";
        description.sources.push_back(std::move(source));
      }
      for (const TypedSsrcGroup& g : set.groups) {
        if (g.media == media) description.ssrc_groups.push_back(g.group);
      }
    }
    if (description.sources.empty() && description.ssrc_groups.empty()) continue;
    Content content;
    content.name = std::string(ToString(media));
    content.description = std::move(description);
    contents.push_back(std::move(content));
  }
  return contents;
}

Result<SourceMap> SourceMapFromContents(const std::vector<Content>& contents,
                                        std::string_view default_owner) {
  SourceMap map;
  for (size_t ci = 0; ci < contents.size(); ++ci) {
    const Content& content = contents[ci];
    if (!content.description) continue;
    const RtpDescription& d = *content.description;
    const std::string where = detail::Path("jingle", "content", ci + 1) + "/description";
    if (d.media == MediaType::kApplication) {
      if (!d.sources.empty() || !d.ssrc_groups.empty()) {
        return MakeError("sourcemap.bad-media", "sources in an application content", where);
      }
      continue;
    }
    std::map<uint32_t, std::string> owner_of;
    for (size_t si = 0; si < d.sources.size(); ++si) {
      Source source = d.sources[si];
      std::string owner = OwnerFromSsrcInfo(source.owner);
      if (owner.empty()) owner = std::string(default_owner);
      if (owner.empty()) {
        return MakeError("sourcemap.missing-owner",
                         "source " + std::to_string(source.ssrc) + " has no ssrc-info owner",
                         detail::Path(where, "source", si + 1));
      }
      source.owner = owner;
      owner_of.emplace(source.ssrc, owner);
      map[owner].sources.push_back(TypedSource{d.media, std::move(source)});
    }
    for (size_t gi = 0; gi < d.ssrc_groups.size(); ++gi) {
      const SsrcGroup& group = d.ssrc_groups[gi];
      auto it = group.ssrcs.empty() ? owner_of.end() : owner_of.find(group.ssrcs.front());
      if (it == owner_of.end()) {
        return MakeError("sourcemap.group-unknown-ssrc",
                         group.semantics + " group refers to an SSRC without a <source>",
                         detail::Path(where, "ssrc-group", gi + 1));
      }
      map[it->second].groups.push_back(TypedSsrcGroup{d.media, group});
    }
  }
  return map;
}

EndpointSourceSet StripSimulcast(const EndpointSourceSet& set) {
  std::set<uint32_t> drop_ssrcs;
  std::vector<bool> drop_group(set.groups.size(), false);
  for (size_t i = 0; i < set.groups.size(); ++i) {
    const SsrcGroup& g = set.groups[i].group;
    if (g.semantics != "SIM") continue;
    drop_group[i] = true;
    for (size_t k = 1; k < g.ssrcs.size(); ++k) drop_ssrcs.insert(g.ssrcs[k]);
  }
  std::set<uint32_t> drop_rtx;
  for (size_t i = 0; i < set.groups.size(); ++i) {
    const SsrcGroup& g = set.groups[i].group;
    if (g.semantics != "FID" || g.ssrcs.empty() || !drop_ssrcs.count(g.ssrcs.front())) continue;
    drop_group[i] = true;
    drop_rtx.insert(g.ssrcs.begin() + 1, g.ssrcs.end());
  }
  drop_ssrcs.insert(drop_rtx.begin(), drop_rtx.end());
  EndpointSourceSet out;
  for (const TypedSource& s : set.sources) {
    if (!drop_ssrcs.count(s.source.ssrc)) out.sources.push_back(s);
  }
  for (size_t i = 0; i < set.groups.size(); ++i) {
    if (!drop_group[i]) out.groups.push_back(set.groups[i]);
  }
  return out;
}

SourceMap StripSimulcast(const SourceMap& map) {
  SourceMap out;
  for (const auto& [owner, set] : map) out.emplace(owner, StripSimulcast(set));
  return out;
}

}  // namespace meet::signaling::jingle
