#include "media/rtcp/report_block.hpp"

#include "media/packet/byte_io.hpp"

namespace meet::media::rtcp {

using namespace packet;  // NOLINT: byte helpers

ReportBlock ReportBlock::Read(const uint8_t* p) {
  ReportBlock b;
  b.source_ssrc = ReadBe32(p);
  b.fraction_lost = p[4];
  const uint32_t lost = ReadBe24(p + 5);
  b.cumulative_lost = (lost & 0x800000) ? static_cast<int32_t>(lost) - 0x1000000
                                        : static_cast<int32_t>(lost);
  b.extended_highest_sequence = ReadBe32(p + 8);
  b.jitter = ReadBe32(p + 12);
  b.last_sr = ReadBe32(p + 16);
  b.delay_since_last_sr = ReadBe32(p + 20);
  return b;
}

void ReportBlock::Write(uint8_t* p) const {
  WriteBe32(p, source_ssrc);
  p[4] = fraction_lost;
  int32_t lost = cumulative_lost;
  if (lost > 0x7FFFFF) lost = 0x7FFFFF;
  if (lost < -0x800000) lost = -0x800000;
  WriteBe24(p + 5, static_cast<uint32_t>(lost) & 0xFFFFFF);
  WriteBe32(p + 8, extended_highest_sequence);
  WriteBe32(p + 12, jitter);
  WriteBe32(p + 16, last_sr);
  WriteBe32(p + 20, delay_since_last_sr);
}

}  // namespace meet::media::rtcp
