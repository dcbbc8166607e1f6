#pragma once
// DtlsTransport: DTLS 1.2 over OpenSSL for one ICE transport, I/O free. The owner feeds
// received datagrams (HandleIncoming), arms one timer (NextTimeout/HandleTimeout) and sends
// what OnDtlsSendPacket gives it; every call happens on the owner's thread.
//
// - Records leave through a custom write BIO, one datagram per OnDtlsSendPacket, each at
//   most Options::mtu bytes for handshake flights; they are queued while OpenSSL runs and
//   handed to the listener once the OpenSSL call has returned, so listener code never runs
//   inside OpenSSL.
// - The peer certificate is accepted only if it matches the signalled fingerprint
//   (self-signed is the norm). A mismatch aborts the handshake with a bad_certificate alert
//   and OnDtlsFailed(dtls.fingerprint-mismatch). If the handshake finishes before the
//   fingerprint is known, OnDtlsConnected waits for SetRemoteFingerprint.
// - use_srtp offers Options::srtp_profiles in preference order (AEAD_AES_128_GCM first);
//   as server our order decides. On success the keys are exported with the
//   "EXTRACTOR-dtls_srtp" label (RFC 5764 section 4.2) and split by direction.
// - Each transport owns its SSL_CTX and SSL (DTLS 1.2 only, ECDHE suites, no tickets, no
//   renegotiation); creating one costs a context set-up, once per endpoint.
// - A malformed epoch-0 handshake message is a fatal protocol error in OpenSSL; framing
//   errors, stale and undecryptable records are dropped (the latter silently by OpenSSL).
// - Listener callbacks must not destroy the transport.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "media/base/log.hpp"
#include "media/base/result.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/dtls/dtls_role.hpp"
#include "media/dtls/fingerprint.hpp"
#include "media/dtls/ssl_handles.hpp"
#include "media/srtp/srtp_key_material.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace meet::media::dtls {

enum class DtlsState { kNew, kConnecting, kConnected, kClosed, kFailed };
std::string_view DtlsStateName(DtlsState state);

class DtlsTransport {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // One datagram to send to the peer (valid during the call only).
    virtual void OnDtlsSendPacket(std::span<const uint8_t> datagram) = 0;
    // Handshake done, peer verified, SRTP keys ready.
    virtual void OnDtlsConnected(const srtp::SrtpKeyMaterial& keys) = 0;
    // Decrypted application data (SCTP packets).
    virtual void OnDtlsApplicationData(std::span<const uint8_t> data) = 0;
    // The peer sent close_notify.
    virtual void OnDtlsClosed() = 0;
    // Handshake or connection failed; the transport is unusable.
    virtual void OnDtlsFailed(const Error& error) = 0;
  };

  struct Options {
    // use_srtp profiles in preference order.
    std::vector<srtp::SrtpProfile> srtp_profiles;
    // Largest datagram OpenSSL builds for handshake flights (UDP payload).
    size_t mtu;
    // Handshake retransmission timer: starts here, doubles per expiry, capped at max
    // (20 ms <= initial <= max <= 60 s). OpenSSL gives up after 12 expiries.
    std::chrono::milliseconds initial_retransmit;
    std::chrono::milliseconds max_retransmit;
  };
  static Options DefaultOptions();

  // Application data accepted per SendApplicationData call (one DTLS record).
  static constexpr size_t kMaxApplicationData = 16384;
  // Datagrams longer than this are dropped unread.
  static constexpr size_t kMaxDatagramSize = 16384 + 2048 + 64;

  struct Counters {
    uint64_t datagrams_received = 0;
    uint64_t datagrams_sent = 0;
    uint64_t bytes_sent = 0;
    uint64_t dropped_malformed = 0;   // not DTLS 1.2 record framing (packet::ParseDtlsDatagram)
    uint64_t dropped_oversize = 0;    // longer than kMaxDatagramSize
    uint64_t dropped_wrong_state = 0; // before Start() or after close/failure
    uint64_t retransmit_timeouts = 0; // HandleTimeout calls that retransmitted a flight
    uint64_t fingerprint_mismatches = 0;
    uint64_t app_messages_received = 0;
    uint64_t app_messages_sent = 0;
  };

  // Errors: dtls.bad-options, dtls.ssl-failed (OpenSSL context set-up).
  static Result<std::unique_ptr<DtlsTransport>> Create(DtlsCertificate certificate, Listener* listener);
  static Result<std::unique_ptr<DtlsTransport>> Create(DtlsCertificate certificate, Listener* listener,
                                                      const Options& options);
  ~DtlsTransport();
  DtlsTransport(const DtlsTransport&) = delete;
  DtlsTransport& operator=(const DtlsTransport&) = delete;

  // Before Start(). Error: dtls.bad-state.
  Status SetRole(DtlsRole role);
  // The peer's signalled fingerprint; may come before or after the handshake. A later call
  // replaces an earlier one until the peer is verified.
  // Errors: dtls.bad-hash, dtls.bad-fingerprint, dtls.bad-state.
  Status SetRemoteFingerprint(std::string_view hash, std::string_view value);
  Status SetRemoteFingerprint(const Fingerprint& fingerprint);

  // Starts the handshake: a client sends its ClientHello, a server waits for one.
  // Errors: dtls.no-role, dtls.bad-state.
  Status Start();

  // One received datagram (one or more DTLS records). Malformed input is dropped and
  // counted; nothing here fails the transport except a failed handshake or a fatal alert.
  void HandleIncoming(std::span<const uint8_t> datagram);

  // Encrypts and sends one record of application data. Errors: dtls.bad-state,
  // dtls.too-large, dtls.write-failed.
  Status SendApplicationData(std::span<const uint8_t> data);

  // Sends close_notify (when connected) and stops. No callback follows.
  void Close();

  // Time until HandleTimeout should be called, or nullopt when no retransmission timer runs.
  std::optional<std::chrono::milliseconds> NextTimeout() const;
  // Retransmits the last flight if its timer expired; fails the transport after too many.
  void HandleTimeout();

  DtlsState state() const { return state_; }
  std::optional<DtlsRole> role() const { return role_; }
  // Negotiated SRTP profile once connected.
  std::optional<srtp::SrtpProfile> srtp_profile() const { return srtp_profile_; }
  const Counters& counters() const { return counters_; }
  const DtlsCertificate& certificate() const { return certificate_; }

 private:
  friend struct DtlsTransportAccess;  // C trampolines in the .cpp

  DtlsTransport(DtlsCertificate certificate, Listener* listener, const Options& options);
  Status Init();

  void DoHandshake();
  void OnHandshakeDone();
  void ReadApplicationData();
  void FlushOutgoing();
  void Fail(Error error);
  Error SslError(std::string_view code, std::string_view what) const;

  // From the trampolines.
  int OnBioWrite(std::span<const uint8_t> data);
  int OnVerifyPeer(X509* cert);
  unsigned int OnTimer(unsigned int previous_us);

  DtlsCertificate certificate_;
  Listener* listener_;  // Not owned; outlives this.
  Options options_;
  log::Logger log_;

  SslCtxPtr ctx_;
  SslPtr ssl_;
  BIO* rbio_ = nullptr;  // Owned by ssl_.

  DtlsState state_ = DtlsState::kNew;
  std::optional<DtlsRole> role_;
  std::optional<Fingerprint> remote_fingerprint_;
  std::optional<srtp::SrtpProfile> srtp_profile_;
  bool handshake_done_ = false;      // OpenSSL finished; may still await the fingerprint
  bool fingerprint_mismatch_ = false;
  bool peer_verified_ = false;

  // Datagrams written by OpenSSL during the current call, sent after it returns. Buffers are
  // reused across calls.
  std::vector<std::vector<uint8_t>> outgoing_;
  size_t outgoing_count_ = 0;

  std::array<uint8_t, kMaxApplicationData> read_buffer_{};
  Counters counters_;
};

}  // namespace meet::media::dtls
