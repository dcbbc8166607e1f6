#pragma once
// SrtpSession: one direction of SRTP/SRTCP protection (RFC 3711, RFC 7714) over libsrtp2.
//
// An outbound session protects everything we send on a transport, an inbound session
// unprotects everything we receive. SSRCs need no registration: libsrtp's wildcard policies
// (ssrc_any_outbound / ssrc_any_inbound) create a per-SSRC context the first time a packet
// of a new SSRC is protected, or successfully authenticated on unprotect. After that nothing
// is allocated per packet, on success or on failure (error codes and texts fit std::string's
// small-string buffer).
//
// Packets are transformed IN PLACE. ProtectRtp/ProtectRtcp append a trailer (the
// authentication tag, plus the 4-byte SRTCP index for RTCP), so the buffer must have
// RtpTrailerLength/RtcpTrailerLength(profile) bytes free after `length`; kMaxTrailer is
// enough for every profile. Not thread-safe: one owner thread drives a session.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "media/base/result.hpp"
#include "media/srtp/srtp_profile.hpp"

struct srtp_ctx_t_;

namespace meet::media::srtp {

enum class SrtpDirection { kInbound, kOutbound };

class SrtpSession {
 public:
  // Room a caller must leave after the packet for any profile (largest tag + SRTCP index).
  static constexpr size_t kMaxTrailer = 20;
  // Largest packet accepted (RTP over UDP cannot exceed this).
  static constexpr size_t kMaxPacketSize = 65535;
  // libsrtp's limits for the SRTP replay window.
  static constexpr uint32_t kMinReplayWindow = 64;
  static constexpr uint32_t kMaxReplayWindow = 32767;
  static constexpr uint32_t kDefaultReplayWindow = 1024;

  struct Options {
    // SRTP replay window in packets, kMinReplayWindow..kMaxReplayWindow. Large enough by
    // default that NACK retransmissions of packets a few seconds old are still accepted.
    // (SRTCP uses libsrtp's fixed 128-packet window.)
    uint32_t replay_window;
    // Outbound: allow protecting a sequence number again (retransmission of the original
    // packet without RTX). The payload must be identical, as it is for a retransmission.
    bool allow_repeat_tx;
  };
  static Options DefaultOptions() { return Options{kDefaultReplayWindow, true}; }

  // Counters per outcome; read them from the owner thread.
  struct Counters {
    uint64_t rtp_protected = 0;
    uint64_t rtcp_protected = 0;
    uint64_t rtp_unprotected = 0;
    uint64_t rtcp_unprotected = 0;
    uint64_t auth_failures = 0;      // srtp.auth-fail
    uint64_t replay_old = 0;         // srtp.replay-old: older than the replay window
    uint64_t replay_duplicate = 0;   // srtp.replay: index already seen
    uint64_t bad_packets = 0;        // srtp.bad-packet: malformed or too short/long
    uint64_t no_room = 0;            // srtp.no-room: no space for the trailer
    uint64_t wrong_direction = 0;    // srtp.wrong-direction
    uint64_t other_failures = 0;     // srtp.failed
  };

  // key_salt: master key followed by master salt, KeySaltLength(profile) bytes.
  // Errors: srtp.bad-key (wrong length), srtp.bad-options, srtp.init-failed, srtp.create-failed.
  static Result<SrtpSession> Create(SrtpProfile profile, std::span<const uint8_t> key_salt,
                                    SrtpDirection direction);
  static Result<SrtpSession> Create(SrtpProfile profile, std::span<const uint8_t> key_salt,
                                    SrtpDirection direction, const Options& options);

  SrtpSession(SrtpSession&&) noexcept;
  SrtpSession& operator=(SrtpSession&&) noexcept;
  SrtpSession(const SrtpSession&) = delete;
  SrtpSession& operator=(const SrtpSession&) = delete;
  ~SrtpSession();

  // Outbound only. Protects the RTP packet buffer[0, length) in place and returns the new
  // length. Errors: srtp.bad-packet, srtp.no-room, srtp.replay (a repeated sequence number
  // when allow_repeat_tx is off), srtp.wrong-direction, srtp.failed.
  Result<size_t> ProtectRtp(std::span<uint8_t> buffer, size_t length);
  Result<size_t> ProtectRtcp(std::span<uint8_t> buffer, size_t length);

  // Inbound only. Authenticates and decrypts buffer[0, length) in place and returns the
  // plain length. Errors: srtp.auth-fail, srtp.replay-old, srtp.replay, srtp.bad-packet,
  // srtp.wrong-direction, srtp.failed. On error the buffer content is unspecified.
  Result<size_t> UnprotectRtp(std::span<uint8_t> buffer, size_t length);
  Result<size_t> UnprotectRtcp(std::span<uint8_t> buffer, size_t length);

  // Forgets the context of one SSRC (its replay state and rollover counter), e.g. when a
  // source leaves. Returns false when the SSRC had no context.
  bool RemoveSsrc(uint32_t ssrc);

  SrtpProfile profile() const { return profile_; }
  SrtpDirection direction() const { return direction_; }
  const Counters& counters() const { return counters_; }

 private:
  struct CtxDeleter {
    void operator()(srtp_ctx_t_* ctx) const noexcept;
  };
  SrtpSession(SrtpProfile profile, SrtpDirection direction, std::unique_ptr<srtp_ctx_t_, CtxDeleter> ctx);

  Result<size_t> Protect(std::span<uint8_t> buffer, size_t length, bool rtcp);
  Result<size_t> Unprotect(std::span<uint8_t> buffer, size_t length, bool rtcp);
  Error Fail(int srtp_status);

  SrtpProfile profile_;
  SrtpDirection direction_;
  std::unique_ptr<srtp_ctx_t_, CtxDeleter> ctx_;
  Counters counters_;
};

}  // namespace meet::media::srtp
