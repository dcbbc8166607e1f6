#pragma once
// Endpoint: one participant of a conference as the bridge knows it from COLIBRI2: media
// descriptions (payload types, header extensions), current sources, force-mute, capabilities,
// initial last-n, and its transport (owned; see endpoint_transport.hpp). No media yet.

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bridge/endpoint_transport.hpp"
#include "signaling/colibri2/model.hpp"

namespace meet::bridge {

class Endpoint {
 public:
  Endpoint(std::string id, std::unique_ptr<EndpointTransport> transport,
           std::string websocket_password);

  // Applies the non-transport parts of a colibri2 <endpoint>: stats-id, muc-role, media
  // (payload types and header extensions are only added, as JVB does), the complete source
  // set (replaces; empty clears), force-mute, capabilities, initial-last-n.
  void Apply(const signaling::colibri2::Endpoint& update);

  const std::string& id() const { return id_; }
  const std::string& stats_id() const { return stats_id_; }
  const std::string& muc_role() const { return muc_role_; }
  const std::vector<signaling::colibri2::Media>& medias() const { return medias_; }
  const signaling::colibri2::Sources& sources() const { return sources_; }
  const signaling::colibri2::ForceMute& force_mute() const { return force_mute_; }
  const std::vector<std::string>& capabilities() const { return capabilities_; }
  std::optional<int32_t> initial_last_n() const { return initial_last_n_; }
  const std::string& websocket_password() const { return websocket_password_; }

  EndpointTransport& transport() { return *transport_; }
  const EndpointTransport& transport() const { return *transport_; }

  // For GET /debug/conferences/ID.
  nlohmann::ordered_json DebugJson() const;

 private:
  std::string id_;
  std::unique_ptr<EndpointTransport> transport_;
  std::string websocket_password_;
  std::string stats_id_;
  std::string muc_role_;
  std::vector<signaling::colibri2::Media> medias_;
  signaling::colibri2::Sources sources_;
  signaling::colibri2::ForceMute force_mute_;
  std::vector<std::string> capabilities_;
  std::optional<int32_t> initial_last_n_;
};

}  // namespace meet::bridge
