#pragma once
// One member of a conference room as the focus tracks it: MUC identity and presence, client
// features, and its Jingle session with the bridge.

#include <cstdint>
#include <string>

#include "focus/participant_features.hpp"
#include "focus/source_change_queue.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/jingle/source_map.hpp"
#include "signaling/stanzas/participant_presence.hpp"

namespace meet::focus {

struct Participant {
  enum class SessionState {
    kNone,        // not invited (or session ended)
    kAllocating,  // waiting for the bridge's endpoint allocation
    kPending,     // session-initiate sent, no session-accept yet
    kActive,      // session-accept received
  };

  std::string nick;              // endpoint id
  signaling::Jid occupant_jid;   // room@muc/nick
  signaling::Jid real_jid;
  signaling::stanzas::ParticipantPresence presence;
  signaling::stanzas::Role role = signaling::stanzas::Role::kParticipant;
  signaling::stanzas::Affiliation affiliation = signaling::stanzas::Affiliation::kNone;
  bool owner_granted = false;    // the focus asked for owner affiliation
  uint64_t join_order = 0;

  ParticipantFeatures features;
  bool features_known = false;   // disco#info answered or timed out

  SessionState state = SessionState::kNone;
  std::string sid;
  uint64_t invite_generation = 0;  // drops answers for an older invite
  signaling::jingle::EndpointSourceSet sources;
  SourceChangeQueue queued;      // remote source changes held back while kPending

  bool IsModerator() const { return role == signaling::stanzas::Role::kModerator; }
  bool IsSpecial() const {       // jibri / jigasi / transcriber are never auto-owners
    using P = signaling::stanzas::ParticipantPresence;
    return presence.HasFeature(P::kJibriFeature) || presence.HasFeature(P::kJigasiFeature) ||
           presence.HasFeature(P::kTranscriberFeature);
  }
};

std::string_view ToString(Participant::SessionState state);

}  // namespace meet::focus
