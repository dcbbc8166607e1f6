#include "bridge/conference.hpp"

#include "bridge/random_id.hpp"

namespace meet::bridge {
namespace colibri2 = signaling::colibri2;
namespace jingle = signaling::jingle;

Conference::Conference(std::string id, std::string meeting_id, std::string name)
    : id_(std::move(id)),
      meeting_id_(std::move(meeting_id)),
      name_(std::move(name)),
      created_(std::chrono::steady_clock::now()),
      feedback_audio_ssrc_(RandomSsrc()),
      feedback_video_ssrc_(RandomSsrc()) {
  while (feedback_video_ssrc_ == feedback_audio_ssrc_) feedback_video_ssrc_ = RandomSsrc();
}

Endpoint* Conference::FindEndpoint(const std::string& id) {
  auto it = endpoints_.find(id);
  return it == endpoints_.end() ? nullptr : it->second.get();
}

Endpoint& Conference::AddEndpoint(std::unique_ptr<Endpoint> endpoint) {
  Endpoint& ref = *endpoint;
  endpoints_[endpoint->id()] = std::move(endpoint);
  return ref;
}

bool Conference::RemoveEndpoint(const std::string& id) { return endpoints_.erase(id) > 0; }

colibri2::Sources Conference::FeedbackSources() const {
  auto make = [](jingle::MediaType type, const char* name, uint32_t ssrc) {
    colibri2::MediaSource ms;
    ms.type = type;
    ms.id = name;
    jingle::Source s;
    s.ssrc = ssrc;
    s.name = name;
    ms.sources.push_back(std::move(s));
    return ms;
  };
  colibri2::Sources sources;
  sources.media_sources.push_back(make(jingle::MediaType::kAudio, kFeedbackAudioName, feedback_audio_ssrc_));
  sources.media_sources.push_back(make(jingle::MediaType::kVideo, kFeedbackVideoName, feedback_video_ssrc_));
  return sources;
}

nlohmann::ordered_json Conference::DebugJson(bool with_endpoints) const {
  nlohmann::ordered_json j;
  j["id"] = id_;
  j["meeting-id"] = meeting_id_;
  j["name"] = name_;
  j["endpoint-count"] = endpoints_.size();
  j["age-ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - created_).count();
  if (with_endpoints) {
    nlohmann::ordered_json eps = nlohmann::ordered_json::object();
    for (const auto& [id, ep] : endpoints_) eps[id] = ep->DebugJson();
    j["endpoints"] = std::move(eps);
  }
  return j;
}

}  // namespace meet::bridge
