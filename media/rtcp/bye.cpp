#include "media/rtcp/bye.hpp"

#include <cstring>

namespace meet::media::rtcp {

using packet::Drop;
using packet::DropReason;

packet::ParseResult<Bye> Bye::Parse(const RtcpHeader& h) {
  if (h.packet_type != packet_type::kBye) return Drop{DropReason::kRtcpWrongType, h.offset + 1};
  const size_t list = 4 * static_cast<size_t>(h.count);
  if (h.body.size() < list) return Drop{DropReason::kRtcpTruncated, h.offset};
  Bye bye;
  bye.ssrcs_ = h.body.first(list);
  if (h.body.size() > list) {
    const size_t len = h.body[list];
    if (len > h.body.size() - list - 1) {
      return Drop{DropReason::kRtcpBadBye, h.offset + kRtcpHeaderSize + list};
    }
    bye.reason_ = std::string_view(reinterpret_cast<const char*>(&h.body[list + 1]), len);
  }
  return bye;
}

size_t Bye::BuildSize(size_t ssrc_count, std::string_view reason) {
  size_t size = kRtcpHeaderSize + 4 * ssrc_count;
  if (!reason.empty()) size += (1 + reason.size() + 3) & ~size_t{3};
  return size;
}

packet::ParseResult<size_t> Bye::Build(std::span<const uint32_t> ssrcs, std::string_view reason,
                                       std::span<uint8_t> out) {
  if (ssrcs.size() > 31 || reason.size() > 255) return Drop{DropReason::kInvalidArgument, 0};
  const size_t size = BuildSize(ssrcs.size(), reason);
  if (out.size() < size) return Drop{DropReason::kBufferTooSmall, out.size()};
  uint8_t* p = out.data();
  WriteRtcpHeader(p, static_cast<uint8_t>(ssrcs.size()), packet_type::kBye, size);
  size_t pos = kRtcpHeaderSize;
  for (uint32_t s : ssrcs) {
    packet::WriteBe32(p + pos, s);
    pos += 4;
  }
  if (!reason.empty()) {
    p[pos] = static_cast<uint8_t>(reason.size());
    std::memcpy(p + pos + 1, reason.data(), reason.size());
    pos += 1 + reason.size();
    std::memset(p + pos, 0, size - pos);
  }
  return size;
}

}  // namespace meet::media::rtcp
