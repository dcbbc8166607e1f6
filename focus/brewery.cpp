#include "focus/brewery.hpp"

#include "focus/random_id.hpp"
#include "focus/stanza_util.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/stanzas/bridge_stats.hpp"
#include "signaling/stanzas/health_check_iq.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::focus {

namespace xml = signaling::xml;

Brewery::Brewery(media::loop::EventLoop& loop, StanzaSender& sender, BridgeSelector& selector,
                 std::string brewery_jid, std::string nick, std::chrono::milliseconds health_interval,
                 Listener* listener)
    : sender_(sender),
      selector_(selector),
      brewery_jid_(std::move(brewery_jid)),
      nick_(std::move(nick)),
      health_interval_(health_interval),
      listener_(listener),
      health_timer_(loop) {}

Brewery::~Brewery() = default;

void Brewery::Join() {
  auto presence = xml::Make("presence");
  xml::SetAttr(*presence, "to", brewery_jid_ + "/" + nick_);
  xml::AddChild(*presence, "x", signaling::ns::kMuc);
  sender_.Send(std::move(presence));
  health_timer_.Start(health_interval_, [this] { HealthCheckAll(); }, true);
  log_.Info("joining {}", brewery_jid_);
}

void Brewery::Reset() {
  health_timer_.Cancel();
  for (const auto& bridge : selector_.Bridges()) {
    selector_.Remove(bridge.jid);
    listener_->OnBridgeRemoved(bridge.jid);
  }
}

void Brewery::OnPresence(const gloox::Tag& presence) {
  auto from = signaling::Jid::Parse(presence.findAttribute("from"));
  if (!from.ok() || from->Nick().empty() || from->Nick() == nick_) return;
  const std::string jid = from->ToString();
  const std::string type = presence.findAttribute("type");
  if (type == "unavailable" || type == "error") {
    if (selector_.Remove(jid)) {
      log_.Info("bridge {} left", jid);
      listener_->OnBridgeRemoved(jid);
    }
    return;
  }
  if (!type.empty()) return;
  const gloox::Tag* stats_tag = xml::Child(presence, "stats", signaling::ns::kColibri);
  if (stats_tag == nullptr) return;  // not a bridge
  auto stats = signaling::stanzas::BridgeStats::Parse(*stats_tag);
  if (!stats.ok()) {
    log_.Warn("bad stats from {}: {}", jid, stats.error().ToString());
    return;
  }
  if (selector_.Update(jid, *stats)) {
    log_.Info("bridge {} joined (stress {})", jid, stats->StressLevel().value_or(0.0));
  }
  listener_->OnBridgeAdded(jid);
}

void Brewery::HealthCheckAll() {
  std::weak_ptr<int> alive = alive_;
  for (const auto& bridge : selector_.Bridges()) {
    auto parsed = signaling::Jid::Parse(bridge.jid);
    if (!parsed.ok()) continue;
    auto iq = signaling::stanzas::HealthCheckIq::MakeRequest(*parsed, "hc-" + RandomHex(10));
    std::string jid = bridge.jid;
    sender_.SendIq(std::move(iq), [this, alive, jid](const gloox::Tag* response) {
      if (alive.expired()) return;
      bool healthy = IsResult(response);
      const BridgeState* state = selector_.Find(jid);
      if (state == nullptr) return;
      if (state->healthy != healthy) {
        log_.Warn("bridge {} is {}", jid, healthy ? "healthy again" : "unhealthy");
      }
      selector_.SetHealthy(jid, healthy);
      if (healthy) listener_->OnBridgeAdded(jid);
    }, health_interval_);
  }
}

}  // namespace meet::focus
