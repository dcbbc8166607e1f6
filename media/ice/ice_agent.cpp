#include "media/ice/ice_agent.hpp"

#include "media/base/guarded_call.hpp"

#include <agent.h>

#include <cstring>
#include <exception>
#include <utility>

namespace meet::media::ice {

namespace {

constexpr unsigned kComponent = 1;

IceCandidateType FromNiceType(NiceCandidateType type) {
  switch (type) {
    case NICE_CANDIDATE_TYPE_HOST: return IceCandidateType::kHost;
    case NICE_CANDIDATE_TYPE_SERVER_REFLEXIVE: return IceCandidateType::kSrflx;
    case NICE_CANDIDATE_TYPE_PEER_REFLEXIVE: return IceCandidateType::kPrflx;
    case NICE_CANDIDATE_TYPE_RELAYED: return IceCandidateType::kRelay;
  }
  return IceCandidateType::kHost;
}

NiceCandidateType ToNiceType(IceCandidateType type) {
  switch (type) {
    case IceCandidateType::kHost: return NICE_CANDIDATE_TYPE_HOST;
    case IceCandidateType::kSrflx: return NICE_CANDIDATE_TYPE_SERVER_REFLEXIVE;
    case IceCandidateType::kPrflx: return NICE_CANDIDATE_TYPE_PEER_REFLEXIVE;
    case IceCandidateType::kRelay: return NICE_CANDIDATE_TYPE_RELAYED;
  }
  return NICE_CANDIDATE_TYPE_HOST;
}

std::string AddressString(const NiceAddress& address) {
  char buf[NICE_ADDRESS_STRING_LEN] = {};
  nice_address_to_string(&address, buf);
  return buf;
}

IceCandidate FromNice(const NiceCandidate& c) {
  IceCandidate out;
  out.foundation = std::string(c.foundation, strnlen(c.foundation, NICE_CANDIDATE_MAX_FOUNDATION));
  out.component = c.component_id;
  out.priority = c.priority;
  out.address = AddressString(c.addr);
  out.port = static_cast<uint16_t>(nice_address_get_port(&c.addr));
  out.type = FromNiceType(c.type);
  switch (c.transport) {
    case NICE_CANDIDATE_TRANSPORT_UDP: out.protocol = "udp"; break;
    case NICE_CANDIDATE_TRANSPORT_TCP_ACTIVE: out.protocol = "tcp"; out.tcptype = "active"; break;
    case NICE_CANDIDATE_TRANSPORT_TCP_PASSIVE: out.protocol = "tcp"; out.tcptype = "passive"; break;
    case NICE_CANDIDATE_TRANSPORT_TCP_SO: out.protocol = "tcp"; out.tcptype = "so"; break;
  }
  if (out.type != IceCandidateType::kHost && nice_address_is_valid(&c.base_addr)) {
    out.related_address = AddressString(c.base_addr);
    out.related_port = static_cast<uint16_t>(nice_address_get_port(&c.base_addr));
  }
  return out;
}

struct NiceCandidateDeleter {
  void operator()(NiceCandidate* c) const noexcept { nice_candidate_free(c); }
};
using NiceCandidatePtr = std::unique_ptr<NiceCandidate, NiceCandidateDeleter>;

}  // namespace

Result<std::unique_ptr<IceAgent>> IceAgent::Create(loop::EventLoop& loop, const IceConfig& config,
                                                   Listener* listener) {
  if (listener == nullptr) return MakeError("ice.no-listener", "IceAgent needs a listener");
  if (config.min_port > config.max_port) {
    return MakeError("ice.bad-port-range", "min_port > max_port");
  }
  std::unique_ptr<IceAgent> agent(new IceAgent(loop, config, listener));  // private ctor
  Status status = agent->Init();
  if (!status.ok()) return status.error();
  return agent;
}

IceAgent::IceAgent(loop::EventLoop& loop, const IceConfig& config, Listener* listener)
    : loop_(loop), listener_(listener), config_(config), log_("ice", config.log_context) {}

Status IceAgent::Init() {
  int flags = NICE_AGENT_OPTION_REGULAR_NOMINATION;
  if (config_.trickle) flags |= NICE_AGENT_OPTION_ICE_TRICKLE;
  if (config_.consent_freshness) flags |= NICE_AGENT_OPTION_CONSENT_FRESHNESS;
  NiceAgent* raw = nice_agent_new_full(loop_.context(), NICE_COMPATIBILITY_RFC5245,
                                       static_cast<NiceAgentOption>(flags));
  if (raw == nullptr) return MakeError("ice.agent-new", "nice_agent_new_full failed");
  agent_.reset(raw);
  g_object_set(raw, "controlling-mode", config_.controlling ? TRUE : FALSE, "ice-tcp", FALSE,
               "upnp", FALSE, nullptr);

  for (const std::string& address : config_.local_addresses) {
    NiceAddress a;
    nice_address_init(&a);
    if (!nice_address_set_from_string(&a, address.c_str())) {
      return MakeError("ice.bad-local-address", "not an IP address: " + address);
    }
    if (!nice_agent_add_local_address(raw, &a)) {
      return MakeError("ice.bad-local-address", "libnice refused local address " + address);
    }
  }
  for (const PublicAddressMapping& m : config_.public_addresses) {
    NiceAddress a;
    nice_address_init(&a);
    if (!nice_address_set_from_string(&a, m.public_address.c_str())) {
      return MakeError("ice.bad-public-address", "not an IP address: " + m.public_address);
    }
  }

  stream_id_ = nice_agent_add_stream(raw, 1);
  if (stream_id_ == 0) return MakeError("ice.add-stream", "nice_agent_add_stream failed");
  if (config_.min_port != 0 || config_.max_port != 0) {
    nice_agent_set_port_range(raw, stream_id_, kComponent, config_.min_port, config_.max_port);
  }
  if (!nice_agent_attach_recv(raw, stream_id_, kComponent, loop_.context(), &IceAgent::OnRecv,
                              this)) {
    return MakeError("ice.attach-recv", "nice_agent_attach_recv failed");
  }
  signal_handlers_.push_back(
      g_signal_connect(raw, "new-candidate-full", G_CALLBACK(&IceAgent::OnNewCandidate), this));
  signal_handlers_.push_back(g_signal_connect(raw, "candidate-gathering-done",
                                              G_CALLBACK(&IceAgent::OnGatheringDone), this));
  signal_handlers_.push_back(g_signal_connect(raw, "component-state-changed",
                                              G_CALLBACK(&IceAgent::OnComponentState), this));
  signal_handlers_.push_back(g_signal_connect(raw, "new-selected-pair-full",
                                              G_CALLBACK(&IceAgent::OnSelectedPair), this));
  return {};
}

IceAgent::~IceAgent() {
  // libdatachannel's lesson: detach every callback, then make sure none is running, then unref.
  // On the loop thread nothing else can be dispatching; from another thread, Invoke is the
  // barrier (it returns once the teardown ran on the loop thread).
  if (!loop_.IsCurrent() && loop_.running()) {
    loop_.Invoke([this] { Teardown(); });
  } else {
    Teardown();
  }
}

void IceAgent::Teardown() {
  if (!agent_) return;
  for (unsigned long id : signal_handlers_) g_signal_handler_disconnect(agent_.get(), id);
  signal_handlers_.clear();
  if (stream_id_ != 0) {
    nice_agent_attach_recv(agent_.get(), stream_id_, kComponent, loop_.context(), nullptr,
                           nullptr);
    nice_agent_remove_stream(agent_.get(), stream_id_);
  }
  agent_.reset();
}

Status IceAgent::Gather() {
  if (gather_started_) return {};
  gather_started_ = true;
  if (!nice_agent_gather_candidates(agent_.get(), stream_id_)) {
    return MakeError("ice.gather", "nice_agent_gather_candidates failed (no usable address or "
                                   "port range exhausted)");
  }
  return {};
}

IceCredentials IceAgent::local_credentials() const {
  gchar* ufrag = nullptr;
  gchar* pwd = nullptr;
  IceCredentials out;
  if (nice_agent_get_local_credentials(agent_.get(), stream_id_, &ufrag, &pwd)) {
    out.ufrag = ufrag != nullptr ? ufrag : "";
    out.pwd = pwd != nullptr ? pwd : "";
  }
  g_free(ufrag);
  g_free(pwd);
  return out;
}

uint16_t IceAgent::local_port() const {
  for (const IceCandidate& c : local_candidates_) {
    if (c.type == IceCandidateType::kHost) return c.port;
  }
  return 0;
}

Status IceAgent::SetRemoteCredentials(const IceCredentials& credentials) {
  // RFC 8445: ufrag 4..256 ice-chars, pwd 22..256.
  if (credentials.ufrag.size() < 4 || credentials.ufrag.size() > 256 ||
      credentials.pwd.size() < 22 || credentials.pwd.size() > 256) {
    return MakeError("ice.bad-credentials", "remote ufrag/pwd length out of range");
  }
  if (!nice_agent_set_remote_credentials(agent_.get(), stream_id_, credentials.ufrag.c_str(),
                                         credentials.pwd.c_str())) {
    return MakeError("ice.bad-credentials", "libnice refused the remote credentials");
  }
  remote_credentials_set_ = true;
  ApplyPendingRemote();
  return {};
}

bool IceAgent::AddRemoteCandidate(const IceCandidate& candidate) {
  if (candidate.component != kComponent || candidate.protocol != "udp" || candidate.port == 0) {
    ++stats_.remote_candidates_rejected;
    log_.Debug("ignoring remote candidate {}", ToSdpAttribute(candidate));
    return false;
  }
  NiceAddress probe;
  nice_address_init(&probe);
  if (!nice_address_set_from_string(&probe, candidate.address.c_str())) {
    ++stats_.remote_candidates_rejected;  // e.g. an mDNS ".local" name
    log_.Debug("ignoring remote candidate with unusable address {}", candidate.address);
    return false;
  }
  pending_remote_candidates_.push_back(candidate);
  if (remote_credentials_set_) ApplyPendingRemote();
  return true;
}

void IceAgent::SetRemoteGatheringDone() {
  remote_gathering_done_pending_ = true;
  if (remote_credentials_set_) ApplyPendingRemote();
}

void IceAgent::ApplyPendingRemote() {
  if (!pending_remote_candidates_.empty()) {
    std::vector<NiceCandidatePtr> owned;
    GSList* list = nullptr;
    for (const IceCandidate& c : pending_remote_candidates_) {
      NiceCandidatePtr nc(nice_candidate_new(ToNiceType(c.type)));
      nc->transport = NICE_CANDIDATE_TRANSPORT_UDP;
      nc->stream_id = stream_id_;
      nc->component_id = kComponent;
      nc->priority = c.priority;
      nice_address_set_from_string(&nc->addr, c.address.c_str());
      nice_address_set_port(&nc->addr, c.port);
      if (!c.related_address.empty() &&
          nice_address_set_from_string(&nc->base_addr, c.related_address.c_str())) {
        nice_address_set_port(&nc->base_addr, c.related_port);
      }
      g_strlcpy(nc->foundation, c.foundation.c_str(), NICE_CANDIDATE_MAX_FOUNDATION);
      list = g_slist_append(list, nc.get());
      owned.push_back(std::move(nc));
    }
    const int added = nice_agent_set_remote_candidates(agent_.get(), stream_id_, kComponent, list);
    g_slist_free(list);
    if (added < static_cast<int>(owned.size())) {
      stats_.remote_candidates_rejected += owned.size() - (added < 0 ? 0 : added);
      log_.Warn("libnice accepted {} of {} remote candidates", added, owned.size());
    }
    pending_remote_candidates_.clear();
  }
  if (remote_gathering_done_pending_) {
    remote_gathering_done_pending_ = false;
    nice_agent_peer_candidate_gathering_done(agent_.get(), stream_id_);
  }
}

bool IceAgent::Send(std::span<const uint8_t> packet) {
  if (state_ != IceState::kConnected && state_ != IceState::kCompleted) {
    ++stats_.send_failures;
    return false;
  }
  const gint sent = nice_agent_send(agent_.get(), stream_id_, kComponent,
                                    static_cast<guint>(packet.size()),
                                    reinterpret_cast<const gchar*>(packet.data()));
  if (sent < 0 || static_cast<size_t>(sent) != packet.size()) {
    ++stats_.send_failures;
    return false;
  }
  ++stats_.packets_sent;
  stats_.bytes_sent += packet.size();
  return true;
}

Status IceAgent::Restart() {
  if (!nice_agent_restart_stream(agent_.get(), stream_id_)) {
    return MakeError("ice.restart", "nice_agent_restart_stream failed");
  }
  ++stats_.restarts;
  remote_credentials_set_ = false;
  remote_gathering_done_pending_ = false;
  pending_remote_candidates_.clear();
  selected_pair_.reset();
  ever_connected_ = false;
  log_.Info("ICE restart, new ufrag {}", local_credentials().ufrag);
  SetState(IceState::kNew);
  return {};
}

void IceAgent::RevokeConsent() {
  nice_agent_consent_lost(agent_.get(), stream_id_, kComponent);
}

void IceAgent::SetState(IceState state) {
  if (state == state_) return;
  log_.Debug("state {} -> {}", ToString(state_), ToString(state));
  state_ = state;
  if (state == IceState::kConnected || state == IceState::kCompleted) ever_connected_ = true;
  GuardedCall(log_, "OnIceStateChanged", [&] { listener_->OnIceStateChanged(state); });
}

std::optional<IceCandidate> IceAgent::PublicMappingOf(const IceCandidate& host) const {
  if (host.type != IceCandidateType::kHost) return std::nullopt;
  for (const PublicAddressMapping& m : config_.public_addresses) {
    if (m.local_address != host.address) continue;
    IceCandidate mapped = host;
    mapped.type = IceCandidateType::kSrflx;
    mapped.foundation = "p" + host.foundation;
    mapped.address = m.public_address;
    mapped.related_address = host.address;
    mapped.related_port = host.port;
    const auto local_pref = static_cast<uint16_t>((host.priority >> 8) & 0xffff);
    mapped.priority = ComputePriority(IceCandidateType::kSrflx, local_pref, host.component);
    return mapped;
  }
  return std::nullopt;
}

void IceAgent::AnnounceLocalCandidate(const IceCandidate& candidate) {
  local_candidates_.push_back(candidate);
  log_.Debug("local {}", ToSdpAttribute(candidate));
  GuardedCall(log_, "OnIceCandidate", [&] { listener_->OnIceCandidate(candidate); });
}

void IceAgent::OnRecv(NiceAgent*, unsigned stream_id, unsigned component_id, unsigned len,
                      char* buf, void* user_data) noexcept {
  auto* self = static_cast<IceAgent*>(user_data);
  if (stream_id != self->stream_id_ || component_id != kComponent) return;
  ++self->stats_.packets_received;
  self->stats_.bytes_received += len;
  if (self->state_ != IceState::kConnected && self->state_ != IceState::kCompleted) {
    ++self->stats_.packets_received_before_connected;
  }
  const std::span<const uint8_t> packet(reinterpret_cast<const uint8_t*>(buf), len);
  GuardedCall(self->log_, "OnIcePacket", [&] { self->listener_->OnIcePacket(packet); });
}

void IceAgent::OnNewCandidate(NiceAgent*, NiceCandidate* candidate, void* user_data) noexcept {
  auto* self = static_cast<IceAgent*>(user_data);
  if (candidate == nullptr || candidate->stream_id != self->stream_id_) return;
  GuardedCall(self->log_, "new candidate", [&] {
    const IceCandidate c = FromNice(*candidate);
    self->AnnounceLocalCandidate(c);
    if (auto mapped = self->PublicMappingOf(c)) self->AnnounceLocalCandidate(*mapped);
  });
}

void IceAgent::OnGatheringDone(NiceAgent*, unsigned stream_id, void* user_data) noexcept {
  auto* self = static_cast<IceAgent*>(user_data);
  if (stream_id != self->stream_id_) return;
  self->gathering_done_ = true;
  self->log_.Debug("gathering done, {} local candidates", self->local_candidates_.size());
  GuardedCall(self->log_, "OnIceGatheringDone", [&] { self->listener_->OnIceGatheringDone(); });
}

void IceAgent::OnComponentState(NiceAgent*, unsigned stream_id, unsigned component_id,
                                unsigned state, void* user_data) noexcept {
  auto* self = static_cast<IceAgent*>(user_data);
  if (stream_id != self->stream_id_ || component_id != kComponent) return;
  switch (static_cast<NiceComponentState>(state)) {
    case NICE_COMPONENT_STATE_DISCONNECTED:
      self->SetState(self->ever_connected_ ? IceState::kDisconnected : IceState::kNew);
      break;
    case NICE_COMPONENT_STATE_GATHERING:
      self->SetState(IceState::kNew);
      break;
    case NICE_COMPONENT_STATE_CONNECTING:
      self->SetState(IceState::kChecking);
      break;
    case NICE_COMPONENT_STATE_CONNECTED:
      self->SetState(IceState::kConnected);
      break;
    case NICE_COMPONENT_STATE_READY:
      self->SetState(IceState::kCompleted);
      break;
    case NICE_COMPONENT_STATE_FAILED:
      self->SetState(IceState::kFailed);
      break;
    default:
      break;
  }
}

void IceAgent::OnSelectedPair(NiceAgent*, unsigned stream_id, unsigned component_id,
                              NiceCandidate* local, NiceCandidate* remote,
                              void* user_data) noexcept {
  auto* self = static_cast<IceAgent*>(user_data);
  if (stream_id != self->stream_id_ || component_id != kComponent || local == nullptr ||
      remote == nullptr) {
    return;
  }
  GuardedCall(self->log_, "OnIceSelectedPairChanged", [&] {
    self->selected_pair_.emplace(FromNice(*local), FromNice(*remote));
    self->log_.Info("selected pair {}:{} <-> {}:{}", self->selected_pair_->first.address,
                    self->selected_pair_->first.port, self->selected_pair_->second.address,
                    self->selected_pair_->second.port);
    self->listener_->OnIceSelectedPairChanged(self->selected_pair_->first,
                                              self->selected_pair_->second);
  });
}

}  // namespace meet::media::ice
