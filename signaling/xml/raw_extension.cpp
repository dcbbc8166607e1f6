#include "signaling/xml/raw_extension.hpp"

namespace meet::signaling::xml {

RawExtension::RawExtension(int type, std::string filter, const gloox::Tag* tag)
    : gloox::StanzaExtension(type),
      filter_(std::move(filter)),
      tag_(tag != nullptr ? tag->clone() : nullptr) {}

gloox::StanzaExtension* RawExtension::newInstance(const gloox::Tag* tag) const {
  return std::make_unique<RawExtension>(extensionType(), filter_, tag).release();
}

gloox::Tag* RawExtension::tag() const { return tag_ ? tag_->clone() : nullptr; }

gloox::StanzaExtension* RawExtension::clone() const {
  return std::make_unique<RawExtension>(extensionType(), filter_, tag_.get()).release();
}

}  // namespace meet::signaling::xml
