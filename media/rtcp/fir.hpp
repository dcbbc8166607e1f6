#pragma once
// Full Intra Request (RFC 5104 4.3.1, PSFB FMT 4): FCI entries of SSRC + command sequence
// number; the media SSRC field is 0.

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/byte_io.hpp"
#include "media/packet/parse_result.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::media::rtcp {

struct FirEntry {
  uint32_t ssrc = 0;
  uint8_t sequence_number = 0;
  friend bool operator==(const FirEntry&, const FirEntry&) = default;
};

class Fir {
 public:
  static packet::ParseResult<Fir> Parse(const RtcpHeader& header);
  static size_t BuildSize(size_t entries) { return 12 + 8 * entries; }
  static packet::ParseResult<size_t> Build(uint32_t sender_ssrc, std::span<const FirEntry> entries,
                                           std::span<uint8_t> out);

  uint32_t sender_ssrc() const { return sender_ssrc_; }
  size_t entry_count() const { return fci_.size() / 8; }
  FirEntry entry(size_t i) const { return FirEntry{packet::ReadBe32(&fci_[8 * i]), fci_[8 * i + 4]}; }

 private:
  uint32_t sender_ssrc_ = 0;
  std::span<const uint8_t> fci_;
};

}  // namespace meet::media::rtcp
