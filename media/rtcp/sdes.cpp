#include "media/rtcp/sdes.hpp"

#include <cstring>

#include "media/packet/byte_io.hpp"

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

size_t Sdes::ReadChunk(std::span<const uint8_t> body, size_t pos, SdesChunk& chunk) {
  if (body.size() < pos + 4) return 0;
  chunk.ssrc = packet::ReadBe32(&body[pos]);
  chunk.cname = {};
  pos += 4;
  while (true) {
    if (pos >= body.size()) return 0;
    const uint8_t type = body[pos];
    if (type == 0) {
      // End of items: skip the null octet(s) to the next 32-bit boundary.
      const size_t next = (pos + 4) & ~size_t{3};
      if (next > body.size()) return 0;
      return next;
    }
    if (body.size() - pos < 2) return 0;
    const size_t len = body[pos + 1];
    if (len > body.size() - pos - 2) return 0;
    if (type == kSdesCname && chunk.cname.empty()) {
      chunk.cname = std::string_view(reinterpret_cast<const char*>(&body[pos + 2]), len);
    }
    pos += 2 + len;
  }
}

packet::ParseResult<Sdes> Sdes::Parse(const RtcpHeader& h) {
  if (h.packet_type != packet_type::kSdes) return Drop{DropReason::kRtcpWrongType, h.offset + 1};
  size_t pos = 0;
  for (size_t i = 0; i < h.count; ++i) {
    SdesChunk chunk;
    const size_t next = ReadChunk(h.body, pos, chunk);
    if (next == 0) return Drop{DropReason::kRtcpBadSdes, h.offset + kRtcpHeaderSize + pos};
    pos = next;
  }
  Sdes sdes;
  sdes.count_ = h.count;
  sdes.body_ = h.body;
  return sdes;
}

size_t Sdes::BuildSize(std::span<const SdesChunk> chunks) {
  size_t size = kRtcpHeaderSize;
  for (const auto& c : chunks) {
    // SSRC + CNAME item + at least one null octet, rounded up to 32 bits.
    const size_t items = c.cname.empty() ? 0 : 2 + c.cname.size();
    size += 4 + ((items + 1 + 3) & ~size_t{3});
  }
  return size;
}

packet::ParseResult<size_t> Sdes::Build(std::span<const SdesChunk> chunks, std::span<uint8_t> out) {
  if (chunks.size() > 31) return Drop{DropReason::kInvalidArgument, 0};
  for (const auto& c : chunks) {
    if (c.cname.size() > 255) return Drop{DropReason::kInvalidArgument, 0};
  }
  const size_t size = BuildSize(chunks);
  if (out.size() < size) return Drop{DropReason::kBufferTooSmall, out.size()};
  uint8_t* p = out.data();
  WriteRtcpHeader(p, static_cast<uint8_t>(chunks.size()), packet_type::kSdes, size);
  size_t pos = kRtcpHeaderSize;
  for (const auto& c : chunks) {
    packet::WriteBe32(p + pos, c.ssrc);
    pos += 4;
    const size_t start = pos;
    if (!c.cname.empty()) {
      p[pos] = kSdesCname;
      p[pos + 1] = static_cast<uint8_t>(c.cname.size());
      std::memcpy(p + pos + 2, c.cname.data(), c.cname.size());
      pos += 2 + c.cname.size();
    }
    const size_t end = start + ((pos - start + 1 + 3) & ~size_t{3});
    std::memset(p + pos, 0, end - pos);
    pos = end;
  }
  return size;
}

}  // namespace meet::media::rtcp
