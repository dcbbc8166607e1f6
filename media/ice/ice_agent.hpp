#pragma once
// IceAgent: one libnice agent with one stream of one component (BUNDLE + rtcp-mux, as Jitsi
// uses), full ICE in RFC 5245 compatibility (libnice's RFC 8445 behaviour), optional trickle.
//
// Threading: the agent lives on one EventLoop. Create, use and destroy it on that loop's thread;
// every Listener call happens there. (Destroying it from another thread is tolerated: the
// destructor then runs its teardown on the loop thread through EventLoop::Invoke.)
//
// Data from unvalidated addresses: libnice 0.1.21 itself drops every non-STUN datagram whose
// source address is not a remote candidate that passed a connectivity check
// (agent.c agent_recv_message_unlocked -> nice_component_verify_remote_candidate, logged only at
// verbose debug level). It does not count those drops and its recv callback does not tell the
// source address, so this class cannot count them either: packets_dropped_unvalidated() cannot
// be provided. What reaches OnIcePacket comes from a validated pair (possibly not the selected
// one, e.g. during a nomination switch); data arriving before our state reports connected is
// still delivered (a DTLS ClientHello may overtake the READY signal) and counted in
// packets_received_before_connected().

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "media/base/log.hpp"
#include "media/base/result.hpp"
#include "media/ice/ice_candidate.hpp"
#include "media/ice/ice_config.hpp"
#include "media/ice/ice_state.hpp"
#include "media/loop/c_handles.hpp"
#include "media/loop/event_loop.hpp"

// libnice's types, kept out of this header's users.
typedef struct _NiceAgent NiceAgent;
typedef struct _NiceCandidate NiceCandidate;

namespace meet::media::ice {

struct IceCredentials {
  std::string ufrag;
  std::string pwd;
  bool operator==(const IceCredentials&) const = default;
};

class IceAgent {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // A local candidate (host, then the public-address mapping of it, if configured).
    virtual void OnIceCandidate(const IceCandidate& candidate) = 0;
    virtual void OnIceGatheringDone() = 0;
    virtual void OnIceStateChanged(IceState state) = 0;
    // A non-STUN datagram. The span points into libnice's receive buffer: valid only during the
    // call, never copied here.
    virtual void OnIcePacket(std::span<const uint8_t> packet) = 0;
    virtual void OnIceSelectedPairChanged(const IceCandidate& local, const IceCandidate& remote) = 0;
  };

  struct Stats {
    uint64_t packets_sent = 0;
    uint64_t bytes_sent = 0;
    uint64_t send_failures = 0;  // libnice refused or not connected
    uint64_t packets_received = 0;
    uint64_t bytes_received = 0;
    uint64_t packets_received_before_connected = 0;
    uint64_t remote_candidates_rejected = 0;  // unsupported (TCP, bad address, wrong component)
    uint64_t restarts = 0;
  };

  // On the loop thread. `listener` is not owned and must outlive the agent.
  static Result<std::unique_ptr<IceAgent>> Create(loop::EventLoop& loop, const IceConfig& config,
                                                  Listener* listener);
  ~IceAgent();
  IceAgent(const IceAgent&) = delete;
  IceAgent& operator=(const IceAgent&) = delete;

  // Starts gathering (host candidates on the configured addresses arrive synchronously or
  // shortly after through OnIceCandidate, then OnIceGatheringDone).
  Status Gather();
  IceCredentials local_credentials() const;
  std::vector<IceCandidate> local_candidates() const { return local_candidates_; }
  bool gathering_done() const { return gathering_done_; }

  // Remote side. Candidates given before the credentials are kept and applied with them.
  Status SetRemoteCredentials(const IceCredentials& credentials);
  // False (and counted) for candidates libnice cannot use here: TCP, unparsable address, a
  // component other than 1.
  bool AddRemoteCandidate(const IceCandidate& candidate);
  void SetRemoteGatheringDone();

  // Sends one datagram on the selected pair. False unless connected/completed or when libnice
  // refuses it (the packet is then dropped and counted).
  bool Send(std::span<const uint8_t> packet);

  // ICE restart: new local credentials (libnice generates them), remote credentials and
  // candidates forgotten, checks start again once the peer's new ones are set. Local candidates
  // are kept (same sockets, not announced again): send local_candidates() with the new
  // credentials.
  Status Restart();
  // RFC 7675: stop consenting to receive (answer the peer's checks with 403), e.g. when the
  // endpoint is expired; the peer's agent fails right away instead of after its timeout.
  void RevokeConsent();

  IceState state() const { return state_; }
  std::optional<std::pair<IceCandidate, IceCandidate>> selected_pair() const { return selected_pair_; }
  const Stats& stats() const { return stats_; }
  // The first host candidate's port (0 before gathering); handy for logs and tests.
  uint16_t local_port() const;

 private:
  IceAgent(loop::EventLoop& loop, const IceConfig& config, Listener* listener);
  Status Init();
  void Teardown();
  void ApplyPendingRemote();
  void SetState(IceState state);
  void AnnounceLocalCandidate(const IceCandidate& candidate);
  std::optional<IceCandidate> PublicMappingOf(const IceCandidate& host) const;

  // noexcept trampolines for libnice's C callbacks and GObject signals.
  static void OnRecv(NiceAgent* agent, unsigned stream_id, unsigned component_id, unsigned len,
                     char* buf, void* user_data) noexcept;
  static void OnNewCandidate(NiceAgent* agent, NiceCandidate* candidate, void* user_data) noexcept;
  static void OnGatheringDone(NiceAgent* agent, unsigned stream_id, void* user_data) noexcept;
  static void OnComponentState(NiceAgent* agent, unsigned stream_id, unsigned component_id,
                               unsigned state, void* user_data) noexcept;
  static void OnSelectedPair(NiceAgent* agent, unsigned stream_id, unsigned component_id,
                             NiceCandidate* local, NiceCandidate* remote, void* user_data) noexcept;

  loop::EventLoop& loop_;  // Not owned; outlives this.
  Listener* listener_;     // Not owned; outlives this.
  IceConfig config_;
  log::Logger log_;
  loop::GObjectPtr<NiceAgent> agent_;
  unsigned stream_id_ = 0;
  std::vector<unsigned long> signal_handlers_;

  std::vector<IceCandidate> local_candidates_;
  bool gathering_done_ = false;
  bool gather_started_ = false;
  bool remote_credentials_set_ = false;
  bool remote_gathering_done_pending_ = false;
  std::vector<IceCandidate> pending_remote_candidates_;
  IceState state_ = IceState::kNew;
  bool ever_connected_ = false;
  std::optional<std::pair<IceCandidate, IceCandidate>> selected_pair_;
  Stats stats_;
};

}  // namespace meet::media::ice
