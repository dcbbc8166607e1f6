#pragma once
// The SRTP keys a DTLS-SRTP handshake yields (RFC 5764 section 4.2), already split by direction
// so each half feeds one SrtpSession.

#include <cstdint>
#include <vector>

#include "media/srtp/srtp_profile.hpp"

namespace meet::media::srtp {

struct SrtpKeyMaterial {
  SrtpProfile profile = SrtpProfile::kAes128CmSha1_80;
  // Master key followed by master salt that WE protect with (outbound SrtpSession).
  std::vector<uint8_t> local_key_salt;
  // Master key followed by master salt the peer protects with (inbound SrtpSession).
  std::vector<uint8_t> remote_key_salt;
};

}  // namespace meet::media::srtp
