#include "media/srtp/srtp_session.hpp"

#include <arpa/inet.h>
#include <srtp2/srtp.h>

#include <array>
#include <cstring>
#include <string>
#include <utility>

#include "media/srtp/srtp_library.hpp"

namespace meet::media::srtp {
namespace {

static_assert(SRTP_MAX_TAG_LEN + 4 <= SrtpSession::kMaxTrailer,
              "kMaxTrailer must hold the largest tag plus the SRTCP index");

constexpr size_t kRtpHeaderSize = 12;
constexpr size_t kRtcpHeaderSize = 8;  // common header + sender SSRC

// Size of the fixed header, CSRCs and header extension, or 0 when it does not fit.
size_t RtpHeaderLength(std::span<const uint8_t> packet) {
  if (packet.size() < kRtpHeaderSize || (packet[0] >> 6) != 2) return 0;
  size_t header = kRtpHeaderSize + 4 * static_cast<size_t>(packet[0] & 0x0f);
  if ((packet[0] & 0x10) != 0) {
    if (packet.size() < header + 4) return 0;
    const size_t words = (static_cast<size_t>(packet[header + 2]) << 8) | packet[header + 3];
    header += 4 + 4 * words;
  }
  return header <= packet.size() ? header : 0;
}

bool IsRtcpHeader(std::span<const uint8_t> packet) {
  return packet.size() >= kRtcpHeaderSize && (packet[0] >> 6) == 2;
}

void SetCryptoPolicy(SrtpProfile profile, srtp_policy_t& policy) {
  switch (profile) {
    case SrtpProfile::kAes128CmSha1_80:
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
      break;
    case SrtpProfile::kAes128CmSha1_32:
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp);
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
      break;
    case SrtpProfile::kAeadAes128Gcm:
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
      break;
    case SrtpProfile::kAeadAes256Gcm:
      srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtp);
      srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtcp);
      break;
  }
}

}  // namespace

void SrtpSession::CtxDeleter::operator()(srtp_ctx_t_* ctx) const noexcept {
  if (ctx != nullptr) srtp_dealloc(ctx);
}

Result<SrtpSession> SrtpSession::Create(SrtpProfile profile, std::span<const uint8_t> key_salt,
                                        SrtpDirection direction) {
  return Create(profile, key_salt, direction, DefaultOptions());
}

Result<SrtpSession> SrtpSession::Create(SrtpProfile profile, std::span<const uint8_t> key_salt,
                                        SrtpDirection direction, const Options& options) {
  if (key_salt.size() != KeySaltLength(profile)) {
    return MakeError("srtp.bad-key",
                     "key material is " + std::to_string(key_salt.size()) + " bytes, " +
                         std::string(ProfileName(profile)) + " needs " +
                         std::to_string(KeySaltLength(profile)));
  }
  if (options.replay_window < kMinReplayWindow || options.replay_window > kMaxReplayWindow) {
    return MakeError("srtp.bad-options", "replay window " + std::to_string(options.replay_window) +
                                             " outside " + std::to_string(kMinReplayWindow) +
                                             ".." + std::to_string(kMaxReplayWindow));
  }
  MEET_RETURN_IF_ERROR(SrtpLibrary::Init());

  // libsrtp reads the key during srtp_create only; a local copy keeps the caller's span const.
  std::array<uint8_t, SRTP_MAX_KEY_LEN> key{};
  std::memcpy(key.data(), key_salt.data(), key_salt.size());

  srtp_policy_t policy;
  std::memset(&policy, 0, sizeof policy);
  SetCryptoPolicy(profile, policy);
  policy.ssrc.type = direction == SrtpDirection::kInbound ? ssrc_any_inbound : ssrc_any_outbound;
  policy.ssrc.value = 0;
  policy.key = key.data();
  policy.window_size = options.replay_window;
  policy.allow_repeat_tx = (direction == SrtpDirection::kOutbound && options.allow_repeat_tx) ? 1 : 0;
  policy.next = nullptr;

  srtp_t raw = nullptr;
  const srtp_err_status_t status = srtp_create(&raw, &policy);
  std::memset(key.data(), 0, key.size());
  std::unique_ptr<srtp_ctx_t_, CtxDeleter> ctx(raw);
  if (status != srtp_err_status_ok) {
    return MakeError("srtp.create-failed", "srtp_create failed with status " + std::to_string(status));
  }
  return SrtpSession(profile, direction, std::move(ctx));
}

SrtpSession::SrtpSession(SrtpProfile profile, SrtpDirection direction,
                         std::unique_ptr<srtp_ctx_t_, CtxDeleter> ctx)
    : profile_(profile), direction_(direction), ctx_(std::move(ctx)) {}

SrtpSession::SrtpSession(SrtpSession&&) noexcept = default;
SrtpSession& SrtpSession::operator=(SrtpSession&&) noexcept = default;
SrtpSession::~SrtpSession() = default;

Result<size_t> SrtpSession::ProtectRtp(std::span<uint8_t> buffer, size_t length) {
  return Protect(buffer, length, false);
}
Result<size_t> SrtpSession::ProtectRtcp(std::span<uint8_t> buffer, size_t length) {
  return Protect(buffer, length, true);
}
Result<size_t> SrtpSession::UnprotectRtp(std::span<uint8_t> buffer, size_t length) {
  return Unprotect(buffer, length, false);
}
Result<size_t> SrtpSession::UnprotectRtcp(std::span<uint8_t> buffer, size_t length) {
  return Unprotect(buffer, length, true);
}

// Codes and texts stay within 15 characters so building the Error never allocates.
Error SrtpSession::Fail(int srtp_status) {
  switch (srtp_status) {
    case srtp_err_status_auth_fail:
    case srtp_err_status_cipher_fail:
      ++counters_.auth_failures;
      return Error{"srtp.auth-fail", "bad auth tag", {}, {}};
    case srtp_err_status_replay_old:
      ++counters_.replay_old;
      return Error{"srtp.replay-old", "index too old", {}, {}};
    case srtp_err_status_replay_fail:
      ++counters_.replay_duplicate;
      return Error{"srtp.replay", "replayed index", {}, {}};
    case srtp_err_status_bad_param:
    case srtp_err_status_parse_err:
      ++counters_.bad_packets;
      return Error{"srtp.bad-packet", "malformed", {}, {}};
    default:
      ++counters_.other_failures;
      return Error{"srtp.failed", "libsrtp error", {}, {}};
  }
}

Result<size_t> SrtpSession::Protect(std::span<uint8_t> buffer, size_t length, bool rtcp) {
  if (!ctx_ || direction_ != SrtpDirection::kOutbound) {
    ++counters_.wrong_direction;
    return Error{"srtp.wrong-direction", "not outbound", {}, {}};
  }
  if (length > buffer.size() || length > kMaxPacketSize) {
    ++counters_.bad_packets;
    return Error{"srtp.bad-packet", "bad length", {}, {}};
  }
  const std::span<const uint8_t> packet(buffer.data(), length);
  const bool valid = rtcp ? IsRtcpHeader(packet) : RtpHeaderLength(packet) != 0;
  if (!valid) {
    ++counters_.bad_packets;
    return Error{"srtp.bad-packet", "bad header", {}, {}};
  }
  const size_t trailer = rtcp ? RtcpTrailerLength(profile_) : RtpTrailerLength(profile_);
  if (buffer.size() - length < trailer) {
    ++counters_.no_room;
    return Error{"srtp.no-room", "no trailer room", {}, {}};
  }
  int len = static_cast<int>(length);
  const srtp_err_status_t status =
      rtcp ? srtp_protect_rtcp(ctx_.get(), buffer.data(), &len) : srtp_protect(ctx_.get(), buffer.data(), &len);
  if (status != srtp_err_status_ok) return Fail(status);
  if (len < 0 || static_cast<size_t>(len) > length + trailer) {
    // Would mean libsrtp wrote past what we checked: never expected, never ignored.
    ++counters_.other_failures;
    return Error{"srtp.failed", "bad length", {}, {}};
  }
  ++(rtcp ? counters_.rtcp_protected : counters_.rtp_protected);
  return static_cast<size_t>(len);
}

Result<size_t> SrtpSession::Unprotect(std::span<uint8_t> buffer, size_t length, bool rtcp) {
  if (!ctx_ || direction_ != SrtpDirection::kInbound) {
    ++counters_.wrong_direction;
    return Error{"srtp.wrong-direction", "not inbound", {}, {}};
  }
  if (length > buffer.size() || length > kMaxPacketSize) {
    ++counters_.bad_packets;
    return Error{"srtp.bad-packet", "bad length", {}, {}};
  }
  const std::span<const uint8_t> packet(buffer.data(), length);
  bool valid = false;
  if (rtcp) {
    valid = IsRtcpHeader(packet) && length >= kRtcpHeaderSize + RtcpTrailerLength(profile_);
  } else {
    const size_t header = RtpHeaderLength(packet);
    valid = header != 0 && length >= header + RtpTrailerLength(profile_);
  }
  if (!valid) {
    ++counters_.bad_packets;
    return Error{"srtp.bad-packet", "bad header", {}, {}};
  }
  int len = static_cast<int>(length);
  const srtp_err_status_t status = rtcp ? srtp_unprotect_rtcp(ctx_.get(), buffer.data(), &len)
                                        : srtp_unprotect(ctx_.get(), buffer.data(), &len);
  if (status != srtp_err_status_ok) return Fail(status);
  if (len < 0 || static_cast<size_t>(len) > length) {
    ++counters_.other_failures;
    return Error{"srtp.failed", "bad length", {}, {}};
  }
  ++(rtcp ? counters_.rtcp_unprotected : counters_.rtp_unprotected);
  return static_cast<size_t>(len);
}

bool SrtpSession::RemoveSsrc(uint32_t ssrc) {
  if (!ctx_) return false;
  // libsrtp takes the SSRC in network byte order here.
  return srtp_remove_stream(ctx_.get(), htonl(ssrc)) == srtp_err_status_ok;
}

}  // namespace meet::media::srtp
