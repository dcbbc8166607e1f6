#pragma once
// WebRtcTransport: one BUNDLEd WebRTC transport as the bridge keeps per endpoint: ICE (libnice,
// one component, rtcp-mux) carrying DTLS 1.2 (OpenSSL) whose keys feed SRTP (libsrtp2) in both
// directions, and optionally SCTP data channels (usrsctp) inside DTLS application data.
//
// Threading: the transport lives on one loop::EventLoop. Create it, call it and destroy it on
// that loop's thread; every Listener call happens there. Listener code may call back into the
// transport (send, open a channel, Close), but must not destroy it from inside a Listener call
// (post the destruction to the loop instead).
//
// Packet path (receive): libnice recv callback -> packet::Classify (RFC 7983)
//   STUN that libnice passed on (i.e. not valid STUN)     -> dropped (malformed STUN)
//   DTLS                  -> record framing check -> DtlsTransport (handshake; application data
//                            is SCTP -> SctpAssociation)
//   RTP / RTCP (RFC 5761) -> copied into a pooled buffer -> SrtpSession unprotect in place
//                            -> rtp::RtpPacketView::Parse / rtcp::ValidateRtcpCompound
//                            -> Listener::OnTransportRtp / OnTransportRtcp
//   anything else         -> dropped (unknown first byte)
// Every drop is counted by reason in Stats; nothing on this path allocates or logs per packet.
//
// Send path: SendRtp/SendRtcp copy the plain packet into a pooled buffer, protect it in place
// and hand it to libnice; no allocation per packet.
//
// DTLS roles (RFC 5763): our setup attribute is TransportConfig::dtls_setup ("actpass" for our
// own offer, as the bridge offers). The peer's setup decides: remote 'active' -> we are the DTLS
// server; remote 'passive' -> we are the client; remote 'actpass' -> dtls::ResolveDtlsRole
// (actpass/actpass -> server, as Jitsi Videobridge). As server we accept a ClientHello as soon
// as the remote parameters are set; as client we send ours once ICE connects.
//
// SCTP: the association is created when DTLS connects, in the SCTP server role when we are the
// DTLS server (as JVB: the browser opens the channel, stream ids per RFC 8832), and its packets
// travel through DtlsTransport::SendApplicationData.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/log.hpp"
#include "media/base/result.hpp"
#include "media/buffer/packet_buffer_pool.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/dtls/dtls_role.hpp"
#include "media/dtls/dtls_transport.hpp"
#include "media/ice/ice_agent.hpp"
#include "media/ice/ice_candidate.hpp"
#include "media/ice/ice_config.hpp"
#include "media/loop/event_loop.hpp"
#include "media/loop/timer.hpp"
#include "media/packet/drop_counters.hpp"
#include "media/sctp/sctp_association.hpp"
#include "media/sctp/sctp_library.hpp"
#include "media/srtp/srtp_profile.hpp"
#include "media/srtp/srtp_session.hpp"

namespace meet::media::transport {

// DtlsCertificate has no empty state, so build it with designated initialisers:
//   TransportConfig config{.ice = ice_config, .certificate = certificate};
struct TransportConfig {
  ice::IceConfig ice;
  dtls::DtlsCertificate certificate;
  bool enable_sctp = true;
  uint16_t sctp_port = 5000;
  // The DTLS setup we signal: "actpass" when we offer (the bridge does), "active" or
  // "passive" when we answer an offer and pick a role.
  std::string dtls_setup = "actpass";
  // use_srtp profiles in preference order; empty = DtlsTransport's defaults
  // (AEAD_AES_128_GCM, then AES_CM_128_HMAC_SHA1_80).
  std::vector<srtp::SrtpProfile> srtp_profiles;
};

struct LocalParameters {
  std::string ufrag;
  std::string pwd;
  std::string fingerprint_hash;  // "sha-256"
  std::string fingerprint;       // "AB:CD:..."
  std::string setup;             // TransportConfig::dtls_setup
  std::vector<ice::IceCandidate> candidates;
};

struct RemoteParameters {
  std::string ufrag;
  std::string pwd;
  std::string fingerprint_hash;
  std::string fingerprint;
  std::string setup;  // active | passive | actpass
  std::vector<ice::IceCandidate> candidates;
  // The peer's SCTP port (a=sctp-port); 0 = the same as ours.
  uint16_t sctp_port = 0;
};

enum class TransportState { kNew, kConnecting, kConnected, kFailed, kClosed };
std::string_view TransportStateName(TransportState state);

class WebRtcTransport : private ice::IceAgent::Listener,
                        private dtls::DtlsTransport::Listener,
                        private sctp::SctpAssociation::Listener {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // A local ICE candidate to trickle to the peer (also in local_parameters()).
    virtual void OnTransportLocalCandidate(const ice::IceCandidate& /*candidate*/) {}
    // DTLS done, peer verified by fingerprint, SRTP ready: SendRtp/SendRtcp work now.
    virtual void OnTransportConnected() {}
    // ICE failed, DTLS failed (e.g. dtls.fingerprint-mismatch) or the peer closed DTLS
    // (transport.dtls-closed). The transport is unusable afterwards.
    virtual void OnTransportFailed(const Error& /*error*/) {}
    // A decrypted, parse-checked RTP packet / RTCP compound. The span points into a pooled
    // buffer that is valid only during the call (and may be modified in place).
    virtual void OnTransportRtp(std::span<uint8_t> /*decrypted_packet*/) {}
    virtual void OnTransportRtcp(std::span<uint8_t> /*decrypted_compound*/) {}
    // The SCTP association is up: OpenDataChannel works now.
    virtual void OnDataChannelsReady() {}
    virtual void OnDataChannelOpen(uint16_t /*id*/, std::string_view /*label*/,
                                   std::string_view /*protocol*/) {}
    virtual void OnDataChannelMessage(uint16_t /*id*/, std::span<const uint8_t> /*message*/,
                                      bool /*binary*/) {}
    virtual void OnDataChannelClosed(uint16_t /*id*/) {}
  };

  struct Traffic {
    uint64_t packets = 0;
    uint64_t bytes = 0;  // on the wire (SRTP/DTLS sizes)
  };

  struct Stats {
    Traffic rtp_in, rtp_out, rtcp_in, rtcp_out, dtls_in, dtls_out;
    uint64_t data_messages_in = 0;
    uint64_t data_messages_out = 0;
    // Drops on receive, by reason.
    uint64_t dropped_malformed_stun = 0;  // STUN first byte that libnice did not consume
    uint64_t dropped_malformed_dtls = 0;  // record framing (ours or DtlsTransport's check)
    uint64_t dropped_malformed_rtp = 0;   // after decryption, or SRTP "bad packet", or oversize
    uint64_t dropped_malformed_rtcp = 0;
    uint64_t dropped_unknown = 0;         // first byte no protocol of ours owns (RFC 7983)
    uint64_t dropped_srtp_auth = 0;       // SRTP/SRTCP authentication failed
    uint64_t dropped_srtp_replay = 0;     // replayed or older than the replay window
    uint64_t dropped_srtp_other = 0;
    uint64_t dropped_before_dtls = 0;     // RTP/RTCP before SRTP keys; DTLS before we started
    // Datagrams from an address that is not a validated remote candidate. Always 0: libnice
    // drops them before its recv callback and does not count them (see ice_agent.hpp).
    uint64_t dropped_unexpected_address = 0;
    // Sends refused (not connected, too large, protect failed, libnice refused).
    uint64_t send_failures = 0;
    // The parsers' reasons for the malformed_* drops above.
    packet::DropCounters parse_drops;
  };

  // On the loop thread. Gathers local candidates right away (they reach the listener through
  // OnTransportLocalCandidate, possibly before Create returns). `listener` is not owned and
  // must outlive the transport. Errors: transport.bad-config, and ICE/DTLS/SCTP set-up errors.
  static Result<std::unique_ptr<WebRtcTransport>> Create(loop::EventLoop& loop, TransportConfig config,
                                                         Listener* listener);
  // Only Create() can make the key (passkey idiom: make_unique without a public constructor).
  class ConstructionKey {
    friend class WebRtcTransport;
    ConstructionKey() = default;
  };
  WebRtcTransport(ConstructionKey, loop::EventLoop& loop, TransportConfig config, Listener* listener);
  ~WebRtcTransport() override;
  WebRtcTransport(const WebRtcTransport&) = delete;
  WebRtcTransport& operator=(const WebRtcTransport&) = delete;

  LocalParameters local_parameters() const;

  // The peer's ICE credentials, fingerprint, setup and candidates. The first call fixes the
  // DTLS role; later calls (after an ICE restart) only replace the ICE credentials and add
  // candidates. Errors: transport.bad-remote, dtls.bad-setup, dtls.setup-conflict,
  // dtls.bad-hash, dtls.bad-fingerprint, transport.closed.
  Status SetRemoteParameters(const RemoteParameters& remote);
  // A trickled remote candidate. Error: transport.candidate-rejected (TCP, bad address, ...).
  Status AddRemoteCandidate(const ice::IceCandidate& candidate);

  // Protect and send one plain RTP packet / RTCP compound. Errors: transport.not-connected,
  // transport.too-large, srtp.* (protect), transport.send-failed (libnice refused).
  Status SendRtp(std::span<const uint8_t> plain_packet);
  Status SendRtcp(std::span<const uint8_t> plain_compound);

  // Data channels (reliable, ordered). Errors: transport.sctp-disabled,
  // transport.sctp-not-ready, sctp.*.
  Result<uint16_t> OpenDataChannel(std::string_view label, std::string_view protocol);
  Status SendDataText(uint16_t id, std::string_view text);
  Status SendDataBinary(uint16_t id, std::span<const uint8_t> bytes);

  // ICE restart: new local credentials (local_parameters()), then SetRemoteParameters with the
  // peer's new ones. DTLS and SRTP state carry over.
  Status RestartIce();

  // Sends DTLS close_notify, stops delivering anything, tears SCTP down. Idempotent; may be
  // called from a Listener callback.
  void Close();

  TransportState state() const { return state_; }
  std::optional<dtls::DtlsRole> dtls_role() const;
  std::optional<srtp::SrtpProfile> srtp_profile() const;
  ice::IceState ice_state() const;
  bool data_channels_ready() const;
  Stats stats() const;

 private:
  Status Init();
  void StartDtlsIfReady();
  void ArmDtlsTimer();
  void Fail(const Error& error);
  void HandleSrtp(std::span<const uint8_t> datagram, bool rtcp);
  Status Protect(std::span<const uint8_t> plain, bool rtcp);
  void CreateSctp();

  // ice::IceAgent::Listener
  void OnIceCandidate(const ice::IceCandidate& candidate) override;
  void OnIceGatheringDone() override;
  void OnIceStateChanged(ice::IceState state) override;
  void OnIcePacket(std::span<const uint8_t> packet) override;
  void OnIceSelectedPairChanged(const ice::IceCandidate& local, const ice::IceCandidate& remote) override;
  // dtls::DtlsTransport::Listener
  void OnDtlsSendPacket(std::span<const uint8_t> datagram) override;
  void OnDtlsConnected(const srtp::SrtpKeyMaterial& keys) override;
  void OnDtlsApplicationData(std::span<const uint8_t> data) override;
  void OnDtlsClosed() override;
  void OnDtlsFailed(const Error& error) override;
  // sctp::SctpAssociation::Listener
  void OnSctpSendPacket(std::span<const uint8_t> packet) override;
  void OnSctpConnected() override;
  void OnDataChannelOpen(uint16_t id, const std::string& label, const std::string& protocol) override;
  void OnDataChannelMessage(uint16_t id, std::span<const uint8_t> message, bool is_binary) override;
  void OnDataChannelClosed(uint16_t id) override;
  void OnSctpClosed() override;

  loop::EventLoop& loop_;  // Not owned; outlives this.
  TransportConfig config_;
  Listener* listener_;     // Not owned; outlives this.
  log::Logger log_;
  dtls::DtlsSetup local_setup_ = dtls::DtlsSetup::kActpass;

  // Destruction order matters: members below are destroyed bottom-up, so the SCTP
  // association goes before DTLS and ICE, and the usrsctp library reference last of these.
  std::shared_ptr<bool> alive_;  // posted tasks hold a weak_ptr to it
  buffer::PacketBufferPool pool_;
  std::unique_ptr<sctp::SctpLibrary> sctp_library_;
  std::unique_ptr<ice::IceAgent> ice_;
  std::unique_ptr<dtls::DtlsTransport> dtls_;
  loop::Timer dtls_timer_;
  std::optional<srtp::SrtpSession> srtp_in_;
  std::optional<srtp::SrtpSession> srtp_out_;
  std::unique_ptr<sctp::SctpAssociation> sctp_;

  TransportState state_ = TransportState::kNew;
  bool remote_set_ = false;
  bool dtls_started_ = false;
  bool sctp_ready_ = false;
  uint16_t remote_sctp_port_ = 0;
  Stats stats_;
  log::RateLimitedLog drop_log_;
};

}  // namespace meet::media::transport
