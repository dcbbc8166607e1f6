// STUN validator fuzz target: parse, and for accepted messages check the framing facts the
// parser promises.
#include <cstddef>
#include <cstdint>

#include "media/packet/classifier.hpp"
#include "media/packet/stun_message.hpp"

using namespace meet::media::packet;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> d(data, size);
  auto m = ParseStun(d);
  if (!m) return 0;
  if (!LooksLikeStun(d) || Classify(d) != PacketKind::kStun || size % 4 != 0) __builtin_trap();
  // MESSAGE-INTEGRITY (20 bytes) or -SHA256 (16-32 bytes) after a 4-byte attribute header.
  if (m->message_integrity_offset && *m->message_integrity_offset + 20 > size) __builtin_trap();
  volatile size_t sink = m->username.size() + m->attribute_count + m->priority.value_or(0) +
                         m->use_candidate + m->ice_controlling.value_or(0) +
                         (m->xor_mapped_address ? m->xor_mapped_address->port : 0u);
  (void)sink;
  return 0;
}
