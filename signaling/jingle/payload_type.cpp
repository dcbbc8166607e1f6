#include "signaling/jingle/payload_type.hpp"

#include "signaling/jingle/xml_util.hpp"
#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::jingle {

std::optional<std::string> PayloadType::FindParameter(std::string_view param_name) const {
  for (const Parameter& p : parameters) {
    if (p.name == param_name) return p.value;
  }
  return std::nullopt;
}

Result<RtcpFb> ParseRtcpFb(const gloox::Tag& tag, std::string_view where) {
  RtcpFb fb;
  auto type = detail::TextAttr(tag, "type", where, 64);
  if (!type) return type.error();
  if (type->empty()) {
    return MakeError("jingle.bad-rtcp-fb", "rtcp-fb without a type", std::string(where));
  }
  fb.type = std::move(*type);
  auto subtype = detail::TextAttr(tag, "subtype", where, 64);
  if (!subtype) return subtype.error();
  fb.subtype = std::move(*subtype);
  return fb;
}

Result<PayloadType> ParsePayloadType(const gloox::Tag& tag, std::string_view where) {
  PayloadType pt;
  auto id = detail::RequiredBoundedUintAttr(tag, "id", where, 0, 127, "jingle.bad-payload-id");
  if (!id) return id.error();
  pt.id = static_cast<uint8_t>(*id);
  auto name = detail::TextAttr(tag, "name", where, 64);
  if (!name) return name.error();
  pt.name = std::move(*name);
  auto clockrate = xml::OptionalUintAttr(tag, "clockrate", where, UINT32_MAX);
  if (!clockrate) return clockrate.error();
  pt.clockrate = static_cast<uint32_t>(clockrate->value_or(0));
  auto channels = detail::BoundedUintAttr(tag, "channels", where, 1, 255, "xml.bad-number");
  if (!channels) return channels.error();
  pt.channels = static_cast<uint8_t>(channels->value_or(1));
  auto ptime = xml::OptionalUintAttr(tag, "ptime", where, UINT32_MAX);
  if (!ptime) return ptime.error();
  if (*ptime) pt.ptime = static_cast<uint32_t>(**ptime);
  auto maxptime = xml::OptionalUintAttr(tag, "maxptime", where, UINT32_MAX);
  if (!maxptime) return maxptime.error();
  if (*maxptime) pt.maxptime = static_cast<uint32_t>(**maxptime);

  size_t param_index = 0;
  size_t fb_index = 0;
  for (const gloox::Tag* child : tag.children()) {
    if (child->name() == "parameter") {
      const std::string at = detail::Path(where, "parameter", ++param_index);
      if (param_index > kMaxPayloadParameters) {
        return MakeError("jingle.too-many-parameters",
                         "more than " + std::to_string(kMaxPayloadParameters) + " parameters", at);
      }
      Parameter p;
      auto pname = detail::TextAttr(*child, "name", at, 256);
      if (!pname) return pname.error();
      auto pvalue = detail::TextAttr(*child, "value", at, 1024);
      if (!pvalue) return pvalue.error();
      p.name = std::move(*pname);
      p.value = std::move(*pvalue);
      pt.parameters.push_back(std::move(p));
    } else if (child->name() == "rtcp-fb" && xml::Namespace(*child) == ns::kRtcpFb) {
      const std::string at = detail::Path(where, "rtcp-fb", ++fb_index);
      if (fb_index > kMaxRtcpFbs) {
        return MakeError("jingle.too-many-rtcp-fbs",
                         "more than " + std::to_string(kMaxRtcpFbs) + " rtcp-fb elements", at);
      }
      auto fb = ParseRtcpFb(*child, at);
      if (!fb) return fb.error();
      pt.rtcp_fbs.push_back(std::move(*fb));
    }
    // Other children (rtcp-fb-trr-int, unknown extensions) are ignored.
  }
  return pt;
}

void AppendRtcpFb(gloox::Tag& parent, const RtcpFb& fb) {
  gloox::Tag* t = detail::AddNsChild(parent, "rtcp-fb", ns::kRtcpFb);
  detail::SetIfNotEmpty(*t, "type", fb.type);
  detail::SetIfNotEmpty(*t, "subtype", fb.subtype);
}

void AppendPayloadType(gloox::Tag& parent, const PayloadType& pt) {
  gloox::Tag* t = detail::AddNsChild(parent, "payload-type", ns::kRtp);
  xml::SetAttr(*t, "id", uint64_t{pt.id});
  detail::SetIfNotEmpty(*t, "name", pt.name);
  if (pt.clockrate != 0) xml::SetAttr(*t, "clockrate", uint64_t{pt.clockrate});
  if (pt.channels != 1) xml::SetAttr(*t, "channels", uint64_t{pt.channels});
  if (pt.ptime) xml::SetAttr(*t, "ptime", uint64_t{*pt.ptime});
  if (pt.maxptime) xml::SetAttr(*t, "maxptime", uint64_t{*pt.maxptime});
  for (const Parameter& p : pt.parameters) {
    gloox::Tag* pt_param = xml::AddChild(*t, "parameter");
    detail::SetIfNotEmpty(*pt_param, "name", p.name);
    detail::SetIfNotEmpty(*pt_param, "value", p.value);
  }
  for (const RtcpFb& fb : pt.rtcp_fbs) AppendRtcpFb(*t, fb);
}

}  // namespace meet::signaling::jingle
