#include "media/sctp/sctp_association.hpp"

#include "media/base/guarded_call.hpp"

#include <sys/socket.h>
#include <usrsctp.h>

#include <cerrno>
#include <cstring>
#include <exception>

#include "media/sctp/sctp_packet.hpp"

namespace meet::media::sctp {

namespace {

constexpr size_t kRecvBufferSize = 65536;
constexpr int kSocketBufferSize = 1024 * 1024;
// SCTP packets of at most 1200 bytes (a DTLS record in a 1280-byte IPv6 datagram). usrsctp adds
// the 12-byte common header on top of the path MTU for AF_CONN, hence 1188.
constexpr uint32_t kPathMtu = 1188;
constexpr size_t kMaxNotificationSize = 4096;

// RAII marker for "a usrsctp call of ours is on the stack".
class UsrsctpCall {
 public:
  explicit UsrsctpCall(bool& flag) : flag_(flag), previous_(flag) { flag_ = true; }
  ~UsrsctpCall() { flag_ = previous_; }
  UsrsctpCall(const UsrsctpCall&) = delete;
  UsrsctpCall& operator=(const UsrsctpCall&) = delete;

 private:
  bool& flag_;
  bool previous_;
};

}  // namespace

void SctpAssociation::SocketCloser::operator()(struct ::socket* s) const noexcept {
  usrsctp_close(s);
}

Result<std::unique_ptr<SctpAssociation>> SctpAssociation::Create(SctpLibrary& /*library*/,
                                                                 loop::EventLoop& loop,
                                                                 const Config& config,
                                                                 Listener* listener) {
  if (listener == nullptr) return MakeError("sctp.no-listener", "SctpAssociation needs a listener");
  if (config.max_streams == 0) return MakeError("sctp.bad-config", "max_streams must be > 0");
  if (!SctpLibrary::initialized()) return MakeError("sctp.no-library", "usrsctp not initialised");
  std::unique_ptr<SctpAssociation> a(new SctpAssociation(loop, config, listener));
  Status status = a->Init();
  if (!status.ok()) return status.error();
  return a;
}

SctpAssociation::SctpAssociation(loop::EventLoop& loop, const Config& config, Listener* listener)
    : loop_(loop),
      listener_(listener),
      config_(config),
      log_("sctp", config.log_context),
      recv_buffer_(kRecvBufferSize) {}

Status SctpAssociation::Init() {
  id_ = SctpLibrary::Register(this);
  usrsctp_register_address(reinterpret_cast<void*>(id_));
  struct ::socket* s = usrsctp_socket(AF_CONN, SOCK_STREAM, IPPROTO_SCTP, nullptr, nullptr, 0,
                                    nullptr);
  if (s == nullptr) return MakeError("sctp.socket", std::string("usrsctp_socket: ") + strerror(errno));
  socket_.reset(s);
  usrsctp_set_upcall(s, &SctpLibrary::OnUpcall, reinterpret_cast<void*>(id_));
  if (usrsctp_set_non_blocking(s, 1) < 0) return MakeError("sctp.socket", "non-blocking failed");

  auto set = [&](int level, int name, const void* value, socklen_t size, const char* what) -> Status {
    if (usrsctp_setsockopt(s, level, name, value, size) < 0) {
      return MakeError("sctp.sockopt", std::string(what) + ": " + strerror(errno));
    }
    return {};
  };
  // Abort on close: no lingering association once we are destroyed.
  struct linger lg = {1, 0};
  MEET_RETURN_IF_ERROR(set(SOL_SOCKET, SO_LINGER, &lg, sizeof(lg), "SO_LINGER"));
  MEET_RETURN_IF_ERROR(set(SOL_SOCKET, SO_SNDBUF, &kSocketBufferSize, sizeof(int), "SO_SNDBUF"));
  MEET_RETURN_IF_ERROR(set(SOL_SOCKET, SO_RCVBUF, &kSocketBufferSize, sizeof(int), "SO_RCVBUF"));
  struct sctp_assoc_value reset = {SCTP_FUTURE_ASSOC, SCTP_ENABLE_RESET_STREAM_REQ};
  MEET_RETURN_IF_ERROR(set(IPPROTO_SCTP, SCTP_ENABLE_STREAM_RESET, &reset, sizeof(reset),
                           "SCTP_ENABLE_STREAM_RESET"));
  const int on = 1;
  MEET_RETURN_IF_ERROR(set(IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on), "SCTP_RECVRCVINFO"));
  MEET_RETURN_IF_ERROR(set(IPPROTO_SCTP, SCTP_NODELAY, &on, sizeof(on), "SCTP_NODELAY"));
  for (uint16_t type : {SCTP_ASSOC_CHANGE, SCTP_STREAM_RESET_EVENT, SCTP_SHUTDOWN_EVENT,
                        SCTP_SENDER_DRY_EVENT}) {
    struct sctp_event event = {};
    event.se_assoc_id = SCTP_FUTURE_ASSOC;
    event.se_type = type;
    event.se_on = 1;
    MEET_RETURN_IF_ERROR(set(IPPROTO_SCTP, SCTP_EVENT, &event, sizeof(event), "SCTP_EVENT"));
  }
  struct sctp_initmsg init = {};
  init.sinit_num_ostreams = config_.max_streams;
  init.sinit_max_instreams = config_.max_streams;
  MEET_RETURN_IF_ERROR(set(IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof(init), "SCTP_INITMSG"));
  struct sctp_paddrparams params = {};
  params.spp_assoc_id = SCTP_FUTURE_ASSOC;
  params.spp_flags = SPP_PMTUD_DISABLE;
  params.spp_pathmtu = kPathMtu;
  MEET_RETURN_IF_ERROR(set(IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &params, sizeof(params),
                           "SCTP_PEER_ADDR_PARAMS"));

  struct sockaddr_conn local = {};
  local.sconn_family = AF_CONN;
  local.sconn_port = htons(config_.local_port);
  local.sconn_addr = reinterpret_cast<void*>(id_);
  if (usrsctp_bind(s, reinterpret_cast<struct sockaddr*>(&local), sizeof(local)) < 0) {
    return MakeError("sctp.bind", std::string("usrsctp_bind: ") + strerror(errno));
  }
  return {};
}

SctpAssociation::~SctpAssociation() {
  // After Unregister no usrsctp callback reaches `this`; closing (ABORT) then emits into the
  // void. Posted tasks look the id up and find nothing.
  SctpLibrary::Unregister(id_);
  if (socket_) usrsctp_set_upcall(socket_.get(), nullptr, nullptr);
  socket_.reset();
  usrsctp_deregister_address(reinterpret_cast<void*>(id_));
}

Status SctpAssociation::Connect() {
  if (state_ == State::kClosed) return MakeError("sctp.state", "association closed");
  if (state_ != State::kNew) return {};  // already started (possibly by an incoming INIT)
  struct sockaddr_conn remote = {};
  remote.sconn_family = AF_CONN;
  remote.sconn_port = htons(config_.remote_port);
  remote.sconn_addr = reinterpret_cast<void*>(id_);
  int rc = 0;
  int err = 0;
  {
    UsrsctpCall call(in_usrsctp_);
    rc = usrsctp_connect(socket_.get(), reinterpret_cast<struct sockaddr*>(&remote), sizeof(remote));
    err = errno;
  }
  if (rc < 0 && err != EINPROGRESS) {
    return MakeError("sctp.connect", std::string("usrsctp_connect: ") + strerror(err));
  }
  state_ = State::kConnecting;
  ProcessPending();
  return {};
}

void SctpAssociation::HandleIncomingPacket(std::span<const uint8_t> packet) {
  auto info = CheckSctpPacket(packet);
  if (!info.ok()) {
    ++stats_.malformed_dropped;
    if (malformed_log_.Allow()) {
      log_.Warn("dropped malformed SCTP packet: {} ({} so far)", info.error().ToString(),
                malformed_log_.count());
    }
    return;
  }
  if (!VerifySctpChecksum(packet)) {
    ++stats_.bad_checksum;
    return;
  }
  if (info->destination_port != config_.local_port || info->source_port != config_.remote_port) {
    ++stats_.wrong_port;
    return;
  }
  if (!socket_) return;
  // The peer's INIT may overtake our own Connect() (both sides start when their DTLS is up). A
  // bound socket that is not connecting would answer it with ABORT, so connect first: the INIT
  // then meets ours in COOKIE-WAIT and the collision resolves (RFC 9260 section 5.2.1).
  if (state_ == State::kNew && !Connect().ok()) return;
  ++stats_.packets_received;
  {
    UsrsctpCall call(in_usrsctp_);
    usrsctp_conninput(reinterpret_cast<void*>(id_), packet.data(), packet.size(), 0);
  }
  ProcessPending();
}

// --- usrsctp callbacks (any thread) ---

void SctpAssociation::QueueOutgoing(const uint8_t* data, size_t length) {
  {
    std::lock_guard lock(out_mutex_);
    std::vector<uint8_t> buffer;
    if (!spare_.empty()) {
      buffer = std::move(spare_.back());
      spare_.pop_back();
    }
    buffer.assign(data, data + length);
    WriteSctpChecksum(buffer);  // offloaded in usrsctp (see SctpLibrary)
    out_queue_.push_back(std::move(buffer));
  }
  ScheduleProcessing();
}

void SctpAssociation::OnSocketEvent() {
  socket_event_.store(true, std::memory_order_release);
  ScheduleProcessing();
}

void SctpAssociation::ScheduleProcessing() {
  // Our own call on the loop thread processes everything once usrsctp returns.
  if (loop_.IsCurrent() && in_usrsctp_) return;
  if (processing_scheduled_.exchange(true)) return;
  const uintptr_t id = id_;
  loop_.Post([id] {
    if (SctpAssociation* self = SctpLibrary::Find(id)) {
      self->processing_scheduled_.store(false);
      self->ProcessPending();
    }
  });
}

// --- loop thread ---

void SctpAssociation::ProcessPending() {
  if (processing_ || in_usrsctp_) return;  // an outer frame will pick it up
  processing_ = true;
  for (int round = 0; round < 1000; ++round) {
    bool did = false;
    if (socket_event_.exchange(false)) {
      DrainReads();
      RetryPendingSends();
      did = true;
    }
    if (FlushOutgoing()) did = true;
    if (!did) break;
  }
  processing_ = false;
}

bool SctpAssociation::FlushOutgoing() {
  bool any = false;
  for (;;) {
    {
      std::lock_guard lock(out_mutex_);
      if (out_queue_.empty()) break;
      sending_.swap(out_queue_.front());
      out_queue_.pop_front();
    }
    any = true;
    ++stats_.packets_sent;
    GuardedCall(log_, "OnSctpSendPacket", [&] { listener_->OnSctpSendPacket(sending_); });
    std::lock_guard lock(out_mutex_);
    spare_.push_back(std::move(sending_));
    sending_ = {};
  }
  return any;
}

void SctpAssociation::DrainReads() {
  if (!socket_) return;
  for (;;) {
    struct sctp_rcvinfo rcv = {};
    socklen_t infolen = sizeof(rcv);
    unsigned int infotype = 0;
    int flags = 0;
    struct sockaddr_conn from = {};
    socklen_t fromlen = sizeof(from);
    ssize_t n = 0;
    {
      UsrsctpCall call(in_usrsctp_);
      n = usrsctp_recvv(socket_.get(), recv_buffer_.data(), recv_buffer_.size(),
                        reinterpret_cast<struct sockaddr*>(&from), &fromlen, &rcv, &infolen,
                        &infotype, &flags);
    }
    if (n < 0) {
      if (errno != EWOULDBLOCK && errno != EAGAIN && errno != ENOTCONN) {
        log_.Debug("usrsctp_recvv: {}", strerror(errno));
      }
      break;
    }
    if (n == 0) break;  // EOF: the association is gone (ASSOC_CHANGE tells why)
    const std::span<const uint8_t> chunk(recv_buffer_.data(), static_cast<size_t>(n));
    const bool eor = (flags & MSG_EOR) != 0;
    if ((flags & MSG_NOTIFICATION) != 0) {
      if (notification_.size() + chunk.size() <= kMaxNotificationSize) {
        notification_.insert(notification_.end(), chunk.begin(), chunk.end());
      }
      if (eor) {
        HandleNotification(notification_);
        notification_.clear();
      }
      continue;
    }
    if (!message_oversized_) {
      if (message_.size() + chunk.size() > config_.max_message_size) {
        message_oversized_ = true;
        message_.clear();
      } else {
        message_.insert(message_.end(), chunk.begin(), chunk.end());
      }
    }
    if (!eor) continue;
    if (message_oversized_) {
      ++stats_.oversized_dropped;
      log_.Warn("dropped a message larger than {} bytes on stream {}", config_.max_message_size,
                rcv.rcv_sid);
    } else if (infotype == SCTP_RECVV_RCVINFO) {
      HandleMessage(rcv.rcv_sid, ntohl(rcv.rcv_ppid), message_);
    }
    message_.clear();
    message_oversized_ = false;
  }
}

void SctpAssociation::HandleMessage(uint16_t sid, uint32_t ppid, std::span<const uint8_t> data) {
  switch (static_cast<Ppid>(ppid)) {
    case Ppid::kDcep:
      HandleDcep(sid, data);
      return;
    case Ppid::kString:
    case Ppid::kBinary:
    case Ppid::kStringEmpty:
    case Ppid::kBinaryEmpty:
      break;
    default:
      ++stats_.unknown_ppid;
      return;
  }
  auto it = channels_.find(sid);
  if (it == channels_.end()) {
    ++stats_.unknown_channel;
    return;
  }
  // RFC 8832 section 6: user data on a channel we opened implies the peer's ACK.
  if (it->second.state == ChannelState::kOpening) {
    it->second.state = ChannelState::kOpen;
    GuardedCall(log_, "OnDataChannelOpen", [&] {
      listener_->OnDataChannelOpen(sid, it->second.open.label, it->second.open.protocol);
    });
  }
  const auto type = static_cast<Ppid>(ppid);
  const bool binary = type == Ppid::kBinary || type == Ppid::kBinaryEmpty;
  const bool empty = type == Ppid::kStringEmpty || type == Ppid::kBinaryEmpty;
  const std::span<const uint8_t> payload = empty ? std::span<const uint8_t>() : data;
  ++stats_.messages_received;
  stats_.bytes_received += payload.size();
  GuardedCall(log_, "OnDataChannelMessage",
          [&] { listener_->OnDataChannelMessage(sid, payload, binary); });
}

void SctpAssociation::HandleDcep(uint16_t sid, std::span<const uint8_t> data) {
  if (IsDataChannelAck(data)) {
    auto it = channels_.find(sid);
    if (it == channels_.end() || it->second.state != ChannelState::kOpening) {
      ++stats_.dcep_errors;
      return;
    }
    it->second.state = ChannelState::kOpen;
    GuardedCall(log_, "OnDataChannelOpen", [&] {
      listener_->OnDataChannelOpen(sid, it->second.open.label, it->second.open.protocol);
    });
    return;
  }
  auto open = ParseDataChannelOpen(data);
  if (!open.ok()) {
    ++stats_.dcep_errors;
    log_.Warn("bad DCEP message on stream {}: {}", sid, open.error().ToString());
    return;
  }
  if (channels_.contains(sid)) {
    ++stats_.dcep_errors;
    log_.Warn("DATA_CHANNEL_OPEN for stream {} already in use", sid);
    return;
  }
  Channel channel;
  channel.state = ChannelState::kOpen;
  channel.open = std::move(*open);
  auto it = channels_.emplace(sid, std::move(channel)).first;
  log_.Info("peer opened data channel {} '{}' protocol '{}'", sid, it->second.open.label,
            it->second.open.protocol);
  // The ACK goes out ordered and reliable on the same stream, before any reply data.
  SendMessage(sid, Ppid::kDcep, kDataChannelAck);
  GuardedCall(log_, "OnDataChannelOpen", [&] {
    listener_->OnDataChannelOpen(sid, it->second.open.label, it->second.open.protocol);
  });
}

void SctpAssociation::HandleNotification(std::span<const uint8_t> data) {
  if (data.size() < 8) return;  // sn_type, sn_flags, sn_length
  union sctp_notification n;
  std::memset(&n, 0, sizeof(n));
  std::memcpy(&n, data.data(), std::min(data.size(), sizeof(n)));
  switch (n.sn_header.sn_type) {
    case SCTP_ASSOC_CHANGE:
      switch (n.sn_assoc_change.sac_state) {
        case SCTP_COMM_UP:
          if (state_ != State::kConnected) {
            state_ = State::kConnected;
            log_.Info("association up ({} out / {} in streams)",
                      n.sn_assoc_change.sac_outbound_streams,
                      n.sn_assoc_change.sac_inbound_streams);
            GuardedCall(log_, "OnSctpConnected", [&] { listener_->OnSctpConnected(); });
          }
          break;
        case SCTP_COMM_LOST:
        case SCTP_SHUTDOWN_COMP:
        case SCTP_CANT_STR_ASSOC:
          log_.Info("association ended (state {})", n.sn_assoc_change.sac_state);
          NotifyClosed();
          break;
        case SCTP_RESTART:
          log_.Info("association restarted by the peer");
          break;
        default:
          break;
      }
      break;
    case SCTP_SHUTDOWN_EVENT:
      log_.Info("peer shut the association down");
      NotifyClosed();
      break;
    case SCTP_STREAM_RESET_EVENT: {
      const auto& e = n.sn_strreset_event;
      if ((e.strreset_flags & (SCTP_STREAM_RESET_DENIED | SCTP_STREAM_RESET_FAILED)) != 0) break;
      const size_t header = offsetof(struct sctp_stream_reset_event, strreset_stream_list);
      if (data.size() < header) break;
      size_t count = std::min<size_t>((e.strreset_length > data.size() ? data.size()
                                                                        : e.strreset_length),
                                      data.size());
      count = count > header ? (count - header) / sizeof(uint16_t) : 0;
      std::vector<uint16_t> sids(count);
      if (count > 0) std::memcpy(sids.data(), data.data() + header, count * sizeof(uint16_t));
      HandleStreamReset(sids, (e.strreset_flags & SCTP_STREAM_RESET_INCOMING_SSN) != 0);
      break;
    }
    case SCTP_SENDER_DRY_EVENT:
      RetryPendingSends();
      break;
    default:
      break;
  }
}

void SctpAssociation::HandleStreamReset(std::span<const uint16_t> sids, bool incoming) {
  if (!incoming) return;  // our outgoing reset completed; wait for the peer's
  std::vector<uint16_t> to_reset;
  std::vector<uint16_t> closed;
  for (uint16_t sid : sids) {
    auto it = channels_.find(sid);
    if (it == channels_.end()) continue;
    if (!it->second.outgoing_reset) to_reset.push_back(sid);
    closed.push_back(sid);
    channels_.erase(it);
  }
  if (!to_reset.empty()) ResetStreams(to_reset);
  for (uint16_t sid : closed) {
    log_.Info("data channel {} closed", sid);
    GuardedCall(log_, "OnDataChannelClosed", [&] { listener_->OnDataChannelClosed(sid); });
  }
}

void SctpAssociation::NotifyClosed() {
  state_ = State::kClosed;
  if (closed_notified_) return;
  closed_notified_ = true;
  std::vector<uint16_t> ids;
  for (const auto& [sid, channel] : channels_) ids.push_back(sid);
  channels_.clear();
  pending_sends_.clear();
  buffered_bytes_ = 0;
  for (uint16_t sid : ids) {
    GuardedCall(log_, "OnDataChannelClosed", [&] { listener_->OnDataChannelClosed(sid); });
  }
  GuardedCall(log_, "OnSctpClosed", [&] { listener_->OnSctpClosed(); });
}

Result<uint16_t> SctpAssociation::OpenDataChannel(std::string_view label,
                                                  std::string_view protocol,
                                                  DataChannelType type, uint32_t reliability) {
  if (state_ != State::kConnected) return MakeError("sctp.state", "association not connected");
  if (label.size() > 0xffff || protocol.size() > 0xffff) {
    return MakeError("sctp.label", "label or protocol too long");
  }
  // RFC 8832 section 6: DTLS client even ids, server odd.
  uint16_t sid = config_.role == Role::kClient ? 0 : 1;
  while (sid < config_.max_streams && channels_.contains(sid)) sid = static_cast<uint16_t>(sid + 2);
  if (sid >= config_.max_streams) return MakeError("sctp.no-stream", "no free stream id");
  Channel channel;
  channel.state = ChannelState::kOpening;
  channel.open.channel_type = type;
  channel.open.reliability = reliability;
  channel.open.label = std::string(label);
  channel.open.protocol = std::string(protocol);
  const std::vector<uint8_t> message = SerializeDataChannelOpen(channel.open);
  channels_.emplace(sid, std::move(channel));
  if (!SendMessage(sid, Ppid::kDcep, message)) {
    channels_.erase(sid);
    return MakeError("sctp.send", "could not send DATA_CHANNEL_OPEN");
  }
  return sid;
}

bool SctpAssociation::IsChannelOpen(uint16_t id) const {
  auto it = channels_.find(id);
  return it != channels_.end() && it->second.state == ChannelState::kOpen;
}

bool SctpAssociation::SendText(uint16_t id, std::string_view text) {
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  return SendMessage(id, text.empty() ? Ppid::kStringEmpty : Ppid::kString, bytes);
}

bool SctpAssociation::SendBinary(uint16_t id, std::span<const uint8_t> data) {
  return SendMessage(id, data.empty() ? Ppid::kBinaryEmpty : Ppid::kBinary, data);
}

bool SctpAssociation::SendMessage(uint16_t sid, Ppid ppid, std::span<const uint8_t> data) {
  auto it = channels_.find(sid);
  if (state_ != State::kConnected || it == channels_.end() ||
      it->second.state == ChannelState::kClosing || data.size() > config_.max_message_size) {
    ++stats_.send_failures;
    return false;
  }
  // RFC 8831 section 6.6: an empty message is sent as one zero byte with the "empty" PPID.
  static constexpr uint8_t kEmptyPayload[1] = {0};
  const bool empty = ppid == Ppid::kStringEmpty || ppid == Ppid::kBinaryEmpty;
  const std::span<const uint8_t> payload = empty ? std::span<const uint8_t>(kEmptyPayload) : data;
  if (pending_sends_.empty()) {
    const int rc = TrySend(sid, ppid, payload);
    if (rc == 1) {
      if (ppid != Ppid::kDcep) {
        ++stats_.messages_sent;
        stats_.bytes_sent += data.size();
      }
      ProcessPending();
      return true;
    }
    if (rc < 0) {
      ++stats_.send_failures;
      ProcessPending();
      return false;
    }
  }
  // Would block: keep order behind what is already waiting.
  if (buffered_bytes_ + payload.size() > config_.max_buffered_bytes) {
    ++stats_.send_failures;
    return false;
  }
  pending_sends_.push_back(PendingSend{sid, ppid, {payload.begin(), payload.end()}});
  buffered_bytes_ += payload.size();
  if (ppid != Ppid::kDcep) {
    ++stats_.messages_sent;
    stats_.bytes_sent += data.size();
  }
  ProcessPending();
  return true;
}

int SctpAssociation::TrySend(uint16_t sid, Ppid ppid, std::span<const uint8_t> data) {
  auto it = channels_.find(sid);
  struct sctp_sendv_spa spa = {};
  spa.sendv_flags = SCTP_SEND_SNDINFO_VALID;
  spa.sendv_sndinfo.snd_sid = sid;
  spa.sendv_sndinfo.snd_ppid = htonl(static_cast<uint32_t>(ppid));
  // DCEP messages are always ordered and reliable (RFC 8832 section 6).
  if (it != channels_.end() && ppid != Ppid::kDcep) {
    const DataChannelType type = it->second.open.channel_type;
    if (IsUnordered(type)) spa.sendv_sndinfo.snd_flags |= SCTP_UNORDERED;
    const uint8_t kind = static_cast<uint8_t>(type) & 0x7f;
    if (kind == 0x01 || kind == 0x02) {
      spa.sendv_flags |= SCTP_SEND_PRINFO_VALID;
      spa.sendv_prinfo.pr_policy = kind == 0x01 ? SCTP_PR_SCTP_RTX : SCTP_PR_SCTP_TTL;
      spa.sendv_prinfo.pr_value = it->second.open.reliability;
    }
  }
  ssize_t rc = 0;
  int err = 0;
  {
    UsrsctpCall call(in_usrsctp_);
    rc = usrsctp_sendv(socket_.get(), data.data(), data.size(), nullptr, 0, &spa, sizeof(spa),
                       SCTP_SENDV_SPA, 0);
    err = errno;
  }
  if (rc >= 0) return 1;
  if (err == EWOULDBLOCK || err == EAGAIN) return 0;
  log_.Warn("usrsctp_sendv on stream {}: {}", sid, strerror(err));
  return -1;
}

void SctpAssociation::RetryPendingSends() {
  while (!pending_sends_.empty() && state_ == State::kConnected) {
    PendingSend& next = pending_sends_.front();
    const int rc = TrySend(next.sid, next.ppid, next.data);
    if (rc == 0) return;
    if (rc < 0) ++stats_.send_failures;
    buffered_bytes_ -= next.data.size();
    pending_sends_.pop_front();
  }
}

void SctpAssociation::ResetStreams(std::span<const uint16_t> sids) {
  if (sids.empty() || state_ != State::kConnected) return;
  const size_t size = sizeof(struct sctp_reset_streams) + sids.size() * sizeof(uint16_t);
  std::vector<uint8_t> storage(size);
  auto* srs = reinterpret_cast<struct sctp_reset_streams*>(storage.data());
  srs->srs_assoc_id = SCTP_ALL_ASSOC;
  srs->srs_flags = SCTP_STREAM_RESET_OUTGOING;
  srs->srs_number_streams = static_cast<uint16_t>(sids.size());
  std::memcpy(storage.data() + sizeof(struct sctp_reset_streams), sids.data(),
              sids.size() * sizeof(uint16_t));
  for (uint16_t sid : sids) {
    if (auto it = channels_.find(sid); it != channels_.end()) it->second.outgoing_reset = true;
  }
  int rc = 0;
  {
    UsrsctpCall call(in_usrsctp_);
    rc = usrsctp_setsockopt(socket_.get(), IPPROTO_SCTP, SCTP_RESET_STREAMS, storage.data(),
                            static_cast<socklen_t>(size));
  }
  if (rc < 0) log_.Warn("stream reset failed: {}", strerror(errno));
}

void SctpAssociation::CloseDataChannel(uint16_t id) {
  auto it = channels_.find(id);
  if (it == channels_.end() || it->second.state == ChannelState::kClosing) return;
  it->second.state = ChannelState::kClosing;
  const uint16_t sids[1] = {id};
  ResetStreams(sids);
  ProcessPending();
}

void SctpAssociation::Close() {
  if (!socket_ || state_ == State::kClosed || state_ == State::kNew) return;
  {
    UsrsctpCall call(in_usrsctp_);
    // SHUT_WR, not SHUT_RDWR: a shut read side would swallow the SHUTDOWN_COMP notification.
    usrsctp_shutdown(socket_.get(), SHUT_WR);
  }
  ProcessPending();
}

}  // namespace meet::media::sctp
