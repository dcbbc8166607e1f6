#pragma once
// One conference: the focus in the MUC room (created and configured as owner), its members
// (from MUC presence), auto-owner, and the per-participant Jingle sessions backed by a
// COLIBRI2 allocation on one bridge (jitsi-protocol.md sections 1.7-1.9, 2 and 3).
// Runs on the focus loop thread.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "focus/bridge_selector.hpp"
#include "focus/colibri_session.hpp"
#include "focus/focus_config.hpp"
#include "focus/participant.hpp"
#include "focus/source_validator.hpp"
#include "focus/stanza_sender.hpp"
#include "media/base/log.hpp"
#include "media/base/result.hpp"
#include "media/loop/timer.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/jingle/jingle.hpp"

namespace meet::focus {

class Conference {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // The conference is over (room left). Do not destroy it from inside this call.
    virtual void OnConferenceEnded(Conference& conference) = 0;
  };
  using ReadyCallback = std::function<void(Status)>;

  Conference(media::loop::EventLoop& loop, StanzaSender& sender, BridgeSelector& bridges,
             const FocusConfig& config, signaling::Jid room, Listener* listener);
  ~Conference();
  Conference(const Conference&) = delete;
  Conference& operator=(const Conference&) = delete;

  // Joins the room; `callback` runs once the room is joined and configured (or failed).
  void Start();
  // Calls `callback` when the room is ready (at once when it already is).
  void WhenReady(ReadyCallback callback);
  bool ready() const { return joined_ && configured_; }
  bool ended() const { return ended_; }

  // A presence from the room (from = room@muc/nick).
  void OnPresence(const gloox::Tag& presence);
  // An IQ get/set from an occupant of the room (Jingle, mute). Returns false if not for us.
  bool OnIq(const gloox::Tag& iq);
  // A bridge became available: invite members that were waiting for one.
  void OnBridgesChanged();
  // A bridge left the brewery.
  void OnBridgeRemoved(const std::string& bridge_jid);
  // Ends the conference: expires it on the bridge and leaves the room.
  void Stop(const std::string& why);

  const signaling::Jid& room() const { return room_; }
  const std::string& meeting_id() const { return meeting_id_; }
  size_t participant_count() const { return participants_.size(); }
  const Participant* FindParticipant(const std::string& nick) const;
  nlohmann::json DebugState() const;

 private:
  void SendJoinPresence();
  void OnSelfPresence(const gloox::Tag& presence);
  void Configure();
  void FetchRoomInfo();
  void FinishReady(Status status);

  void OnMemberPresence(const std::string& nick, const gloox::Tag& presence);
  void OnMemberLeft(const std::string& nick);
  void DiscoverFeatures(Participant& p);
  void ElectOwner();
  void UpdateSingleParticipantTimer();

  void MaybeInviteAll();
  bool EnsureColibri();
  void Invite(Participant& p);
  void OnAllocated(const std::string& nick, uint64_t generation,
                   Result<ColibriSession::Allocation> allocation);

  void HandleJingle(const gloox::Tag& iq, Participant& p, const signaling::jingle::Jingle& jingle);
  void OnSessionAccept(const gloox::Tag& iq, Participant& p, const signaling::jingle::Jingle& j);
  void OnSourceAdd(const gloox::Tag& iq, Participant& p, const signaling::jingle::Jingle& j);
  void OnSourceRemove(const gloox::Tag& iq, Participant& p, const signaling::jingle::Jingle& j);
  void OnTransportInfo(const gloox::Tag& iq, Participant& p, const signaling::jingle::Jingle& j);
  void OnSessionTerminate(const gloox::Tag& iq, Participant& p, const signaling::jingle::Jingle& j);
  void HandleMute(const gloox::Tag& iq, Participant& requester);

  // Removes the participant's sources; with `notify`, sends source-remove to the others.
  void RemoveSources(Participant& p, bool notify);
  void EndSession(Participant& p);
  void PropagateAdd(const Participant& from, const signaling::jingle::EndpointSourceSet& added);
  void PropagateRemove(const Participant& from, const signaling::jingle::EndpointSourceSet& removed);
  void SendSourceChange(const Participant& to, signaling::jingle::JingleAction action,
                        const signaling::jingle::SourceMap& sources);
  void FlushQueued(Participant& p);
  void SendSessionTerminate(Participant& p, const std::string& condition, const std::string& text);
  void SendColibriSources(const Participant& p);

  media::loop::EventLoop& loop_;  // Not owned; outlives this.
  StanzaSender& sender_;          // Not owned; outlives this.
  BridgeSelector& bridges_;       // Not owned; outlives this.
  const FocusConfig& config_;     // Not owned; outlives this.
  signaling::Jid room_;
  Listener* listener_;            // Not owned; outlives this.
  std::string focus_occupant_;    // room@muc/focus
  std::string meeting_id_;
  bool joined_ = false;
  bool configured_ = false;
  bool ended_ = false;
  bool join_failed_ = false;
  std::vector<ReadyCallback> ready_callbacks_;
  std::map<std::string, Participant> participants_;  // by nick
  uint64_t next_join_order_ = 0;
  signaling::jingle::SourceMap sources_;              // conference source map, by owner
  SourceValidator validator_;
  std::unique_ptr<ColibriSession> colibri_;
  media::loop::Timer single_participant_timer_;
  log::Logger log_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace meet::focus
