#pragma once
// Writes one RTP packet into a caller-provided buffer (tests, RTX, padding-only probes). The
// builder only records what to write (extension values and payload are referenced, not
// copied; they must stay valid until Build) and lays the packet out in Build(). The extension
// block uses the one-byte form (RFC 8285) unless an id > 14, an empty or a > 16-byte value, or
// UseTwoByteExtensions(true) asks for the two-byte form. The payload may alias the buffer.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "media/packet/parse_result.hpp"
#include "media/rtp/rtp_packet_view.hpp"

namespace meet::media::rtp {

class RtpPacketBuilder {
 public:
  static constexpr size_t kMaxExtensions = 16;

  explicit RtpPacketBuilder(std::span<uint8_t> buffer) : buffer_(buffer) {}

  RtpPacketBuilder& SetMarker(bool marker) { marker_ = marker; return *this; }
  RtpPacketBuilder& SetPayloadType(uint8_t pt);
  RtpPacketBuilder& SetSequenceNumber(uint16_t seq) { seq_ = seq; return *this; }
  RtpPacketBuilder& SetTimestamp(uint32_t ts) { ts_ = ts; return *this; }
  RtpPacketBuilder& SetSsrc(uint32_t ssrc) { ssrc_ = ssrc; return *this; }
  RtpPacketBuilder& AddCsrc(uint32_t csrc);
  RtpPacketBuilder& AddExtension(uint8_t id, std::span<const uint8_t> value);
  RtpPacketBuilder& UseTwoByteExtensions(bool two_byte) { force_two_byte_ = two_byte; return *this; }
  RtpPacketBuilder& SetPayload(std::span<const uint8_t> payload) { payload_ = payload; return *this; }
  // Padding bytes at the end (0 = none, else 1-255; the last byte holds the count).
  RtpPacketBuilder& SetPadding(uint8_t size) { padding_ = size; return *this; }

  // Size Build() will write (0 when an argument was invalid).
  size_t Size() const;
  // Lays out the packet at the start of the buffer; the view covers exactly the written bytes.
  packet::ParseResult<RtpPacketView> Build();

 private:
  struct Extension {
    uint8_t id = 0;
    std::span<const uint8_t> value;
  };
  bool TwoByteForm() const;
  size_t ExtensionBlockSize() const;  // without the 4-byte block header

  std::span<uint8_t> buffer_;
  bool marker_ = false;
  uint8_t pt_ = 0;
  uint16_t seq_ = 0;
  uint32_t ts_ = 0;
  uint32_t ssrc_ = 0;
  std::array<uint32_t, kMaxCsrcs> csrcs_{};
  size_t csrc_count_ = 0;
  std::array<Extension, kMaxExtensions> extensions_{};
  size_t extension_count_ = 0;
  bool force_two_byte_ = false;
  std::span<const uint8_t> payload_;
  uint8_t padding_ = 0;
  bool invalid_ = false;
};

}  // namespace meet::media::rtp
