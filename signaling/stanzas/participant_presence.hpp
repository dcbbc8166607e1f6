#pragma once
// The extensions a Jitsi Meet client puts in its MUC presence (jitsi-protocol.md 1.6), plus the
// muc#user occupant info the MUC service adds:
//   <presence to|from='room@muc/1a2b3c4d'>
//     <x xmlns='http://jabber.org/protocol/muc'/>                 (initial join only)
//     <stats-id>Name-xyz</stats-id>
//     <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://jitsi.org/jitsi-meet' ver='...'/>
//     <features><feature var='https://jitsi.org/meet/e2ee'/></features>
//     <SourceInfo>{"1a2b3c4d-a0":{"muted":false}}</SourceInfo>
//     <jitsi_participant_codecList>av1,vp9,vp8,h264</jitsi_participant_codecList>
//     <jitsi_participant_region>eu-west</jitsi_participant_region>
//     <jitsi_participant_e2ee.enabled>false</jitsi_participant_e2ee.enabled>
//     <nick xmlns='http://jabber.org/protocol/nick'>Alice</nick>
//     <silent xmlns='http://jitsi.org/protocol/silent'>false</silent>
//     <startmuted xmlns='http://jitsi.org/jitmeet/start-muted' audio='true' video='false'/>
//     <audiomuted>true</audiomuted> <videomuted>false</videomuted> <videoType>camera</videoType>  (legacy)
//     <x xmlns='http://jabber.org/protocol/muc#user'><item .../><status code='110'/></x>
//   </presence>

#include <gloox/tag.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"
#include "signaling/stanzas/occupant_info.hpp"
#include "signaling/stanzas/source_info.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

// XEP-0115 entity capabilities.
struct Caps {
  std::string hash = "sha-1";
  std::string node;
  std::string ver;

  friend bool operator==(const Caps&, const Caps&) = default;
};

struct StartMuted {
  std::optional<bool> audio;
  std::optional<bool> video;

  friend bool operator==(const StartMuted&, const StartMuted&) = default;
};

struct ParticipantPresence {
  static constexpr const char* kParticipantPrefix = "jitsi_participant_";
  static constexpr size_t kMaxFeatures = 128;
  static constexpr size_t kMaxCodecs = 16;
  static constexpr size_t kMaxProperties = 64;
  // Feature vars of the special clients (honoured by the focus only for trusted domains).
  static constexpr const char* kJibriFeature = "http://jitsi.org/protocol/jibri";
  static constexpr const char* kJigasiFeature = "http://jitsi.org/protocol/jigasi";
  static constexpr const char* kTranscriberFeature = "http://jitsi.org/protocol/transcriber";

  bool muc_join = false;  // carries <x xmlns='http://jabber.org/protocol/muc'/>
  std::optional<std::string> stats_id;
  std::optional<Caps> caps;
  std::vector<std::string> features;
  std::optional<SourceInfo> source_info;
  // Lower-case codec names in preference order (jitsi_participant_codecList, or the older
  // jitsi_participant_codecType); empty when not announced.
  std::vector<std::string> codecs;
  std::optional<std::string> region;
  // Other jitsi_participant_<name> elements, keyed by <name> (e.g. "e2ee.enabled").
  std::map<std::string, std::string> participant_properties;
  std::optional<std::string> nick;  // display name
  std::optional<bool> silent;
  std::optional<StartMuted> start_muted;
  // Legacy elements (old clients, jigasi).
  std::optional<bool> audio_muted;
  std::optional<bool> video_muted;
  std::optional<std::string> video_type;
  std::optional<OccupantInfo> occupant;

  bool HasFeature(std::string_view var) const;
  // Mute state as Jicofo derives it: from SourceInfo, else from the legacy elements.
  std::optional<bool> IsAudioMuted() const;
  std::optional<bool> IsVideoMuted() const;

  // `presence` must be a <presence>. With `occupant_nick` (the sender's MUC nick), SourceInfo
  // entries of other owners are dropped into source_info->rejected.
  static Result<ParticipantPresence> Parse(const gloox::Tag& presence,
                                           std::string_view occupant_nick = {});
  // Appends the extensions (not the muc#user occupant info, which the MUC service adds,
  // unless `with_occupant`) to a presence stanza.
  void AppendTo(gloox::Tag& presence, bool with_occupant = false) const;
  // A <presence> holding every extension, occupant info included.
  xml::TagPtr ToTag() const;

  friend bool operator==(const ParticipantPresence&, const ParticipantPresence&) = default;
};

}  // namespace meet::signaling::stanzas
