#include "media/srtp/srtp_profile.hpp"

namespace meet::media::srtp {

size_t KeyLength(SrtpProfile profile) {
  return profile == SrtpProfile::kAeadAes256Gcm ? 32 : 16;
}

size_t SaltLength(SrtpProfile profile) {
  switch (profile) {
    case SrtpProfile::kAes128CmSha1_80:
    case SrtpProfile::kAes128CmSha1_32:
      return 14;
    case SrtpProfile::kAeadAes128Gcm:
    case SrtpProfile::kAeadAes256Gcm:
      return 12;
  }
  return 14;
}

size_t RtpTrailerLength(SrtpProfile profile) {
  switch (profile) {
    case SrtpProfile::kAes128CmSha1_80: return 10;
    case SrtpProfile::kAes128CmSha1_32: return 4;
    case SrtpProfile::kAeadAes128Gcm:
    case SrtpProfile::kAeadAes256Gcm: return 16;
  }
  return 16;
}

size_t RtcpTrailerLength(SrtpProfile profile) {
  // SRTCP always uses the 80-bit tag with the _32 profile (RFC 5764 section 4.1.2).
  switch (profile) {
    case SrtpProfile::kAes128CmSha1_80:
    case SrtpProfile::kAes128CmSha1_32: return 4 + 10;
    case SrtpProfile::kAeadAes128Gcm:
    case SrtpProfile::kAeadAes256Gcm: return 4 + 16;
  }
  return 4 + 16;
}

uint16_t DtlsProfileId(SrtpProfile profile) {
  switch (profile) {
    case SrtpProfile::kAes128CmSha1_80: return 0x0001;
    case SrtpProfile::kAes128CmSha1_32: return 0x0002;
    case SrtpProfile::kAeadAes128Gcm: return 0x0007;
    case SrtpProfile::kAeadAes256Gcm: return 0x0008;
  }
  return 0;
}

std::optional<SrtpProfile> ProfileFromDtlsId(uint16_t id) {
  switch (id) {
    case 0x0001: return SrtpProfile::kAes128CmSha1_80;
    case 0x0002: return SrtpProfile::kAes128CmSha1_32;
    case 0x0007: return SrtpProfile::kAeadAes128Gcm;
    case 0x0008: return SrtpProfile::kAeadAes256Gcm;
    default: return std::nullopt;
  }
}

std::string_view OpenSslProfileName(SrtpProfile profile) {
  switch (profile) {
    case SrtpProfile::kAes128CmSha1_80: return "SRTP_AES128_CM_SHA1_80";
    case SrtpProfile::kAes128CmSha1_32: return "SRTP_AES128_CM_SHA1_32";
    case SrtpProfile::kAeadAes128Gcm: return "SRTP_AEAD_AES_128_GCM";
    case SrtpProfile::kAeadAes256Gcm: return "SRTP_AEAD_AES_256_GCM";
  }
  return "";
}

std::string_view ProfileName(SrtpProfile profile) {
  switch (profile) {
    case SrtpProfile::kAes128CmSha1_80: return "AES_CM_128_HMAC_SHA1_80";
    case SrtpProfile::kAes128CmSha1_32: return "AES_CM_128_HMAC_SHA1_32";
    case SrtpProfile::kAeadAes128Gcm: return "AEAD_AES_128_GCM";
    case SrtpProfile::kAeadAes256Gcm: return "AEAD_AES_256_GCM";
  }
  return "";
}

}  // namespace meet::media::srtp
