#include "media/rtcp/transport_feedback.hpp"

#include <algorithm>
#include <cstring>

#include "media/packet/byte_io.hpp"

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

namespace {

constexpr size_t kFixedBody = 16;  // SSRCs, base seq, count, reference time, fb count
constexpr size_t kMaxRunLength = 0x1FFF;

enum Symbol : uint8_t { kNotReceived = 0, kSmallDelta = 1, kLargeDelta = 2, kReserved = 3 };

uint8_t SymbolOf(const TccPacketResult& r) {
  if (!r.received) return kNotReceived;
  if (r.delta_ticks >= 0 && r.delta_ticks <= 255) return kSmallDelta;
  return kLargeDelta;
}

}  // namespace

packet::ParseResult<TransportFeedback> TransportFeedback::Parse(const RtcpHeader& h,
                                                                std::span<TccPacketResult> out) {
  if (h.packet_type != packet_type::kRtpfb || h.count != fmt::kTransportCc) {
    return Drop{DropReason::kRtcpWrongType, h.offset};
  }
  const size_t base = h.offset + kRtcpHeaderSize;  // offset of body[0] in the compound
  const std::span<const uint8_t> b = h.body;
  if (b.size() < kFixedBody) return Drop{DropReason::kRtcpTruncated, h.offset};
  TransportFeedback f;
  f.header_.sender_ssrc = packet::ReadBe32(&b[0]);
  f.header_.media_ssrc = packet::ReadBe32(&b[4]);
  f.header_.base_sequence_number = packet::ReadBe16(&b[8]);
  const size_t count = packet::ReadBe16(&b[10]);
  const uint32_t ref = packet::ReadBe24(&b[12]);
  f.header_.reference_time = (ref & 0x800000) ? static_cast<int32_t>(ref) - 0x1000000
                                              : static_cast<int32_t>(ref);
  f.header_.feedback_count = b[15];
  if (count == 0) return Drop{DropReason::kTccZeroStatusCount, base + 10};
  if (count > out.size()) return Drop{DropReason::kTccTooManyPackets, base + 10};

  // Chunks: record each packet's symbol in delta_ticks for the delta pass.
  size_t pos = kFixedBody;
  size_t n = 0;
  while (n < count) {
    if (b.size() - pos < 2) return Drop{DropReason::kTccChunkOverflow, base + pos};
    const uint16_t chunk = packet::ReadBe16(&b[pos]);
    if ((chunk & 0x8000) == 0) {
      const uint8_t symbol = (chunk >> 13) & 3;
      if (symbol == kReserved) return Drop{DropReason::kTccBadChunk, base + pos};
      const size_t run = std::min<size_t>(chunk & kMaxRunLength, count - n);
      for (size_t i = 0; i < run; ++i) out[n++].delta_ticks = symbol;
    } else if ((chunk & 0x4000) == 0) {
      for (int bit = 13; bit >= 0 && n < count; --bit) out[n++].delta_ticks = (chunk >> bit) & 1;
    } else {
      for (int shift = 12; shift >= 0 && n < count; shift -= 2) {
        const uint8_t symbol = (chunk >> shift) & 3;
        if (symbol == kReserved) return Drop{DropReason::kTccBadChunk, base + pos};
        out[n++].delta_ticks = symbol;
      }
    }
    pos += 2;
  }

  for (size_t i = 0; i < count; ++i) {
    TccPacketResult& r = out[i];
    const int32_t symbol = r.delta_ticks;
    r.sequence_number = static_cast<uint16_t>(f.header_.base_sequence_number + i);
    r.received = symbol != kNotReceived;
    r.delta_ticks = 0;
    if (symbol == kSmallDelta) {
      if (b.size() - pos < 1) return Drop{DropReason::kTccDeltaOverflow, base + pos};
      r.delta_ticks = b[pos];
      pos += 1;
    } else if (symbol == kLargeDelta) {
      if (b.size() - pos < 2) return Drop{DropReason::kTccDeltaOverflow, base + pos};
      r.delta_ticks = static_cast<int16_t>(packet::ReadBe16(&b[pos]));
      pos += 2;
    }
    if (r.received) ++f.received_;
  }
  // Anything after the deltas is zero padding inside the length (allowed).
  f.packets_ = out.first(count);
  return f;
}

packet::ParseResult<size_t> TransportFeedback::Build(const TccFeedbackHeader& h,
                                                     std::span<const TccPacketResult> packets,
                                                     std::span<uint8_t> out) {
  const size_t count = packets.size();
  if (count == 0 || count > 0xFFFF) return Drop{DropReason::kInvalidArgument, 0};
  if (h.reference_time < -0x800000 || h.reference_time > 0x7FFFFF) {
    return Drop{DropReason::kInvalidArgument, 0};
  }
  for (size_t i = 0; i < count; ++i) {
    const auto& r = packets[i];
    if (r.sequence_number != static_cast<uint16_t>(h.base_sequence_number + i) ||
        (r.received && (r.delta_ticks < -32768 || r.delta_ticks > 32767))) {
      return Drop{DropReason::kInvalidArgument, i};
    }
  }
  const auto too_small = Drop{DropReason::kBufferTooSmall, out.size()};
  if (out.size() < kRtcpHeaderSize + kFixedBody) return too_small;
  uint8_t* p = out.data();
  packet::WriteBe32(p + 4, h.sender_ssrc);
  packet::WriteBe32(p + 8, h.media_ssrc);
  packet::WriteBe16(p + 12, h.base_sequence_number);
  packet::WriteBe16(p + 14, static_cast<uint16_t>(count));
  packet::WriteBe24(p + 16, static_cast<uint32_t>(h.reference_time) & 0xFFFFFF);
  p[19] = h.feedback_count;
  size_t pos = kRtcpHeaderSize + kFixedBody;

  auto put_chunk = [&](uint16_t chunk) -> bool {
    if (out.size() - pos < 2) return false;
    packet::WriteBe16(p + pos, chunk);
    pos += 2;
    return true;
  };
  size_t i = 0;
  while (i < count) {
    const size_t remaining = count - i;
    const uint8_t first = SymbolOf(packets[i]);
    size_t run = 1;
    while (run < remaining && run < kMaxRunLength && SymbolOf(packets[i + run]) == first) ++run;
    const size_t window = std::min<size_t>(14, remaining);
    bool window_has_large = false;
    for (size_t k = 0; k < window; ++k) window_has_large |= SymbolOf(packets[i + k]) == kLargeDelta;

    bool ok;
    if (run >= 14 || run == remaining || (window_has_large && run >= 7)) {
      ok = put_chunk(static_cast<uint16_t>((first << 13) | run));
      i += run;
    } else if (!window_has_large) {
      uint16_t chunk = 0x8000;
      for (size_t k = 0; k < window; ++k) {
        chunk = static_cast<uint16_t>(chunk | (SymbolOf(packets[i + k]) << (13 - k)));
      }
      ok = put_chunk(chunk);
      i += window;
    } else {
      const size_t n = std::min<size_t>(7, remaining);
      uint16_t chunk = 0xC000;
      for (size_t k = 0; k < n; ++k) {
        chunk = static_cast<uint16_t>(chunk | (SymbolOf(packets[i + k]) << (12 - 2 * k)));
      }
      ok = put_chunk(chunk);
      i += n;
    }
    if (!ok) return too_small;
  }
  for (const auto& r : packets) {
    const uint8_t symbol = SymbolOf(r);
    if (symbol == kSmallDelta) {
      if (out.size() - pos < 1) return too_small;
      p[pos++] = static_cast<uint8_t>(r.delta_ticks);
    } else if (symbol == kLargeDelta) {
      if (out.size() - pos < 2) return too_small;
      packet::WriteBe16(p + pos, static_cast<uint16_t>(static_cast<int16_t>(r.delta_ticks)));
      pos += 2;
    }
  }
  // Pad to 32 bits with RTCP padding (P bit, last byte = count), as libwebrtc does.
  const size_t padding = (4 - pos % 4) % 4;
  if (out.size() - pos < padding) return too_small;
  if (padding > 0) {
    std::memset(p + pos, 0, padding - 1);
    p[pos + padding - 1] = static_cast<uint8_t>(padding);
    pos += padding;
  }
  if (pos / 4 - 1 > 0xFFFF) return Drop{DropReason::kInvalidArgument, 0};
  WriteRtcpHeader(p, fmt::kTransportCc, packet_type::kRtpfb, pos, padding > 0);
  return pos;
}

}  // namespace meet::media::rtcp
