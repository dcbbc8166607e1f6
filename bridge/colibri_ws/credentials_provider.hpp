#pragma once
// How the colibri-ws server learns which (conference, endpoint) pairs exist and their
// WebSocket passwords. The bridge implements it from its conference state.

#include <optional>
#include <string>
#include <string_view>

namespace meet::bridge::colibri_ws {

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // The `pwd` the endpoint must present, or nullopt when the conference or the endpoint is
  // unknown. Called on the server's loop thread.
  virtual std::optional<std::string> ColibriWsPassword(std::string_view conference_id,
                                                       std::string_view endpoint_id) = 0;
};

}  // namespace meet::bridge::colibri_ws
