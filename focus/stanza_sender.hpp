#pragma once
// What the conference logic needs from the XMPP connection: send a stanza, send an IQ and get
// its answer. Implemented by XmppConnection; tests can provide their own.

#include <chrono>
#include <functional>
#include <string>

#include "signaling/xml/xml.hpp"

namespace meet::focus {

class StanzaSender {
 public:
  // The answer to an IQ (type result or error), or nullptr when none came in time or the
  // connection went away.
  using IqCallback = std::function<void(const gloox::Tag* response)>;

  virtual ~StanzaSender() = default;
  // Sends a complete stanza (iq, presence, message).
  virtual void Send(signaling::xml::TagPtr stanza) = 0;
  // Sends an <iq> (an id is assigned when it has none) and calls `callback` once with the
  // answer. Returns the id.
  virtual std::string SendIq(signaling::xml::TagPtr iq, IqCallback callback,
                             std::chrono::milliseconds timeout) = 0;
  // The focus's own full JID ("focus@auth.<domain>/focus").
  virtual std::string OwnJid() const = 0;
};

}  // namespace meet::focus
