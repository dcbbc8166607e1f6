#include "media/transport/webrtc_transport.hpp"

#include <algorithm>
#include <utility>

#include "media/dtls/fingerprint.hpp"
#include "media/packet/classifier.hpp"
#include "media/packet/dtls_record.hpp"
#include "media/packet/stun_message.hpp"
#include "media/rtcp/rtcp_header.hpp"
#include "media/rtp/rtp_packet_view.hpp"

namespace meet::media::transport {

namespace {

// RFC 8839 section 5.4: ice-ufrag 4..256 characters, ice-pwd 22..256.
constexpr size_t kMinUfrag = 4;
constexpr size_t kMinPwd = 22;
constexpr size_t kMaxIceCredential = 256;
constexpr size_t kMaxRemoteCandidates = 64;

buffer::PacketBufferPool::Options PoolOptions() {
  buffer::PacketBufferPool::Options o;
  o.buffers_per_slab = 32;  // a transport holds at most a couple at once
  o.initial_slabs = 1;
  return o;
}

}  // namespace

std::string_view TransportStateName(TransportState state) {
  switch (state) {
    case TransportState::kNew: return "new";
    case TransportState::kConnecting: return "connecting";
    case TransportState::kConnected: return "connected";
    case TransportState::kFailed: return "failed";
    case TransportState::kClosed: return "closed";
  }
  return "new";
}

WebRtcTransport::WebRtcTransport(ConstructionKey, loop::EventLoop& loop, TransportConfig config,
                                 Listener* listener)
    : loop_(loop),
      config_(std::move(config)),
      listener_(listener),
      log_("transport", config_.ice.log_context),
      alive_(std::make_shared<bool>(true)),
      pool_(PoolOptions()),
      dtls_timer_(loop) {}

Result<std::unique_ptr<WebRtcTransport>> WebRtcTransport::Create(loop::EventLoop& loop, TransportConfig config,
                                                                 Listener* listener) {
  if (listener == nullptr) return MakeError("transport.bad-config", "no listener");
  auto setup = dtls::ParseDtlsSetup(config.dtls_setup);
  if (!setup.ok()) return setup.error();
  if (*setup == dtls::DtlsSetup::kHoldconn) {
    return MakeError("transport.bad-config", "dtls_setup must be actpass, active or passive");
  }
  if (config.enable_sctp && config.sctp_port == 0) {
    return MakeError("transport.bad-config", "sctp_port must not be 0");
  }
  auto t = std::make_unique<WebRtcTransport>(ConstructionKey{}, loop, std::move(config), listener);
  t->local_setup_ = *setup;
  MEET_RETURN_IF_ERROR(t->Init());
  return t;
}

Status WebRtcTransport::Init() {
  dtls::DtlsTransport::Options options = dtls::DtlsTransport::DefaultOptions();
  if (!config_.srtp_profiles.empty()) options.srtp_profiles = config_.srtp_profiles;
  auto dtls = dtls::DtlsTransport::Create(config_.certificate, this, options);
  if (!dtls.ok()) return dtls.error();
  dtls_ = std::move(*dtls);

  if (config_.enable_sctp) sctp_library_ = std::make_unique<sctp::SctpLibrary>();

  auto ice = ice::IceAgent::Create(loop_, config_.ice, this);
  if (!ice.ok()) return ice.error();
  ice_ = std::move(*ice);
  return ice_->Gather();
}

WebRtcTransport::~WebRtcTransport() {
  *alive_ = false;
  // SCTP first (it sends through DTLS), then the timer, DTLS and ICE.
  sctp_.reset();
  dtls_timer_.Cancel();
  srtp_out_.reset();
  srtp_in_.reset();
  dtls_.reset();
  ice_.reset();
}

LocalParameters WebRtcTransport::local_parameters() const {
  LocalParameters p;
  const ice::IceCredentials creds = ice_->local_credentials();
  p.ufrag = creds.ufrag;
  p.pwd = creds.pwd;
  p.fingerprint_hash = std::string(dtls::DtlsCertificate::fingerprint_hash());
  p.fingerprint = config_.certificate.fingerprint();
  p.setup = std::string(dtls::DtlsSetupName(local_setup_));
  p.candidates = ice_->local_candidates();
  return p;
}

Status WebRtcTransport::SetRemoteParameters(const RemoteParameters& remote) {
  if (state_ == TransportState::kClosed || state_ == TransportState::kFailed) {
    return MakeError("transport.closed", "transport is " + std::string(TransportStateName(state_)));
  }
  if (remote.ufrag.size() < kMinUfrag || remote.ufrag.size() > kMaxIceCredential) {
    return MakeError("transport.bad-remote", "ice-ufrag must be 4..256 characters", "ufrag");
  }
  if (remote.pwd.size() < kMinPwd || remote.pwd.size() > kMaxIceCredential) {
    return MakeError("transport.bad-remote", "ice-pwd must be 22..256 characters", "pwd");
  }
  if (remote.candidates.size() > kMaxRemoteCandidates) {
    return MakeError("transport.bad-remote", "too many candidates", "candidates");
  }

  if (!remote_set_) {
    auto remote_setup = dtls::ParseDtlsSetup(remote.setup);
    if (!remote_setup.ok()) return remote_setup.error();
    auto role = dtls::ResolveDtlsRole(local_setup_, *remote_setup);
    if (!role.ok()) return role.error();
    auto fingerprint = dtls::Fingerprint::Parse(remote.fingerprint_hash, remote.fingerprint);
    if (!fingerprint.ok()) return fingerprint.error();
    MEET_RETURN_IF_ERROR(dtls_->SetRemoteFingerprint(*fingerprint));
    MEET_RETURN_IF_ERROR(dtls_->SetRole(*role));
    remote_sctp_port_ = remote.sctp_port != 0 ? remote.sctp_port : config_.sctp_port;
    remote_set_ = true;
    log_.Debug("remote setup {} -> DTLS {}", remote.setup, dtls::DtlsRoleName(*role));
  }

  MEET_RETURN_IF_ERROR(ice_->SetRemoteCredentials(ice::IceCredentials{remote.ufrag, remote.pwd}));
  size_t rejected = 0;
  for (const ice::IceCandidate& c : remote.candidates) {
    if (!ice_->AddRemoteCandidate(c)) ++rejected;
  }
  if (rejected > 0) log_.Debug("{} of {} remote candidates rejected", rejected, remote.candidates.size());
  if (state_ == TransportState::kNew) state_ = TransportState::kConnecting;
  StartDtlsIfReady();
  return {};
}

Status WebRtcTransport::AddRemoteCandidate(const ice::IceCandidate& candidate) {
  if (state_ == TransportState::kClosed || state_ == TransportState::kFailed) {
    return MakeError("transport.closed", "transport is " + std::string(TransportStateName(state_)));
  }
  if (!ice_->AddRemoteCandidate(candidate)) {
    return MakeError("transport.candidate-rejected", "unusable candidate: " + ice::ToSdpAttribute(candidate));
  }
  return {};
}

void WebRtcTransport::StartDtlsIfReady() {
  if (dtls_started_ || !remote_set_) return;
  if (state_ != TransportState::kConnecting) return;
  // The server waits for a ClientHello and can start at once; the client sends its
  // ClientHello only once ICE can carry it.
  const bool ice_up = ice_->state() == ice::IceState::kConnected || ice_->state() == ice::IceState::kCompleted;
  if (dtls_->role() == dtls::DtlsRole::kClient && !ice_up) return;
  dtls_started_ = true;
  Status s = dtls_->Start();
  if (!s.ok()) {
    Fail(s.error());
    return;
  }
  ArmDtlsTimer();
}

void WebRtcTransport::ArmDtlsTimer() {
  if (!dtls_) return;
  const auto timeout = dtls_->NextTimeout();
  if (!timeout) {
    dtls_timer_.Cancel();
    return;
  }
  dtls_timer_.Start(std::max(*timeout, std::chrono::milliseconds(1)), [this] {
    if (!dtls_) return;
    dtls_->HandleTimeout();
    ArmDtlsTimer();
  });
}

void WebRtcTransport::Fail(const Error& error) {
  if (state_ == TransportState::kFailed || state_ == TransportState::kClosed) return;
  state_ = TransportState::kFailed;
  dtls_timer_.Cancel();
  log_.Warn("failed: {}", error.ToString());
  listener_->OnTransportFailed(error);
}

// ---- ICE ----

void WebRtcTransport::OnIceCandidate(const ice::IceCandidate& candidate) {
  listener_->OnTransportLocalCandidate(candidate);
}

void WebRtcTransport::OnIceGatheringDone() {}

void WebRtcTransport::OnIceStateChanged(ice::IceState state) {
  log_.Debug("ice {}", ice::ToString(state));
  if (state == ice::IceState::kConnected || state == ice::IceState::kCompleted) {
    StartDtlsIfReady();
  } else if (state == ice::IceState::kFailed) {
    Fail(MakeError("transport.ice-failed", "ICE connectivity failed or consent lost"));
  }
}

void WebRtcTransport::OnIceSelectedPairChanged(const ice::IceCandidate& local, const ice::IceCandidate& remote) {
  log_.Debug("selected pair {}:{} <-> {}:{}", local.address, local.port, remote.address, remote.port);
}

void WebRtcTransport::OnIcePacket(std::span<const uint8_t> datagram) {
  if (state_ == TransportState::kClosed || state_ == TransportState::kFailed) return;
  switch (packet::Classify(datagram)) {
    case packet::PacketKind::kStun: {
      // libnice consumes every valid STUN message; what reaches us is not one.
      ++stats_.dropped_malformed_stun;
      auto stun = packet::ParseStun(datagram);
      stats_.parse_drops.Add(stun.ok() ? packet::DropReason::kStunBadHeader : stun.reason());
      return;
    }
    case packet::PacketKind::kDtls: {
      auto records = packet::ParseDtlsDatagram(datagram);
      if (!records.ok()) {
        ++stats_.dropped_malformed_dtls;
        stats_.parse_drops.Add(records.reason());
        return;
      }
      if (!dtls_started_) {
        ++stats_.dropped_before_dtls;
        return;
      }
      ++stats_.dtls_in.packets;
      stats_.dtls_in.bytes += datagram.size();
      dtls_->HandleIncoming(datagram);
      ArmDtlsTimer();
      return;
    }
    case packet::PacketKind::kRtp:
      HandleSrtp(datagram, /*rtcp=*/false);
      return;
    case packet::PacketKind::kRtcp:
      HandleSrtp(datagram, /*rtcp=*/true);
      return;
    case packet::PacketKind::kUnknown:
    case packet::PacketKind::kZrtp:
    case packet::PacketKind::kTurnChannel:
      break;
  }
  ++stats_.dropped_unknown;
  stats_.parse_drops.Add(datagram.empty() ? packet::DropReason::kEmpty : packet::DropReason::kUnknownFirstByte);
}

void WebRtcTransport::HandleSrtp(std::span<const uint8_t> datagram, bool rtcp) {
  uint64_t& malformed = rtcp ? stats_.dropped_malformed_rtcp : stats_.dropped_malformed_rtp;
  if (!srtp_in_) {
    ++stats_.dropped_before_dtls;
    return;
  }
  buffer::PacketBuffer buf = pool_.Acquire();
  if (!buf || !buf.Assign(datagram)) {
    ++malformed;
    return;
  }
  auto plain = rtcp ? srtp_in_->UnprotectRtcp(buf.storage(), buf.size())
                    : srtp_in_->UnprotectRtp(buf.storage(), buf.size());
  if (!plain.ok()) {
    const std::string& code = plain.error().code;
    if (code == "srtp.auth-fail") {
      ++stats_.dropped_srtp_auth;
    } else if (code == "srtp.replay" || code == "srtp.replay-old") {
      ++stats_.dropped_srtp_replay;
    } else if (code == "srtp.bad-packet") {
      ++malformed;
    } else {
      ++stats_.dropped_srtp_other;
    }
    if (drop_log_.Allow()) log_.Debug("srtp drop: {} ({} so far)", plain.error().ToString(), drop_log_.count());
    return;
  }
  (void)buf.SetSize(*plain);
  std::span<uint8_t> bytes = buf.data();
  if (rtcp) {
    auto valid = rtcp::ValidateRtcpCompound(bytes);
    if (!valid.ok()) {
      ++malformed;
      stats_.parse_drops.Add(valid.reason());
      return;
    }
    ++stats_.rtcp_in.packets;
    stats_.rtcp_in.bytes += datagram.size();
    listener_->OnTransportRtcp(bytes);
  } else {
    auto view = rtp::RtpPacketView::Parse(bytes);
    if (!view.ok()) {
      ++malformed;
      stats_.parse_drops.Add(view.reason());
      return;
    }
    ++stats_.rtp_in.packets;
    stats_.rtp_in.bytes += datagram.size();
    listener_->OnTransportRtp(bytes);
  }
}

// ---- Send ----

Status WebRtcTransport::SendRtp(std::span<const uint8_t> plain_packet) { return Protect(plain_packet, false); }

Status WebRtcTransport::SendRtcp(std::span<const uint8_t> plain_compound) { return Protect(plain_compound, true); }

Status WebRtcTransport::Protect(std::span<const uint8_t> plain, bool rtcp) {
  if (state_ != TransportState::kConnected || !srtp_out_) {
    ++stats_.send_failures;
    return MakeError("transport.not-connected", "SRTP is not ready (" + std::string(TransportStateName(state_)) + ")");
  }
  buffer::PacketBuffer buf = pool_.Acquire();
  if (!buf || plain.size() + srtp::SrtpSession::kMaxTrailer > buf.capacity() || !buf.Assign(plain)) {
    ++stats_.send_failures;
    return MakeError("transport.too-large", "packet of " + std::to_string(plain.size()) + " bytes");
  }
  auto len = rtcp ? srtp_out_->ProtectRtcp(buf.storage(), buf.size()) : srtp_out_->ProtectRtp(buf.storage(), buf.size());
  if (!len.ok()) {
    ++stats_.send_failures;
    return len.error();
  }
  const std::span<const uint8_t> wire(buf.storage().data(), *len);
  if (!ice_->Send(wire)) {
    ++stats_.send_failures;
    return MakeError("transport.send-failed", "ICE refused the packet");
  }
  Traffic& t = rtcp ? stats_.rtcp_out : stats_.rtp_out;
  ++t.packets;
  t.bytes += wire.size();
  return {};
}

// ---- DTLS ----

void WebRtcTransport::OnDtlsSendPacket(std::span<const uint8_t> datagram) {
  ++stats_.dtls_out.packets;
  stats_.dtls_out.bytes += datagram.size();
  if (!ice_->Send(datagram)) ++stats_.send_failures;  // DTLS retransmits handshake flights
}

void WebRtcTransport::OnDtlsConnected(const srtp::SrtpKeyMaterial& keys) {
  auto in = srtp::SrtpSession::Create(keys.profile, keys.remote_key_salt, srtp::SrtpDirection::kInbound);
  if (!in.ok()) {
    Fail(in.error());
    return;
  }
  auto out = srtp::SrtpSession::Create(keys.profile, keys.local_key_salt, srtp::SrtpDirection::kOutbound);
  if (!out.ok()) {
    Fail(out.error());
    return;
  }
  srtp_in_.emplace(std::move(*in));
  srtp_out_.emplace(std::move(*out));
  state_ = TransportState::kConnected;
  log_.Info("connected: DTLS {} with {}", dtls::DtlsRoleName(*dtls_->role()), srtp::ProfileName(keys.profile));
  if (config_.enable_sctp) CreateSctp();
  if (state_ != TransportState::kConnected) return;
  listener_->OnTransportConnected();
}

void WebRtcTransport::CreateSctp() {
  sctp::SctpAssociation::Config sc;
  sc.role = dtls_->role() == dtls::DtlsRole::kServer ? sctp::SctpAssociation::Role::kServer
                                                       : sctp::SctpAssociation::Role::kClient;
  sc.local_port = config_.sctp_port;
  sc.remote_port = remote_sctp_port_;
  sc.log_context = config_.ice.log_context;
  auto assoc = sctp::SctpAssociation::Create(*sctp_library_, loop_, sc, this);
  if (!assoc.ok()) {
    Fail(assoc.error());
    return;
  }
  sctp_ = std::move(*assoc);
  // Both sides send INIT (simultaneous open, as browsers do).
  Status s = sctp_->Connect();
  if (!s.ok()) log_.Warn("sctp connect: {}", s.error().ToString());
}

void WebRtcTransport::OnDtlsApplicationData(std::span<const uint8_t> data) {
  if (sctp_) sctp_->HandleIncomingPacket(data);
}

void WebRtcTransport::OnDtlsClosed() {
  Fail(MakeError("transport.dtls-closed", "the peer closed DTLS (close_notify)"));
}

void WebRtcTransport::OnDtlsFailed(const Error& error) { Fail(error); }

// ---- SCTP ----

void WebRtcTransport::OnSctpSendPacket(std::span<const uint8_t> packet) {
  if (!dtls_ || dtls_->state() != dtls::DtlsState::kConnected) return;
  Status s = dtls_->SendApplicationData(packet);
  if (!s.ok()) ++stats_.send_failures;
}

void WebRtcTransport::OnSctpConnected() {
  sctp_ready_ = true;
  log_.Debug("sctp connected");
  if (state_ == TransportState::kConnected) listener_->OnDataChannelsReady();
}

void WebRtcTransport::OnDataChannelOpen(uint16_t id, const std::string& label, const std::string& protocol) {
  if (state_ == TransportState::kConnected) listener_->OnDataChannelOpen(id, label, protocol);
}

void WebRtcTransport::OnDataChannelMessage(uint16_t id, std::span<const uint8_t> message, bool is_binary) {
  ++stats_.data_messages_in;
  if (state_ == TransportState::kConnected) listener_->OnDataChannelMessage(id, message, is_binary);
}

void WebRtcTransport::OnDataChannelClosed(uint16_t id) {
  if (state_ == TransportState::kConnected) listener_->OnDataChannelClosed(id);
}

void WebRtcTransport::OnSctpClosed() {
  sctp_ready_ = false;
  log_.Debug("sctp closed");
}

Result<uint16_t> WebRtcTransport::OpenDataChannel(std::string_view label, std::string_view protocol) {
  if (!config_.enable_sctp) return MakeError("transport.sctp-disabled", "data channels are disabled");
  if (!sctp_ || !sctp_ready_ || state_ != TransportState::kConnected) {
    return MakeError("transport.sctp-not-ready", "the SCTP association is not up");
  }
  return sctp_->OpenDataChannel(label, protocol);
}

Status WebRtcTransport::SendDataText(uint16_t id, std::string_view text) {
  if (!sctp_ || state_ != TransportState::kConnected) {
    return MakeError("transport.sctp-not-ready", "the SCTP association is not up");
  }
  if (!sctp_->SendText(id, text)) return MakeError("sctp.send", "channel " + std::to_string(id) + " refused the message");
  ++stats_.data_messages_out;
  return {};
}

Status WebRtcTransport::SendDataBinary(uint16_t id, std::span<const uint8_t> bytes) {
  if (!sctp_ || state_ != TransportState::kConnected) {
    return MakeError("transport.sctp-not-ready", "the SCTP association is not up");
  }
  if (!sctp_->SendBinary(id, bytes)) {
    return MakeError("sctp.send", "channel " + std::to_string(id) + " refused the message");
  }
  ++stats_.data_messages_out;
  return {};
}

// ---- Control ----

Status WebRtcTransport::RestartIce() {
  if (state_ == TransportState::kClosed || state_ == TransportState::kFailed) {
    return MakeError("transport.closed", "transport is " + std::string(TransportStateName(state_)));
  }
  return ice_->Restart();
}

void WebRtcTransport::Close() {
  if (state_ == TransportState::kClosed) return;
  state_ = TransportState::kClosed;
  dtls_timer_.Cancel();
  if (dtls_) dtls_->Close();  // close_notify when connected
  sctp_ready_ = false;
  if (sctp_) {
    // Close() may run inside an SCTP listener call: destroy the association later.
    std::weak_ptr<bool> alive = alive_;
    loop_.Post([this, alive] {
      if (alive.expired()) return;
      sctp_.reset();
    });
  }
  log_.Debug("closed");
}

std::optional<dtls::DtlsRole> WebRtcTransport::dtls_role() const { return dtls_->role(); }

std::optional<srtp::SrtpProfile> WebRtcTransport::srtp_profile() const { return dtls_->srtp_profile(); }

ice::IceState WebRtcTransport::ice_state() const { return ice_->state(); }

bool WebRtcTransport::data_channels_ready() const { return sctp_ready_ && state_ == TransportState::kConnected; }

WebRtcTransport::Stats WebRtcTransport::stats() const {
  Stats s = stats_;
  const dtls::DtlsTransport::Counters& d = dtls_->counters();
  s.dropped_malformed_dtls += d.dropped_malformed + d.dropped_oversize;
  return s;
}

}  // namespace meet::media::transport
