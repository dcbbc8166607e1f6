#pragma once
// BandwidthAllocator: which layer of which video source to forward to one receiver (JVB
// BandwidthAllocator, jitsi-protocol.md 4.3 and 5.4). Three phases:
//  1. prioritise: on-stage sources (in the receiver's order), then selected sources, then the
//     rest by the owner's speech activity (dominant speaker first; owners not in the speech
//     list after, in input order); among those, sources of endpoints not sending video last.
//     The receiver's own sources are skipped.
//  2. last-N: sources at positions >= min(receiver lastN, bridge last-N) get maxHeight 0; the
//     result is each source's effective constraint (SenderSourceConstraints input).
//  3. allocate the bandwidth (BWE, or the receiver's assumedBandwidthBps when set) in rounds
//     over the sources in priority order: an on-stage source jumps straight to the best layer
//     up to the preferred height (360p) that fits, and no later source gets anything until it
//     has reached that layer; the others improve one layer per round. Candidate layers are
//     the active ones within maxHeight/maxFrameRate (when none is within maxHeight, the
//     lowest active layer), for on-stage sources above the preferred height only those with
//     >= 30 fps. maxHeight 0 (the default before ReceiverVideoConstraints) forwards nothing.
// Deterministic: the same inputs give the same allocation. Not thread-safe; one per receiver,
// used on its conference's loop.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/allocation/allocation.hpp"
#include "bridge/allocation/allocator_config.hpp"
#include "bridge/allocation/video_source.hpp"
#include "signaling/bridge_channel/receiver_video_state.hpp"

namespace meet::bridge::allocation {

struct AllocationInput {
  std::string_view receiver;  // the receiving endpoint id (its own sources are skipped)
  const signaling::bridge_channel::ReceiverVideoSettings* settings = nullptr;
  std::span<const VideoSource> sources;
  std::span<const std::string> speech_order;  // endpoint ids, dominant speaker first
  int64_t available_bps = 0;                  // the bandwidth estimate
};

class BandwidthAllocator {
 public:
  explicit BandwidthAllocator(AllocatorConfig config = {});

  // Runs the allocation; the result stays available through last().
  const Allocation& Allocate(const AllocationInput& input);
  const Allocation& last() const { return last_; }
  // Whether the last run changed the forwarded sources compared to the run before.
  bool forwarded_sources_changed() const { return forwarded_changed_; }
  // Whether a new bandwidth estimate differs enough from the last run's to re-run.
  bool ShouldReallocate(int64_t available_bps) const;

 private:
  // One source during a run.
  struct Candidate {
    size_t source = 0;  // index into the input's sources
    bool on_stage = false;
    bool selected = false;
    signaling::bridge_channel::VideoConstraints constraints;
    std::vector<int> layers;  // indices into the source's layers, lowest quality first
    int preferred = -1;       // index into `layers`: eager target of an on-stage source
    int target = -1;          // index into `layers`, -1 = nothing

    int64_t Bitrate(const VideoSource& s, int index) const {
      return index < 0 ? 0
                       : s.layers[static_cast<size_t>(layers[static_cast<size_t>(index)])].bitrate_bps;
    }
  };
  void Prioritize(const AllocationInput& input);
  void BuildCandidates(const AllocationInput& input, int32_t last_n);
  void RunRounds(int64_t available_bps);

  AllocatorConfig config_;
  Allocation last_;
  bool has_run_ = false;
  bool forwarded_changed_ = false;
  // Scratch reused between runs (no allocation in steady state once sized).
  std::vector<size_t> order_;
  std::vector<Candidate> candidates_;
  std::span<const VideoSource> last_sources_;  // the sources of the run in progress
};

}  // namespace meet::bridge::allocation
