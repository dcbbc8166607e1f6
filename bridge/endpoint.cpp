#include "bridge/endpoint.hpp"

#include <algorithm>

namespace meet::bridge {
namespace colibri2 = signaling::colibri2;

Endpoint::Endpoint(std::string id, std::unique_ptr<EndpointTransport> transport,
                   std::string websocket_password)
    : id_(std::move(id)),
      transport_(std::move(transport)),
      websocket_password_(std::move(websocket_password)) {}

void Endpoint::Apply(const colibri2::Endpoint& update) {
  if (!update.stats_id.empty()) stats_id_ = update.stats_id;
  if (!update.muc_role.empty()) muc_role_ = update.muc_role;
  for (const colibri2::Media& media : update.medias) {
    auto it = std::find_if(medias_.begin(), medias_.end(),
                           [&](const colibri2::Media& m) { return m.type == media.type; });
    if (it == medias_.end()) {
      medias_.push_back(media);
      continue;
    }
    // Only add: payload types by id, header extensions by id.
    for (const auto& pt : media.payload_types) {
      const bool known = std::any_of(it->payload_types.begin(), it->payload_types.end(),
                                     [&](const auto& p) { return p.id == pt.id; });
      if (!known) it->payload_types.push_back(pt);
    }
    for (const auto& ext : media.header_extensions) {
      const bool known = std::any_of(it->header_extensions.begin(), it->header_extensions.end(),
                                     [&](const auto& e) { return e.id == ext.id; });
      if (!known) it->header_extensions.push_back(ext);
    }
    it->extmap_allow_mixed = it->extmap_allow_mixed || media.extmap_allow_mixed;
  }
  if (update.sources) sources_ = *update.sources;
  if (update.force_mute) force_mute_ = *update.force_mute;
  for (const std::string& cap : update.capabilities) {
    if (std::find(capabilities_.begin(), capabilities_.end(), cap) == capabilities_.end()) {
      capabilities_.push_back(cap);
    }
  }
  if (update.initial_last_n) initial_last_n_ = update.initial_last_n;
}

nlohmann::ordered_json Endpoint::DebugJson() const {
  nlohmann::ordered_json j;
  j["id"] = id_;
  j["stats-id"] = stats_id_;
  if (!muc_role_.empty()) j["muc-role"] = muc_role_;
  j["capabilities"] = capabilities_;
  nlohmann::ordered_json medias = nlohmann::ordered_json::array();
  for (const auto& m : medias_) {
    medias.push_back({{"type", std::string(signaling::jingle::ToString(m.type))},
                      {"payload-types", m.payload_types.size()},
                      {"rtp-hdrexts", m.header_extensions.size()}});
  }
  j["medias"] = std::move(medias);
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (const auto& ms : sources_.media_sources) {
    nlohmann::ordered_json ssrcs = nlohmann::ordered_json::array();
    for (const auto& s : ms.sources) ssrcs.push_back(s.ssrc);
    sources.push_back({{"id", ms.id},
                       {"type", std::string(signaling::jingle::ToString(ms.type))},
                       {"ssrcs", std::move(ssrcs)}});
  }
  j["sources"] = std::move(sources);
  j["force-mute"] = {{"audio", force_mute_.audio}, {"video", force_mute_.video}};
  if (initial_last_n_) j["initial-last-n"] = *initial_last_n_;
  j["sctp"] = transport_->sctp_enabled();
  return j;
}

}  // namespace meet::bridge
