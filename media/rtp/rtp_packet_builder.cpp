#include "media/rtp/rtp_packet_builder.hpp"

#include <cstring>

namespace meet::media::rtp {

using packet::Drop;
using packet::DropReason;

RtpPacketBuilder& RtpPacketBuilder::SetPayloadType(uint8_t pt) {
  if (pt > 127) invalid_ = true;
  pt_ = pt & 0x7f;
  return *this;
}

RtpPacketBuilder& RtpPacketBuilder::AddCsrc(uint32_t csrc) {
  if (csrc_count_ == kMaxCsrcs) {
    invalid_ = true;
  } else {
    csrcs_[csrc_count_++] = csrc;
  }
  return *this;
}

RtpPacketBuilder& RtpPacketBuilder::AddExtension(uint8_t id, std::span<const uint8_t> value) {
  if (id == 0 || value.size() > 255 || extension_count_ == kMaxExtensions) {
    invalid_ = true;
  } else {
    extensions_[extension_count_++] = Extension{id, value};
  }
  return *this;
}

bool RtpPacketBuilder::TwoByteForm() const {
  if (force_two_byte_) return true;
  for (size_t i = 0; i < extension_count_; ++i) {
    const auto& e = extensions_[i];
    if (e.id > 14 || e.value.empty() || e.value.size() > 16) return true;
  }
  return false;
}

size_t RtpPacketBuilder::ExtensionBlockSize() const {
  if (extension_count_ == 0) return 0;
  const size_t per = TwoByteForm() ? 2 : 1;
  size_t n = 0;
  for (size_t i = 0; i < extension_count_; ++i) n += per + extensions_[i].value.size();
  return (n + 3) & ~size_t{3};
}

size_t RtpPacketBuilder::Size() const {
  if (invalid_) return 0;
  size_t n = kRtpHeaderSize + 4 * csrc_count_;
  if (extension_count_ > 0) n += 4 + ExtensionBlockSize();
  return n + payload_.size() + padding_;
}

packet::ParseResult<RtpPacketView> RtpPacketBuilder::Build() {
  if (invalid_) return Drop{DropReason::kInvalidArgument, 0};
  const size_t total = Size();
  if (total > buffer_.size()) return Drop{DropReason::kBufferTooSmall, buffer_.size()};
  const size_t ext_size = ExtensionBlockSize();
  const size_t header = kRtpHeaderSize + 4 * csrc_count_ + (extension_count_ > 0 ? 4 + ext_size : 0);
  uint8_t* p = buffer_.data();
  // Payload first: it may alias the buffer anywhere.
  if (!payload_.empty()) std::memmove(p + header, payload_.data(), payload_.size());

  p[0] = static_cast<uint8_t>(0x80 | (padding_ ? 0x20 : 0) | (extension_count_ ? 0x10 : 0) |
                              csrc_count_);
  p[1] = static_cast<uint8_t>((marker_ ? 0x80 : 0) | pt_);
  packet::WriteBe16(p + 2, seq_);
  packet::WriteBe32(p + 4, ts_);
  packet::WriteBe32(p + 8, ssrc_);
  size_t pos = kRtpHeaderSize;
  for (size_t i = 0; i < csrc_count_; ++i, pos += 4) packet::WriteBe32(p + pos, csrcs_[i]);
  if (extension_count_ > 0) {
    const bool two = TwoByteForm();
    packet::WriteBe16(p + pos, two ? kTwoByteExtensionProfile : kOneByteExtensionProfile);
    packet::WriteBe16(p + pos + 2, static_cast<uint16_t>(ext_size / 4));
    pos += 4;
    const size_t end = pos + ext_size;
    for (size_t i = 0; i < extension_count_; ++i) {
      const auto& e = extensions_[i];
      if (two) {
        p[pos++] = e.id;
        p[pos++] = static_cast<uint8_t>(e.value.size());
      } else {
        p[pos++] = static_cast<uint8_t>((e.id << 4) | (e.value.size() - 1));
      }
      if (!e.value.empty()) std::memcpy(p + pos, e.value.data(), e.value.size());
      pos += e.value.size();
    }
    while (pos < end) p[pos++] = 0;
  }
  pos += payload_.size();
  if (padding_ > 0) {
    std::memset(p + pos, 0, padding_ - 1u);
    p[pos + padding_ - 1] = padding_;
  }
  return RtpPacketView::Parse(buffer_.first(total));
}

}  // namespace meet::media::rtp
