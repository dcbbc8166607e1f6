#pragma once
// The SourceInfo presence element's JSON (jitsi-protocol.md 1.6): a map from source name to
// its state, e.g. {"1a2b3c4d-a0":{"muted":false},"1a2b3c4d-v0":{"muted":true,"videoType":"desktop"}}.
// Source names are "<endpoint id>-<a|v><index>" with an optional ".suffix" (translated audio).
// When parsed for a known occupant nick, entries owned by someone else (or with names that do
// not follow the pattern) are dropped and listed in `rejected`, as LJM does.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"

namespace meet::signaling::stanzas {

enum class SourceMedia { kAudio, kVideo };

// A parsed source name.
struct SourceName {
  std::string owner;   // endpoint id (the MUC nick)
  SourceMedia media = SourceMedia::kAudio;
  uint32_t index = 0;
  std::string suffix;  // after '.', e.g. "en"; empty when none

  // nullopt when `name` does not follow the pattern; with `owner` non-empty, the owner part
  // must be exactly `owner`.
  static std::optional<SourceName> Parse(std::string_view name, std::string_view owner = {});
  std::string ToString() const;
};

struct SourceState {
  bool muted = true;  // a source without "muted" is treated as muted
  std::optional<std::string> video_type;  // "desktop" or "camera"; absent for camera usually

  friend bool operator==(const SourceState&, const SourceState&) = default;
};

struct SourceInfo {
  static constexpr size_t kMaxSources = 64;

  std::map<std::string, SourceState> sources;
  // Names dropped while parsing (other owner, bad pattern). Not part of equality.
  std::vector<std::string> rejected;

  // Errors: malformed JSON, not an object, entry not an object, bad "muted"/"videoType"
  // types, too many entries.
  static Result<SourceInfo> Parse(std::string_view json_text, std::string_view owner = {});
  std::string ToJsonText() const;

  // Aggregate mute state of one media type: false when any such source is unmuted, true
  // when all are muted, nullopt when there is no source of that media.
  std::optional<bool> Muted(SourceMedia media) const;

  friend bool operator==(const SourceInfo& a, const SourceInfo& b) { return a.sources == b.sources; }
};

}  // namespace meet::signaling::stanzas
