#include "tests/integration/focus/focus_test_client.hpp"

#include <gloox/connectiontcpbase.h>
#include <gloox/disco.h>
#include <gloox/iq.h>
#include <gloox/presence.h>
#include <poll.h>

#include <thread>

#include "focus/raw_stanza_extensions.hpp"
#include "focus/stanza_util.hpp"

namespace meet::focus::test {

namespace xml = signaling::xml;

FocusTestClient::FocusTestClient(uint16_t port, const std::string& domain) {
  client_ = std::make_unique<gloox::Client>(domain);  // SASL ANONYMOUS
  client_->setServer("127.0.0.1");
  client_->setPort(port);
  client_->setTls(gloox::TLSDisabled);
  client_->disableRoster();
  client_->registerConnectionListener(this);
  client_->registerStanzaExtension(
      std::make_unique<RawExtension>(kRawIq, "/iq").release());
  client_->registerStanzaExtension(
      std::make_unique<RawExtension>(kRawPresence, "/presence").release());
  client_->registerIqHandler(this, kRawIq);
  client_->registerPresenceHandler(this);
  for (const char* f : {"urn:xmpp:jingle:1", "urn:xmpp:jingle:apps:rtp:1",
                        "urn:xmpp:jingle:transports:ice-udp:1", "urn:xmpp:jingle:apps:dtls:0",
                        "urn:xmpp:jingle:transports:dtls-sctp:1", "urn:xmpp:jingle:apps:rtp:audio",
                        "urn:xmpp:jingle:apps:rtp:video", "http://jitsi.org/json-encoded-sources",
                        "urn:ietf:rfc:4588", "http://jitsi.org/remb", "http://jitsi.org/tcc",
                        "http://jitsi.org/source-name"}) {
    client_->disco()->addFeature(f);
  }
}

FocusTestClient::~FocusTestClient() {
  if (client_) client_->disconnect();
}

bool FocusTestClient::Connect(std::chrono::milliseconds timeout) {
  if (!client_->connect(false)) return false;
  return PumpUntil({this}, [this] { return connected_; }, timeout);
}

void FocusTestClient::Pump() {
  if (client_) client_->recv(0);
}

std::string FocusTestClient::jid() const { return client_->jid().full(); }

void FocusTestClient::Send(xml::TagPtr stanza) { client_->send(stanza.release()); }

xml::TagPtr FocusTestClient::Request(xml::TagPtr iq, std::chrono::milliseconds timeout) {
  std::string id = "t" + std::to_string(next_id_++);
  xml::SetAttr(*iq, "id", id);
  Send(std::move(iq));
  xml::TagPtr answer;
  PumpUntil({this}, [&] {
    for (auto it = answers_.begin(); it != answers_.end(); ++it) {
      if ((*it)->findAttribute("id") == id) {
        answer = std::move(*it);
        answers_.erase(it);
        return true;
      }
    }
    return false;
  }, timeout);
  return answer;
}

bool FocusTestClient::handleIq(const gloox::IQ& iq) {
  const auto* raw = iq.findExtension<RawExtension>(kRawIq);
  if (raw == nullptr || raw->raw() == nullptr) return false;
  const gloox::Tag& tag = *raw->raw();
  const std::string type = tag.findAttribute("type");
  if (type == "result" || type == "error") {
    answers_.emplace_back(tag.clone());
    return true;
  }
  const gloox::Tag* payload = Payload(tag);
  if (payload == nullptr) return false;
  const std::string name = payload->name();
  if (name == "jingle" || name == "mute") {
    iqs_.emplace_back(tag.clone());
    Send(MakeResult(tag));
    return true;
  }
  return false;  // disco#info etc.: gloox answers
}

void FocusTestClient::handlePresence(const gloox::Presence& presence) {
  const auto* raw = presence.findExtension<RawExtension>(kRawPresence);
  if (raw != nullptr && raw->raw() != nullptr) presences_.emplace_back(raw->raw()->clone());
}

bool PumpUntil(const std::vector<FocusTestClient*>& clients, const std::function<bool()>& done,
               std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    for (FocusTestClient* c : clients) c->Pump();
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace meet::focus::test
