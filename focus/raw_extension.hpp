#pragma once
// A gloox StanzaExtension that carries a whole element unchanged. gloox drops children it has
// no extension for when it re-serialises a stanza, so the focus registers this for "/iq",
// "/presence" and "/message" and works on the raw Tag (parsed by signaling/ models), and uses
// it to send any payload.

#include <gloox/stanzaextension.h>
#include <gloox/tag.h>

#include <memory>
#include <string>

namespace meet::focus {

class RawExtension : public gloox::StanzaExtension {
 public:
  static constexpr int kRawIq = gloox::ExtUser + 101;
  static constexpr int kRawPresence = gloox::ExtUser + 102;
  static constexpr int kRawMessage = gloox::ExtUser + 103;

  RawExtension(int type, std::string filter, const gloox::Tag* tag = nullptr);
  ~RawExtension() override = default;

  const std::string& filterString() const override { return filter_; }
  gloox::StanzaExtension* newInstance(const gloox::Tag* tag) const override;
  gloox::Tag* tag() const override;
  gloox::StanzaExtension* clone() const override;

  const gloox::Tag* raw() const { return tag_.get(); }

 private:
  std::string filter_;
  std::unique_ptr<gloox::Tag> tag_;
};

}  // namespace meet::focus
