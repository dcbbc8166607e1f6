#include "signaling/bridge_channel/video_type.hpp"

#include <array>
#include <cstddef>
#include <utility>

namespace meet::signaling::bridge_channel {
namespace {

constexpr std::array<std::pair<VideoType, std::string_view>, 5> kNames = {{
    {VideoType::kCamera, "CAMERA"},
    {VideoType::kDesktop, "DESKTOP"},
    {VideoType::kDesktopHighFps, "DESKTOP_HIGH_FPS"},
    {VideoType::kDisabled, "DISABLED"},
    {VideoType::kNone, "NONE"},
}};

char AsciiUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool EqualsIgnoreCase(std::string_view text, std::string_view upper) {
  if (text.size() != upper.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (AsciiUpper(text[i]) != upper[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view VideoTypeName(VideoType type) {
  for (const auto& [value, name] : kNames) {
    if (value == type) return name;
  }
  return "NONE";
}

std::optional<VideoType> ParseVideoType(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (EqualsIgnoreCase(text, name)) return value;
  }
  return std::nullopt;
}

}  // namespace meet::signaling::bridge_channel
