#include "focus/xmpp_connection.hpp"

#include <gloox/connectiontcpbase.h>
#include <gloox/iq.h>
#include <gloox/presence.h>
#include <glib-unix.h>

#include <algorithm>
#include <vector>

#include "focus/random_id.hpp"
#include "focus/raw_stanza_extensions.hpp"
#include "focus/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::focus {

namespace xml = signaling::xml;

XmppConnection::XmppConnection(media::loop::EventLoop& loop, Options options, Listener* listener)
    : loop_(loop),
      options_(std::move(options)),
      listener_(listener),
      poll_timer_(loop),
      reconnect_timer_(loop),
      backoff_(options_.reconnect_min),
      id_prefix_(RandomHex(6) + "-") {}

XmppConnection::~XmppConnection() { Stop(); }

void XmppConnection::Start() {
  if (started_) return;
  started_ = true;
  Connect();
  poll_timer_.Start(options_.poll_interval, [this] { Poll(); }, true);
}

void XmppConnection::Stop() {
  if (!started_) return;
  started_ = false;
  poll_timer_.Cancel();
  reconnect_timer_.Cancel();
  socket_watch_.reset();
  if (client_) {
    client_->disconnect();
    client_.reset();
  }
  connected_ = false;
  ExpireIqs(true);
}

void XmppConnection::Connect() {
  socket_watch_.reset();
  if (!client_) {
    gloox::JID jid(options_.jid);
    client_ = std::make_unique<gloox::Client>(jid, options_.password, options_.port);
    client_->setServer(options_.host);
    client_->setPort(options_.port);
    client_->setTls(options_.tls ? gloox::TLSOptional : gloox::TLSDisabled);
    client_->setSASLMechanisms(gloox::SaslMechPlain);
    client_->setStreamManagement(true, true);
    client_->disableRoster();
    client_->registerConnectionListener(this);
    // gloox owns registered extensions.
    client_->registerStanzaExtension(
        std::make_unique<RawExtension>(kRawIq, "/iq").release());
    client_->registerStanzaExtension(
        std::make_unique<RawExtension>(kRawPresence, "/presence").release());
    client_->registerIqHandler(this, kRawIq);
    client_->registerPresenceHandler(this);
  }
  connecting_ = true;
  log_.Info("connecting to {}:{} as {}", options_.host, options_.port, options_.jid);
  if (!client_->connect(false)) {
    connecting_ = false;
    log_.Warn("connect failed");
    ScheduleReconnect();
    return;
  }
  WatchSocket();
}

void XmppConnection::WatchSocket() {
  auto* tcp = dynamic_cast<gloox::ConnectionTCPBase*>(client_->connectionImpl());
  if (tcp == nullptr || tcp->socket() < 0) return;
  GSource* source = g_unix_fd_source_new(tcp->socket(), static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR));
  g_source_set_callback(source, reinterpret_cast<GSourceFunc>(reinterpret_cast<void (*)()>(&XmppConnection::OnSocketReady)), this, nullptr);
  g_source_attach(source, loop_.context());
  socket_watch_.reset(source);
}

gboolean XmppConnection::OnSocketReady(gint, GIOCondition, gpointer self) noexcept {
  auto* c = static_cast<XmppConnection*>(self);
  try {
    if (c->client_) c->client_->recv(0);
  } catch (...) {
    c->log_.Error("exception while reading from the XMPP socket");
  }
  return G_SOURCE_CONTINUE;
}

void XmppConnection::Poll() {
  if (client_ && (connected_ || connecting_)) client_->recv(0);
  ExpireIqs(false);
}

void XmppConnection::ScheduleReconnect() {
  if (!started_) return;
  socket_watch_.reset();
  auto delay = backoff_;
  backoff_ = std::min(backoff_ * 2, options_.reconnect_max);
  log_.Info("reconnecting in {} ms", delay.count());
  reconnect_timer_.Start(delay, [this] {
    ++reconnects_;
    Connect();
  });
}

void XmppConnection::onConnect() {
  connecting_ = false;
  connected_ = true;
  backoff_ = options_.reconnect_min;
  log_.Info("connected as {}", client_->jid().full());
  listener_->OnXmppConnected();
}

void XmppConnection::onDisconnect(gloox::ConnectionError error) {
  bool was_connected = connected_;
  connected_ = false;
  connecting_ = false;
  log_.Warn("disconnected (gloox error {}, auth error {})", static_cast<int>(error),
            client_ ? static_cast<int>(client_->authError()) : 0);
  ExpireIqs(true);
  if (was_connected) listener_->OnXmppDisconnected();
  // The socket is gone; reconnect from a timer (never inside gloox's callback).
  reconnect_timer_.Start(std::chrono::milliseconds(0), [this] { ScheduleReconnect(); });
}

bool XmppConnection::onTLSConnect(const gloox::CertInfo&) { return true; }

void XmppConnection::Send(xml::TagPtr stanza) {
  if (!client_ || !connected_) {
    log_.Debug("not connected, dropping <{}>", stanza->name());
    return;
  }
  client_->send(stanza.release());  // gloox takes ownership
}

std::string XmppConnection::SendIq(xml::TagPtr iq, IqCallback callback,
                                   std::chrono::milliseconds timeout) {
  std::string id = iq->findAttribute("id");
  if (id.empty()) {
    id = id_prefix_ + std::to_string(next_id_++);
    xml::SetAttr(*iq, "id", id);
  }
  if (!client_ || !connected_) {
    std::weak_ptr<int> alive = alive_;
    loop_.Post([alive, callback = std::move(callback)] {
      if (!alive.expired()) callback(nullptr);
    });
    return id;
  }
  pending_[id] = PendingIq{std::move(callback), std::chrono::steady_clock::now() + timeout};
  client_->send(iq.release());
  return id;
}

void XmppConnection::ExpireIqs(bool all) {
  auto now = std::chrono::steady_clock::now();
  std::vector<IqCallback> expired;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (all || it->second.deadline <= now) {
      expired.push_back(std::move(it->second.callback));
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& cb : expired) cb(nullptr);
}

bool XmppConnection::handleIq(const gloox::IQ& iq) {
  const auto* raw = iq.findExtension<RawExtension>(kRawIq);
  if (raw == nullptr || raw->raw() == nullptr) return false;
  const gloox::Tag& tag = *raw->raw();
  const std::string type = tag.findAttribute("type");
  if (type == "result" || type == "error") {
    auto it = pending_.find(tag.findAttribute("id"));
    if (it == pending_.end()) return true;
    IqCallback cb = std::move(it->second.callback);
    pending_.erase(it);
    cb(&tag);
    return true;
  }
  if (listener_->OnIqRequest(tag)) return true;
  // Namespaces gloox serves itself.
  const gloox::Tag* payload = Payload(tag);
  std::string ns = payload ? xml::Namespace(*payload) : std::string();
  if (ns == signaling::ns::kDiscoInfo || ns == "http://jabber.org/protocol/disco#items" ||
      ns == "urn:xmpp:ping" || ns == "jabber:iq:version") {
    return false;
  }
  Send(MakeErrorIq(tag, "service-unavailable"));
  return true;
}

void XmppConnection::handleIqID(const gloox::IQ&, int) {}

void XmppConnection::handlePresence(const gloox::Presence& presence) {
  const auto* raw = presence.findExtension<RawExtension>(kRawPresence);
  if (raw == nullptr || raw->raw() == nullptr) return;
  listener_->OnPresence(*raw->raw());
}

}  // namespace meet::focus
