#pragma once
// RawExtension: a gloox StanzaExtension that carries any XML element unchanged, selected by an
// XPath-like filter. gloox drops children it has no registered extension for, so every element
// the bridge reads (colibri2, healthcheck) is registered as one of these.
// (gloox pitfall: a filter with an exact element name does not match the reply element; use
// "/iq/*[@xmlns='…']".)

#include <gloox/stanzaextension.h>
#include <gloox/tag.h>

#include <memory>
#include <string>

namespace meet::bridge {

class RawExtension final : public gloox::StanzaExtension {
 public:
  static constexpr int kColibri2 = gloox::ExtUser + 101;
  static constexpr int kHealthCheck = gloox::ExtUser + 102;
  static constexpr int kColibriStats = gloox::ExtUser + 103;
  static constexpr const char* kColibri2Filter = "/iq/*[@xmlns='jitsi:colibri2']";
  static constexpr const char* kHealthCheckFilter =
      "/iq/healthcheck[@xmlns='http://jitsi.org/protocol/healthcheck']";
  static constexpr const char* kColibriStatsFilter =
      "/presence/stats[@xmlns='http://jitsi.org/protocol/colibri']";

  RawExtension(int type, std::string filter, const gloox::Tag* tag = nullptr);

  const std::string& filterString() const override { return filter_; }
  gloox::StanzaExtension* newInstance(const gloox::Tag* tag) const override;
  gloox::Tag* tag() const override;
  gloox::StanzaExtension* clone() const override;

  // The carried element (nullptr for the registration prototype).
  const gloox::Tag* raw() const { return tag_.get(); }

 private:
  std::string filter_;
  std::unique_ptr<gloox::Tag> tag_;
};

}  // namespace meet::bridge
