#pragma once
// One conference's COLIBRI2 session with its bridge (jitsi-protocol.md section 3): creates the
// conference on first use (meeting-id, name = room JID), allocates / updates / expires
// endpoints and force-mutes. Requests are sent one at a time in order (the next after the
// previous answer), so a create always precedes the requests that depend on it. The first
// answer that carries them gives the bridge's feedback sources (jvb-a0 / jvb-v0).

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "focus/participant_features.hpp"
#include "focus/stanza_sender.hpp"
#include "media/base/log.hpp"
#include "media/base/result.hpp"
#include "signaling/colibri2/model.hpp"
#include "signaling/jingle/source_map.hpp"

namespace meet::focus {

class ColibriSession {
 public:
  struct Allocation {
    std::string endpoint;
    signaling::jingle::IceUdpTransport transport;  // the bridge's ICE/DTLS transport
    std::optional<uint16_t> sctp_port;
  };
  using AllocationCallback = std::function<void(Result<Allocation>)>;

  ColibriSession(StanzaSender& sender, std::string bridge_jid, std::string meeting_id,
                 std::string room_jid, std::chrono::milliseconds timeout);
  ~ColibriSession();
  ColibriSession(const ColibriSession&) = delete;
  ColibriSession& operator=(const ColibriSession&) = delete;

  // Creates the endpoint (stats-id, capability source-names, transport ice-controlling +
  // <sctp/> when the participant uses SCTP, medias of the default offer).
  void Allocate(const std::string& endpoint, const std::string& stats_id,
                const ParticipantFeatures& features, AllocationCallback callback);
  // Sends the client's transport and/or its complete source set and initial last-n.
  void UpdateEndpoint(const std::string& endpoint,
                      const std::optional<signaling::jingle::IceUdpTransport>& transport,
                      const std::optional<signaling::colibri2::Sources>& sources,
                      std::optional<int32_t> initial_last_n);
  void ExpireEndpoint(const std::string& endpoint);
  void ForceMute(const std::string& endpoint, bool audio, bool video);
  // Expires the whole conference on the bridge (no further requests are sent after it).
  void Expire();

  const std::string& bridge_jid() const { return bridge_jid_; }
  const std::string& meeting_id() const { return meeting_id_; }
  const std::string& bridge_session_id() const { return bridge_session_id_; }
  const signaling::jingle::EndpointSourceSet& feedback_sources() const { return feedback_; }
  const std::set<std::string>& endpoints() const { return endpoints_; }
  bool failed() const { return failed_; }

 private:
  struct Request {
    signaling::colibri2::ConferenceModify modify;
    std::function<void(const gloox::Tag* response)> done;
  };
  void Enqueue(signaling::colibri2::ConferenceModify modify,
               std::function<void(const gloox::Tag*)> done);
  void SendNext();

  StanzaSender& sender_;  // Not owned; outlives this.
  std::string bridge_jid_;
  std::string meeting_id_;
  std::string room_jid_;
  std::chrono::milliseconds timeout_;
  std::string bridge_session_id_;
  bool created_ = false;     // a create was sent (answered or in flight)
  bool expired_ = false;
  bool failed_ = false;      // the bridge failed (timeout / graceful shutdown)
  bool in_flight_ = false;
  std::deque<Request> queue_;
  std::set<std::string> endpoints_;
  signaling::jingle::EndpointSourceSet feedback_;
  log::Logger log_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace meet::focus
