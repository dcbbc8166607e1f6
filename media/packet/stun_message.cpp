#include "media/packet/stun_message.hpp"

#include "media/packet/byte_io.hpp"

namespace meet::media::packet {
namespace {

constexpr uint32_t kFingerprintXor = 0x5354554E;

constexpr std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
    table[i] = c;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kCrcTable = MakeCrcTable();

Drop Fail(DropReason reason, size_t offset) { return Drop{reason, offset}; }

}  // namespace

uint32_t Crc32(std::span<const uint8_t> data) {
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t b : data) c = kCrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

bool LooksLikeStun(std::span<const uint8_t> d) {
  return d.size() >= kStunHeaderSize && d[0] <= 3 && (ReadBe16(&d[2]) & 3) == 0 &&
         ReadBe32(&d[4]) == kStunMagicCookie;
}

ParseResult<StunMessage> ParseStun(std::span<const uint8_t> d) {
  if (d.empty()) return Fail(DropReason::kEmpty, 0);
  if (d.size() < kStunHeaderSize) return Fail(DropReason::kTooShort, d.size());
  // Top two bits zero (RFC 8489), and a first byte of 0-3 so that RFC 7983 demux routes it
  // here (methods above 0x0FF cannot share the port with DTLS).
  if (d[0] > 3) return Fail(DropReason::kStunBadHeader, 0);
  if (ReadBe32(&d[4]) != kStunMagicCookie) return Fail(DropReason::kStunBadCookie, 4);
  const size_t length = ReadBe16(&d[2]);
  if ((length & 3) != 0 || kStunHeaderSize + length != d.size()) {
    return Fail(DropReason::kStunBadLength, 2);
  }

  StunMessage m;
  m.type = ReadBe16(&d[0]);
  m.message_class = static_cast<StunClass>(((m.type >> 7) & 2) | ((m.type >> 4) & 1));
  m.method = static_cast<uint16_t>((m.type & 0x000F) | ((m.type >> 1) & 0x0070) |
                                   ((m.type >> 2) & 0x0F80));
  for (size_t i = 0; i < 12; ++i) m.transaction_id[i] = d[8 + i];

  // 0 = normal, 1 = after MESSAGE-INTEGRITY, 2 = after MESSAGE-INTEGRITY-SHA256,
  // 3 = after FINGERPRINT.
  int stage = 0;
  size_t pos = kStunHeaderSize;
  while (pos < d.size()) {
    if (d.size() - pos < 4) return Fail(DropReason::kStunAttributeOverflow, pos);
    const uint16_t type = ReadBe16(&d[pos]);
    const size_t len = ReadBe16(&d[pos + 2]);
    const size_t padded = (len + 3) & ~size_t{3};
    if (padded > d.size() - pos - 4) return Fail(DropReason::kStunAttributeOverflow, pos);
    const uint8_t* v = &d[pos + 4];
    ++m.attribute_count;

    if (stage == 3) return Fail(DropReason::kStunAttributeAfterFingerprint, pos);
    if (stage == 1 && type != stun_attr::kMessageIntegritySha256 &&
        type != stun_attr::kFingerprint) {
      return Fail(DropReason::kStunAttributeAfterIntegrity, pos);
    }
    if (stage == 2 && type != stun_attr::kFingerprint) {
      return Fail(DropReason::kStunAttributeAfterIntegrity, pos);
    }

    switch (type) {
      case stun_attr::kUsername:
        if (len == 0 || len > kStunMaxUsername) return Fail(DropReason::kStunBadAttribute, pos);
        m.username = std::string_view(reinterpret_cast<const char*>(v), len);
        m.has_username = true;
        break;
      case stun_attr::kPriority:
        if (len != 4) return Fail(DropReason::kStunBadAttribute, pos);
        m.priority = ReadBe32(v);
        break;
      case stun_attr::kUseCandidate:
        if (len != 0) return Fail(DropReason::kStunBadAttribute, pos);
        m.use_candidate = true;
        break;
      case stun_attr::kIceControlling:
        if (len != 8) return Fail(DropReason::kStunBadAttribute, pos);
        m.ice_controlling = ReadBe64(v);
        break;
      case stun_attr::kIceControlled:
        if (len != 8) return Fail(DropReason::kStunBadAttribute, pos);
        m.ice_controlled = ReadBe64(v);
        break;
      case stun_attr::kErrorCode: {
        if (len < 4) return Fail(DropReason::kStunBadAttribute, pos);
        const unsigned cls = v[2] & 0x07;
        const unsigned number = v[3];
        if (cls < 3 || cls > 6 || number > 99) return Fail(DropReason::kStunBadAttribute, pos);
        m.error_code = static_cast<uint16_t>(cls * 100 + number);
        break;
      }
      case stun_attr::kXorMappedAddress: {
        if (len != 8 && len != 20) return Fail(DropReason::kStunBadAttribute, pos);
        StunAddress a;
        a.family = v[1];
        if (!((a.family == 1 && len == 8) || (a.family == 2 && len == 20))) {
          return Fail(DropReason::kStunBadAttribute, pos);
        }
        a.port = static_cast<uint16_t>(ReadBe16(v + 2) ^ (kStunMagicCookie >> 16));
        const size_t n = a.family == 1 ? 4 : 16;
        for (size_t i = 0; i < n; ++i) a.address[i] = v[4 + i] ^ d[4 + i];  // cookie + txid
        m.xor_mapped_address = a;
        break;
      }
      case stun_attr::kMessageIntegrity:
        if (len != 20) return Fail(DropReason::kStunBadAttribute, pos);
        m.message_integrity_offset = pos;
        stage = 1;
        break;
      case stun_attr::kMessageIntegritySha256:
        if (len < 16 || len > 32 || (len & 3) != 0) {
          return Fail(DropReason::kStunBadAttribute, pos);
        }
        if (!m.message_integrity_offset) m.message_integrity_offset = pos;
        stage = 2;
        break;
      case stun_attr::kFingerprint: {
        if (len != 4) return Fail(DropReason::kStunBadAttribute, pos);
        const uint32_t expected = Crc32(d.first(pos)) ^ kFingerprintXor;
        if (ReadBe32(v) != expected) return Fail(DropReason::kStunBadFingerprint, pos);
        m.has_fingerprint = true;
        stage = 3;
        break;
      }
      default:
        break;  // comprehension-optional or unknown: bounded above, left to libnice
    }
    pos += 4 + padded;
  }
  return m;
}

}  // namespace meet::media::packet
