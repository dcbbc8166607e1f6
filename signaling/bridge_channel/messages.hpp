#pragma once
// Bridge-channel messages: the JSON objects exchanged between a browser client and the bridge
// (SCTP data channel or colibri-ws) and between bridges over a relay, one struct per
// "colibriClass" (jitsi-protocol.md section 4; JVB message/BridgeChannelMessage.kt).
// Field names in comments are the JSON names. Parse and Serialize live in message_codec.hpp.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "signaling/bridge_channel/video_constraints.hpp"
#include "signaling/bridge_channel/video_type.hpp"

namespace meet::signaling::bridge_channel {

// Free-form JSON kept as received (insertion order preserved, like JVB's otherFields map).
using Json = nlohmann::ordered_json;

// ---- client -> bridge ------------------------------------------------------------------

// "ClientHello": no fields; the bridge answers with ServerHello.
struct ClientHello {
  bool operator==(const ClientHello&) const = default;
};

// "ReceiverVideoConstraints": every field optional; only present ones change state
// (see ReceiverVideoState).
struct ReceiverVideoConstraints {
  std::optional<int32_t> last_n;                                  // lastN, -1 = unlimited
  std::optional<std::vector<std::string>> selected_sources;       // selectedSources
  std::optional<std::vector<std::string>> on_stage_sources;       // onStageSources
  std::optional<VideoConstraints> default_constraints;            // defaultConstraints
  std::optional<std::map<std::string, VideoConstraints>> constraints;  // constraints {source: {...}}
  std::optional<int64_t> assumed_bandwidth_bps;                   // assumedBandwidthBps
  bool operator==(const ReceiverVideoConstraints&) const = default;
};

// "SourceVideoTypeMessage": the video type of one of the sender's sources. The bridge adds
// endpointId when forwarding it to relays.
struct SourceVideoTypeMessage {
  std::string source_name;                 // sourceName
  VideoType video_type = VideoType::kCamera;  // videoType
  std::optional<std::string> endpoint_id;  // endpointId (relays only)
  bool operator==(const SourceVideoTypeMessage&) const = default;
};

// "VideoTypeMessage": deprecated single-source form of SourceVideoTypeMessage.
struct VideoTypeMessage {
  VideoType video_type = VideoType::kCamera;  // videoType
  std::optional<std::string> endpoint_id;     // endpointId
  bool operator==(const VideoTypeMessage&) const = default;
};

// "EndpointMessage": an application message routed by the bridge to `to` (blank = everyone).
// The bridge overwrites `from` (anti-spoofing). Unknown fields are kept in other_fields.
struct EndpointMessage {
  std::string to;                     // to ("" = broadcast)
  std::optional<std::string> from;    // from
  std::optional<Json> msg_payload;    // msgPayload, always a JSON object when present
  Json other_fields = Json::object(); // every other field, in received order
  // Kotlin's isBlank(): empty or only whitespace.
  bool IsBroadcast() const;
  bool operator==(const EndpointMessage&) const = default;
};

// "EndpointStats": free-form connection statistics of the sender (bitrate, packetLoss,
// connectionQuality, jvbRTT, maxEnabledResolution, serverRegion, ...); the bridge sets from.
struct EndpointStats {
  std::optional<std::string> from;     // from
  Json other_fields = Json::object();  // every other field, in received order
  bool operator==(const EndpointStats&) const = default;
};

// "LastNChangedEvent": legacy last-N setter.
struct LastNChangedEvent {
  int32_t last_n = -1;  // lastN
  bool operator==(const LastNChangedEvent&) const = default;
};

// "ReceiverAudioSubscription", normalised to the current form. The legacy form
// {"mode": "All"|"None"|"Include"|"Exclude", "list": [...]} parses into it (All -> all,
// None -> nothing, Include -> include=list, Exclude -> all + exclude=list); output is always the
// current form {"all", "include", "exclude"}.
struct ReceiverAudioSubscription {
  bool all = false;                  // all: default for sources not named below
  std::vector<std::string> include;  // include: always received (only way to get synthetic ones)
  std::vector<std::string> exclude;  // exclude: never received; wins over all/include
  bool operator==(const ReceiverAudioSubscription&) const = default;
};

// ---- bridge -> client ------------------------------------------------------------------

// "ServerHello".
struct ServerHello {
  std::optional<std::string> version;  // version
  bool operator==(const ServerHello&) const = default;
};

// "DominantSpeakerEndpointChangeEvent".
struct DominantSpeakerEndpointChangeEvent {
  std::string dominant_speaker_endpoint;                    // dominantSpeakerEndpoint
  std::optional<std::vector<std::string>> previous_speakers;  // previousSpeakers, most recent first
  bool silence = false;                                     // silence
  bool operator==(const DominantSpeakerEndpointChangeEvent&) const = default;
};

// "ForwardedSources": the source names currently forwarded to the receiver.
struct ForwardedSources {
  std::vector<std::string> forwarded_sources;  // forwardedSources
  bool operator==(const ForwardedSources&) const = default;
};

// "SenderSourceConstraints": the highest resolution any receiver wants of a sender's source.
struct SenderSourceConstraints {
  std::string source_name;  // sourceName
  int32_t max_height = 0;   // maxHeight
  bool operator==(const SenderSourceConstraints&) const = default;
};

// "EndpointConnectivityStatusChangeEvent"; active travels as the STRING "true"/"false".
struct EndpointConnectivityStatusChangeEvent {
  std::string endpoint;  // endpoint
  bool active = false;   // active
  bool operator==(const EndpointConnectivityStatusChangeEvent&) const = default;
};

// "ConnectionStats".
struct ConnectionStats {
  int64_t estimated_downlink_bandwidth = 0;  // estimatedDownlinkBandwidth (bps)
  bool operator==(const ConnectionStats&) const = default;
};

// One entry of VideoSourcesMap.mappedSources (SSRC-rewriting mode).
struct VideoSourceMapping {
  std::string source;                // source
  std::optional<std::string> owner;  // owner (JSON null when absent)
  int64_t ssrc = 0;                  // ssrc
  int64_t rtx = 0;                   // rtx, always a number (LJM always makes a FID group)
  VideoType video_type = VideoType::kCamera;  // videoType, serialised as the enum name
  std::optional<std::string> mid;    // mid (mid-based demuxing only)
  bool operator==(const VideoSourceMapping&) const = default;
};

// "VideoSourcesMap".
struct VideoSourcesMap {
  std::vector<VideoSourceMapping> mapped_sources;  // mappedSources
  bool operator==(const VideoSourcesMap&) const = default;
};

// One entry of AudioSourcesMap.mappedSources.
struct AudioSourceMapping {
  std::string source;                // source
  std::optional<std::string> owner;  // owner (JSON null when absent)
  int64_t ssrc = 0;                  // ssrc
  std::optional<std::string> mid;    // mid
  bool operator==(const AudioSourceMapping&) const = default;
};

// "AudioSourcesMap".
struct AudioSourcesMap {
  std::vector<AudioSourceMapping> mapped_sources;  // mappedSources
  bool operator==(const AudioSourcesMap&) const = default;
};

// "SyntheticSourceSendingChangeEvent": a synthetic (e.g. translated audio) source started or
// stopped sending at an RTP timestamp of its own clock.
struct SyntheticSourceSendingChangeEvent {
  std::string source_name;  // sourceName
  bool sending = false;     // sending
  uint32_t timestamp = 0;   // timestamp, 0..2^32-1
  bool operator==(const SyntheticSourceSendingChangeEvent&) const = default;
};

// ---- bridge -> bridge (relay) ----------------------------------------------------------

// "AddReceiver": the sending bridge wants this source with these constraints.
struct AddReceiver {
  std::string bridge_id;                 // bridgeId
  std::string source_name;               // sourceName
  VideoConstraints video_constraints;    // videoConstraints
  bool operator==(const AddReceiver&) const = default;
};

// "RemoveReceiver".
struct RemoveReceiver {
  std::string bridge_id;    // bridgeId
  std::string endpoint_id;  // endpointId
  bool operator==(const RemoveReceiver&) const = default;
};

using Message =
    std::variant<ClientHello, ServerHello, ReceiverVideoConstraints, SourceVideoTypeMessage,
                 VideoTypeMessage, EndpointMessage, EndpointStats, LastNChangedEvent,
                 ReceiverAudioSubscription, DominantSpeakerEndpointChangeEvent, ForwardedSources,
                 SenderSourceConstraints, EndpointConnectivityStatusChangeEvent, ConnectionStats,
                 VideoSourcesMap, AudioSourcesMap, SyntheticSourceSendingChangeEvent, AddReceiver,
                 RemoveReceiver>;

// The "colibriClass" value of a message ("ReceiverVideoConstraints", ...).
std::string_view ColibriClass(const Message& message);

}  // namespace meet::signaling::bridge_channel
