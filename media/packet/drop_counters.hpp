#pragma once
// Per-reason drop counters. One instance per pipeline stage (owned by one thread, so plain
// integers); stats snapshots copy it.

#include <array>
#include <cstdint>
#include <numeric>

#include "media/packet/drop_reason.hpp"

namespace meet::media::packet {

struct DropCounters {
  std::array<uint64_t, kDropReasonCount> counts{};

  // Counts one drop; kNone is ignored so callers may pass any parse outcome.
  void Add(DropReason reason) {
    if (reason == DropReason::kNone || reason >= DropReason::kCount) return;
    ++counts[static_cast<size_t>(reason)];
  }
  uint64_t Get(DropReason reason) const {
    return reason < DropReason::kCount ? counts[static_cast<size_t>(reason)] : 0;
  }
  uint64_t Total() const { return std::accumulate(counts.begin(), counts.end(), uint64_t{0}); }
  void Merge(const DropCounters& other) {
    for (size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
  }
};

}  // namespace meet::media::packet
