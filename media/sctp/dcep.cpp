#include "media/sctp/dcep.hpp"

#include <algorithm>
#include <string>

namespace meet::media::sctp {

namespace {
constexpr size_t kOpenHeaderSize = 12;
uint16_t Be16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
void PutBe16(std::vector<uint8_t>& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}
}  // namespace

bool IsUnordered(DataChannelType type) { return (static_cast<uint8_t>(type) & 0x80) != 0; }

Result<DataChannelOpen> ParseDataChannelOpen(std::span<const uint8_t> m) {
  if (m.empty() || m[0] != static_cast<uint8_t>(DcepMessageType::kOpen)) {
    return MakeError("dcep.not-open", "not a DATA_CHANNEL_OPEN", "0");
  }
  if (m.size() < kOpenHeaderSize) return MakeError("dcep.short", "truncated header", "1");
  DataChannelOpen open;
  switch (m[1]) {
    case 0x00: case 0x80: case 0x01: case 0x81: case 0x02: case 0x82:
      open.channel_type = static_cast<DataChannelType>(m[1]);
      break;
    default:
      return MakeError("dcep.channel-type", "unknown channel type", "1");
  }
  open.priority = Be16(m.data() + 2);
  open.reliability = (uint32_t{m[4]} << 24) | (uint32_t{m[5]} << 16) | (uint32_t{m[6]} << 8) | m[7];
  const size_t label_length = Be16(m.data() + 8);
  const size_t protocol_length = Be16(m.data() + 10);
  if (m.size() - kOpenHeaderSize < label_length + protocol_length) {
    return MakeError("dcep.length", "label/protocol longer than the message", "8");
  }
  const auto* p = reinterpret_cast<const char*>(m.data() + kOpenHeaderSize);
  open.label.assign(p, label_length);
  open.protocol.assign(p + label_length, protocol_length);
  return open;
}

std::vector<uint8_t> SerializeDataChannelOpen(const DataChannelOpen& open) {
  std::vector<uint8_t> out;
  const auto label = static_cast<uint16_t>(std::min<size_t>(open.label.size(), 0xffff));
  const auto protocol = static_cast<uint16_t>(std::min<size_t>(open.protocol.size(), 0xffff));
  out.reserve(kOpenHeaderSize + label + protocol);
  out.push_back(static_cast<uint8_t>(DcepMessageType::kOpen));
  out.push_back(static_cast<uint8_t>(open.channel_type));
  PutBe16(out, open.priority);
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(open.reliability >> shift));
  PutBe16(out, label);
  PutBe16(out, protocol);
  out.insert(out.end(), open.label.begin(), open.label.begin() + label);
  out.insert(out.end(), open.protocol.begin(), open.protocol.begin() + protocol);
  return out;
}

bool IsDataChannelAck(std::span<const uint8_t> m) {
  return m.size() == 1 && m[0] == static_cast<uint8_t>(DcepMessageType::kAck);
}

}  // namespace meet::media::sctp
