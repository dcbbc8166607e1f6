#pragma once
// The extensions of the focus's own MUC presence (jitsi-protocol.md 1.7, 6.4):
//   <conference-properties xmlns='http://jitsi.org/protocol/focus'>
//     <property key='support-terminate-restart' value='true'/>...</conference-properties>
//   <versions xmlns='http://jitsi.org/jitmeet'><component name='focus'>1.0</component></versions>
//   <etherpad xmlns='http://jitsi.org/jitmeet/etherpad'>name</etherpad>
//   <jibri-recording-status xmlns='http://jitsi.org/protocol/jibri' .../>
//   <bridgeNotAvailable xmlns='http://jitsi.org/protocol/focus'/>
// LJM honours these only from the focus occupant.

#include <gloox/tag.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "media/base/result.hpp"
#include "signaling/stanzas/property_list.hpp"
#include "signaling/stanzas/recording_status.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

struct FocusPresence {
  // Known conference-properties keys.
  static constexpr const char* kSupportTerminateRestart = "support-terminate-restart";
  static constexpr const char* kBridgeCount = "bridge-count";
  static constexpr const char* kVisitorsEnabled = "visitors-enabled";
  static constexpr const char* kVisitorCount = "visitor-count";
  static constexpr const char* kVisitorCodecs = "visitor-codecs";
  static constexpr const char* kAudioRecordingEnabled = "audio-recording-enabled";
  static constexpr const char* kAudioLimitReached = "audio-limit-reached";
  static constexpr const char* kVideoLimitReached = "video-limit-reached";
  static constexpr const char* kCreatedMs = "created-ms";
  static constexpr const char* kOctoEnabled = "octo-enabled";
  static constexpr size_t kMaxComponents = 16;

  PropertyList conference_properties;  // empty: not sent
  std::map<std::string, std::string> versions;  // component name -> version; empty: not sent
  std::optional<std::string> etherpad;
  std::optional<RecordingStatus> recording_status;
  bool bridge_not_available = false;

  std::optional<int64_t> BridgeCount() const { return conference_properties.GetInt(kBridgeCount); }
  std::optional<bool> VisitorsEnabled() const {
    return conference_properties.GetBool(kVisitorsEnabled);
  }

  // `presence` must be a <presence>.
  static Result<FocusPresence> Parse(const gloox::Tag& presence);
  void AppendTo(gloox::Tag& presence) const;
  xml::TagPtr ToTag() const;  // a <presence> with the extensions

  friend bool operator==(const FocusPresence&, const FocusPresence&) = default;
};

}  // namespace meet::signaling::stanzas
