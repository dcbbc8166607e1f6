#pragma once
// The allocator's view of the conference's video sources (one per source name, e.g.
// "5e6f7a8b-v0"): the owner endpoint and the layers the sender currently produces.

#include <cstdint>
#include <string>
#include <vector>

namespace meet::bridge::allocation {

// One forwardable layer (a simulcast encoding at one temporal layer, or an SVC spatial/temporal
// combination).
struct VideoLayer {
  int32_t height = 0;        // pixels
  double frame_rate = 0.0;   // frames per second at this layer
  // Measured bitrate needed to forward this layer (including the lower layers it depends on).
  int64_t bitrate_bps = 0;
  // Whether the sender currently sends it.
  bool active = true;
};

struct VideoSource {
  std::string owner;  // endpoint id
  std::string name;   // source name
  std::vector<VideoLayer> layers;

  // Whether any layer is being sent.
  bool Sending() const {
    for (const auto& layer : layers) {
      if (layer.active) return true;
    }
    return false;
  }
};

}  // namespace meet::bridge::allocation
