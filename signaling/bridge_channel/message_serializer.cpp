// ToJson()/Serialize(): Message -> JSON with JVB's field names and types.

#include <string>
#include <type_traits>
#include <variant>

#include "signaling/bridge_channel/message_codec.hpp"

namespace meet::signaling::bridge_channel {
namespace {

template <typename T>
struct ClassName;
#define MEET_BRIDGE_CHANNEL_CLASS(Type, Name) \
  template <>                                 \
  struct ClassName<Type> {                    \
    static constexpr std::string_view kValue = Name; \
  };
MEET_BRIDGE_CHANNEL_CLASS(ClientHello, "ClientHello")
MEET_BRIDGE_CHANNEL_CLASS(ServerHello, "ServerHello")
MEET_BRIDGE_CHANNEL_CLASS(ReceiverVideoConstraints, "ReceiverVideoConstraints")
MEET_BRIDGE_CHANNEL_CLASS(SourceVideoTypeMessage, "SourceVideoTypeMessage")
MEET_BRIDGE_CHANNEL_CLASS(VideoTypeMessage, "VideoTypeMessage")
MEET_BRIDGE_CHANNEL_CLASS(EndpointMessage, "EndpointMessage")
MEET_BRIDGE_CHANNEL_CLASS(EndpointStats, "EndpointStats")
MEET_BRIDGE_CHANNEL_CLASS(LastNChangedEvent, "LastNChangedEvent")
MEET_BRIDGE_CHANNEL_CLASS(ReceiverAudioSubscription, "ReceiverAudioSubscription")
MEET_BRIDGE_CHANNEL_CLASS(DominantSpeakerEndpointChangeEvent, "DominantSpeakerEndpointChangeEvent")
MEET_BRIDGE_CHANNEL_CLASS(ForwardedSources, "ForwardedSources")
MEET_BRIDGE_CHANNEL_CLASS(SenderSourceConstraints, "SenderSourceConstraints")
MEET_BRIDGE_CHANNEL_CLASS(EndpointConnectivityStatusChangeEvent,
                          "EndpointConnectivityStatusChangeEvent")
MEET_BRIDGE_CHANNEL_CLASS(ConnectionStats, "ConnectionStats")
MEET_BRIDGE_CHANNEL_CLASS(VideoSourcesMap, "VideoSourcesMap")
MEET_BRIDGE_CHANNEL_CLASS(AudioSourcesMap, "AudioSourcesMap")
MEET_BRIDGE_CHANNEL_CLASS(SyntheticSourceSendingChangeEvent, "SyntheticSourceSendingChangeEvent")
MEET_BRIDGE_CHANNEL_CLASS(AddReceiver, "AddReceiver")
MEET_BRIDGE_CHANNEL_CLASS(RemoveReceiver, "RemoveReceiver")
#undef MEET_BRIDGE_CHANNEL_CLASS

Json StringList(const std::vector<std::string>& list) {
  Json out = Json::array();
  for (const auto& s : list) out.push_back(s);
  return out;
}

Json Constraints(const VideoConstraints& c) {
  Json out = Json::object();
  out["maxHeight"] = c.max_height;
  if (c.FrameRateIsLimited()) out["maxFrameRate"] = c.max_frame_rate;
  return out;
}

Json OptionalString(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

// Copies free-form fields, never letting them shadow the typed ones.
void AppendOther(Json& out, const Json& other) {
  if (!other.is_object()) return;
  for (auto it = other.begin(); it != other.end(); ++it) {
    if (out.contains(it.key())) continue;
    out[it.key()] = it.value();
  }
}

void Fill(Json&, const ClientHello&) {}
void Fill(Json& j, const ServerHello& m) {
  if (m.version) j["version"] = *m.version;
}
void Fill(Json& j, const ReceiverVideoConstraints& m) {
  if (m.last_n) j["lastN"] = *m.last_n;
  if (m.selected_sources) j["selectedSources"] = StringList(*m.selected_sources);
  if (m.on_stage_sources) j["onStageSources"] = StringList(*m.on_stage_sources);
  if (m.default_constraints) j["defaultConstraints"] = Constraints(*m.default_constraints);
  if (m.constraints) {
    Json map = Json::object();
    for (const auto& [source, c] : *m.constraints) map[source] = Constraints(c);
    j["constraints"] = std::move(map);
  }
  if (m.assumed_bandwidth_bps) j["assumedBandwidthBps"] = *m.assumed_bandwidth_bps;
}
void Fill(Json& j, const SourceVideoTypeMessage& m) {
  j["sourceName"] = m.source_name;
  j["videoType"] = VideoTypeName(m.video_type);
  if (m.endpoint_id) j["endpointId"] = *m.endpoint_id;
}
void Fill(Json& j, const VideoTypeMessage& m) {
  j["videoType"] = VideoTypeName(m.video_type);
  if (m.endpoint_id) j["endpointId"] = *m.endpoint_id;
}
void Fill(Json& j, const EndpointMessage& m) {
  if (m.from) j["from"] = *m.from;
  j["to"] = m.to;
  if (m.msg_payload) j["msgPayload"] = *m.msg_payload;
  AppendOther(j, m.other_fields);
}
void Fill(Json& j, const EndpointStats& m) {
  if (m.from) j["from"] = *m.from;
  AppendOther(j, m.other_fields);
}
void Fill(Json& j, const LastNChangedEvent& m) { j["lastN"] = m.last_n; }
void Fill(Json& j, const ReceiverAudioSubscription& m) {
  j["all"] = m.all;
  j["include"] = StringList(m.include);
  j["exclude"] = StringList(m.exclude);
}
void Fill(Json& j, const DominantSpeakerEndpointChangeEvent& m) {
  j["dominantSpeakerEndpoint"] = m.dominant_speaker_endpoint;
  if (m.previous_speakers) j["previousSpeakers"] = StringList(*m.previous_speakers);
  j["silence"] = m.silence;
}
void Fill(Json& j, const ForwardedSources& m) {
  j["forwardedSources"] = StringList(m.forwarded_sources);
}
void Fill(Json& j, const SenderSourceConstraints& m) {
  j["sourceName"] = m.source_name;
  j["maxHeight"] = m.max_height;
}
void Fill(Json& j, const EndpointConnectivityStatusChangeEvent& m) {
  j["endpoint"] = m.endpoint;
  j["active"] = m.active ? "true" : "false";
}
void Fill(Json& j, const ConnectionStats& m) {
  j["estimatedDownlinkBandwidth"] = m.estimated_downlink_bandwidth;
}
void Fill(Json& j, const VideoSourcesMap& m) {
  Json list = Json::array();
  for (const auto& s : m.mapped_sources) {
    Json e = Json::object();
    e["source"] = s.source;
    e["owner"] = OptionalString(s.owner);
    e["ssrc"] = s.ssrc;
    e["rtx"] = s.rtx;
    e["videoType"] = VideoTypeName(s.video_type);
    if (s.mid) e["mid"] = *s.mid;
    list.push_back(std::move(e));
  }
  j["mappedSources"] = std::move(list);
}
void Fill(Json& j, const AudioSourcesMap& m) {
  Json list = Json::array();
  for (const auto& s : m.mapped_sources) {
    Json e = Json::object();
    e["source"] = s.source;
    e["owner"] = OptionalString(s.owner);
    e["ssrc"] = s.ssrc;
    if (s.mid) e["mid"] = *s.mid;
    list.push_back(std::move(e));
  }
  j["mappedSources"] = std::move(list);
}
void Fill(Json& j, const SyntheticSourceSendingChangeEvent& m) {
  j["sourceName"] = m.source_name;
  j["sending"] = m.sending;
  j["timestamp"] = m.timestamp;
}
void Fill(Json& j, const AddReceiver& m) {
  j["bridgeId"] = m.bridge_id;
  j["sourceName"] = m.source_name;
  j["videoConstraints"] = Constraints(m.video_constraints);
}
void Fill(Json& j, const RemoveReceiver& m) {
  j["bridgeId"] = m.bridge_id;
  j["endpointId"] = m.endpoint_id;
}

}  // namespace

bool EndpointMessage::IsBroadcast() const {
  for (char c : to) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

std::string_view ColibriClass(const Message& message) {
  return std::visit(
      [](const auto& m) { return ClassName<std::decay_t<decltype(m)>>::kValue; }, message);
}

Json ToJson(const Message& message) {
  Json out = Json::object();
  out["colibriClass"] = ColibriClass(message);
  std::visit([&out](const auto& m) { Fill(out, m); }, message);
  return out;
}

std::string Serialize(const Message& message) {
  try {
    return ToJson(message).dump(-1, ' ', /*ensure_ascii=*/false,
                                Json::error_handler_t::replace);
  } catch (const std::exception&) {  // allocation failure only
    return {};
  }
}

}  // namespace meet::signaling::bridge_channel
