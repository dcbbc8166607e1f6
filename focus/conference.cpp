#include "focus/conference.hpp"

#include <algorithm>

#include "focus/colibri_sources.hpp"
#include "focus/moderator_election.hpp"
#include "focus/offer_builder.hpp"
#include "focus/random_id.hpp"
#include "focus/stanza_util.hpp"
#include "signaling/stanzas/focus_presence.hpp"
#include "signaling/stanzas/mute_iq.hpp"
#include "signaling/stanzas/occupant_info.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::focus {

namespace xml = signaling::xml;
namespace ns = signaling::ns;
namespace jingle = signaling::jingle;
namespace stanzas = signaling::stanzas;
using jingle::JingleAction;

std::string_view ToString(Participant::SessionState state) {
  switch (state) {
    case Participant::SessionState::kNone: return "none";
    case Participant::SessionState::kAllocating: return "allocating";
    case Participant::SessionState::kPending: return "pending";
    case Participant::SessionState::kActive: return "active";
  }
  return "?";
}

namespace {

constexpr const char* kDataFormNs = "jabber:x:data";

xml::TagPtr JingleIq(const std::string& to, const jingle::Jingle& j) {
  auto iq = MakeIq("set", to);
  iq->addChild(jingle::ToTag(j).release());
  return iq;
}

void AddFormField(gloox::Tag& form, const std::string& var, const std::string& value) {
  gloox::Tag* field = xml::AddChild(form, "field");
  xml::SetAttr(*field, "var", var);
  gloox::Tag* v = xml::AddChild(*field, "value");
  v->setCData(value);
}

}  // namespace

Conference::Conference(media::loop::EventLoop& loop, StanzaSender& sender, BridgeSelector& bridges,
                       const FocusConfig& config, signaling::Jid room, Listener* listener)
    : loop_(loop),
      sender_(sender),
      bridges_(bridges),
      config_(config),
      room_(std::move(room)),
      listener_(listener),
      focus_occupant_(room_.BareString() + "/" + config.username),
      validator_(static_cast<size_t>(config.max_ssrcs_per_user)),
      single_participant_timer_(loop),
      log_(log::Logger("conference").With("room", room_.BareString())) {}

Conference::~Conference() = default;

void Conference::Start() { SendJoinPresence(); }

void Conference::WhenReady(ReadyCallback callback) {
  if (ready()) {
    callback({});
  } else if (join_failed_ || ended_) {
    callback(MakeError("focus.room.failed", "could not join the room", room_.BareString(),
                       "internal-server-error"));
  } else {
    ready_callbacks_.push_back(std::move(callback));
  }
}

void Conference::FinishReady(Status status) {
  auto callbacks = std::move(ready_callbacks_);
  ready_callbacks_.clear();
  for (auto& cb : callbacks) cb(status);
}

void Conference::SendJoinPresence() {
  auto presence = xml::Make("presence");
  xml::SetAttr(*presence, "to", focus_occupant_);
  xml::AddChild(*presence, "x", ns::kMuc);
  stanzas::FocusPresence fp;
  fp.conference_properties.Set(stanzas::FocusPresence::kSupportTerminateRestart, "true");
  fp.conference_properties.SetInt(stanzas::FocusPresence::kBridgeCount, colibri_ ? 1 : 0);
  fp.versions["focus"] = "meet-0.1";
  fp.AppendTo(*presence);
  sender_.Send(std::move(presence));
}

void Conference::OnPresence(const gloox::Tag& presence) {
  if (ended_) return;
  auto from = signaling::Jid::Parse(presence.findAttribute("from"));
  if (!from.ok() || from->Nick().empty()) return;
  const std::string type = presence.findAttribute("type");
  if (from->Nick() == config_.username || from->ToString() == focus_occupant_) {
    if (type == "error") {
      log_.Error("could not join the room: {}", ErrorCondition(presence));
      join_failed_ = true;
      FinishReady(MakeError("focus.room.join-failed", "MUC join failed: " + ErrorCondition(presence),
                            room_.BareString(), "internal-server-error"));
      return;
    }
    if (type == "unavailable") {
      if (joined_) Stop("the focus was removed from the room");
      return;
    }
    OnSelfPresence(presence);
    return;
  }
  if (type == "unavailable") {
    OnMemberLeft(from->Nick());
  } else if (type.empty()) {
    OnMemberPresence(from->Nick(), presence);
  }
}

void Conference::OnSelfPresence(const gloox::Tag&) {
  if (joined_) return;
  joined_ = true;
  log_.Info("joined the room");
  Configure();
}

void Conference::Configure() {
  // Owner config form: real JIDs visible to everyone (LJM needs the focus's real JID).
  auto iq = MakeIq("set", room_.BareString());
  gloox::Tag* query = xml::AddChild(*iq, "query", ns::kMucOwner);
  gloox::Tag* form = xml::AddChild(*query, "x", kDataFormNs);
  xml::SetAttr(*form, "type", "submit");
  AddFormField(*form, "FORM_TYPE", "http://jabber.org/protocol/muc#roomconfig");
  AddFormField(*form, "muc#roomconfig_whois", "anyone");
  AddFormField(*form, "muc#roomconfig_persistentroom", "0");
  std::weak_ptr<int> alive = alive_;
  sender_.SendIq(std::move(iq), [this, alive](const gloox::Tag* response) {
    if (alive.expired()) return;
    if (!IsResult(response)) {
      log_.Warn("room configuration failed: {}", response ? ErrorCondition(*response) : "timeout");
    }
    FetchRoomInfo();
  }, config_.disco_timeout);
}

void Conference::FetchRoomInfo() {
  auto iq = MakeIq("get", room_.BareString());
  xml::AddChild(*iq, "query", ns::kDiscoInfo);
  std::weak_ptr<int> alive = alive_;
  sender_.SendIq(std::move(iq), [this, alive](const gloox::Tag* response) {
    if (alive.expired()) return;
    if (IsResult(response)) {
      if (const gloox::Tag* query = xml::Child(*response, "query", ns::kDiscoInfo)) {
        for (const gloox::Tag* form : xml::Children(*query, "x", kDataFormNs)) {
          for (const gloox::Tag* field : xml::Children(*form, "field")) {
            if (xml::AttrOr(*field, "var") != "muc#roominfo_meetingId") continue;
            if (const gloox::Tag* value = xml::Child(*field, "value")) {
              if (!value->cdata().empty() && value->cdata().size() <= 256) meeting_id_ = value->cdata();
            }
          }
        }
      }
    }
    if (meeting_id_.empty()) meeting_id_ = RandomUuid();
    log_ = log_.With("meeting", meeting_id_);
    configured_ = true;
    log_.Info("room ready");
    FinishReady({});
    MaybeInviteAll();
  }, config_.disco_timeout);
}

void Conference::OnMemberPresence(const std::string& nick, const gloox::Tag& presence) {
  auto parsed = stanzas::ParticipantPresence::Parse(presence, nick);
  if (!parsed.ok()) {
    log_.Warn("bad presence from {}: {}", nick, parsed.error().ToString());
    return;
  }
  if (!parsed->occupant || parsed->occupant->jid.empty()) return;  // no real JID: ignore
  auto it = participants_.find(nick);
  if (it == participants_.end()) {
    auto occupant = signaling::Jid::MucOccupant(room_, nick);
    if (!occupant.ok()) return;
    Participant p;
    p.nick = nick;
    p.occupant_jid = *occupant;
    p.real_jid = parsed->occupant->jid;
    p.join_order = next_join_order_++;
    p.presence = *parsed;
    p.role = parsed->occupant->role;
    p.affiliation = parsed->occupant->affiliation;
    it = participants_.emplace(nick, std::move(p)).first;
    log_.Info("member {} joined ({})", nick, it->second.real_jid.ToString());
    DiscoverFeatures(it->second);
    ElectOwner();
    UpdateSingleParticipantTimer();
    return;
  }
  Participant& p = it->second;
  p.presence = *parsed;
  p.role = parsed->occupant->role;
  p.affiliation = parsed->occupant->affiliation;
  ElectOwner();
}

void Conference::DiscoverFeatures(Participant& p) {
  auto iq = MakeIq("get", p.occupant_jid.ToString());
  xml::AddChild(*iq, "query", ns::kDiscoInfo);
  std::weak_ptr<int> alive = alive_;
  std::string nick = p.nick;
  sender_.SendIq(std::move(iq), [this, alive, nick](const gloox::Tag* response) {
    if (alive.expired()) return;
    auto it = participants_.find(nick);
    if (it == participants_.end()) return;
    Participant& member = it->second;
    const gloox::Tag* query = IsResult(response) ? xml::Child(*response, "query", ns::kDiscoInfo) : nullptr;
    if (query != nullptr) {
      std::vector<std::string> features;
      for (const gloox::Tag* f : xml::Children(*query, "feature")) {
        if (features.size() >= 256) break;
        features.push_back(xml::AttrOr(*f, "var"));
      }
      member.features = ParticipantFeatures::FromDisco(features);
    } else {
      log_.Info("no disco#info from {}: using defaults", nick);
      member.features = ParticipantFeatures::Defaults();
    }
    if (!config_.enable_sctp) member.features.sctp = false;
    member.features_known = true;
    MaybeInviteAll();
  }, config_.disco_timeout);
}

void Conference::ElectOwner() {
  if (!config_.enable_auto_owner) return;
  std::vector<const Participant*> ordered;
  for (const auto& [nick, p] : participants_) ordered.push_back(&p);
  std::sort(ordered.begin(), ordered.end(),
            [](const Participant* a, const Participant* b) { return a->join_order < b->join_order; });
  std::vector<ElectionCandidate> candidates;
  for (const Participant* p : ordered) {
    bool owner = p->affiliation == stanzas::Affiliation::kOwner || p->owner_granted;
    candidates.push_back({p->nick, owner, !p->IsSpecial() && p->role != stanzas::Role::kVisitor});
  }
  auto elected = ModeratorElection::Elect(candidates);
  if (!elected) return;
  Participant& p = participants_.at(*elected);
  p.owner_granted = true;
  log_.Info("granting owner to {}", p.nick);
  auto iq = MakeIq("set", room_.BareString());
  gloox::Tag* query = xml::AddChild(*iq, "query", ns::kMucAdmin);
  gloox::Tag* item = xml::AddChild(*query, "item");
  xml::SetAttr(*item, "affiliation", "owner");
  xml::SetAttr(*item, "jid", p.real_jid.BareString());
  std::weak_ptr<int> alive = alive_;
  std::string nick = p.nick;
  sender_.SendIq(std::move(iq), [this, alive, nick](const gloox::Tag* response) {
    if (alive.expired() || IsResult(response)) return;
    log_.Warn("granting owner to {} failed", nick);
    if (auto it = participants_.find(nick); it != participants_.end()) it->second.owner_granted = false;
  }, config_.disco_timeout);
}

void Conference::OnMemberLeft(const std::string& nick) {
  auto it = participants_.find(nick);
  if (it == participants_.end()) return;
  Participant& p = it->second;
  log_.Info("member {} left", nick);
  if (colibri_ && p.state != Participant::SessionState::kNone) colibri_->ExpireEndpoint(nick);
  // No source-remove to the others: clients drop a departed occupant's sources themselves.
  RemoveSources(p, false);
  for (auto& [other_nick, other] : participants_) other.queued.DropOwner(nick);
  participants_.erase(it);
  ElectOwner();
  UpdateSingleParticipantTimer();
}

void Conference::UpdateSingleParticipantTimer() {
  if (ended_) return;
  if (participants_.empty()) {
    if (configured_) Stop("the last participant left");
    return;
  }
  if (participants_.size() >= 2) {
    single_participant_timer_.Cancel();
    return;
  }
  if (single_participant_timer_.active()) return;
  single_participant_timer_.Start(config_.single_participant_timeout, [this] {
    if (participants_.size() != 1) return;
    Participant& p = participants_.begin()->second;
    log_.Info("{} is alone: ending the conference", p.nick);
    if (p.state != Participant::SessionState::kNone) {
      SendSessionTerminate(p, "expired", "Idle session timeout");
      if (colibri_) colibri_->ExpireEndpoint(p.nick);
      RemoveSources(p, false);
      p.state = Participant::SessionState::kNone;
    }
    Stop("single participant timeout");
  });
}

void Conference::MaybeInviteAll() {
  if (!ready() || ended_) return;
  if (static_cast<int>(participants_.size()) < config_.min_participants) return;
  std::vector<std::string> to_invite;
  for (auto& [nick, p] : participants_) {
    if (p.features_known && p.state == Participant::SessionState::kNone) to_invite.push_back(nick);
  }
  for (const auto& nick : to_invite) {
    auto it = participants_.find(nick);
    if (it != participants_.end()) Invite(it->second);
  }
}

void Conference::OnBridgesChanged() { MaybeInviteAll(); }

void Conference::OnBridgeRemoved(const std::string& bridge_jid) {
  if (!colibri_ || colibri_->bridge_jid() != bridge_jid) return;
  log_.Warn("bridge {} left: moving the conference", bridge_jid);
  bridges_.AddConference(bridge_jid, -1);
  colibri_.reset();
  for (auto& [nick, p] : participants_) {
    if (p.state == Participant::SessionState::kNone) continue;
    SendSessionTerminate(p, "success", "moving");
    p.state = Participant::SessionState::kNone;
    p.sources = {};
    p.queued.Take();
  }
  sources_.clear();
  MaybeInviteAll();
}

bool Conference::EnsureColibri() {
  if (colibri_ && !colibri_->failed()) return true;
  if (colibri_) {
    bridges_.SetOperational(colibri_->bridge_jid(), false);
    bridges_.AddConference(colibri_->bridge_jid(), -1);
    colibri_.reset();
  }
  auto bridge = bridges_.Select();
  if (!bridge) {
    log_.Warn("no bridge available");
    return false;
  }
  bridges_.AddConference(*bridge, 1);
  colibri_ = std::make_unique<ColibriSession>(sender_, *bridge, meeting_id_, room_.BareString(),
                                              config_.colibri_timeout);
  log_.Info("using bridge {}", *bridge);
  return true;
}

void Conference::Invite(Participant& p) {
  if (!EnsureColibri()) return;
  p.state = Participant::SessionState::kAllocating;
  uint64_t generation = ++p.invite_generation;
  std::string nick = p.nick;
  std::weak_ptr<int> alive = alive_;
  colibri_->Allocate(p.nick, p.presence.stats_id.value_or(""), p.features,
                     [this, alive, nick, generation](Result<ColibriSession::Allocation> a) {
                       if (alive.expired()) return;
                       OnAllocated(nick, generation, std::move(a));
                     });
}

void Conference::OnAllocated(const std::string& nick, uint64_t generation,
                             Result<ColibriSession::Allocation> allocation) {
  auto it = participants_.find(nick);
  if (it == participants_.end() || it->second.invite_generation != generation) return;
  Participant& p = it->second;
  if (!allocation.ok()) {
    log_.Warn("allocation for {} failed: {}", nick, allocation.error().ToString());
    p.state = Participant::SessionState::kNone;
    return;
  }
  SessionInitiateParams params;
  params.sid = RandomSid();
  params.initiator = sender_.OwnJid();
  params.bridge_transport = allocation->transport;
  params.sctp_port = allocation->sctp_port;
  params.bridge_session.id = colibri_->bridge_session_id();
  if (const BridgeState* b = bridges_.Find(colibri_->bridge_jid())) {
    params.bridge_session.region = b->Region();
  }
  params.sources = OfferBuilder::SourcesForReceiver(sources_, nick, colibri_->feedback_sources());
  jingle::Jingle offer = OfferBuilder::SessionInitiate(p.features, params);
  p.sid = params.sid;
  p.state = Participant::SessionState::kPending;
  p.queued.Take();  // the offer carries the current sources
  log_.Info("session-initiate to {} (sid {})", nick, p.sid);
  std::weak_ptr<int> alive = alive_;
  std::string sid = p.sid;
  sender_.SendIq(JingleIq(p.occupant_jid.ToString(), offer),
                 [this, alive, nick, sid](const gloox::Tag* response) {
                   if (alive.expired() || response == nullptr || IsResult(response)) return;
                   // A timeout counts as success (slow clients); an explicit error does not.
                   auto found = participants_.find(nick);
                   if (found == participants_.end() || found->second.sid != sid) return;
                   log_.Warn("{} rejected the session-initiate: {}", nick, ErrorCondition(*response));
                   EndSession(found->second);
                 },
                 config_.colibri_timeout);
}

bool Conference::OnIq(const gloox::Tag& iq) {
  auto from = signaling::Jid::Parse(iq.findAttribute("from"));
  if (!from.ok()) return false;
  auto it = participants_.find(from->Nick());
  const gloox::Tag* payload = Payload(iq);
  if (payload == nullptr) return false;
  const std::string payload_ns = xml::Namespace(*payload);
  if (payload->name() == "jingle" && payload_ns == ns::kJingle) {
    if (it == participants_.end()) {
      auto error = MakeErrorIq(iq, "item-not-found", "unknown participant");
      sender_.Send(std::move(error));
      return true;
    }
    auto parsed = jingle::ParseJingle(*payload);
    if (!parsed.ok()) {
      sender_.Send(MakeErrorIq(iq, "bad-request", parsed.error().ToString()));
      return true;
    }
    HandleJingle(iq, it->second, *parsed);
    return true;
  }
  if (payload->name() == "mute" && stanzas::MediaKindFromMuteNamespace(payload_ns)) {
    if (it == participants_.end()) {
      sender_.Send(MakeErrorIq(iq, "not-allowed", "not a participant"));
      return true;
    }
    HandleMute(iq, it->second);
    return true;
  }
  return false;
}

void Conference::HandleJingle(const gloox::Tag& iq, Participant& p, const jingle::Jingle& j) {
  if (j.sid != p.sid || p.state == Participant::SessionState::kNone ||
      p.state == Participant::SessionState::kAllocating) {
    auto error = MakeErrorIq(iq, "item-not-found", "unknown session");
    if (gloox::Tag* e = const_cast<gloox::Tag*>(xml::Child(*error, "error"))) {
      xml::AddChild(*e, "unknown-session", ns::kJingleErrors);
    }
    sender_.Send(std::move(error));
    return;
  }
  switch (j.action) {
    case JingleAction::kSessionAccept: OnSessionAccept(iq, p, j); return;
    case JingleAction::kSourceAdd: OnSourceAdd(iq, p, j); return;
    case JingleAction::kSourceRemove: OnSourceRemove(iq, p, j); return;
    case JingleAction::kTransportInfo: OnTransportInfo(iq, p, j); return;
    case JingleAction::kSessionTerminate: OnSessionTerminate(iq, p, j); return;
    case JingleAction::kSessionInfo: sender_.Send(MakeResult(iq)); return;
    default:
      sender_.Send(MakeErrorIq(iq, "feature-not-implemented",
                             "unsupported action " + std::string(jingle::ToString(j.action))));
  }
}

void Conference::OnSessionAccept(const gloox::Tag& iq, Participant& p, const jingle::Jingle& j) {
  if (p.state != Participant::SessionState::kPending) {
    sender_.Send(MakeErrorIq(iq, "unexpected-request", "session already accepted"));
    return;
  }
  auto sources = SourcesFromJingle(j, p.nick);
  if (!sources.ok()) {
    sender_.Send(MakeErrorIq(iq, "bad-request", sources.error().text));
    return;
  }
  RemoveSources(p, false);
  auto accepted = validator_.ValidateAdd(sources_, p.nick, *sources);
  if (!accepted.ok()) {
    sender_.Send(MakeErrorIq(iq, "bad-request", accepted.error().text));
    return;
  }
  sender_.Send(MakeResult(iq));
  p.state = Participant::SessionState::kActive;
  SourceValidator::Add(sources_, p.nick, *accepted);
  p.sources = *accepted;
  log_.Info("session-accept from {} with {} sources", p.nick, p.sources.sources.size());
  std::optional<int32_t> last_n;
  for (const auto& c : j.contents) {
    if (c.initial_last_n) last_n = c.initial_last_n;
  }
  std::optional<jingle::IceUdpTransport> transport;
  if (const jingle::IceUdpTransport* t = j.FirstTransport()) transport = *t;
  if (colibri_) colibri_->UpdateEndpoint(p.nick, transport, ToColibriSources(p.nick, p.sources), last_n);
  PropagateAdd(p, *accepted);
  FlushQueued(p);
}

void Conference::OnSourceAdd(const gloox::Tag& iq, Participant& p, const jingle::Jingle& j) {
  auto sources = SourcesFromJingle(j, p.nick);
  if (!sources.ok()) {
    sender_.Send(MakeErrorIq(iq, "bad-request", sources.error().text));
    return;
  }
  auto accepted = validator_.ValidateAdd(sources_, p.nick, *sources);
  if (!accepted.ok()) {
    sender_.Send(MakeErrorIq(iq, "bad-request", accepted.error().text));
    return;
  }
  sender_.Send(MakeResult(iq));
  SourceValidator::Add(sources_, p.nick, *accepted);
  p.sources.Append(*accepted);
  SendColibriSources(p);
  PropagateAdd(p, *accepted);
}

void Conference::OnSourceRemove(const gloox::Tag& iq, Participant& p, const jingle::Jingle& j) {
  auto sources = SourcesFromJingle(j, p.nick);
  if (!sources.ok()) {
    sender_.Send(MakeErrorIq(iq, "bad-request", sources.error().text));
    return;
  }
  auto removed = validator_.ValidateRemove(sources_, p.nick, *sources);
  if (!removed.ok()) {
    sender_.Send(MakeErrorIq(iq, "bad-request", removed.error().text));
    return;
  }
  sender_.Send(MakeResult(iq));
  SourceValidator::Remove(sources_, p.nick, *removed);
  jingle::SourceMap own{{p.nick, p.sources}};
  SourceValidator::Remove(own, p.nick, *removed);
  p.sources = own.count(p.nick) ? own[p.nick] : jingle::EndpointSourceSet{};
  SendColibriSources(p);
  PropagateRemove(p, *removed);
}

void Conference::OnTransportInfo(const gloox::Tag& iq, Participant& p, const jingle::Jingle& j) {
  sender_.Send(MakeResult(iq));
  const jingle::IceUdpTransport* t = j.FirstTransport();
  if (t != nullptr && colibri_) colibri_->UpdateEndpoint(p.nick, *t, std::nullopt, std::nullopt);
}

void Conference::OnSessionTerminate(const gloox::Tag& iq, Participant& p, const jingle::Jingle& j) {
  bool restart = j.bridge_session && j.bridge_session->restart.value_or(false);
  if (restart && colibri_ && j.bridge_session->id != colibri_->bridge_session_id()) {
    sender_.Send(MakeErrorIq(iq, "item-not-found", "stale bridge-session id"));
    return;
  }
  sender_.Send(MakeResult(iq));
  log_.Info("session-terminate from {}{}", p.nick, restart ? " (restart)" : "");
  EndSession(p);
  if (restart) Invite(p);
}

void Conference::EndSession(Participant& p) {
  if (colibri_) colibri_->ExpireEndpoint(p.nick);
  RemoveSources(p, true);
  p.state = Participant::SessionState::kNone;
  p.sid.clear();
  p.queued.Take();
  ++p.invite_generation;
}

void Conference::HandleMute(const gloox::Tag& iq, Participant& requester) {
  auto mute = stanzas::MuteIq::Parse(iq);
  if (!mute.ok()) {
    sender_.Send(MakeErrorIq(iq, "bad-request", mute.error().text));
    return;
  }
  auto target = participants_.find(mute->jid.Nick());
  if (!mute->jid.IsOccupantOf(room_) || target == participants_.end()) {
    sender_.Send(MakeErrorIq(iq, "item-not-found", "no such participant"));
    return;
  }
  bool self = target->first == requester.nick;
  if ((!requester.IsModerator() && !self) || (!mute->mute && !self)) {
    sender_.Send(MakeErrorIq(iq, "not-allowed", "only moderators may mute others"));
    return;
  }
  sender_.Send(MakeResult(iq));
  stanzas::MuteIq forward = *mute;
  forward.actor = requester.occupant_jid;
  auto out = MakeIq("set", target->second.occupant_jid.ToString());
  forward.AppendTo(*out);
  sender_.SendIq(std::move(out), [](const gloox::Tag*) {}, config_.disco_timeout);
  if (colibri_ && mute->mute) {
    bool audio = mute->kind == stanzas::MediaKind::kAudio;
    colibri_->ForceMute(target->first, audio, !audio);
  }
  log_.Info("{} muted {} ({})", requester.nick, target->first, stanzas::ToString(mute->kind));
}

void Conference::RemoveSources(Participant& p, bool notify) {
  if (p.sources.Empty()) return;
  jingle::EndpointSourceSet removed = p.sources;
  SourceValidator::Remove(sources_, p.nick, removed);
  p.sources = {};
  if (notify) PropagateRemove(p, removed);
}

void Conference::PropagateAdd(const Participant& from, const jingle::EndpointSourceSet& added) {
  if (added.Empty()) return;
  for (auto& [nick, q] : participants_) {
    if (nick == from.nick) continue;
    if (q.state == Participant::SessionState::kActive) {
      SendSourceChange(q, JingleAction::kSourceAdd, {{from.nick, jingle::StripSimulcast(added)}});
    } else if (q.state == Participant::SessionState::kPending) {
      q.queued.QueueAdd(from.nick, added);
    }
  }
}

void Conference::PropagateRemove(const Participant& from, const jingle::EndpointSourceSet& removed) {
  if (removed.Empty()) return;
  for (auto& [nick, q] : participants_) {
    if (nick == from.nick) continue;
    if (q.state == Participant::SessionState::kActive) {
      SendSourceChange(q, JingleAction::kSourceRemove, {{from.nick, jingle::StripSimulcast(removed)}});
    } else if (q.state == Participant::SessionState::kPending) {
      q.queued.QueueRemove(from.nick, removed);
    }
  }
}

void Conference::SendSourceChange(const Participant& to, JingleAction action,
                                  const jingle::SourceMap& sources) {
  jingle::Jingle j;
  j.action = action;
  j.sid = to.sid;
  j.initiator = sender_.OwnJid();
  j.json_sources = sources;
  sender_.SendIq(JingleIq(to.occupant_jid.ToString(), j), [](const gloox::Tag*) {},
                 config_.colibri_timeout);
}

void Conference::FlushQueued(Participant& p) {
  for (auto& change : p.queued.Take()) {
    jingle::SourceMap stripped;
    for (const auto& [owner, set] : change.sources) stripped[owner] = jingle::StripSimulcast(set);
    SendSourceChange(p, change.kind == SourceChange::Kind::kAdd ? JingleAction::kSourceAdd
                                                                : JingleAction::kSourceRemove,
                     stripped);
  }
}

void Conference::SendSessionTerminate(Participant& p, const std::string& condition,
                                      const std::string& text) {
  jingle::Jingle j;
  j.action = JingleAction::kSessionTerminate;
  j.sid = p.sid;
  j.initiator = sender_.OwnJid();
  j.reason = jingle::Reason{condition, text};
  sender_.SendIq(JingleIq(p.occupant_jid.ToString(), j), [](const gloox::Tag*) {},
                 config_.colibri_timeout);
}

void Conference::SendColibriSources(const Participant& p) {
  if (colibri_) colibri_->UpdateEndpoint(p.nick, std::nullopt, ToColibriSources(p.nick, p.sources), std::nullopt);
}

void Conference::Stop(const std::string& why) {
  if (ended_) return;
  ended_ = true;
  log_.Info("ending: {}", why);
  single_participant_timer_.Cancel();
  if (colibri_) {
    colibri_->Expire();
    bridges_.AddConference(colibri_->bridge_jid(), -1);
    colibri_.reset();
  }
  auto presence = xml::Make("presence");
  xml::SetAttr(*presence, "to", focus_occupant_);
  xml::SetAttr(*presence, "type", "unavailable");
  sender_.Send(std::move(presence));
  FinishReady(MakeError("focus.room.ended", "the conference ended", room_.BareString(),
                        "internal-server-error"));
  listener_->OnConferenceEnded(*this);
}

const Participant* Conference::FindParticipant(const std::string& nick) const {
  auto it = participants_.find(nick);
  return it == participants_.end() ? nullptr : &it->second;
}

nlohmann::json Conference::DebugState() const {
  nlohmann::json j;
  j["room"] = room_.BareString();
  j["meeting_id"] = meeting_id_;
  j["ready"] = ready();
  j["bridge"] = colibri_ ? colibri_->bridge_jid() : "";
  j["bridge_session_id"] = colibri_ ? colibri_->bridge_session_id() : "";
  nlohmann::json members = nlohmann::json::array();
  for (const auto& [nick, p] : participants_) {
    members.push_back({{"id", nick},
                       {"jid", p.real_jid.ToString()},
                       {"role", std::string(stanzas::RoleName(p.role))},
                       {"session", std::string(ToString(p.state))},
                       {"sid", p.sid},
                       {"sources", p.sources.sources.size()},
                       {"queued_changes", p.queued.size()}});
  }
  j["participants"] = members;
  return j;
}

}  // namespace meet::focus
