#pragma once
// Bounded checks on DTLS datagrams before they reach OpenSSL: RFC 7983 demultiplexing and
// the DTLS 1.2 record layer framing (RFC 6347 section 4.1).

#include <cstddef>
#include <cstdint>
#include <span>

#include "media/base/result.hpp"

namespace meet::media::dtls {

inline constexpr size_t kDtlsRecordHeaderSize = 13;
// Largest record body: 2^14 plaintext plus 2048 of expansion (RFC 6347 section 4.1).
inline constexpr size_t kMaxDtlsRecordBody = 16384 + 2048;
// Records accepted in one datagram.
inline constexpr size_t kMaxDtlsRecordsPerDatagram = 64;

// RFC 7983: a datagram whose first byte is 20..63 is DTLS.
bool LooksLikeDtls(std::span<const uint8_t> datagram);

// Checks that the datagram is a whole number of DTLS records with content types 20..23
// (change_cipher_spec, alert, handshake, application_data), version 1.0 or 1.2 (0xfeff,
// 0xfefd) and lengths that fit. Returns the record count. Errors: dtls.bad-record with the
// byte offset of the offending record.
Result<size_t> ValidateDtlsDatagram(std::span<const uint8_t> datagram);

}  // namespace meet::media::dtls
