#include "media/dtls/dtls_record.hpp"

#include <string>

namespace meet::media::dtls {

bool LooksLikeDtls(std::span<const uint8_t> datagram) {
  return !datagram.empty() && datagram[0] >= 20 && datagram[0] <= 63;
}

Result<size_t> ValidateDtlsDatagram(std::span<const uint8_t> datagram) {
  if (datagram.empty()) return MakeError("dtls.bad-record", "empty datagram", "0");
  size_t offset = 0;
  size_t records = 0;
  while (offset < datagram.size()) {
    if (records == kMaxDtlsRecordsPerDatagram) {
      return MakeError("dtls.bad-record", "too many records in one datagram", std::to_string(offset));
    }
    if (datagram.size() - offset < kDtlsRecordHeaderSize) {
      return MakeError("dtls.bad-record", "truncated record header", std::to_string(offset));
    }
    const uint8_t type = datagram[offset];
    if (type < 20 || type > 23) {
      return MakeError("dtls.bad-record", "unknown content type " + std::to_string(type), std::to_string(offset));
    }
    const uint16_t version = static_cast<uint16_t>((datagram[offset + 1] << 8) | datagram[offset + 2]);
    if (version != 0xfeff && version != 0xfefd) {
      return MakeError("dtls.bad-record", "unsupported record version", std::to_string(offset + 1));
    }
    const size_t length = (static_cast<size_t>(datagram[offset + 11]) << 8) | datagram[offset + 12];
    if (length > kMaxDtlsRecordBody) {
      return MakeError("dtls.bad-record", "record too long", std::to_string(offset + 11));
    }
    if (datagram.size() - offset - kDtlsRecordHeaderSize < length) {
      return MakeError("dtls.bad-record", "record body past the datagram end", std::to_string(offset + 11));
    }
    offset += kDtlsRecordHeaderSize + length;
    ++records;
  }
  return records;
}

}  // namespace meet::media::dtls
