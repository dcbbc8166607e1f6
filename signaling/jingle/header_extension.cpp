#include "signaling/jingle/header_extension.hpp"

#include "signaling/jingle/xml_util.hpp"
#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::jingle {

Result<HeaderExtension> ParseHeaderExtension(const gloox::Tag& tag, std::string_view where) {
  HeaderExtension ext;
  auto id = detail::RequiredBoundedUintAttr(tag, "id", where, 1, 255, "jingle.bad-hdrext-id");
  if (!id) return id.error();
  ext.id = static_cast<uint8_t>(*id);
  auto uri = detail::RequiredTextAttr(tag, "uri", where, 512);
  if (!uri) return uri.error();
  ext.uri = std::move(*uri);
  auto senders = detail::TextAttr(tag, "senders", where, 32);
  if (!senders) return senders.error();
  if (!senders->empty() && *senders != "both" && *senders != "initiator" &&
      *senders != "responder" && *senders != "none") {
    return MakeError("jingle.bad-senders", "unknown senders value '" + *senders + "'",
                     std::string(where));
  }
  ext.senders = std::move(*senders);
  return ext;
}

void AppendHeaderExtension(gloox::Tag& parent, const HeaderExtension& ext) {
  gloox::Tag* t = detail::AddNsChild(parent, "rtp-hdrext", ns::kHdrExt);
  xml::SetAttr(*t, "id", uint64_t{ext.id});
  detail::SetIfNotEmpty(*t, "uri", ext.uri);
  detail::SetIfNotEmpty(*t, "senders", ext.senders);
}

}  // namespace meet::signaling::jingle
