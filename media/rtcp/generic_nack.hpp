#pragma once
// Generic NACK (RFC 4585 6.2.1, RTPFB FMT 1): FCI entries of PID + 16-bit BLP, each naming up
// to 17 lost sequence numbers. A NACK without FCI is dropped (kRtcpNackEmpty).

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/byte_io.hpp"
#include "media/packet/parse_result.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::media::rtcp {

class GenericNack {
 public:
  static packet::ParseResult<GenericNack> Parse(const RtcpHeader& header);
  // Builds one NACK packet from lost sequence numbers (in send order; a number within
  // PID+1..PID+16 of the current entry joins its bitmask, anything else starts a new entry).
  static packet::ParseResult<size_t> Build(uint32_t sender_ssrc, uint32_t media_ssrc,
                                           std::span<const uint16_t> lost, std::span<uint8_t> out);
  // Upper bound of Build's size for `lost_count` numbers.
  static size_t MaxBuildSize(size_t lost_count) { return 12 + 4 * lost_count; }

  uint32_t sender_ssrc() const { return sender_ssrc_; }
  uint32_t media_ssrc() const { return media_ssrc_; }
  size_t item_count() const { return fci_.size() / 4; }
  uint16_t pid(size_t i) const { return packet::ReadBe16(&fci_[4 * i]); }
  uint16_t blp(size_t i) const { return packet::ReadBe16(&fci_[4 * i + 2]); }

  // Calls f(uint16_t seq) for every lost sequence number, in FCI order.
  template <typename F>
  void ForEachLost(F&& f) const {
    for (size_t i = 0; i < item_count(); ++i) {
      const uint16_t p = pid(i);
      const uint16_t mask = blp(i);
      f(p);
      for (unsigned bit = 0; bit < 16; ++bit) {
        if (mask & (1u << bit)) f(static_cast<uint16_t>(p + bit + 1));
      }
    }
  }
  // Writes up to out.size() lost numbers; returns how many it wrote.
  size_t LostSequenceNumbers(std::span<uint16_t> out) const;
  size_t LostCount() const;

 private:
  uint32_t sender_ssrc_ = 0;
  uint32_t media_ssrc_ = 0;
  std::span<const uint8_t> fci_;
};

}  // namespace meet::media::rtcp
