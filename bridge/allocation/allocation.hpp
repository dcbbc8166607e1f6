#pragma once
// The result of one allocation run for one receiver.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meet::bridge::allocation {

struct SourceAllocation {
  static constexpr int kNoLayer = -1;

  std::string owner;
  std::string name;
  // Index into VideoSource::layers of the layer to forward, or kNoLayer.
  int layer = kNoLayer;
  int64_t bitrate_bps = 0;  // of the chosen layer
  // The receiver's constraint after last-N (0 beyond last-N; -1 unlimited): what this
  // receiver wants from the sender, used for SenderSourceConstraints.
  int32_t effective_max_height = 0;
  bool on_stage = false;
  bool selected = false;
  bool operator==(const SourceAllocation&) const = default;
};

struct Allocation {
  // Every source (other than the receiver's own), in priority order.
  std::vector<SourceAllocation> sources;
  // Names of the sources with a layer, in priority order (ForwardedSources).
  std::vector<std::string> forwarded_sources;
  int64_t available_bps = 0;
  int64_t allocated_bps = 0;
  // The first on-stage source was given a layer above the available bandwidth.
  bool oversending = false;

  const SourceAllocation* Find(std::string_view source_name) const {
    for (const auto& s : sources) {
      if (s.name == source_name) return &s;
    }
    return nullptr;
  }
  bool operator==(const Allocation&) const = default;
};

}  // namespace meet::bridge::allocation
