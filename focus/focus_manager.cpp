#include "focus/focus_manager.hpp"

#include <fmt/format.h>

#include "focus/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::focus {

namespace xml = signaling::xml;
namespace stanzas = signaling::stanzas;

namespace {

XmppConnection::Options ConnectionOptions(const FocusConfig& c) {
  XmppConnection::Options o;
  o.host = c.xmpp_host;
  o.port = c.xmpp_port;
  o.jid = c.FocusFullJid();
  o.password = c.password;
  o.tls = c.xmpp_tls;
  return o;
}

}  // namespace

FocusManager::FocusManager(media::loop::EventLoop& loop, FocusConfig config)
    : loop_(loop),
      config_(std::move(config)),
      connection_(loop, ConnectionOptions(config_), this),
      brewery_(loop, connection_, bridges_, config_.BreweryJid(), config_.username,
               config_.health_check_interval, this) {}

FocusManager::~FocusManager() { Stop(); }

void FocusManager::Start() { connection_.Start(); }

void FocusManager::Stop() {
  for (auto& [room, conference] : conferences_) conference->Stop("the focus is shutting down");
  conferences_.clear();
  connection_.Stop();
}

void FocusManager::OnXmppConnected() { brewery_.Join(); }

void FocusManager::OnXmppDisconnected() {
  // The MUC state is gone with the session: end every conference (clients reload and ask
  // again) and forget the bridges until they are seen again.
  for (auto& [room, conference] : conferences_) conference->Stop("XMPP connection lost");
  brewery_.Reset();
}

void FocusManager::OnPresence(const gloox::Tag& presence) {
  auto from = signaling::Jid::Parse(presence.findAttribute("from"));
  if (!from.ok()) return;
  const std::string bare = from->BareString();
  if (bare == config_.BreweryJid()) {
    brewery_.OnPresence(presence);
    return;
  }
  if (Conference* c = FindConference(bare)) c->OnPresence(presence);
}

bool FocusManager::OnIqRequest(const gloox::Tag& iq) {
  const gloox::Tag* payload = Payload(iq);
  if (payload == nullptr) return false;
  if (payload->name() == "conference" && xml::Namespace(*payload) == signaling::ns::kFocus) {
    HandleConferenceIq(iq);
    return true;
  }
  auto from = signaling::Jid::Parse(iq.findAttribute("from"));
  if (!from.ok()) return false;
  if (Conference* c = FindConference(from->BareString())) return c->OnIq(iq);
  return false;
}

void FocusManager::HandleConferenceIq(const gloox::Tag& iq) {
  auto request = stanzas::ConferenceRequest::Parse(iq);
  if (!request.ok()) {
    connection_.Send(MakeErrorIq(iq, "bad-request", request.error().ToString()));
    return;
  }
  auto reply_to = std::make_shared<xml::TagPtr>(iq.clone());
  std::weak_ptr<int> alive = alive_;
  HandleConferenceRequest(*request, [this, alive, reply_to](Result<stanzas::ConferenceResponse> r) {
    if (alive.expired()) return;
    const gloox::Tag& original = **reply_to;
    if (!r.ok()) {
      connection_.Send(MakeErrorIq(original, r.error().condition.empty() ? "internal-server-error"
                                                                         : r.error().condition,
                                   r.error().text));
      return;
    }
    auto result = MakeResult(original);
    r->AppendTo(*result);
    connection_.Send(std::move(result));
  });
}

void FocusManager::HandleConferenceRequest(const stanzas::ConferenceRequest& request,
                                           ConferenceCallback callback) {
  ++conference_requests_;
  const signaling::Jid& room = request.room;
  if (room.domain() != config_.MucDomain() || !room.HasLocal() || !room.IsBare()) {
    callback(MakeError("focus.bad-room", "room " + room.ToString() + " is not on " +
                                             config_.MucDomain(), {}, "not-acceptable"));
    return;
  }
  if (!connection_.connected()) {
    callback(MakeError("focus.offline", "the focus is not connected", {}, "service-unavailable"));
    return;
  }
  const std::string key = room.BareString();
  Conference* conference = FindConference(key);
  if (conference == nullptr) {
    auto created = std::make_unique<Conference>(loop_, connection_, bridges_, config_, room, this);
    conference = created.get();
    conferences_[key] = std::move(created);
    ++conferences_created_;
    log_.Info("new conference {}", key);
    conference->Start();
  }
  std::weak_ptr<int> alive = alive_;
  stanzas::ConferenceResponse response;
  response.room = room;
  response.ready = true;
  response.focus_jid = *signaling::Jid::Parse(config_.FocusBareJid());
  response.properties.SetBool(stanzas::ConferenceResponse::kAuthentication, false);
  response.properties.SetBool(stanzas::ConferenceResponse::kVisitorsSupported, false);
  conference->WhenReady([alive, response, callback](Status status) {
    if (alive.expired()) return;
    if (!status.ok()) {
      callback(status.error());
      return;
    }
    callback(response);
  });
}

Conference* FocusManager::FindConference(const std::string& room_bare) {
  auto it = conferences_.find(room_bare);
  if (it == conferences_.end() || it->second->ended()) return nullptr;
  return it->second.get();
}

void FocusManager::OnBridgeAdded(const std::string&) {
  for (auto& [room, conference] : conferences_) {
    if (!conference->ended()) conference->OnBridgesChanged();
  }
}

void FocusManager::OnBridgeRemoved(const std::string& jid) {
  for (auto& [room, conference] : conferences_) {
    if (!conference->ended()) conference->OnBridgeRemoved(jid);
  }
}

void FocusManager::OnConferenceEnded(Conference& conference) {
  // Destroyed later, outside the conference's own call stack.
  std::string key = conference.room().BareString();
  Conference* ptr = &conference;
  std::weak_ptr<int> alive = alive_;
  loop_.Post([this, alive, key, ptr] {
    if (alive.expired()) return;
    auto it = conferences_.find(key);
    if (it != conferences_.end() && it->second.get() == ptr) conferences_.erase(it);
  });
}

nlohmann::json FocusManager::Stats() const {
  size_t participants = 0;
  for (const auto& [room, c] : conferences_) participants += c->participant_count();
  return {{"conferences", conferences_.size()},
          {"participants", participants},
          {"total_conferences_created", conferences_created_},
          {"conference_requests", conference_requests_},
          {"bridges", bridges_.size()},
          {"operational_bridges", bridges_.SelectableCount()},
          {"xmpp_connected", connection_.connected()},
          {"xmpp_reconnects", connection_.reconnects()}};
}

std::string FocusManager::Metrics() const {
  nlohmann::json s = Stats();
  std::string out;
  auto gauge = [&](const char* name, const char* help, uint64_t value) {
    out += fmt::format("# HELP focus_{0} {1}\n# TYPE focus_{0} gauge\nfocus_{0} {2}\n", name, help, value);
  };
  gauge("conferences", "Current conferences.", s["conferences"].get<uint64_t>());
  gauge("participants", "Current participants.", s["participants"].get<uint64_t>());
  gauge("conferences_created_total", "Conferences created.", conferences_created_);
  gauge("bridges", "Bridges in the brewery.", bridges_.size());
  gauge("operational_bridges", "Selectable bridges.", bridges_.SelectableCount());
  gauge("xmpp_connected", "1 when the XMPP connection is up.", connection_.connected() ? 1 : 0);
  return out;
}

nlohmann::json FocusManager::Debug() const {
  nlohmann::json conferences = nlohmann::json::array();
  for (const auto& [room, c] : conferences_) conferences.push_back(c->DebugState());
  nlohmann::json bridges = nlohmann::json::array();
  for (const auto& b : bridges_.Bridges()) {
    bridges.push_back({{"jid", b.jid}, {"stress", b.Stress()}, {"region", b.Region()},
                       {"healthy", b.healthy}, {"operational", b.operational},
                       {"draining", b.Draining()}, {"conferences", b.conferences}});
  }
  return {{"conferences", conferences}, {"bridges", bridges}, {"stats", Stats()}};
}

}  // namespace meet::focus
