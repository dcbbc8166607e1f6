#pragma once
// RFC 3550 report block (24 bytes), shared by SR and RR.

#include <cstddef>
#include <cstdint>

namespace meet::media::rtcp {

inline constexpr size_t kReportBlockSize = 24;
inline constexpr size_t kMaxReportBlocks = 31;

struct ReportBlock {
  uint32_t source_ssrc = 0;
  uint8_t fraction_lost = 0;
  int32_t cumulative_lost = 0;  // 24-bit signed on the wire
  uint32_t extended_highest_sequence = 0;
  uint32_t jitter = 0;
  uint32_t last_sr = 0;
  uint32_t delay_since_last_sr = 0;

  static ReportBlock Read(const uint8_t* p);
  void Write(uint8_t* p) const;
  friend bool operator==(const ReportBlock&, const ReportBlock&) = default;
};

}  // namespace meet::media::rtcp
