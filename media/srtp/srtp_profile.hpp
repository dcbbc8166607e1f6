#pragma once
// SRTP protection profiles negotiated by DTLS-SRTP (RFC 5764 section 4.1.2, RFC 7714 section 14.2):
// key and salt sizes, authentication tag sizes, and the use_srtp profile ids.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace meet::media::srtp {

enum class SrtpProfile {
  kAes128CmSha1_80,  // SRTP_AES128_CM_HMAC_SHA1_80, id 0x0001 (mandatory for WebRTC)
  kAes128CmSha1_32,  // SRTP_AES128_CM_HMAC_SHA1_32, id 0x0002 (SRTCP keeps the 80-bit tag)
  kAeadAes128Gcm,    // SRTP_AEAD_AES_128_GCM, id 0x0007 (preferred by browsers and us)
  kAeadAes256Gcm,    // SRTP_AEAD_AES_256_GCM, id 0x0008
};

// Master key length in bytes (16 or 32).
size_t KeyLength(SrtpProfile profile);
// Master salt length in bytes (14 for AES-CM, 12 for AEAD).
size_t SaltLength(SrtpProfile profile);
// KeyLength + SaltLength: the size of the key material SrtpSession::Create takes.
inline size_t KeySaltLength(SrtpProfile profile) { return KeyLength(profile) + SaltLength(profile); }
// Bytes ProtectRtp appends (the authentication tag).
size_t RtpTrailerLength(SrtpProfile profile);
// Bytes ProtectRtcp appends (E flag + SRTCP index, 4 bytes, plus the tag).
size_t RtcpTrailerLength(SrtpProfile profile);

// RFC 5764 / RFC 7714 DTLS-SRTP protection profile id.
uint16_t DtlsProfileId(SrtpProfile profile);
std::optional<SrtpProfile> ProfileFromDtlsId(uint16_t id);

// The name OpenSSL's use_srtp list uses ("SRTP_AEAD_AES_128_GCM", "SRTP_AES128_CM_SHA1_80").
std::string_view OpenSslProfileName(SrtpProfile profile);
// The RFC name ("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"), for logs and stats.
std::string_view ProfileName(SrtpProfile profile);

}  // namespace meet::media::srtp
