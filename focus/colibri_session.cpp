#include "focus/colibri_session.hpp"

#include "focus/colibri_sources.hpp"
#include "focus/offer_builder.hpp"
#include "focus/random_id.hpp"
#include "focus/stanza_util.hpp"
#include "signaling/colibri2/colibri2_error.hpp"
#include "signaling/colibri2/colibri2_xml.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::focus {

namespace colibri2 = signaling::colibri2;

ColibriSession::ColibriSession(StanzaSender& sender, std::string bridge_jid, std::string meeting_id,
                               std::string room_jid, std::chrono::milliseconds timeout)
    : sender_(sender),
      bridge_jid_(std::move(bridge_jid)),
      meeting_id_(std::move(meeting_id)),
      room_jid_(std::move(room_jid)),
      timeout_(timeout),
      bridge_session_id_(RandomUuid()),
      log_(log::Logger("colibri").With("conf", meeting_id_).With("bridge", bridge_jid_)) {}

ColibriSession::~ColibriSession() = default;

void ColibriSession::Enqueue(colibri2::ConferenceModify modify,
                             std::function<void(const gloox::Tag*)> done) {
  if (expired_) {
    if (done) done(nullptr);
    return;
  }
  modify.meeting_id = meeting_id_;
  if (!created_) {
    modify.create = true;
    modify.name = room_jid_;
    modify.rtcstats_enabled = false;
    created_ = true;
  }
  if (modify.expire) expired_ = true;
  queue_.push_back(Request{std::move(modify), std::move(done)});
  SendNext();
}

void ColibriSession::SendNext() {
  if (in_flight_ || queue_.empty()) return;
  in_flight_ = true;
  Request request = std::move(queue_.front());
  queue_.pop_front();
  auto iq = MakeIq("get", bridge_jid_);
  iq->addChild(colibri2::ToTag(request.modify).release());
  std::weak_ptr<int> alive = alive_;
  sender_.SendIq(std::move(iq),
                 [this, alive, done = std::move(request.done)](const gloox::Tag* response) {
                   if (alive.expired()) return;
                   in_flight_ = false;
                   if (response == nullptr) {
                     log_.Warn("COLIBRI2 request timed out");
                     failed_ = true;
                   } else if (!IsResult(response)) {
                     std::string condition = ErrorCondition(*response);
                     log_.Warn("COLIBRI2 error: {} {}", condition, ErrorText(*response));
                     if (condition == "service-unavailable") failed_ = true;
                   }
                   if (done) done(response);
                   if (!alive.expired()) SendNext();
                 },
                 timeout_);
}

void ColibriSession::Allocate(const std::string& endpoint, const std::string& stats_id,
                              const ParticipantFeatures& features, AllocationCallback callback) {
  colibri2::ConferenceModify modify;
  colibri2::Endpoint ep;
  ep.id = endpoint;
  ep.create = true;
  ep.stats_id = stats_id;
  ep.medias = OfferBuilder::ColibriMedias(features);
  colibri2::Transport transport;
  transport.ice_controlling = true;
  if (features.sctp) transport.sctp = colibri2::Sctp{};
  ep.transport = transport;
  ep.sources = colibri2::Sources{};
  ep.capabilities.push_back(colibri2::capability::kSourceNames);
  modify.endpoints.push_back(std::move(ep));
  endpoints_.insert(endpoint);
  bool want_sctp = features.sctp;
  Enqueue(std::move(modify), [this, endpoint, want_sctp,
                              callback = std::move(callback)](const gloox::Tag* response) {
    if (response == nullptr) {
      endpoints_.erase(endpoint);
      callback(MakeError("focus.colibri.timeout", "no answer from the bridge", bridge_jid_,
                         "remote-server-timeout"));
      return;
    }
    if (!IsResult(response)) {
      endpoints_.erase(endpoint);
      callback(MakeError("focus.colibri.error",
                         ErrorCondition(*response) + " " + ErrorText(*response), bridge_jid_,
                         "internal-server-error"));
      return;
    }
    const gloox::Tag* payload = signaling::xml::Child(*response, "conference-modified",
                                                      signaling::ns::kColibri2);
    if (payload == nullptr) {
      callback(MakeError("focus.colibri.bad-response", "no conference-modified", bridge_jid_));
      return;
    }
    auto modified = colibri2::ParseConferenceModified(*payload);
    if (!modified.ok()) {
      callback(modified.error());
      return;
    }
    if (modified->sources && feedback_.Empty()) feedback_ = FromColibriSources(*modified->sources);
    for (const auto& e : modified->endpoints) {
      if (e.id != endpoint) continue;
      if (!e.transport || !e.transport->ice_udp) break;
      Allocation a;
      a.endpoint = endpoint;
      a.transport = *e.transport->ice_udp;
      if (e.transport->sctp) {
        a.sctp_port = e.transport->sctp->port.value_or(colibri2::kDefaultSctpPort);
      } else if (want_sctp) {
        callback(MakeError("focus.colibri.no-sctp", "SCTP was requested but not allocated",
                           bridge_jid_, "internal-server-error"));
        return;
      }
      callback(std::move(a));
      return;
    }
    callback(MakeError("focus.colibri.no-transport", "the bridge returned no transport for " +
                                                         endpoint, bridge_jid_));
  });
}

void ColibriSession::UpdateEndpoint(const std::string& endpoint,
                                    const std::optional<signaling::jingle::IceUdpTransport>& transport,
                                    const std::optional<colibri2::Sources>& sources,
                                    std::optional<int32_t> initial_last_n) {
  if (endpoints_.count(endpoint) == 0) return;
  colibri2::ConferenceModify modify;
  colibri2::Endpoint ep;
  ep.id = endpoint;
  if (transport) {
    colibri2::Transport t;
    t.ice_udp = *transport;
    t.ice_udp->sctpmap.reset();
    ep.transport = std::move(t);
  }
  ep.sources = sources;
  ep.initial_last_n = initial_last_n;
  modify.endpoints.push_back(std::move(ep));
  Enqueue(std::move(modify), nullptr);
}

void ColibriSession::ExpireEndpoint(const std::string& endpoint) {
  if (endpoints_.erase(endpoint) == 0) return;
  colibri2::ConferenceModify modify;
  colibri2::Endpoint ep;
  ep.id = endpoint;
  ep.expire = true;
  modify.endpoints.push_back(std::move(ep));
  Enqueue(std::move(modify), nullptr);
}

void ColibriSession::ForceMute(const std::string& endpoint, bool audio, bool video) {
  if (endpoints_.count(endpoint) == 0) return;
  colibri2::ConferenceModify modify;
  colibri2::Endpoint ep;
  ep.id = endpoint;
  ep.force_mute = colibri2::ForceMute{audio, video};
  modify.endpoints.push_back(std::move(ep));
  Enqueue(std::move(modify), nullptr);
}

void ColibriSession::Expire() {
  bool was_created = created_;
  expired_ = true;
  endpoints_.clear();
  queue_.clear();
  if (!was_created) return;
  // Sent at once, bypassing the queue: the session may be destroyed right after this.
  colibri2::ConferenceModify modify;
  modify.meeting_id = meeting_id_;
  modify.expire = true;
  auto iq = MakeIq("get", bridge_jid_);
  iq->addChild(colibri2::ToTag(modify).release());
  sender_.SendIq(std::move(iq), [](const gloox::Tag*) {}, timeout_);
}

}  // namespace meet::focus
