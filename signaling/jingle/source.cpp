#include "signaling/jingle/source.hpp"

#include "signaling/jingle/xml_util.hpp"
#include "signaling/xml/namespaces.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::jingle {
namespace {

Result<uint32_t> ParseSsrc(const gloox::Tag& tag, std::string_view where) {
  auto ssrc = detail::RequiredBoundedUintAttr(tag, "ssrc", where, 1, UINT32_MAX, "jingle.bad-ssrc");
  if (!ssrc) {
    Error e = ssrc.error();
    e.code = "jingle.bad-ssrc";  // a missing ssrc is as bad as an invalid one
    return e;
  }
  return static_cast<uint32_t>(*ssrc);
}

}  // namespace

std::string_view ToString(MediaType type) {
  switch (type) {
    case MediaType::kAudio: return "audio";
    case MediaType::kVideo: return "video";
    case MediaType::kApplication: return "application";
  }
  return "audio";
}

std::optional<MediaType> ParseMediaType(std::string_view text) {
  if (text == "audio") return MediaType::kAudio;
  if (text == "video") return MediaType::kVideo;
  if (text == "application") return MediaType::kApplication;
  return std::nullopt;
}

Result<Source> ParseSource(const gloox::Tag& tag, std::string_view where) {
  Source source;
  auto ssrc = ParseSsrc(tag, where);
  if (!ssrc) return ssrc.error();
  source.ssrc = *ssrc;
  auto name = detail::TextAttr(tag, "name", where, 256);
  if (!name) return name.error();
  source.name = std::move(*name);
  auto video_type = detail::TextAttr(tag, "videoType", where, 32);
  if (!video_type) return video_type.error();
  source.video_type = std::move(*video_type);

  size_t param_index = 0;
  bool have_owner = false;
  for (const gloox::Tag* child : tag.children()) {
    if (child->name() == "parameter") {
      const std::string at = detail::Path(where, "parameter", ++param_index);
      if (param_index > kMaxSourceParameters) {
        return MakeError("jingle.too-many-parameters",
                         "more than " + std::to_string(kMaxSourceParameters) + " source parameters",
                         at);
      }
      auto pname = detail::TextAttr(*child, "name", at, 256);
      if (!pname) return pname.error();
      auto pvalue = detail::TextAttr(*child, "value", at, 1024);
      if (!pvalue) return pvalue.error();
      if (*pname == "msid") {
        if (source.msid.empty()) source.msid = std::move(*pvalue);
        continue;
      }
      source.parameters.push_back(Parameter{std::move(*pname), std::move(*pvalue)});
    } else if (child->name() == "ssrc-info" && xml::Namespace(*child) == ns::kJitmeet) {
      if (have_owner) continue;  // the first one counts
      have_owner = true;
      auto owner = detail::TextAttr(*child, "owner", detail::Path(where, "ssrc-info"), 1024);
      if (!owner) return owner.error();
      source.owner = std::move(*owner);
    }
  }
  return source;
}

Result<SsrcGroup> ParseSsrcGroup(const gloox::Tag& tag, std::string_view where) {
  SsrcGroup group;
  auto semantics = detail::TextAttr(tag, "semantics", where, 32);
  if (!semantics) return semantics.error();
  if (semantics->empty()) {
    return MakeError("jingle.bad-group", "ssrc-group without semantics", std::string(where));
  }
  group.semantics = std::move(*semantics);
  size_t index = 0;
  for (const gloox::Tag* child : tag.children()) {
    if (child->name() != "source") continue;
    const std::string at = detail::Path(where, "source", ++index);
    if (index > kMaxGroupSources) {
      return MakeError("jingle.too-many-group-sources",
                       "more than " + std::to_string(kMaxGroupSources) + " sources in a group", at);
    }
    auto ssrc = ParseSsrc(*child, at);
    if (!ssrc) return ssrc.error();
    group.ssrcs.push_back(*ssrc);
  }
  if (group.ssrcs.empty()) {
    return MakeError("jingle.bad-group", "ssrc-group without sources", std::string(where));
  }
  return group;
}

void AppendSource(gloox::Tag& parent, const Source& source) {
  gloox::Tag* t = detail::AddNsChild(parent, "source", ns::kSsma);
  xml::SetAttr(*t, "ssrc", uint64_t{source.ssrc});
  detail::SetIfNotEmpty(*t, "name", source.name);
  detail::SetIfNotEmpty(*t, "videoType", source.video_type);
  if (!source.msid.empty()) {
    gloox::Tag* p = xml::AddChild(*t, "parameter");
    xml::SetAttr(*p, "name", "msid");
    xml::SetAttr(*p, "value", source.msid);
  }
  for (const Parameter& param : source.parameters) {
    gloox::Tag* p = xml::AddChild(*t, "parameter");
    detail::SetIfNotEmpty(*p, "name", param.name);
    detail::SetIfNotEmpty(*p, "value", param.value);
  }
  if (!source.owner.empty()) {
    gloox::Tag* info = detail::AddNsChild(*t, "ssrc-info", ns::kJitmeet);
    xml::SetAttr(*info, "owner", source.owner);
  }
}

void AppendSsrcGroup(gloox::Tag& parent, const SsrcGroup& group) {
  gloox::Tag* t = detail::AddNsChild(parent, "ssrc-group", ns::kSsma);
  detail::SetIfNotEmpty(*t, "semantics", group.semantics);
  for (uint32_t ssrc : group.ssrcs) {
    gloox::Tag* s = xml::AddChild(*t, "source");
    xml::SetAttr(*s, "ssrc", uint64_t{ssrc});
  }
}

}  // namespace meet::signaling::jingle
