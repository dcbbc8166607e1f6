#pragma once
// SelectLayers: the simplest correct allocation for one receiver until a bandwidth allocator
// is plugged in. For each candidate source: the constraints for it (its own entry, else the
// default), maxHeight 0 or maxFrameRate 0 = off, -1 = the highest encoding, otherwise the
// highest encoding whose nominal height fits (at least the lowest); lastN keeps the first N
// sources in the order on-stage, selected, then speech activity (dominant speaker first).

#include <span>
#include <string_view>

#include "bridge/forwarding/endpoint_media.hpp"
#include "signaling/bridge_channel/receiver_video_state.hpp"

namespace meet::bridge::forwarding {

struct LayerCandidate {
  std::string_view source_name;
  const VideoSource* source = nullptr;  // Not owned.
  int speaker_rank = 0;                 // 0 = dominant speaker, larger = less recent
  bool sender_muted = false;            // force-muted video: never forwarded
};

// Writes one encoding index (or -1 = off) per candidate into `targets` (same size).
void SelectLayers(const signaling::bridge_channel::ReceiverVideoSettings& settings,
                  std::span<const LayerCandidate> candidates, std::span<int> targets);

// The encoding for a maxHeight among `source`'s encodings (-1 = off).
int EncodingForHeight(const VideoSource& source, int32_t max_height);

}  // namespace meet::bridge::forwarding
