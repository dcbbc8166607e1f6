#pragma once
// The video type of a media source as the bridge channel carries it (JVB org.jitsi.nlj.VideoType).
// Parsed case-insensitively like JVB's Jackson mapper (ACCEPT_CASE_INSENSITIVE_ENUMS): clients
// send "camera"/"desktop"; JVB serialises the enum name ("CAMERA", "DESKTOP_HIGH_FPS", ...).

#include <optional>
#include <string_view>

namespace meet::signaling::bridge_channel {

enum class VideoType {
  kCamera,
  kDesktop,
  kDesktopHighFps,
  kDisabled,
  kNone,  // deprecated alias of kDisabled that old clients still send
};

// "CAMERA", "DESKTOP", "DESKTOP_HIGH_FPS", "DISABLED", "NONE".
std::string_view VideoTypeName(VideoType type);
// Case-insensitive (ASCII) match of one of the names above; nullopt otherwise.
std::optional<VideoType> ParseVideoType(std::string_view text);
// False for kDisabled and kNone.
inline bool IsEnabled(VideoType type) {
  return type != VideoType::kDisabled && type != VideoType::kNone;
}

}  // namespace meet::signaling::bridge_channel
