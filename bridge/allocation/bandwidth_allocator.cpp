#include "bridge/allocation/bandwidth_allocator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace meet::bridge::allocation {

using signaling::bridge_channel::VideoConstraints;

namespace {

// Position of `name` in `list`, or npos.
size_t IndexOf(std::span<const std::string> list, std::string_view name) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] == name) return i;
  }
  return std::numeric_limits<size_t>::max();
}

}  // namespace

BandwidthAllocator::BandwidthAllocator(AllocatorConfig config) : config_(config) {}

bool BandwidthAllocator::ShouldReallocate(int64_t available_bps) const {
  if (!has_run_) return true;
  const double previous = static_cast<double>(last_.available_bps);
  if (previous <= 0) return available_bps > 0;
  return std::abs(static_cast<double>(available_bps) - previous) / previous >
         config_.reallocate_bandwidth_change;
}

void BandwidthAllocator::Prioritize(const AllocationInput& input) {
  const auto& settings = *input.settings;
  order_.clear();
  for (size_t i = 0; i < input.sources.size(); ++i) {
    if (input.sources[i].owner != input.receiver) order_.push_back(i);
  }
  // An endpoint sends video when any of its sources has an active layer.
  const auto owner_sending = [&](size_t i) {
    for (const auto& s : input.sources) {
      if (s.owner == input.sources[i].owner && s.Sending()) return true;
    }
    return false;
  };
  const auto key = [&](size_t i) {
    const VideoSource& s = input.sources[i];
    const size_t stage = IndexOf(settings.on_stage_sources, s.name);
    if (stage != std::numeric_limits<size_t>::max()) return std::make_tuple(0, stage, i);
    const size_t selected = IndexOf(settings.selected_sources, s.name);
    if (selected != std::numeric_limits<size_t>::max()) {
      return std::make_tuple(1, selected, i);
    }
    const size_t speech = std::min(IndexOf(input.speech_order, s.owner), input.speech_order.size());
    return std::make_tuple(owner_sending(i) ? 2 : 3, speech, i);
  };
  std::stable_sort(order_.begin(), order_.end(),
                   [&](size_t a, size_t b) { return key(a) < key(b); });
}

void BandwidthAllocator::BuildCandidates(const AllocationInput& input, int32_t last_n) {
  const auto& settings = *input.settings;
  candidates_.resize(order_.size());
  for (size_t rank = 0; rank < order_.size(); ++rank) {
    Candidate& c = candidates_[rank];
    const VideoSource& s = input.sources[order_[rank]];
    c.source = order_[rank];
    c.on_stage = IndexOf(settings.on_stage_sources, s.name) != std::numeric_limits<size_t>::max();
    c.selected = IndexOf(settings.selected_sources, s.name) != std::numeric_limits<size_t>::max();
    c.constraints = settings.ConstraintsFor(s.name);
    if (last_n >= 0 && rank >= static_cast<size_t>(last_n)) c.constraints.max_height = 0;
    c.layers.clear();
    c.preferred = -1;
    c.target = -1;
    if (c.constraints.IsDisabled()) continue;

    const int32_t max_height = c.constraints.max_height;
    const bool height_limited = c.constraints.HeightIsLimited();
    int lowest_active = -1;
    for (size_t i = 0; i < s.layers.size(); ++i) {
      const VideoLayer& layer = s.layers[i];
      if (!layer.active) continue;
      const auto better = [&](int other) {
        const VideoLayer& o = s.layers[static_cast<size_t>(other)];
        return std::tie(layer.height, layer.frame_rate, layer.bitrate_bps) <
               std::tie(o.height, o.frame_rate, o.bitrate_bps);
      };
      if (lowest_active < 0 || better(lowest_active)) lowest_active = static_cast<int>(i);
      if (height_limited && layer.height > max_height) continue;
      if (c.constraints.FrameRateIsLimited() && layer.frame_rate > c.constraints.max_frame_rate) {
        continue;
      }
      if (c.on_stage && layer.height > config_.onstage_preferred_height &&
          layer.frame_rate < config_.onstage_preferred_frame_rate) {
        continue;
      }
      c.layers.push_back(static_cast<int>(i));
    }
    // Nothing within the constraints (e.g. a single high-resolution encoding): the lowest
    // active layer, if the bandwidth allows.
    if (c.layers.empty() && lowest_active >= 0) c.layers.push_back(lowest_active);
    std::stable_sort(c.layers.begin(), c.layers.end(), [&](int a, int b) {
      const VideoLayer& la = s.layers[static_cast<size_t>(a)];
      const VideoLayer& lb = s.layers[static_cast<size_t>(b)];
      return std::tie(la.height, la.frame_rate, la.bitrate_bps) <
             std::tie(lb.height, lb.frame_rate, lb.bitrate_bps);
    });
    if (c.on_stage) {
      for (size_t i = 0; i < c.layers.size(); ++i) {
        if (s.layers[static_cast<size_t>(c.layers[i])].height <= config_.onstage_preferred_height) {
          c.preferred = static_cast<int>(i);
        }
      }
      if (c.preferred < 0 && !c.layers.empty()) c.preferred = 0;
    }
  }
}

void BandwidthAllocator::RunRounds(int64_t available_bps) {
  // Rounds until no source improves; each round improves every source by at most one step
  // (an on-stage source: straight to the best layer up to its preferred one), so the number
  // of rounds is bounded by the number of candidate layers.
  int64_t remaining = available_bps;
  bool improved = true;
  while (improved) {
    improved = false;
    for (Candidate& c : candidates_) {
      if (c.layers.empty()) continue;
      const VideoSource& s = last_sources_[c.source];
      const int64_t current = c.Bitrate(s, c.target);
      const int64_t budget = remaining + current;
      int next = c.target;
      if (c.on_stage && c.target < c.preferred) {
        for (int i = c.target + 1; i <= c.preferred; ++i) {
          if (c.Bitrate(s, i) <= budget) next = i;
        }
      } else if (c.target + 1 < static_cast<int>(c.layers.size()) &&
                 c.Bitrate(s, c.target + 1) <= budget) {
        next = c.target + 1;
      }
      if (next != c.target) {
        c.target = next;
        remaining = budget - c.Bitrate(s, next);
        improved = true;
      }
      // Stage view: nothing for later sources until the on-stage one has its preferred layer.
      if (c.on_stage && c.target < c.preferred) break;
    }
  }
}

const Allocation& BandwidthAllocator::Allocate(const AllocationInput& input) {
  static const signaling::bridge_channel::ReceiverVideoSettings kNoSettings{};
  AllocationInput in = input;
  if (in.settings == nullptr) in.settings = &kNoSettings;
  const auto& settings = *in.settings;

  int32_t last_n = settings.last_n;
  if (config_.bridge_last_n >= 0) {
    last_n = last_n < 0 ? config_.bridge_last_n : std::min(last_n, config_.bridge_last_n);
  }
  const int64_t available =
      std::max<int64_t>(0, settings.assumed_bandwidth_bps >= 0 ? settings.assumed_bandwidth_bps
                                                               : in.available_bps);

  last_sources_ = in.sources;
  Prioritize(in);
  BuildCandidates(in, last_n);
  RunRounds(available);

  Allocation result;
  result.available_bps = available;
  bool oversending = false;
  for (size_t rank = 0; rank < candidates_.size(); ++rank) {
    Candidate& c = candidates_[rank];
    const VideoSource& s = in.sources[c.source];
    if (rank == 0 && c.on_stage && c.target < 0 && !c.layers.empty() &&
        config_.allow_oversend_on_stage) {
      c.target = 0;
      oversending = true;
    }
    SourceAllocation a;
    a.owner = s.owner;
    a.name = s.name;
    a.on_stage = c.on_stage;
    a.selected = c.selected;
    a.effective_max_height = c.constraints.max_height;
    if (c.target >= 0) {
      a.layer = c.layers[static_cast<size_t>(c.target)];
      a.bitrate_bps = c.Bitrate(s, c.target);
      result.allocated_bps += a.bitrate_bps;
      result.forwarded_sources.push_back(s.name);
    }
    result.sources.push_back(std::move(a));
  }
  result.oversending = oversending;
  last_sources_ = {};

  forwarded_changed_ = !has_run_ || result.forwarded_sources != last_.forwarded_sources;
  has_run_ = true;
  last_ = std::move(result);
  return last_;
}

}  // namespace meet::bridge::allocation
