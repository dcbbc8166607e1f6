#include "tests/integration/bridge/xmpp_test_client.hpp"

#include <gloox/connectiontcpbase.h>
#include <poll.h>

namespace meet::bridge::test {
namespace xml = signaling::xml;

XmppTestClient::XmppTestClient(uint16_t port, const std::string& domain, const std::string& user,
                               const std::string& password) {
  if (user.empty()) {
    client_ = std::make_unique<gloox::Client>(domain);
  } else {
    gloox::JID jid;
    jid.setUsername(user);
    jid.setServer(domain);
    jid.setResource("test");
    client_ = std::make_unique<gloox::Client>(jid, password);
  }
  client_->setServer("127.0.0.1");
  client_->setPort(port);
  client_->setTls(gloox::TLSDisabled);  // gloox's GnuTLS client leaks per connection
  client_->setCompression(false);
  client_->registerConnectionListener(this);
  client_->logInstance().registerLogHandler(gloox::LogLevelDebug, gloox::LogAreaXmlIncoming, this);
}

XmppTestClient::~XmppTestClient() {
  if (connected_) client_->disconnect();
}

void XmppTestClient::onConnect() {
  connected_ = true;
  jid_ = client_->jid().full();
}

void XmppTestClient::onDisconnect(gloox::ConnectionError /*error*/) {
  connected_ = false;
  failed_ = true;
}

void XmppTestClient::handleLog(gloox::LogLevel /*level*/, gloox::LogArea area, const std::string& message) {
  if (area == gloox::LogAreaXmlIncoming) received_.push_back(message);
}

bool XmppTestClient::RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done() && std::chrono::steady_clock::now() < deadline && !failed_) {
    auto* tcp = dynamic_cast<gloox::ConnectionTCPBase*>(client_->connectionImpl());
    pollfd fd{tcp != nullptr ? tcp->socket() : -1, POLLIN, 0};
    ::poll(&fd, 1, 20);
    client_->recv(0);
  }
  return done();
}

bool XmppTestClient::Connect(std::chrono::milliseconds timeout) {
  if (!client_->connect(false)) return false;
  return RunUntil([this] { return connected_; }, timeout);
}

void XmppTestClient::Send(xml::TagPtr stanza) { client_->send(stanza.release()); }

xml::TagPtr XmppTestClient::FindReceived(const std::function<bool(const gloox::Tag&)>& match,
                                         size_t from_index) const {
  for (size_t i = from_index; i < received_.size(); ++i) {
    auto tag = xml::Parse(received_[i]);
    if (tag.ok() && match(**tag)) return std::move(*tag);
  }
  return nullptr;
}

bool XmppTestClient::JoinRoom(const std::string& room, const std::string& nick,
                              std::chrono::milliseconds timeout) {
  const std::string occupant = room + "/" + nick;
  auto presence = xml::Make("presence");
  xml::SetAttr(*presence, "to", occupant);
  xml::AddChild(*presence, "x", "http://jabber.org/protocol/muc");
  const size_t start = received_.size();
  Send(std::move(presence));
  auto self = [&](const gloox::Tag& t) {
    if (t.name() != "presence" || xml::AttrOr(t, "from") != occupant) return false;
    const gloox::Tag* x = xml::Child(t, "x", "http://jabber.org/protocol/muc#user");
    if (x == nullptr) return false;
    for (const gloox::Tag* status : xml::Children(*x, "status")) {
      if (xml::AttrOr(*status, "code") == "110") return true;
    }
    return false;
  };
  return RunUntil([&] { return FindReceived(self, start) != nullptr; }, timeout);
}

xml::TagPtr XmppTestClient::Request(const std::string& to, const std::string& type,
                                    xml::TagPtr payload, std::chrono::milliseconds timeout) {
  const std::string id = "test-" + std::to_string(next_id_++);
  auto iq = xml::Make("iq");
  xml::SetAttr(*iq, "type", type);
  xml::SetAttr(*iq, "to", to);
  xml::SetAttr(*iq, "id", id);
  if (payload) iq->addChild(payload.release());
  const size_t start = received_.size();
  Send(std::move(iq));
  auto reply = [&](const gloox::Tag& t) {
    const std::string rtype = xml::AttrOr(t, "type");
    return t.name() == "iq" && xml::AttrOr(t, "id") == id && (rtype == "result" || rtype == "error");
  };
  xml::TagPtr found;
  RunUntil([&] { return (found = FindReceived(reply, start)) != nullptr; }, timeout);
  return found;
}

}  // namespace meet::bridge::test
