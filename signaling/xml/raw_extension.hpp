#pragma once
// RawExtension: a gloox StanzaExtension that carries one XML element unchanged, selected by
// an XPath-like filter ("/iq", "/iq/*[@xmlns='jitsi:colibri2']"). gloox drops children it has
// no registered extension for when it re-serialises a stanza, so the focus and the bridge
// register these for what they read and work on the raw Tag with the signaling/ models; they
// also send any payload through one.
// gloox pitfall: a filter with an exact element name does not match the reply element
// (conference-modify vs conference-modified); use "/iq/*[@xmlns='…']".

#include <gloox/stanzaextension.h>
#include <gloox/tag.h>

#include <memory>
#include <string>

namespace meet::signaling::xml {

class RawExtension final : public gloox::StanzaExtension {
 public:
  // `type` is the caller's gloox::ExtUser + n; `tag` is cloned (nullptr for the prototype
  // registered with the client).
  RawExtension(int type, std::string filter, const gloox::Tag* tag = nullptr);

  const std::string& filterString() const override { return filter_; }
  // gloox takes ownership of what these return (its API is raw pointers).
  gloox::StanzaExtension* newInstance(const gloox::Tag* tag) const override;
  gloox::Tag* tag() const override;
  gloox::StanzaExtension* clone() const override;

  // The carried element (nullptr for the registration prototype).
  const gloox::Tag* raw() const { return tag_.get(); }

 private:
  std::string filter_;
  std::unique_ptr<gloox::Tag> tag_;
};

}  // namespace meet::signaling::xml
