#include "bridge/forwarding/layer_selector.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace meet::bridge::forwarding {
namespace bc = signaling::bridge_channel;

int EncodingForHeight(const VideoSource& source, int32_t max_height) {
  if (source.encodings.empty() || max_height == 0) return -1;
  const int count = static_cast<int>(source.encodings.size());
  if (max_height < 0) return count - 1;
  int best = 0;
  for (int i = 0; i < count; ++i) {
    if (source.encodings[static_cast<size_t>(i)].height <= max_height) best = i;
  }
  return best;
}

void SelectLayers(const bc::ReceiverVideoSettings& settings, std::span<const LayerCandidate> candidates,
                  std::span<int> targets) {
  auto contains = [](const std::vector<std::string>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  std::vector<size_t> order(candidates.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto priority = [&](size_t i) {
    const auto& c = candidates[i];
    if (contains(settings.on_stage_sources, c.source_name)) return 0;
    if (contains(settings.selected_sources, c.source_name)) return 1;
    return 2;
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const int pa = priority(a), pb = priority(b);
    if (pa != pb) return pa < pb;
    return candidates[a].speaker_rank < candidates[b].speaker_rank;
  });
  int kept = 0;
  for (size_t i : order) {
    const LayerCandidate& c = candidates[i];
    int target = -1;
    if (c.source != nullptr && !c.sender_muted &&
        (settings.last_n < 0 || kept < settings.last_n)) {
      const bc::VideoConstraints constraints = settings.ConstraintsFor(c.source_name);
      if (!constraints.IsDisabled()) target = EncodingForHeight(*c.source, constraints.max_height);
      ++kept;  // last-N counts sources in order, whatever their constraints
    }
    targets[i] = target;
  }
}

}  // namespace meet::bridge::forwarding
