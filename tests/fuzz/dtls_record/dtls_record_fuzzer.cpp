// DTLS record-layer fuzz target: the datagram parser must agree with walking the records one
// by one.
#include <cstddef>
#include <cstdint>

#include "media/packet/dtls_record.hpp"

using namespace meet::media::packet;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> d(data, size);
  auto info = ParseDtlsDatagram(d);
  size_t offset = 0;
  size_t records = 0;
  bool walked = size > 0;
  while (offset < size) {
    auto r = ParseDtlsRecord(d, offset);
    if (!r) {
      walked = false;
      break;
    }
    if (r->size() == 0 || r->offset != offset) __builtin_trap();
    if (r->content_type == dtls_content::kHandshake && r->epoch == 0) {
      auto hs = ParseDtlsHandshake(*r);
      (void)hs;
    }
    offset += r->size();
    ++records;
  }
  if (info.ok()) {
    if (!walked || info->record_count != records) __builtin_trap();
  } else if (walked && info.reason() != DropReason::kDtlsBadHandshake) {
    __builtin_trap();  // records tile the datagram, so only the handshake check may fail
  }
  return 0;
}
