#include "signaling/stanzas/participant_presence.hpp"

#include <algorithm>

#include "signaling/stanzas/stanza_namespaces.hpp"
#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {
namespace {

constexpr std::string_view kCodecList = "codecList";
constexpr std::string_view kCodecType = "codecType";
constexpr std::string_view kRegion = "region";

Result<std::optional<bool>> BoolText(const gloox::Tag* tag, std::string_view where) {
  if (tag == nullptr) return std::optional<bool>();
  const std::string text = tag->cdata();
  auto value = xml::ParseBool(text);
  if (!value) {
    return MakeError("presence.bad-bool", "<" + tag->name() + "> must be true or false, not '" +
                                              text.substr(0, 32) + "'",
                     std::string(where));
  }
  return std::optional<bool>(*value);
}

Result<std::optional<std::string>> OptionalText(const gloox::Tag* tag, size_t max,
                                                std::string_view where) {
  if (tag == nullptr) return std::optional<std::string>();
  auto text = detail::BoundedText(*tag, max, where);
  if (!text) return text.error();
  return std::optional<std::string>(std::move(*text));
}

// "AV1, vp9,,VP8" -> {"av1", "vp9", "vp8"} (lower-cased, trimmed, duplicates dropped).
Result<std::vector<std::string>> ParseCodecs(std::string_view text, std::string_view where) {
  std::vector<std::string> codecs;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) {
      if (item.size() > 32) {
        return MakeError("presence.bad-codec", "codec name too long", std::string(where));
      }
      std::string codec = detail::LowerAscii(item);
      if (std::find(codecs.begin(), codecs.end(), codec) == codecs.end()) {
        if (codecs.size() >= ParticipantPresence::kMaxCodecs) {
          return MakeError("presence.bad-codec", "too many codecs", std::string(where));
        }
        codecs.push_back(std::move(codec));
      }
    }
    start = comma + 1;
  }
  return codecs;
}

}  // namespace

bool ParticipantPresence::HasFeature(std::string_view var) const {
  return std::find(features.begin(), features.end(), var) != features.end();
}

std::optional<bool> ParticipantPresence::IsAudioMuted() const {
  if (source_info) return source_info->Muted(SourceMedia::kAudio).value_or(true);
  return audio_muted;
}

std::optional<bool> ParticipantPresence::IsVideoMuted() const {
  if (source_info) return source_info->Muted(SourceMedia::kVideo).value_or(true);
  return video_muted;
}

Result<ParticipantPresence> ParticipantPresence::Parse(const gloox::Tag& presence,
                                                       std::string_view occupant_nick) {
  if (presence.name() != "presence") {
    return MakeError("presence.not-presence", "expected <presence>, got <" +
                                                  presence.name().substr(0, 32) + ">");
  }
  ParticipantPresence out;
  out.muc_join = xml::Child(presence, "x", ns::kMuc) != nullptr;

  auto stats_id = OptionalText(detail::PlainChild(presence, "stats-id"), detail::kMaxShortText,
                               "presence/stats-id");
  if (!stats_id) return stats_id.error();
  out.stats_id = std::move(*stats_id);

  if (const gloox::Tag* c = xml::Child(presence, "c", ns::kCaps)) {
    Caps caps;
    caps.hash = xml::AttrOr(*c, "hash");
    caps.node = xml::AttrOr(*c, "node");
    caps.ver = xml::AttrOr(*c, "ver");
    if (caps.node.empty() || caps.ver.empty()) {
      return MakeError("presence.bad-caps", "<c> needs 'node' and 'ver'", "presence/c");
    }
    if (caps.hash.size() > 64 || caps.node.size() > detail::kMaxShortText ||
        caps.ver.size() > detail::kMaxShortText) {
      return MakeError("presence.bad-caps", "<c> attribute too long", "presence/c");
    }
    out.caps = std::move(caps);
  }

  if (const gloox::Tag* features = detail::PlainChild(presence, "features")) {
    size_t index = 0;
    for (const gloox::Tag* feature : xml::Children(*features, "feature")) {
      const std::string where = "presence/features/feature[" + std::to_string(index++) + "]";
      if (out.features.size() >= kMaxFeatures) {
        return MakeError("presence.too-many-features", "too many features", where);
      }
      auto var = detail::BoundedAttr(*feature, "var", detail::kMaxShortText, where);
      if (!var) return var.error();
      if (!var->has_value() || (*var)->empty()) {
        return MakeError("xml.missing-attribute", "missing attribute 'var'", where);
      }
      if (!out.HasFeature(**var)) out.features.push_back(std::move(**var));
    }
  }

  if (const gloox::Tag* si = detail::PlainChild(presence, "SourceInfo")) {
    auto info = SourceInfo::Parse(si->cdata(), occupant_nick);
    if (!info) {
      Error e = info.error();
      e.code = "presence.bad-source-info";
      e.text = "SourceInfo: " + info.error().ToString();
      e.where = "presence/SourceInfo";
      return e;
    }
    out.source_info = std::move(*info);
  }

  // jitsi_participant_* elements.
  const std::string prefix = kParticipantPrefix;
  std::vector<std::string> codec_type;
  for (const gloox::Tag* child : presence.children()) {
    const std::string& name = child->name();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        !detail::IsStanzaNamespace(xml::Namespace(*child))) {
      continue;
    }
    const std::string key = name.substr(prefix.size());
    const std::string where = "presence/" + name.substr(0, 64);
    auto text = detail::BoundedText(*child, detail::kMaxLongText, where);
    if (!text) return text.error();
    if (key == kCodecList) {
      auto codecs = ParseCodecs(*text, where);
      if (!codecs) return codecs.error();
      out.codecs = std::move(*codecs);
    } else if (key == kCodecType) {
      auto codecs = ParseCodecs(*text, where);
      if (!codecs) return codecs.error();
      codec_type = std::move(*codecs);
    } else if (key == kRegion) {
      if (text->size() > detail::kMaxShortText) {
        return MakeError("xml.too-long", "region too long", where);
      }
      out.region = std::move(*text);
    } else {
      if (out.participant_properties.size() >= kMaxProperties) {
        return MakeError("presence.too-many-properties", "too many jitsi_participant_ elements",
                         where);
      }
      out.participant_properties[key] = std::move(*text);
    }
  }
  if (out.codecs.empty()) out.codecs = std::move(codec_type);

  auto nick = OptionalText(xml::Child(presence, "nick", ns::kNick), detail::kMaxShortText,
                           "presence/nick");
  if (!nick) return nick.error();
  out.nick = std::move(*nick);

  auto silent = BoolText(xml::Child(presence, "silent", kSilentNamespace), "presence/silent");
  if (!silent) return silent.error();
  out.silent = *silent;

  if (const gloox::Tag* sm = xml::Child(presence, "startmuted", ns::kStartMuted)) {
    StartMuted start;
    auto audio = xml::OptionalBoolAttr(*sm, "audio", "presence/startmuted");
    if (!audio) return audio.error();
    auto video = xml::OptionalBoolAttr(*sm, "video", "presence/startmuted");
    if (!video) return video.error();
    start.audio = *audio;
    start.video = *video;
    out.start_muted = start;
  }

  auto audio_muted = BoolText(detail::PlainChild(presence, "audiomuted"), "presence/audiomuted");
  if (!audio_muted) return audio_muted.error();
  out.audio_muted = *audio_muted;
  auto video_muted = BoolText(detail::PlainChild(presence, "videomuted"), "presence/videomuted");
  if (!video_muted) return video_muted.error();
  out.video_muted = *video_muted;
  auto video_type = OptionalText(detail::PlainChild(presence, "videoType"), 32, "presence/videoType");
  if (!video_type) return video_type.error();
  out.video_type = std::move(*video_type);

  if (xml::Child(presence, "x", ns::kMucUser) != nullptr) {
    auto occupant = OccupantInfo::Parse(presence);
    if (!occupant) {
      Error e = occupant.error();
      e.where = "presence/" + e.where;
      return e;
    }
    out.occupant = std::move(*occupant);
  }
  return out;
}

void ParticipantPresence::AppendTo(gloox::Tag& presence, bool with_occupant) const {
  if (muc_join) xml::AddChild(presence, "x", ns::kMuc);
  if (stats_id) detail::AddTextChild(presence, "stats-id", {}, *stats_id);
  if (caps) {
    gloox::Tag* c = xml::AddChild(presence, "c", ns::kCaps);
    xml::SetAttr(*c, "hash", caps->hash);
    xml::SetAttr(*c, "node", caps->node);
    xml::SetAttr(*c, "ver", caps->ver);
  }
  if (!features.empty()) {
    gloox::Tag* list = xml::AddChild(presence, "features");
    for (const std::string& var : features) xml::SetAttr(*xml::AddChild(*list, "feature"), "var", var);
  }
  if (source_info) detail::AddTextChild(presence, "SourceInfo", {}, source_info->ToJsonText());
  const std::string prefix = kParticipantPrefix;
  if (!codecs.empty()) {
    std::string joined;
    for (const std::string& codec : codecs) joined += (joined.empty() ? "" : ",") + codec;
    detail::AddTextChild(presence, prefix + std::string(kCodecList), {}, joined);
  }
  if (region) detail::AddTextChild(presence, prefix + std::string(kRegion), {}, *region);
  for (const auto& [key, value] : participant_properties) {
    detail::AddTextChild(presence, prefix + key, {}, value);
  }
  if (nick) detail::AddTextChild(presence, "nick", ns::kNick, *nick);
  if (silent) detail::AddTextChild(presence, "silent", kSilentNamespace, *silent ? "true" : "false");
  if (start_muted) {
    gloox::Tag* sm = xml::AddChild(presence, "startmuted", ns::kStartMuted);
    if (start_muted->audio) xml::SetBoolAttr(*sm, "audio", *start_muted->audio);
    if (start_muted->video) xml::SetBoolAttr(*sm, "video", *start_muted->video);
  }
  if (audio_muted) detail::AddTextChild(presence, "audiomuted", {}, *audio_muted ? "true" : "false");
  if (video_muted) detail::AddTextChild(presence, "videomuted", {}, *video_muted ? "true" : "false");
  if (video_type) detail::AddTextChild(presence, "videoType", {}, *video_type);
  if (with_occupant && occupant) occupant->AppendTo(presence);
}

xml::TagPtr ParticipantPresence::ToTag() const {
  xml::TagPtr presence = xml::Make("presence");
  AppendTo(*presence, /*with_occupant=*/true);
  return presence;
}

}  // namespace meet::signaling::stanzas
