#pragma once
// WebRTC data channel wire format: the Data Channel Establishment Protocol (RFC 8832) and the
// SCTP payload protocol identifiers of RFC 8831.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "media/base/result.hpp"

namespace meet::media::sctp {

// SCTP Payload Protocol Identifiers (RFC 8831 section 8, RFC 8832 section 8.1).
enum class Ppid : uint32_t {
  kDcep = 50,
  kString = 51,
  kBinaryPartial = 52,  // deprecated
  kBinary = 53,
  kStringPartial = 54,  // deprecated
  kStringEmpty = 56,
  kBinaryEmpty = 57,
};

enum class DcepMessageType : uint8_t { kAck = 0x02, kOpen = 0x03 };

enum class DataChannelType : uint8_t {
  kReliable = 0x00,
  kReliableUnordered = 0x80,
  kPartialReliableRexmit = 0x01,
  kPartialReliableRexmitUnordered = 0x81,
  kPartialReliableTimed = 0x02,
  kPartialReliableTimedUnordered = 0x82,
};

bool IsUnordered(DataChannelType type);

struct DataChannelOpen {
  DataChannelType channel_type = DataChannelType::kReliable;
  uint16_t priority = 256;    // RFC 8832: "normal" is 256
  uint32_t reliability = 0;   // retransmissions or lifetime in ms, by type
  std::string label;
  std::string protocol;
  bool operator==(const DataChannelOpen&) const = default;
};

// DATA_CHANNEL_OPEN: 12-byte header then label and protocol. Errors "dcep.*" with byte offset.
Result<DataChannelOpen> ParseDataChannelOpen(std::span<const uint8_t> message);
std::vector<uint8_t> SerializeDataChannelOpen(const DataChannelOpen& open);
// DATA_CHANNEL_ACK is the single byte 0x02.
inline constexpr uint8_t kDataChannelAck[1] = {0x02};
bool IsDataChannelAck(std::span<const uint8_t> message);

}  // namespace meet::media::sctp
