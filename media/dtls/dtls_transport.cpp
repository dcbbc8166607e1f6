#include "media/dtls/dtls_transport.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <sys/time.h>

#include <algorithm>
#include <string>
#include <utility>

#include "media/packet/dtls_record.hpp"
#include "media/dtls/srtp_key_export.hpp"

namespace meet::media::dtls {

namespace {

// ECDHE only, AEAD first; RSA suites kept for peers whose certificate is RSA (we are client).
constexpr const char* kCipherList =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA";
constexpr const char* kGroups = "X25519:P-256:P-384";
// Datagrams one OpenSSL call may queue (a flight is a handful; app data is one).
constexpr size_t kMaxQueuedDatagrams = 64;
constexpr size_t kMinMtu = 256;
// OpenSSL treats a timer with less than 15 ms left as expired; shorter timers would make it
// retransmit in a loop inside one call.
constexpr std::chrono::milliseconds kMinRetransmit{20};
constexpr size_t kMaxMtu = 16384;

}  // namespace

// C trampolines: noexcept, find the transport and forward.
struct DtlsTransportAccess {
  static int BioWrite(BIO* bio, const char* data, int len) noexcept {
    auto* self = static_cast<DtlsTransport*>(BIO_get_data(bio));
    if (self == nullptr || data == nullptr || len < 0) return -1;
    return self->OnBioWrite(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(data), static_cast<size_t>(len)));
  }

  static long BioCtrl(BIO* /*bio*/, int cmd, long /*num*/, void* /*ptr*/) noexcept {
    switch (cmd) {
      case BIO_CTRL_FLUSH:
        return 1;
      case BIO_CTRL_PENDING:
      case BIO_CTRL_WPENDING:
        return 0;
      default:
        // MTU queries, peer addresses, timeouts: not a socket, nothing to report.
        return 0;
    }
  }

  static int BioCreate(BIO* bio) noexcept {
    BIO_set_init(bio, 1);
    return 1;
  }

  static int VerifyPeer(X509_STORE_CTX* store, void* arg) noexcept {
    auto* self = static_cast<DtlsTransport*>(arg);
    X509* cert = X509_STORE_CTX_get0_cert(store);
    const int ok = self != nullptr ? self->OnVerifyPeer(cert) : 0;
    if (ok != 1) X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
    return ok;
  }

  static unsigned int Timer(SSL* ssl, unsigned int previous_us) noexcept {
    auto* self = static_cast<DtlsTransport*>(SSL_get_app_data(ssl));
    return self != nullptr ? self->OnTimer(previous_us) : 1000000;
  }

  static BIO_METHOD* WriteBioMethod() {
    static const BioMethodPtr method = [] {
      BioMethodPtr m(BIO_meth_new(BIO_TYPE_SOURCE_SINK | BIO_get_new_index(), "meet-dtls-datagram"));
      if (m) {
        BIO_meth_set_write(m.get(), &BioWrite);
        BIO_meth_set_ctrl(m.get(), &BioCtrl);
        BIO_meth_set_create(m.get(), &BioCreate);
      }
      return m;
    }();
    return method.get();
  }
};

std::string_view DtlsStateName(DtlsState state) {
  switch (state) {
    case DtlsState::kNew: return "new";
    case DtlsState::kConnecting: return "connecting";
    case DtlsState::kConnected: return "connected";
    case DtlsState::kClosed: return "closed";
    case DtlsState::kFailed: return "failed";
  }
  return "";
}

DtlsTransport::Options DtlsTransport::DefaultOptions() {
  return Options{{srtp::SrtpProfile::kAeadAes128Gcm, srtp::SrtpProfile::kAes128CmSha1_80},
                 1200,
                 std::chrono::milliseconds(100),
                 std::chrono::milliseconds(4000)};
}

Result<std::unique_ptr<DtlsTransport>> DtlsTransport::Create(DtlsCertificate certificate, Listener* listener) {
  return Create(std::move(certificate), listener, DefaultOptions());
}

Result<std::unique_ptr<DtlsTransport>> DtlsTransport::Create(DtlsCertificate certificate, Listener* listener,
                                                            const Options& options) {
  if (listener == nullptr) return MakeError("dtls.bad-options", "no listener");
  if (options.srtp_profiles.empty() || options.srtp_profiles.size() > 8) {
    return MakeError("dtls.bad-options", "need 1..8 SRTP profiles");
  }
  if (options.mtu < kMinMtu || options.mtu > kMaxMtu) {
    return MakeError("dtls.bad-options", "mtu " + std::to_string(options.mtu) + " outside " +
                                             std::to_string(kMinMtu) + ".." + std::to_string(kMaxMtu));
  }
  if (options.initial_retransmit < kMinRetransmit || options.max_retransmit < options.initial_retransmit ||
      options.max_retransmit > std::chrono::minutes(1)) {
    return MakeError("dtls.bad-options", "retransmission timer must satisfy 20 ms <= initial <= max <= 60 s");
  }
  std::unique_ptr<DtlsTransport> transport(new DtlsTransport(std::move(certificate), listener, options));
  MEET_RETURN_IF_ERROR(transport->Init());
  return transport;
}

DtlsTransport::DtlsTransport(DtlsCertificate certificate, Listener* listener, const Options& options)
    : certificate_(std::move(certificate)), listener_(listener), options_(options), log_("dtls") {}

DtlsTransport::~DtlsTransport() {
  // The write BIO points at us; make sure OpenSSL cannot call back during teardown.
  if (ssl_) {
    if (BIO* wbio = SSL_get_wbio(ssl_.get())) BIO_set_data(wbio, nullptr);
    SSL_set_app_data(ssl_.get(), nullptr);
  }
}

Error DtlsTransport::SslError(std::string_view code, std::string_view what) const {
  std::string text(what);
  const unsigned long err = ERR_peek_error();
  if (err != 0) {
    std::array<char, 256> buf{};
    ERR_error_string_n(err, buf.data(), buf.size());
    text += ": ";
    text += buf.data();
  }
  ERR_clear_error();
  return MakeError(std::string(code), std::move(text));
}

Status DtlsTransport::Init() {
  ERR_clear_error();
  ctx_.reset(SSL_CTX_new(DTLS_method()));
  SSL_CTX* ctx = ctx_.get();
  if (ctx == nullptr) return SslError("dtls.ssl-failed", "SSL_CTX_new");
  if (SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, DTLS1_2_VERSION) != 1) {
    return SslError("dtls.ssl-failed", "DTLS 1.2 version");
  }
  if (SSL_CTX_use_certificate(ctx, certificate_.x509()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx, certificate_.private_key()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    return SslError("dtls.ssl-failed", "certificate");
  }
  if (SSL_CTX_set_cipher_list(ctx, kCipherList) != 1) return SslError("dtls.ssl-failed", "cipher list");
  if (SSL_CTX_set1_groups_list(ctx, kGroups) != 1) return SslError("dtls.ssl-failed", "groups");
  SSL_CTX_set_options(ctx, SSL_OP_NO_QUERY_MTU | SSL_OP_NO_TICKET | SSL_OP_CIPHER_SERVER_PREFERENCE |
                               SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_read_ahead(ctx, 1);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  SSL_CTX_set_cert_verify_callback(ctx, &DtlsTransportAccess::VerifyPeer, this);

  std::string profiles;
  for (srtp::SrtpProfile p : options_.srtp_profiles) {
    if (!profiles.empty()) profiles += ':';
    profiles += srtp::OpenSslProfileName(p);
  }
  // Returns 0 on success (sic).
  if (SSL_CTX_set_tlsext_use_srtp(ctx, profiles.c_str()) != 0) {
    return SslError("dtls.ssl-failed", "use_srtp profiles " + profiles);
  }

  ssl_.reset(SSL_new(ctx));
  SSL* ssl = ssl_.get();
  if (ssl == nullptr) return SslError("dtls.ssl-failed", "SSL_new");
  SSL_set_app_data(ssl, this);

  BIO_METHOD* method = DtlsTransportAccess::WriteBioMethod();
  if (method == nullptr) return SslError("dtls.ssl-failed", "BIO method");
  BIO* rbio = BIO_new(BIO_s_mem());
  BIO* wbio = BIO_new(method);
  if (rbio == nullptr || wbio == nullptr) {
    BIO_free(rbio);
    BIO_free(wbio);
    return SslError("dtls.ssl-failed", "BIO_new");
  }
  BIO_set_mem_eof_return(rbio, -1);  // empty read = "try again", not EOF
  BIO_set_data(wbio, this);
  SSL_set_bio(ssl, rbio, wbio);  // ssl owns both now
  rbio_ = rbio;

  // Returns the MTU set, or 0 below OpenSSL's minimum.
  if (SSL_set_mtu(ssl, static_cast<long>(options_.mtu)) <= 0) return SslError("dtls.ssl-failed", "MTU");
  DTLS_set_timer_cb(ssl, &DtlsTransportAccess::Timer);
  outgoing_.reserve(8);
  return {};
}

Status DtlsTransport::SetRole(DtlsRole role) {
  if (state_ != DtlsState::kNew) return MakeError("dtls.bad-state", "role is fixed once started");
  role_ = role;
  return {};
}

Status DtlsTransport::SetRemoteFingerprint(std::string_view hash, std::string_view value) {
  auto fp = Fingerprint::Parse(hash, value);
  if (!fp.ok()) return fp.error();
  return SetRemoteFingerprint(*fp);
}

Status DtlsTransport::SetRemoteFingerprint(const Fingerprint& fingerprint) {
  if (peer_verified_ || state_ == DtlsState::kClosed || state_ == DtlsState::kFailed) {
    return MakeError("dtls.bad-state", "peer already verified or transport stopped");
  }
  remote_fingerprint_ = fingerprint;
  if (handshake_done_ && state_ == DtlsState::kConnecting) {
    OnHandshakeDone();  // the handshake was waiting for this
  }
  return {};
}

Status DtlsTransport::Start() {
  if (state_ != DtlsState::kNew) return MakeError("dtls.bad-state", "already started");
  if (!role_) return MakeError("dtls.no-role", "SetRole before Start");
  state_ = DtlsState::kConnecting;
  log_.Debug("starting as {}", DtlsRoleName(*role_));
  if (*role_ == DtlsRole::kClient) {
    SSL_set_connect_state(ssl_.get());
    DoHandshake();
  } else {
    SSL_set_accept_state(ssl_.get());
  }
  return {};
}

void DtlsTransport::HandleIncoming(std::span<const uint8_t> datagram) {
  ++counters_.datagrams_received;
  if (datagram.size() > kMaxDatagramSize) {
    ++counters_.dropped_oversize;
    return;
  }
  // Before Start, after close/failure, or while a finished handshake waits for the
  // fingerprint (no application data may be read from an unverified peer).
  const bool awaiting_fingerprint = handshake_done_ && !peer_verified_;
  if ((state_ != DtlsState::kConnecting && state_ != DtlsState::kConnected) || awaiting_fingerprint) {
    ++counters_.dropped_wrong_state;
    return;
  }
  // Record framing is checked before OpenSSL sees the bytes; DTLS 1.2 peers send only
  // change_cipher_spec, alert, handshake and application_data records.
  auto records = packet::ParseDtlsDatagram(datagram);
  if (!records || records->max_content_type > packet::dtls_content::kApplicationData) {
    ++counters_.dropped_malformed;
    log_.Trace("dropping datagram: {}", records ? "record content type above application_data"
                                                : std::string(packet::DropReasonName(records.reason())));
    return;
  }
  if (BIO_write(rbio_, datagram.data(), static_cast<int>(datagram.size())) != static_cast<int>(datagram.size())) {
    (void)BIO_reset(rbio_);
    ++counters_.dropped_malformed;
    return;
  }
  if (!handshake_done_) {
    DoHandshake();
    // A datagram can carry the peer's Finished followed by application data.
    if (state_ == DtlsState::kConnected) ReadApplicationData();
  } else {
    ReadApplicationData();
  }
  // Anything OpenSSL left unread belongs to this datagram only.
  if (BIO_ctrl_pending(rbio_) > 0) (void)BIO_reset(rbio_);
}

void DtlsTransport::DoHandshake() {
  ERR_clear_error();
  const int r = SSL_do_handshake(ssl_.get());
  const int err = r == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl_.get(), r);
  FlushOutgoing();
  if (r == 1) {
    OnHandshakeDone();
    return;
  }
  if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
    ERR_clear_error();
    return;
  }
  if (fingerprint_mismatch_) {
    ERR_clear_error();
    Fail(MakeError("dtls.fingerprint-mismatch", "peer certificate does not match the signalled " +
                                                    std::string(HashFunctionName(remote_fingerprint_->hash())) +
                                                    " fingerprint"));
    return;
  }
  if (ERR_GET_REASON(ERR_peek_error()) == SSL_R_READ_TIMEOUT_EXPIRED) {
    Fail(SslError("dtls.handshake-timeout", "too many retransmissions"));
    return;
  }
  Fail(SslError("dtls.handshake-failed", "handshake"));
}

void DtlsTransport::OnHandshakeDone() {
  handshake_done_ = true;
  SSL* ssl = ssl_.get();
  if (!peer_verified_) {
    if (!remote_fingerprint_) {
      log_.Debug("handshake done; waiting for the remote fingerprint");
      return;
    }
    if (!remote_fingerprint_->Matches(SSL_get0_peer_certificate(ssl))) {
      ++counters_.fingerprint_mismatches;
      SSL_shutdown(ssl);
      Fail(MakeError("dtls.fingerprint-mismatch", "peer certificate does not match the signalled " +
                                                      std::string(HashFunctionName(remote_fingerprint_->hash())) +
                                                      " fingerprint"));
      return;
    }
    peer_verified_ = true;
  }

  const SRTP_PROTECTION_PROFILE* selected = SSL_get_selected_srtp_profile(ssl);
  const auto profile =
      selected != nullptr ? srtp::ProfileFromDtlsId(static_cast<uint16_t>(selected->id)) : std::nullopt;
  if (!profile) {
    SSL_shutdown(ssl);
    Fail(MakeError("dtls.no-srtp-profile", "the peer did not negotiate a supported use_srtp profile"));
    return;
  }

  std::array<uint8_t, 2 * (32 + 14)> material{};
  const size_t total = DtlsSrtpExportLength(*profile);
  if (SSL_export_keying_material(ssl, material.data(), total, kDtlsSrtpExporterLabel,
                                 sizeof(kDtlsSrtpExporterLabel) - 1, nullptr, 0, 0) != 1) {
    Fail(SslError("dtls.export-failed", "SSL_export_keying_material"));
    return;
  }
  auto split = SplitDtlsSrtpKeys(*profile, *role_, std::span<const uint8_t>(material.data(), total));
  OPENSSL_cleanse(material.data(), material.size());
  if (!split.ok()) {
    Fail(split.error());
    return;
  }
  srtp::SrtpKeyMaterial keys = std::move(split).value();

  srtp_profile_ = profile;
  state_ = DtlsState::kConnected;
  log_.Debug("connected as {} with {}", DtlsRoleName(*role_), srtp::ProfileName(*profile));
  listener_->OnDtlsConnected(keys);
  OPENSSL_cleanse(keys.local_key_salt.data(), keys.local_key_salt.size());
  OPENSSL_cleanse(keys.remote_key_salt.data(), keys.remote_key_salt.size());
}

void DtlsTransport::ReadApplicationData() {
  while (state_ == DtlsState::kConnected) {
    ERR_clear_error();
    const int n = SSL_read(ssl_.get(), read_buffer_.data(), static_cast<int>(read_buffer_.size()));
    if (n > 0) {
      ++counters_.app_messages_received;
      FlushOutgoing();
      listener_->OnDtlsApplicationData(std::span<const uint8_t>(read_buffer_.data(), static_cast<size_t>(n)));
      continue;
    }
    const int err = SSL_get_error(ssl_.get(), n);
    // A retransmitted peer flight makes OpenSSL resend our last flight here.
    FlushOutgoing();
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      ERR_clear_error();
      break;
    }
    if (err == SSL_ERROR_ZERO_RETURN) {
      ERR_clear_error();
      SSL_shutdown(ssl_.get());  // answer with our close_notify
      FlushOutgoing();
      state_ = DtlsState::kClosed;
      log_.Debug("peer closed");
      listener_->OnDtlsClosed();
      break;
    }
    Fail(SslError("dtls.connection-failed", "read"));
    break;
  }
}

Status DtlsTransport::SendApplicationData(std::span<const uint8_t> data) {
  if (state_ != DtlsState::kConnected) {
    return MakeError("dtls.bad-state", "not connected (" + std::string(DtlsStateName(state_)) + ")");
  }
  if (data.empty() || data.size() > kMaxApplicationData) {
    return MakeError("dtls.too-large", "application data must be 1.." + std::to_string(kMaxApplicationData) + " bytes");
  }
  ERR_clear_error();
  const int n = SSL_write(ssl_.get(), data.data(), static_cast<int>(data.size()));
  if (n != static_cast<int>(data.size())) {
    Error e = SslError("dtls.write-failed", "SSL_write");
    FlushOutgoing();
    return e;
  }
  ++counters_.app_messages_sent;
  FlushOutgoing();
  return {};
}

void DtlsTransport::Close() {
  if (state_ == DtlsState::kClosed || state_ == DtlsState::kFailed) return;
  if (state_ == DtlsState::kConnected || handshake_done_) {
    ERR_clear_error();
    SSL_shutdown(ssl_.get());
    ERR_clear_error();
    FlushOutgoing();
  }
  state_ = DtlsState::kClosed;
}

std::optional<std::chrono::milliseconds> DtlsTransport::NextTimeout() const {
  if (state_ != DtlsState::kConnecting && state_ != DtlsState::kConnected) return std::nullopt;
  timeval tv{};
  if (DTLSv1_get_timeout(ssl_.get(), &tv) != 1) return std::nullopt;
  const int64_t us = static_cast<int64_t>(tv.tv_sec) * 1000000 + tv.tv_usec;
  return std::chrono::milliseconds((us + 999) / 1000);  // never wake early
}

void DtlsTransport::HandleTimeout() {
  if (state_ != DtlsState::kConnecting && state_ != DtlsState::kConnected) return;
  ERR_clear_error();
  const int r = DTLSv1_handle_timeout(ssl_.get());
  if (r > 0) ++counters_.retransmit_timeouts;
  FlushOutgoing();
  if (r < 0) Fail(SslError("dtls.handshake-timeout", "too many retransmissions"));
}

void DtlsTransport::FlushOutgoing() {
  // Index loop: a listener may trigger more output (appended) while we send.
  for (size_t i = 0; i < outgoing_count_; ++i) {
    const std::vector<uint8_t>& d = outgoing_[i];
    ++counters_.datagrams_sent;
    counters_.bytes_sent += d.size();
    listener_->OnDtlsSendPacket(std::span<const uint8_t>(d.data(), d.size()));
  }
  outgoing_count_ = 0;
}

void DtlsTransport::Fail(Error error) {
  if (state_ == DtlsState::kFailed || state_ == DtlsState::kClosed) return;
  FlushOutgoing();  // e.g. the alert OpenSSL just wrote
  state_ = DtlsState::kFailed;
  log_.Warn("failed: {}", error.ToString());
  listener_->OnDtlsFailed(error);
}

int DtlsTransport::OnBioWrite(std::span<const uint8_t> data) {
  if (outgoing_count_ == kMaxQueuedDatagrams) return -1;
  if (outgoing_count_ == outgoing_.size()) outgoing_.emplace_back();
  outgoing_[outgoing_count_].assign(data.begin(), data.end());
  ++outgoing_count_;
  return static_cast<int>(data.size());
}

int DtlsTransport::OnVerifyPeer(X509* cert) {
  if (cert == nullptr) return 0;
  if (!remote_fingerprint_) return 1;  // checked once SetRemoteFingerprint arrives
  if (remote_fingerprint_->Matches(cert)) {
    peer_verified_ = true;
    return 1;
  }
  fingerprint_mismatch_ = true;
  ++counters_.fingerprint_mismatches;
  return 0;
}

unsigned int DtlsTransport::OnTimer(unsigned int previous_us) {
  const auto initial = static_cast<unsigned int>(std::chrono::microseconds(options_.initial_retransmit).count());
  const auto max = static_cast<unsigned int>(std::chrono::microseconds(options_.max_retransmit).count());
  if (previous_us == 0) return initial;
  return previous_us >= max / 2 ? max : previous_us * 2;
}

}  // namespace meet::media::dtls
