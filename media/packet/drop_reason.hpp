#pragma once
// Why a packet was dropped. One enum shared by every parser of the data path (classifier,
// STUN, DTLS records, RTP, RTCP, codec payload descriptors) so that a stage counts its drops
// by reason in one packet::DropCounters.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace meet::media::packet {

enum class DropReason : uint8_t {
  kNone = 0,  // not a drop: the value a successful parse reports
  // Generic.
  kEmpty,             // zero-length input
  kTooShort,          // shorter than the fixed header of its format
  kBufferTooSmall,    // a builder's output buffer cannot hold the packet
  kInvalidArgument,   // a builder was given values its format cannot carry
  kUnknownFirstByte,  // RFC 7983 demux: no protocol owns this first byte
  // RTP (RFC 3550, RFC 8285, RFC 4588).
  kRtpBadVersion,
  kRtpCsrcOverflow,       // CSRC list runs past the end
  kRtpExtensionOverflow,  // header extension block runs past the end
  kRtpBadExtension,       // an extension element runs past its block or has a bad id
  kRtpPaddingOverflow,    // padding count larger than the payload
  kRtpZeroPadding,        // P bit set but the padding count is zero
  kRtxNoOsn,              // RTX packet without the 2-byte original sequence number
  // RTCP (RFC 3550, RFC 4585, RFC 5104, draft-holmer transport-cc, goog-remb).
  kRtcpBadVersion,
  kRtcpBadLength,        // a header length runs past the datagram
  kRtcpPaddingNotLast,   // P bit on a packet that is not the last of the compound
  kRtcpBadPadding,       // padding count zero or larger than the packet body
  kRtcpTruncated,        // the body is shorter than its type needs
  kRtcpWrongType,        // a typed parser was given another packet type / FMT
  kRtcpBadSdes,          // SDES chunk or item runs past its packet
  kRtcpBadBye,           // BYE reason runs past its packet
  kRtcpNackEmpty,        // generic NACK with no FCI entry
  kRtcpBadRemb,          // REMB without the "REMB" tag or with a bad SSRC count
  kTccZeroStatusCount,   // transport-cc feedback with packet status count 0
  kTccBadChunk,          // a status symbol of 3 (reserved)
  kTccChunkOverflow,     // status chunks run past the packet
  kTccDeltaOverflow,     // receive deltas run past the packet
  kTccTooManyPackets,    // more packet statuses than the caller's capacity
  // STUN (RFC 8489, RFC 8445 attributes).
  kStunBadHeader,          // top two bits of the type are not zero
  kStunBadCookie,          // magic cookie is not 0x2112A442
  kStunBadLength,          // length not a multiple of 4 or not the datagram's
  kStunAttributeOverflow,  // an attribute runs past the message
  kStunBadAttribute,       // a known attribute with the wrong size or content
  kStunAttributeAfterIntegrity,    // something other than FINGERPRINT after MESSAGE-INTEGRITY
  kStunAttributeAfterFingerprint,  // FINGERPRINT is not the last attribute
  kStunBadFingerprint,             // FINGERPRINT CRC32 mismatch
  // DTLS record layer (RFC 6347, RFC 9147).
  kDtlsBadContentType,
  kDtlsBadVersion,
  kDtlsRecordOverflow,  // record length runs past the datagram
  kDtlsRecordTooLarge,  // record length above 2^14 + 2048
  kDtlsBadHandshake,    // handshake fragment header truncated or inconsistent
  kDtlsTooManyRecords,  // more records in one datagram than kDtlsMaxRecordsPerDatagram
  // Codec payload descriptors.
  kVp8BadDescriptor,
  kVp9BadDescriptor,
  kVp9BadScalabilityStructure,
  kH264BadNal,          // forbidden bit set, reserved or unsupported NAL type
  kH264BadAggregation,  // STAP-A unit size past the end or empty
  kAv1BadDescriptor,
  kAv1BadStructure,     // template dependency structure inconsistent or over our limits
  kAv1UnknownTemplate,  // template id not in the (given or attached) structure
  kCount
};

inline constexpr size_t kDropReasonCount = static_cast<size_t>(DropReason::kCount);

// Dotted machine-readable name, e.g. "rtp.bad-version"; usable as an Error code.
std::string_view DropReasonName(DropReason reason);

}  // namespace meet::media::packet
