#include "signaling/stanzas/source_info.hpp"

#include <nlohmann/json.hpp>

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {
namespace {

// Matches "<a|v><digits>[.<suffix>]".
std::optional<SourceName> ParseTail(std::string_view owner, std::string_view tail) {
  if (tail.size() < 2 || (tail[0] != 'a' && tail[0] != 'v')) return std::nullopt;
  size_t i = 1;
  while (i < tail.size() && tail[i] >= '0' && tail[i] <= '9') ++i;
  auto index = xml::ParseUint(tail.substr(1, i - 1), UINT32_MAX);
  if (!index) return std::nullopt;
  SourceName out;
  if (i < tail.size()) {
    if (tail[i] != '.' || i + 1 == tail.size()) return std::nullopt;
    out.suffix = std::string(tail.substr(i + 1));
  }
  out.owner = std::string(owner);
  out.media = tail[0] == 'a' ? SourceMedia::kAudio : SourceMedia::kVideo;
  out.index = static_cast<uint32_t>(*index);
  return out;
}

}  // namespace

std::optional<SourceName> SourceName::Parse(std::string_view name, std::string_view owner) {
  if (!owner.empty()) {
    if (name.size() <= owner.size() + 1 || name.substr(0, owner.size()) != owner ||
        name[owner.size()] != '-') {
      return std::nullopt;
    }
    return ParseTail(owner, name.substr(owner.size() + 1));
  }
  // Unknown owner: the first '-' after which the pattern matches.
  for (size_t dash = name.find('-'); dash != std::string_view::npos; dash = name.find('-', dash + 1)) {
    if (dash == 0) continue;
    if (auto parsed = ParseTail(name.substr(0, dash), name.substr(dash + 1))) return parsed;
  }
  return std::nullopt;
}

std::string SourceName::ToString() const {
  std::string s = owner + "-" + (media == SourceMedia::kAudio ? "a" : "v") + std::to_string(index);
  if (!suffix.empty()) s += "." + suffix;
  return s;
}

Result<SourceInfo> SourceInfo::Parse(std::string_view json_text, std::string_view owner) {
  auto json = detail::ParseJsonText(json_text, "source-info");
  if (!json) return json.error();
  if (!json->is_object()) return MakeError("source-info.bad-json", "SourceInfo must be a JSON object");
  if (json->size() > kMaxSources) {
    return MakeError("source-info.too-many", "more than " + std::to_string(kMaxSources) + " sources");
  }
  SourceInfo out;
  for (auto it = json->begin(); it != json->end(); ++it) {
    const std::string& name = it.key();
    const std::string where = name.substr(0, 64);
    if (!it->is_object()) {
      return MakeError("source-info.bad-entry", "source state must be a JSON object", where);
    }
    SourceState state;
    auto muted = it->find("muted");
    if (muted != it->end() && !muted->is_null()) {
      if (!muted->is_boolean()) {
        return MakeError("source-info.bad-entry", "'muted' must be a boolean", where);
      }
      state.muted = muted->get<bool>();
    }
    auto video_type = it->find("videoType");
    if (video_type != it->end() && !video_type->is_null()) {
      if (!video_type->is_string() || video_type->get_ref<const std::string&>().size() > 32) {
        return MakeError("source-info.bad-entry", "'videoType' must be a short string", where);
      }
      state.video_type = video_type->get<std::string>();
    }
    if (name.size() > detail::kMaxShortText || !SourceName::Parse(name, owner)) {
      out.rejected.push_back(name.substr(0, detail::kMaxShortText));
      continue;
    }
    out.sources.emplace(name, std::move(state));
  }
  return out;
}

std::string SourceInfo::ToJsonText() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, state] : sources) {
    nlohmann::json entry = {{"muted", state.muted}};
    if (state.video_type) entry["videoType"] = *state.video_type;
    out[name] = std::move(entry);
  }
  // Replace invalid UTF-8 rather than throw (names come from validated XML in practice).
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<bool> SourceInfo::Muted(SourceMedia media) const {
  std::optional<bool> result;
  for (const auto& [name, state] : sources) {
    auto parsed = SourceName::Parse(name);
    if (!parsed || parsed->media != media) continue;
    if (!state.muted) return false;
    result = true;
  }
  return result;
}

}  // namespace meet::signaling::stanzas
