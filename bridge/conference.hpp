#pragma once
// Conference: one meeting on this bridge, keyed by the focus's meeting-id, with the bridge's
// own random hex id (used in web-socket URLs), its endpoints and its feedback sources
// (jvb-a0 / jvb-v0 with SSRCs chosen at creation, announced to the focus).

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "bridge/endpoint.hpp"
#include "signaling/colibri2/model.hpp"

namespace meet::bridge {

class Conference {
 public:
  static constexpr const char* kFeedbackAudioName = "jvb-a0";
  static constexpr const char* kFeedbackVideoName = "jvb-v0";

  Conference(std::string id, std::string meeting_id, std::string name);

  const std::string& id() const { return id_; }
  const std::string& meeting_id() const { return meeting_id_; }
  const std::string& name() const { return name_; }
  std::chrono::steady_clock::time_point created() const { return created_; }

  Endpoint* FindEndpoint(const std::string& id);
  // Takes ownership; replaces nothing (the caller checks FindEndpoint first).
  Endpoint& AddEndpoint(std::unique_ptr<Endpoint> endpoint);
  // True when it existed.
  bool RemoveEndpoint(const std::string& id);
  size_t endpoint_count() const { return endpoints_.size(); }
  const std::map<std::string, std::unique_ptr<Endpoint>>& endpoints() const { return endpoints_; }

  // <sources> with the two feedback media-sources (same SSRCs for the conference's life).
  signaling::colibri2::Sources FeedbackSources() const;
  uint32_t feedback_audio_ssrc() const { return feedback_audio_ssrc_; }
  uint32_t feedback_video_ssrc() const { return feedback_video_ssrc_; }

  nlohmann::ordered_json DebugJson(bool with_endpoints) const;

 private:
  std::string id_;
  std::string meeting_id_;
  std::string name_;
  std::chrono::steady_clock::time_point created_;
  uint32_t feedback_audio_ssrc_;
  uint32_t feedback_video_ssrc_;
  std::map<std::string, std::unique_ptr<Endpoint>> endpoints_;
};

}  // namespace meet::bridge
