#include "bridge/xmpp_control.hpp"

#include <memory>
#include <glib-unix.h>
#include <gloox/connectiontcpbase.h>
#include <gloox/jid.h>

#include <algorithm>
#include <memory>

#include "bridge/raw_stanza_extensions.hpp"
#include "signaling/colibri2/colibri2_error.hpp"
#include "signaling/colibri2/colibri2_xml.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::bridge {
namespace colibri2 = signaling::colibri2;
namespace xml = signaling::xml;

namespace {
constexpr std::chrono::milliseconds kTickInterval{50};
}  // namespace

XmppControl::XmppControl(media::loop::EventLoop& loop, XmppConfig config, Colibri2Handler& colibri2,
                         StatsProvider stats, HealthProvider health)
    : loop_(loop),
      config_(std::move(config)),
      colibri2_(colibri2),
      stats_(std::move(stats)),
      health_(std::move(health)),
      log_(log::Logger("xmpp").With("bridge", config_.nick)),
      tick_timer_(loop),
      presence_timer_(loop),
      reconnect_timer_(loop),
      cleanup_timer_(loop),
      backoff_(config_.reconnect_min) {}

XmppControl::~XmppControl() { Stop(); }

void XmppControl::Start() {
  stopping_ = false;
  Connect();
}

void XmppControl::Connect() {
  Teardown();
  ++connect_attempts_;
  if (config_.user.empty()) {
    client_ = std::make_unique<gloox::Client>(config_.domain);
  } else {
    gloox::JID jid;
    jid.setUsername(config_.user);
    jid.setServer(config_.domain);
    jid.setResource(config_.resource);
    client_ = std::make_unique<gloox::Client>(jid, config_.password);
  }
  client_->setServer(config_.host);
  client_->setPort(config_.port);
  client_->setTls(config_.tls ? gloox::TLSOptional : gloox::TLSDisabled);
  client_->setCompression(false);
  client_->registerConnectionListener(this);
  if (log::Enabled(log::Level::kTrace)) {
    client_->logInstance().registerLogHandler(gloox::LogLevelDebug, gloox::LogAreaAll, this);
  }
  // gloox owns registered extension prototypes.
  client_->registerStanzaExtension(
      std::make_unique<RawExtension>(kColibri2Extension, kColibri2Filter).release());
  client_->registerStanzaExtension(
      std::make_unique<RawExtension>(kHealthCheckExtension, kHealthCheckFilter).release());
  client_->registerIqHandler(this, kColibri2Extension);
  client_->registerIqHandler(this, kHealthCheckExtension);

  log_.Info("connecting to {}:{} as {}", config_.host, config_.port,
            config_.user.empty() ? "anonymous@" + config_.domain : config_.user + "@" + config_.domain);
  disconnected_ = false;
  if (!client_->connect(false)) {
    log_.Warn("connect to {}:{} failed", config_.host, config_.port);
    disconnected_ = true;
    ScheduleReconnect();
    return;
  }
  WatchSocket();
  tick_timer_.Start(kTickInterval, [this] { Pump(); }, true);
}

void XmppControl::WatchSocket() {
  auto* tcp = dynamic_cast<gloox::ConnectionTCPBase*>(client_->connectionImpl());
  const int fd = tcp != nullptr ? tcp->socket() : -1;
  if (fd < 0) return;  // the tick still pumps
  socket_source_.reset(g_unix_fd_source_new(fd, static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR)));
  g_source_set_callback(socket_source_.get(), G_SOURCE_FUNC(&XmppControl::OnSocketReady), this, nullptr);
  g_source_attach(socket_source_.get(), loop_.context());
}

gboolean XmppControl::OnSocketReady(gint /*fd*/, GIOCondition /*condition*/, gpointer self) noexcept {
  auto* control = static_cast<XmppControl*>(self);
  control->Pump();
  // After a disconnect the fd is closed (and its number may be reused): stop watching it.
  return control->disconnected_ ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

void XmppControl::Pump() {
  if (client_ && !disconnected_) client_->recv(0);
}

void XmppControl::Teardown() {
  presence_timer_.Cancel();
  tick_timer_.Cancel();
  socket_source_.reset();
  room_.reset();  // before the client: the room unregisters its handlers from it
  client_.reset();
  connected_ = false;
  joined_ = false;
  disconnected_ = true;
}

void XmppControl::ScheduleReconnect() {
  if (stopping_) return;
  // connect() may fail after already reporting onDisconnect: schedule once per failure.
  if (cleanup_timer_.active()) return;
  // Never tear the client down inside its own callback: clean up from the loop.
  const auto delay = backoff_;
  backoff_ = std::min(backoff_ * 2, config_.reconnect_max);
  cleanup_timer_.Start(std::chrono::milliseconds(0), [this, delay] {
    Teardown();
    log_.Info("reconnecting in {} ms", delay.count());
    reconnect_timer_.Start(delay, [this] { Connect(); });
  });
}

void XmppControl::Stop() {
  if (stopping_ && !client_) return;
  stopping_ = true;
  reconnect_timer_.Cancel();
  cleanup_timer_.Cancel();
  if (client_ && !disconnected_) {
    if (room_ && joined_) room_->leave();
    client_->disconnect();
  }
  Teardown();
}

void XmppControl::onConnect() {
  connected_ = true;
  backoff_ = config_.reconnect_min;
  log_.Info("online as {}", client_->jid().full());
  if (config_.brewery.empty()) return;
  gloox::JID occupant(config_.brewery + "/" + config_.nick);
  room_ = std::make_unique<gloox::MUCRoom>(client_.get(), occupant, this, nullptr);
  room_->join();
}

void XmppControl::onDisconnect(gloox::ConnectionError error) {
  const bool was_connected = connected_;
  connected_ = false;
  joined_ = false;
  disconnected_ = true;
  if (stopping_) return;
  log_.Warn("disconnected (gloox error {}{}), auth error {}", static_cast<int>(error),
            was_connected ? "" : " before login", client_ ? static_cast<int>(client_->authError()) : 0);
  ScheduleReconnect();
}

bool XmppControl::onTLSConnect(const gloox::CertInfo& /*info*/) {
  // The XMPP server is ours and on a private network (usually loopback); accept its
  // certificate (Prosody's is self-signed).
  return true;
}

void XmppControl::handleLog(gloox::LogLevel /*level*/, gloox::LogArea area, const std::string& message) {
  log_.Trace("gloox[{}] {}", static_cast<int>(area), message);
}

bool XmppControl::handleIq(const gloox::IQ& iq) {
  if (iq.subtype() != gloox::IQ::Get && iq.subtype() != gloox::IQ::Set) return false;
  if (const auto* ext = iq.findExtension<RawExtension>(kColibri2Extension);
      ext != nullptr && ext->raw() != nullptr) {
    if (ext->raw()->name() != "conference-modify") return false;
    HandleColibri2(iq, *ext->raw());
    return true;
  }
  if (iq.findExtension<RawExtension>(kHealthCheckExtension) != nullptr) {
    HandleHealthCheck(iq);
    return true;
  }
  return false;
}

void XmppControl::handleIqID(const gloox::IQ& /*iq*/, int /*context*/) {}

void XmppControl::HandleColibri2(const gloox::IQ& iq, const gloox::Tag& request) {
  log_.Debug("conference-modify from {} id={}", iq.from().full(), iq.id());
  Colibri2Outcome outcome = colibri2_.HandleXml(request);
  auto reply = xml::Make("iq");
  xml::SetAttr(*reply, "to", iq.from().full());
  xml::SetAttr(*reply, "id", iq.id());
  if (outcome.ok()) {
    xml::SetAttr(*reply, "type", "result");
    reply->addChild(colibri2::ToTag(*outcome.modified).release());
  } else {
    xml::SetAttr(*reply, "type", "error");
    // RFC 6120: an error reply may include the request; the error element is what counts.
    reply->addChild(colibri2::ToTag(*outcome.error).release());
  }
  SendTag(std::move(reply));
}

void XmppControl::HandleHealthCheck(const gloox::IQ& iq) {
  auto reply = xml::Make("iq");
  xml::SetAttr(*reply, "to", iq.from().full());
  xml::SetAttr(*reply, "id", iq.id());
  if (!health_ || health_()) {
    xml::SetAttr(*reply, "type", "result");
  } else {
    xml::SetAttr(*reply, "type", "error");
    colibri2::Colibri2Error error;
    error.condition = "internal-server-error";
    error.text = "unhealthy";
    reply->addChild(colibri2::ToTag(error).release());
  }
  SendTag(std::move(reply));
}

void XmppControl::SendTag(std::unique_ptr<gloox::Tag> tag) {
  if (!client_ || disconnected_) return;
  client_->send(tag.release());  // gloox deletes it
}

void XmppControl::PublishStats() {
  if (!joined_ || !client_ || !stats_) return;
  auto presence = xml::Make("presence");
  xml::SetAttr(*presence, "to", config_.brewery + "/" + config_.nick);
  presence->addChild(stats_().ToPresenceStats().ToTag().release());
  SendTag(std::move(presence));
  ++presences_sent_;
}

void XmppControl::handleMUCParticipantPresence(gloox::MUCRoom* /*room*/,
                                               const gloox::MUCRoomParticipant participant,
                                               const gloox::Presence& presence) {
  if ((participant.flags & gloox::UserSelf) == 0) return;
  if (presence.subtype() == gloox::Presence::Unavailable) {
    joined_ = false;
    presence_timer_.Cancel();
    return;
  }
  if (joined_) return;
  joined_ = true;
  log_.Info("joined brewery {} as {}", config_.brewery, config_.nick);
  PublishStats();
  presence_timer_.Start(config_.presence_interval, [this] { PublishStats(); }, true);
}

bool XmppControl::handleMUCRoomCreation(gloox::MUCRoom* /*room*/) {
  log_.Info("created brewery room {}", config_.brewery);
  return true;  // instant room
}

void XmppControl::handleMUCError(gloox::MUCRoom* /*room*/, gloox::StanzaError error) {
  log_.Error("brewery {} error (gloox stanza error {})", config_.brewery, static_cast<int>(error));
}

}  // namespace meet::bridge
