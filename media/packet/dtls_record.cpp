#include "media/packet/dtls_record.hpp"

#include "media/packet/byte_io.hpp"

namespace meet::media::packet {

ParseResult<DtlsRecord> ParseDtlsRecord(std::span<const uint8_t> d, size_t offset) {
  if (offset >= d.size()) return Drop{DropReason::kEmpty, offset};
  if (d.size() - offset < kDtlsRecordHeaderSize) return Drop{DropReason::kTooShort, offset};
  const uint8_t* p = d.data() + offset;
  DtlsRecord r;
  r.content_type = p[0];
  if (r.content_type < dtls_content::kChangeCipherSpec || r.content_type > dtls_content::kAck) {
    return Drop{DropReason::kDtlsBadContentType, offset};
  }
  r.version = ReadBe16(p + 1);
  // DTLS 1.0 (0xFEFF) and 1.2 (0xFEFD); DTLS 1.3 records also carry 0xFEFD.
  if (r.version != 0xFEFF && r.version != 0xFEFD) {
    return Drop{DropReason::kDtlsBadVersion, offset + 1};
  }
  r.epoch = ReadBe16(p + 3);
  r.sequence = ReadBe48(p + 5);
  const size_t length = ReadBe16(p + 11);
  if (length > kDtlsMaxRecordLength) return Drop{DropReason::kDtlsRecordTooLarge, offset + 11};
  if (length > d.size() - offset - kDtlsRecordHeaderSize) {
    return Drop{DropReason::kDtlsRecordOverflow, offset + 11};
  }
  r.offset = offset;
  r.fragment = d.subspan(offset + kDtlsRecordHeaderSize, length);
  return r;
}

ParseResult<DtlsHandshakeFragment> ParseDtlsHandshake(const DtlsRecord& r) {
  const size_t at = r.offset + kDtlsRecordHeaderSize;
  if (r.content_type != dtls_content::kHandshake) return Drop{DropReason::kDtlsBadHandshake, r.offset};
  if (r.fragment.size() < kDtlsHandshakeHeaderSize) return Drop{DropReason::kDtlsBadHandshake, at};
  const uint8_t* p = r.fragment.data();
  DtlsHandshakeFragment h;
  h.msg_type = p[0];
  h.length = ReadBe24(p + 1);
  h.message_seq = ReadBe16(p + 4);
  h.fragment_offset = ReadBe24(p + 6);
  h.fragment_length = ReadBe24(p + 9);
  if (uint64_t{h.fragment_offset} + h.fragment_length > h.length ||
      h.fragment_length > r.fragment.size() - kDtlsHandshakeHeaderSize) {
    return Drop{DropReason::kDtlsBadHandshake, at};
  }
  return h;
}

ParseResult<DtlsDatagramInfo> ParseDtlsDatagram(std::span<const uint8_t> d) {
  if (d.empty()) return Drop{DropReason::kEmpty, 0};
  DtlsDatagramInfo info;
  size_t offset = 0;
  while (offset < d.size()) {
    if (info.record_count == kDtlsMaxRecordsPerDatagram) return Drop{DropReason::kDtlsTooManyRecords, offset};
    auto record = ParseDtlsRecord(d, offset);
    if (!record) return record.drop();
    if (info.record_count == 0) {
      info.first_content_type = record->content_type;
      if (record->content_type == dtls_content::kHandshake && record->epoch == 0) {
        auto hs = ParseDtlsHandshake(*record);
        if (!hs) return hs.drop();
        info.first_handshake = *hs;
      }
    }
    if (record->content_type > info.max_content_type) info.max_content_type = record->content_type;
    ++info.record_count;
    offset += record->size();
  }
  return info;
}

}  // namespace meet::media::packet
