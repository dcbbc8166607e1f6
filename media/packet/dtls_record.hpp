#pragma once
// DTLS record-layer parser (RFC 6347 section 4.1 DTLSPlaintext / DTLSCiphertext framing):
// validates every record of a datagram before it is written to OpenSSL's memory BIO, and
// reports the handshake message type of the first record when it is an epoch-0 handshake
// (ClientHello = 1, ...). DTLS 1.3 unified headers (first byte 0x20-0x3F) are not accepted:
// OpenSSL 3 speaks DTLS 1.2 and below.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "media/packet/parse_result.hpp"

namespace meet::media::packet {

inline constexpr size_t kDtlsRecordHeaderSize = 13;
inline constexpr size_t kDtlsHandshakeHeaderSize = 12;
inline constexpr size_t kDtlsMaxRecordLength = (1u << 14) + 2048;
// Records accepted in one datagram (a full MTU of empty records is ~115).
inline constexpr size_t kDtlsMaxRecordsPerDatagram = 64;

namespace dtls_content {
inline constexpr uint8_t kChangeCipherSpec = 20;
inline constexpr uint8_t kAlert = 21;
inline constexpr uint8_t kHandshake = 22;
inline constexpr uint8_t kApplicationData = 23;
inline constexpr uint8_t kHeartbeat = 24;
inline constexpr uint8_t kTls12Cid = 25;
inline constexpr uint8_t kAck = 26;
}  // namespace dtls_content

struct DtlsRecord {
  uint8_t content_type = 0;
  uint16_t version = 0;  // 0xFEFF = DTLS 1.0, 0xFEFD = DTLS 1.2
  uint16_t epoch = 0;
  uint64_t sequence = 0;  // 48 bits
  size_t offset = 0;      // of the record header in the datagram
  std::span<const uint8_t> fragment;
  size_t size() const { return kDtlsRecordHeaderSize + fragment.size(); }
};

struct DtlsHandshakeFragment {
  uint8_t msg_type = 0;  // 1 ClientHello, 2 ServerHello, 11 Certificate, ...
  uint32_t length = 0;
  uint16_t message_seq = 0;
  uint32_t fragment_offset = 0;
  uint32_t fragment_length = 0;
};

struct DtlsDatagramInfo {
  size_t record_count = 0;
  uint8_t first_content_type = 0;
  // Highest content type of any record: above kApplicationData (heartbeat, connection id,
  // ACK) is a record DTLS 1.2 peers must not send us.
  uint8_t max_content_type = 0;
  // Set when the first record is an epoch-0 handshake record.
  std::optional<DtlsHandshakeFragment> first_handshake;
};

// One record starting at `offset` (header and fragment bounded by the datagram).
ParseResult<DtlsRecord> ParseDtlsRecord(std::span<const uint8_t> datagram, size_t offset);
// The 12-byte handshake header at the start of a plaintext handshake record's fragment.
ParseResult<DtlsHandshakeFragment> ParseDtlsHandshake(const DtlsRecord& record);
// Every record of the datagram; they must tile it exactly, at most kDtlsMaxRecordsPerDatagram.
ParseResult<DtlsDatagramInfo> ParseDtlsDatagram(std::span<const uint8_t> datagram);

}  // namespace meet::media::packet
