#pragma once
// RTCP SDES (RFC 3550 6.5): up to 31 chunks of SSRC + items, each chunk ended by null octets
// up to the next 32-bit boundary. Parse validates every chunk; CNAME items are what the bridge
// reads (lip-sync grouping); other items are skipped.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "media/packet/parse_result.hpp"
#include "media/rtcp/rtcp_header.hpp"

namespace meet::media::rtcp {

inline constexpr uint8_t kSdesCname = 1;

struct SdesChunk {
  uint32_t ssrc = 0;
  std::string_view cname;  // empty when the chunk has no CNAME
};

class Sdes {
 public:
  static packet::ParseResult<Sdes> Parse(const RtcpHeader& header);
  static size_t BuildSize(std::span<const SdesChunk> chunks);
  // CNAMEs up to 255 bytes; at most 31 chunks.
  static packet::ParseResult<size_t> Build(std::span<const SdesChunk> chunks, std::span<uint8_t> out);

  size_t chunk_count() const { return count_; }
  // Calls f(const SdesChunk&) per chunk in order.
  template <typename F>
  void ForEachChunk(F&& f) const;

 private:
  // Parses the chunk at `pos` of `body`: fills `chunk`, returns the next chunk's offset or 0
  // when malformed.
  static size_t ReadChunk(std::span<const uint8_t> body, size_t pos, SdesChunk& chunk);

  size_t count_ = 0;
  std::span<const uint8_t> body_;
};

template <typename F>
void Sdes::ForEachChunk(F&& f) const {
  size_t pos = 0;
  for (size_t i = 0; i < count_; ++i) {
    SdesChunk chunk;
    pos = ReadChunk(body_, pos, chunk);
    if (pos == 0) return;  // cannot happen after Parse
    f(static_cast<const SdesChunk&>(chunk));
  }
}

}  // namespace meet::media::rtcp
