#pragma once
// Zero-copy view of one RTP packet (RFC 3550) in a caller-owned mutable buffer. Parse()
// validates version, CSRC list, header extension block (RFC 8285 one-byte 0xBEDE and
// two-byte 0x100X forms, every element bounded), and padding; accessors read the header,
// setters rewrite it in place. Extensions are found by id by walking the (validated) block,
// so a view holds no tables and costs nothing to copy.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>

#include "media/packet/byte_io.hpp"
#include "media/packet/parse_result.hpp"
#include "media/rtp/extension_map.hpp"

namespace meet::media::rtp {

inline constexpr size_t kRtpHeaderSize = 12;
inline constexpr size_t kMaxCsrcs = 15;
inline constexpr uint16_t kOneByteExtensionProfile = 0xBEDE;
inline constexpr uint16_t kTwoByteExtensionProfile = 0x1000;  // 0x1000-0x100F (appbits)

class RtpPacketView {
 public:
  RtpPacketView() = default;

  static packet::ParseResult<RtpPacketView> Parse(std::span<uint8_t> data);

  // Header fields.
  bool marker() const { return (data_[1] & 0x80) != 0; }
  uint8_t payload_type() const { return data_[1] & 0x7f; }
  uint16_t sequence_number() const { return packet::ReadBe16(&data_[2]); }
  uint32_t timestamp() const { return packet::ReadBe32(&data_[4]); }
  uint32_t ssrc() const { return packet::ReadBe32(&data_[8]); }
  size_t csrc_count() const { return data_[0] & 0x0f; }
  uint32_t csrc(size_t i) const { return packet::ReadBe32(&data_[kRtpHeaderSize + 4 * i]); }
  bool has_padding_bit() const { return (data_[0] & 0x20) != 0; }

  // In-place rewrites.
  void SetMarker(bool marker) { data_[1] = static_cast<uint8_t>((data_[1] & 0x7f) | (marker ? 0x80 : 0)); }
  void SetPayloadType(uint8_t pt) { data_[1] = static_cast<uint8_t>((data_[1] & 0x80) | (pt & 0x7f)); }
  void SetSequenceNumber(uint16_t seq) { packet::WriteBe16(&data_[2], seq); }
  void SetTimestamp(uint32_t ts) { packet::WriteBe32(&data_[4], ts); }
  void SetSsrc(uint32_t ssrc) { packet::WriteBe32(&data_[8], ssrc); }

  // Layout.
  std::span<uint8_t> data() const { return data_; }
  size_t size() const { return data_.size(); }
  size_t header_size() const { return header_size_; }
  size_t payload_offset() const { return header_size_; }
  size_t payload_size() const { return payload_size_; }
  size_t padding_size() const { return padding_size_; }
  std::span<uint8_t> payload() const { return data_.subspan(header_size_, payload_size_); }

  // Header extension block (RFC 8285). The profile is 0 when there is no block.
  bool has_extension_block() const { return extension_profile_ != 0 || extension_size_ != 0; }
  uint16_t extension_profile() const { return extension_profile_; }
  bool is_one_byte_form() const { return extension_profile_ == kOneByteExtensionProfile; }
  bool is_two_byte_form() const { return (extension_profile_ & 0xFFF0) == kTwoByteExtensionProfile; }
  // The extension data after the 4-byte block header.
  std::span<uint8_t> extension_block() const {
    return data_.subspan(extension_offset_, extension_size_);
  }

  // The element with this id, or nullopt (also for blocks in a non-RFC 8285 profile).
  std::optional<std::span<uint8_t>> FindExtension(uint8_t id) const;
  // Overwrites the element's value; false when absent or of a different size.
  bool WriteExtension(uint8_t id, std::span<const uint8_t> value);

  // Calls f(uint8_t id, std::span<uint8_t> value) for every element in order; when f returns
  // bool, false stops the walk.
  template <typename F>
  void ForEachExtension(F&& f) const;

  // Typed access through the negotiated ids (see header_extensions.hpp).
  template <typename Ext>
  std::optional<typename Ext::ValueType> GetExtension(const ExtensionMap& map) const {
    const uint8_t id = map.IdOf(Ext::kType);
    if (id == 0) return std::nullopt;
    auto raw = FindExtension(id);
    if (!raw) return std::nullopt;
    return Ext::Parse(std::span<const uint8_t>(raw->data(), raw->size()));
  }
  template <typename Ext>
  bool SetExtension(const ExtensionMap& map, const typename Ext::ValueType& value) {
    const uint8_t id = map.IdOf(Ext::kType);
    if (id == 0) return false;
    auto raw = FindExtension(id);
    if (!raw || raw->size() != Ext::ValueSize(value)) return false;
    return Ext::Write(*raw, value);
  }

 private:
  template <typename F>
  static bool CallVisitor(F& f, uint8_t id, std::span<uint8_t> value) {
    if constexpr (std::is_same_v<std::invoke_result_t<F&, uint8_t, std::span<uint8_t>>, bool>) {
      return f(id, value);
    } else {
      f(id, value);
      return true;
    }
  }

  std::span<uint8_t> data_;
  size_t header_size_ = 0;
  size_t payload_size_ = 0;
  size_t padding_size_ = 0;
  size_t extension_offset_ = 0;
  size_t extension_size_ = 0;
  uint16_t extension_profile_ = 0;
};

template <typename F>
void RtpPacketView::ForEachExtension(F&& f) const {
  const std::span<uint8_t> block = extension_block();
  const size_t n = block.size();
  size_t i = 0;
  if (is_one_byte_form()) {
    while (i < n) {
      const uint8_t b = block[i];
      const uint8_t id = b >> 4;
      if (id == 0) { ++i; continue; }  // padding (id 0 is reserved; its length is ignored)
      if (id == 15) return;  // reserved: stop processing
      const size_t len = (b & 0x0f) + 1u;
      if (!CallVisitor(f, id, block.subspan(i + 1, len))) return;  // bounds checked by Parse
      i += 1 + len;
    }
  } else if (is_two_byte_form()) {
    while (i < n) {
      const uint8_t id = block[i];
      if (id == 0) { ++i; continue; }
      const size_t len = block[i + 1];
      if (!CallVisitor(f, id, block.subspan(i + 2, len))) return;
      i += 2 + len;
    }
  }
}

}  // namespace meet::media::rtp
