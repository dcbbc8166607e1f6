#include "bridge/colibri2_handler.hpp"

#include "bridge/random_id.hpp"
#include "media/base/log.hpp"
#include "signaling/colibri2/bridge_validation.hpp"
#include "signaling/colibri2/colibri2_json.hpp"
#include "signaling/colibri2/colibri2_xml.hpp"
#include "signaling/jid/jid.hpp"

namespace meet::bridge {
namespace colibri2 = signaling::colibri2;
namespace jingle = signaling::jingle;

namespace {

const log::Logger& Log() {
  static const log::Logger logger("colibri");
  return logger;
}

colibri2::Colibri2Error ParseFailure(const Error& error) {
  return colibri2::BadRequest(error.ToString());
}

colibri2::Colibri2Error Conflict(std::string text) {
  colibri2::Colibri2Error e;
  e.condition = "conflict";
  e.text = std::move(text);
  return e;
}

}  // namespace

Colibri2Handler::Colibri2Handler(ConferenceManager& conferences, TransportFactory& transports,
                                 Colibri2HandlerConfig config)
    : conferences_(conferences), transports_(transports), config_(std::move(config)) {}

Colibri2Outcome Colibri2Handler::HandleXml(const gloox::Tag& tag) {
  auto request = colibri2::ParseConferenceModify(tag);
  if (!request.ok()) {
    ++requests_;
    ++failures_;
    return Colibri2Outcome::Fail(ParseFailure(request.error()));
  }
  return Handle(*request);
}

Colibri2Outcome Colibri2Handler::HandleJson(std::string_view body) {
  auto request = colibri2::ConferenceModifyFromJson(body);
  if (!request.ok()) {
    ++requests_;
    ++failures_;
    return Colibri2Outcome::Fail(ParseFailure(request.error()));
  }
  return Handle(*request);
}

Colibri2Outcome Colibri2Handler::Handle(const colibri2::ConferenceModify& request) {
  ++requests_;
  Colibri2Outcome outcome = Apply(request);
  if (!outcome.ok()) {
    ++failures_;
    Log().With("meeting", request.meeting_id)
        .Info("conference-modify refused: {} {}", outcome.error->condition, outcome.error->text);
  }
  return outcome;
}

Colibri2Outcome Colibri2Handler::Apply(const colibri2::ConferenceModify& request) {
  if (Status valid = colibri2::ValidateForBridge(request); !valid.ok()) {
    return Colibri2Outcome::Fail(colibri2::FromError(valid.error()));
  }
  if (!request.relays.empty()) {
    return Colibri2Outcome::Fail(
        colibri2::FeatureNotImplemented("Relays are not supported by this bridge."));
  }
  if (!request.name.empty() && !signaling::Jid::Parse(request.name).ok()) {
    return Colibri2Outcome::Fail(colibri2::BadRequest("Invalid conference name (not a JID)"));
  }

  Conference* conference = conferences_.Find(request.meeting_id);
  colibri2::ConferenceModified answer;
  bool send_feedback_sources = false;
  if (request.create) {
    if (conference != nullptr) {
      return Colibri2Outcome::Fail(colibri2::ConferenceAlreadyExists(request.meeting_id));
    }
    if (conferences_.graceful_shutdown()) {
      return Colibri2Outcome::Fail(colibri2::GracefulShutdown());
    }
    conference = &conferences_.Create(request.meeting_id, request.name);
    send_feedback_sources = true;
  } else if (conference == nullptr) {
    return Colibri2Outcome::Fail(colibri2::ConferenceNotFound(request.meeting_id));
  }

  if (request.expire) {
    conferences_.Expire(request.meeting_id);
    return Colibri2Outcome::Ok(std::move(answer));
  }

  for (const colibri2::Endpoint& ep : request.endpoints) {
    bool created = false;
    if (auto error = ApplyEndpoint(*conference, ep, answer, created)) {
      return Colibri2Outcome::Fail(std::move(*error));
    }
    send_feedback_sources = send_feedback_sources || created;
  }
  if (send_feedback_sources) answer.sources = conference->FeedbackSources();

  if (!request.create && conference->endpoint_count() == 0) {
    // JVB: a conference left without endpoints (and relays) by a request expires.
    conferences_.Expire(request.meeting_id);
  }
  return Colibri2Outcome::Ok(std::move(answer));
}

std::optional<colibri2::Colibri2Error> Colibri2Handler::ApplyEndpoint(
    Conference& conference, const colibri2::Endpoint& request, colibri2::ConferenceModified& answer,
    bool& created) {
  const log::Logger log = Log().With("conf", conference.id()).With("ep", request.id);
  colibri2::Endpoint reply;
  reply.id = request.id;

  if (request.expire) {
    if (conference.RemoveEndpoint(request.id)) log.Info("expired endpoint");
    reply.expire = true;
    answer.endpoints.push_back(std::move(reply));
    return std::nullopt;
  }

  Endpoint* endpoint = conference.FindEndpoint(request.id);
  if (request.create) {
    if (endpoint != nullptr) {
      return Conflict("Endpoint with ID " + request.id + " already exists");
    }
    const bool wants_sctp = request.transport && request.transport->sctp.has_value();
    if (wants_sctp && !config_.sctp_enabled) {
      return colibri2::FeatureNotImplemented("SCTP support is not configured");
    }
    TransportRequest treq;
    treq.conference_id = conference.id();
    treq.endpoint_id = request.id;
    treq.ice_controlling = request.transport && request.transport->ice_controlling;
    treq.sctp = wants_sctp;
    treq.feedback_audio_ssrc = conference.feedback_audio_ssrc();
    treq.feedback_video_ssrc = conference.feedback_video_ssrc();
    auto transport = transports_.Create(treq);
    if (!transport.ok()) {
      colibri2::Colibri2Error e;
      e.condition = "internal-server-error";
      e.text = "Cannot create transport: " + transport.error().ToString();
      return e;
    }
    if (wants_sctp) (*transport)->EnableSctp();
    endpoint = &conference.AddEndpoint(std::make_unique<Endpoint>(
        request.id, std::move(*transport), RandomAlphanumeric(kWebSocketPasswordLength)));
    created = true;
    log.Info("created endpoint stats-id={}", request.stats_id);
  } else if (endpoint == nullptr) {
    return colibri2::UnknownEndpoint(request.id);
  }

  endpoint->Apply(request);
  if (created || !request.medias.empty() || request.sources || request.force_mute) {
    endpoint->transport().ApplyMedia(endpoint->medias(), endpoint->sources(), endpoint->force_mute());
  }
  bool answer_transport = created;
  if (request.transport) {
    if (request.transport->ice_udp) {
      // The client's ICE/DTLS parameters (normally in updates after session-accept).
      if (Status s = endpoint->transport().SetRemoteDescription(*request.transport->ice_udp); !s.ok()) {
        return colibri2::BadRequest("Bad transport: " + s.error().ToString());
      }
    }
    if (request.transport->ice_restart && !created) {
      answer_transport = endpoint->transport().RestartIce();
      log.Info("ICE restart {}", answer_transport ? "accepted" : "refused");
    }
  }
  if (answer_transport) reply.transport = AnswerTransport(conference, *endpoint);
  answer.endpoints.push_back(std::move(reply));
  return std::nullopt;
}

std::string Colibri2Handler::WebSocketUrl(const Conference& conference, const Endpoint& endpoint) const {
  std::string base = config_.public_ws_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/colibri-ws/" + config_.bridge_id + "/" + conference.id() + "/" + endpoint.id() +
         "?pwd=" + endpoint.websocket_password();
}

colibri2::Transport Colibri2Handler::AnswerTransport(const Conference& conference,
                                                     const Endpoint& endpoint) const {
  colibri2::Transport t;
  t.ice_udp = endpoint.transport().LocalDescription();
  if (!config_.public_ws_url.empty()) {
    jingle::WebSocket ws;
    ws.url = WebSocketUrl(conference, endpoint);
    t.ice_udp->web_sockets.push_back(std::move(ws));
  }
  if (endpoint.transport().sctp_enabled()) {
    colibri2::Sctp sctp;
    sctp.port = colibri2::kDefaultSctpPort;
    sctp.role = colibri2::SctpRole::kServer;
    t.sctp = sctp;
  }
  return t;
}

}  // namespace meet::bridge
