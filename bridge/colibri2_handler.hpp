#pragma once
// Colibri2Handler: THE one implementation of COLIBRI2 on the bridge, used by both the XMPP
// front end (XmppControl) and the HTTP one (HttpApi). It applies a conference-modify to the
// ConferenceManager and produces a conference-modified or a Colibri2Error (jitsi-protocol.md
// 3.1-3.4):
//   * structural errors and ValidateForBridge violations -> bad-request /
//     feature-not-implemented;
//   * create for a known meeting-id -> conflict + conference_already_exists; create during
//     graceful shutdown -> service-unavailable + graceful_shutdown; anything else for an
//     unknown meeting-id -> item-not-found + conference_not_found;
//   * expire='true' tears the conference down;
//   * endpoint create: transport from the TransportFactory, answer with the bridge's ICE-UDP
//     transport (ufrag, pwd, candidates, fingerprint, rtcp-mux, web-socket URL
//     <public-ws-url>/colibri-ws/<bridge-id>/<conference-id>/<endpoint-id>?pwd=<24 chars>) and,
//     when asked, <sctp port='5000' role='server'/>; duplicate id -> conflict;
//   * endpoint update: unknown id -> item-not-found + unknown_endpoint; ICE restart answers a
//     new transport; expire removes (an unknown id is ignored);
//   * the feedback sources (jvb-a0 / jvb-v0) in answers to conference or endpoint creation;
//   * a non-create request that leaves a conference without endpoints expires it (as JVB).
// Relays are not supported yet (feature-not-implemented).
//
// Runs on the control thread; requests are handled one at a time, so per-conference requests
// are serial. When endpoints move to media workers, Handle() becomes the place that posts to
// the conference's worker and answers asynchronously.

#include <gloox/tag.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "bridge/colibri2_outcome.hpp"
#include "bridge/conference_manager.hpp"
#include "bridge/transport_factory.hpp"
#include "signaling/colibri2/model.hpp"

namespace meet::bridge {

struct Colibri2HandlerConfig {
  std::string bridge_id = "jvb-1";
  // Base of web-socket URLs, e.g. "wss://meet.example.com" or "ws://127.0.0.1:9090"; "" = no
  // <web-socket> in answers.
  std::string public_ws_url;
  bool sctp_enabled = true;
};

class Colibri2Handler {
 public:
  static constexpr size_t kWebSocketPasswordLength = 24;

  Colibri2Handler(ConferenceManager& conferences, TransportFactory& transports,
                  Colibri2HandlerConfig config);

  // Validates (ValidateForBridge) and applies one request.
  Colibri2Outcome Handle(const signaling::colibri2::ConferenceModify& request);
  // <conference-modify> (or an <iq> around it): parse, then Handle.
  Colibri2Outcome HandleXml(const gloox::Tag& tag);
  // The JSON form of the HTTP API: parse, then Handle.
  Colibri2Outcome HandleJson(std::string_view body);

  const Colibri2HandlerConfig& config() const { return config_; }
  uint64_t requests() const { return requests_; }
  uint64_t failures() const { return failures_; }

 private:
  Colibri2Outcome Apply(const signaling::colibri2::ConferenceModify& request);
  // Fills `answer` for one endpoint; returns an error to abort the request.
  std::optional<signaling::colibri2::Colibri2Error> ApplyEndpoint(
      Conference& conference, const signaling::colibri2::Endpoint& request,
      signaling::colibri2::ConferenceModified& answer, bool& created);
  std::string WebSocketUrl(const Conference& conference, const Endpoint& endpoint) const;
  signaling::colibri2::Transport AnswerTransport(const Conference& conference,
                                                 const Endpoint& endpoint) const;

  ConferenceManager& conferences_;
  TransportFactory& transports_;
  Colibri2HandlerConfig config_;
  uint64_t requests_ = 0;
  uint64_t failures_ = 0;
};

}  // namespace meet::bridge
