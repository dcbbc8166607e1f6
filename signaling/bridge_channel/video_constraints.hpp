#pragma once
// Receiver-side video constraints for one source (JVB cc.allocation.VideoConstraints):
// {"maxHeight": int, "maxFrameRate": number}. maxHeight -1 = unlimited, 0 = off, else pixels;
// maxFrameRate -1 = unlimited (the default; omitted on output), else >= 0.

#include <cstdint>

namespace meet::signaling::bridge_channel {

struct VideoConstraints {
  static constexpr int32_t kUnlimitedHeight = -1;
  static constexpr double kUnlimitedFrameRate = -1.0;

  int32_t max_height = 0;
  double max_frame_rate = kUnlimitedFrameRate;

  bool HeightIsLimited() const { return max_height != kUnlimitedHeight; }
  bool FrameRateIsLimited() const { return max_frame_rate != kUnlimitedFrameRate; }
  bool IsDisabled() const { return max_height == 0 || max_frame_rate == 0.0; }

  bool operator==(const VideoConstraints&) const = default;
};

}  // namespace meet::signaling::bridge_channel
