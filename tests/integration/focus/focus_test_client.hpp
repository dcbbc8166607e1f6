#pragma once
// A participant for the focus integration tests: an anonymous gloox client (what lib-jitsi-meet
// does over BOSH/WebSocket, here over c2s) driven from the test thread. It advertises the
// Jingle features of LJM in disco#info, records every incoming IQ get/set (and acks Jingle and
// mute IQs with an empty result, as LJM does) and every presence, raw.

#include <gloox/client.h>
#include <gloox/connectionlistener.h>
#include <gloox/iqhandler.h>
#include <gloox/presencehandler.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "signaling/xml/xml.hpp"

namespace meet::focus::test {

class FocusTestClient : private gloox::ConnectionListener,
                        private gloox::IqHandler,
                        private gloox::PresenceHandler {
 public:
  FocusTestClient(uint16_t port, const std::string& domain);
  ~FocusTestClient() override;

  bool Connect(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Reads whatever arrived (non-blocking).
  void Pump();
  std::string jid() const;
  void Send(signaling::xml::TagPtr stanza);
  // Sends an IQ (id assigned) and pumps until its answer (nullptr on timeout).
  signaling::xml::TagPtr Request(signaling::xml::TagPtr iq,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10));

  std::vector<signaling::xml::TagPtr>& iqs() { return iqs_; }
  std::vector<signaling::xml::TagPtr>& presences() { return presences_; }

 private:
  void onConnect() override { connected_ = true; }
  void onDisconnect(gloox::ConnectionError) override { connected_ = false; }
  bool onTLSConnect(const gloox::CertInfo&) override { return true; }
  bool handleIq(const gloox::IQ& iq) override;
  void handleIqID(const gloox::IQ&, int) override {}
  void handlePresence(const gloox::Presence& presence) override;

  std::unique_ptr<gloox::Client> client_;
  bool connected_ = false;
  uint64_t next_id_ = 1;
  std::vector<signaling::xml::TagPtr> iqs_;        // get/set received
  std::vector<signaling::xml::TagPtr> answers_;    // result/error received
  std::vector<signaling::xml::TagPtr> presences_;
};

// Pumps every client until `done()` or the timeout. Returns done().
bool PumpUntil(const std::vector<FocusTestClient*>& clients, const std::function<bool()>& done,
               std::chrono::milliseconds timeout);

}  // namespace meet::focus::test
