#include "media/rtp/rtp_packet_view.hpp"

#include <algorithm>

namespace meet::media::rtp {

using packet::Drop;
using packet::DropReason;

namespace {

// Checks every element of an RFC 8285 block; returns the offset of the first bad element
// (relative to the block) or nullopt.
std::optional<size_t> CheckElements(std::span<const uint8_t> block, bool one_byte) {
  const size_t n = block.size();
  size_t i = 0;
  while (i < n) {
    if (one_byte) {
      const uint8_t b = block[i];
      if ((b >> 4) == 0) { ++i; continue; }  // padding, as in ForEachExtension
      if ((b >> 4) == 15) return std::nullopt;
      const size_t len = (b & 0x0f) + 1u;
      if (len > n - i - 1) return i;
      i += 1 + len;
    } else {
      if (block[i] == 0) { ++i; continue; }
      if (n - i < 2) return i;
      const size_t len = block[i + 1];
      if (len > n - i - 2) return i;
      i += 2 + len;
    }
  }
  return std::nullopt;
}

}  // namespace

packet::ParseResult<RtpPacketView> RtpPacketView::Parse(std::span<uint8_t> data) {
  if (data.empty()) return Drop{DropReason::kEmpty, 0};
  if (data.size() < kRtpHeaderSize) return Drop{DropReason::kTooShort, data.size()};
  if ((data[0] >> 6) != 2) return Drop{DropReason::kRtpBadVersion, 0};

  RtpPacketView v;
  v.data_ = data;
  size_t header = kRtpHeaderSize + 4 * static_cast<size_t>(data[0] & 0x0f);
  if (header > data.size()) return Drop{DropReason::kRtpCsrcOverflow, kRtpHeaderSize};

  if ((data[0] & 0x10) != 0) {
    if (data.size() - header < 4) return Drop{DropReason::kRtpExtensionOverflow, header};
    const uint16_t profile = packet::ReadBe16(&data[header]);
    const size_t length = 4 * static_cast<size_t>(packet::ReadBe16(&data[header + 2]));
    if (length > data.size() - header - 4) return Drop{DropReason::kRtpExtensionOverflow, header + 2};
    v.extension_profile_ = profile;
    v.extension_offset_ = header + 4;
    v.extension_size_ = length;
    const bool one_byte = profile == kOneByteExtensionProfile;
    const bool two_byte = (profile & 0xFFF0) == kTwoByteExtensionProfile;
    if (one_byte || two_byte) {
      if (auto bad = CheckElements(data.subspan(header + 4, length), one_byte)) {
        return Drop{DropReason::kRtpBadExtension, header + 4 + *bad};
      }
    }
    header += 4 + length;
  }

  size_t padding = 0;
  if ((data[0] & 0x20) != 0) {
    if (data.size() == header) return Drop{DropReason::kRtpPaddingOverflow, header};
    padding = data.back();
    if (padding == 0) return Drop{DropReason::kRtpZeroPadding, data.size() - 1};
    if (padding > data.size() - header) return Drop{DropReason::kRtpPaddingOverflow, data.size() - 1};
  }
  v.header_size_ = header;
  v.padding_size_ = padding;
  v.payload_size_ = data.size() - header - padding;
  return v;
}

std::optional<std::span<uint8_t>> RtpPacketView::FindExtension(uint8_t id) const {
  if (id == 0) return std::nullopt;
  std::optional<std::span<uint8_t>> found;
  ForEachExtension([&](uint8_t element_id, std::span<uint8_t> value) {
    if (element_id != id) return true;
    found = value;
    return false;
  });
  return found;
}

bool RtpPacketView::WriteExtension(uint8_t id, std::span<const uint8_t> value) {
  auto raw = FindExtension(id);
  if (!raw || raw->size() != value.size()) return false;
  std::copy(value.begin(), value.end(), raw->begin());
  return true;
}

}  // namespace meet::media::rtp
