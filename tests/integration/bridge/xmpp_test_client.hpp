#pragma once
// A gloox client for integration tests, driven from the test thread: logs in to Prosody,
// sends raw stanzas and records every incoming top-level element (as the XML gloox parsed) so
// tests can look for replies by id or presences by sender.

#include <gloox/client.h>
#include <gloox/connectionlistener.h>
#include <gloox/loghandler.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "signaling/xml/xml.hpp"

namespace meet::bridge::test {

class XmppTestClient final : public gloox::ConnectionListener, public gloox::LogHandler {
 public:
  // Anonymous login on `domain` (user empty) or user@domain with password.
  XmppTestClient(uint16_t port, const std::string& domain, const std::string& user = {},
                 const std::string& password = {});
  ~XmppTestClient() override;

  // Connects and waits for the session; false on failure or timeout.
  bool Connect(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Joins a MUC (raw presence with <x xmlns='…muc'/>) and waits for the self-presence.
  bool JoinRoom(const std::string& room, const std::string& nick,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));
  void Send(signaling::xml::TagPtr stanza);
  // Sends <iq type=… to=… id=…> with `payload` and waits for the result/error with that id.
  signaling::xml::TagPtr Request(const std::string& to, const std::string& type,
                                 signaling::xml::TagPtr payload,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // Pumps the connection until `done` or the timeout; returns done().
  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  // The first received element matching `match` (searched from `from_index`), parsed.
  signaling::xml::TagPtr FindReceived(const std::function<bool(const gloox::Tag&)>& match,
                                      size_t from_index = 0) const;
  size_t received_count() const { return received_.size(); }
  const std::string& jid() const { return jid_; }
  bool connected() const { return connected_; }

  void onConnect() override;
  void onDisconnect(gloox::ConnectionError error) override;
  bool onTLSConnect(const gloox::CertInfo&) override { return true; }
  void handleLog(gloox::LogLevel level, gloox::LogArea area, const std::string& message) override;

 private:
  std::unique_ptr<gloox::Client> client_;
  std::vector<std::string> received_;
  std::string jid_;
  bool connected_ = false;
  bool failed_ = false;
  int next_id_ = 1;
};

}  // namespace meet::bridge::test
