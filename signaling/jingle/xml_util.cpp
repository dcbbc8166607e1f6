#include "signaling/jingle/xml_util.hpp"

#include <gloox/util.h>

#include "signaling/xml/xml.hpp"

namespace meet::signaling::jingle::detail {

std::string Path(std::string_view where, std::string_view name, size_t index) {
  std::string out(where);
  if (!out.empty()) out += '/';
  out.append(name).append("[").append(std::to_string(index)).append("]");
  return out;
}

std::string Path(std::string_view where, std::string_view name) {
  std::string out(where);
  if (!out.empty()) out += '/';
  out.append(name);
  return out;
}

Status CheckText(std::string_view value, std::string_view what, std::string_view where,
                 size_t max_bytes) {
  if (value.size() > max_bytes) {
    return MakeError("jingle.bad-text",
                     std::string(what) + " is longer than " + std::to_string(max_bytes) + " bytes",
                     std::string(where));
  }
  if (!gloox::util::checkValidXMLChars(std::string(value))) {
    return MakeError("jingle.bad-text", std::string(what) + " contains invalid XML characters",
                     std::string(where));
  }
  return {};
}

Result<std::string> TextAttr(const gloox::Tag& tag, std::string_view name, std::string_view where,
                             size_t max_bytes) {
  auto raw = xml::Attr(tag, name);
  if (!raw) return std::string();
  auto ok = CheckText(*raw, "attribute '" + std::string(name) + "'", where, max_bytes);
  if (!ok) return ok.error();
  return std::move(*raw);
}

Result<std::string> RequiredTextAttr(const gloox::Tag& tag, std::string_view name,
                                     std::string_view where, size_t max_bytes) {
  auto value = TextAttr(tag, name, where, max_bytes);
  if (!value) return value;
  if (value->empty()) {
    return MakeError("xml.missing-attribute", "missing attribute '" + std::string(name) + "'",
                     std::string(where));
  }
  return value;
}

Result<std::string> TrimmedText(const gloox::Tag& tag, std::string_view where, size_t max_bytes) {
  const std::string cdata = tag.cdata();
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t begin = 0;
  size_t end = cdata.size();
  while (begin < end && is_space(cdata[begin])) ++begin;
  while (end > begin && is_space(cdata[end - 1])) --end;
  std::string text = cdata.substr(begin, end - begin);
  auto ok = CheckText(text, "text of <" + tag.name() + ">", where, max_bytes);
  if (!ok) return ok.error();
  return text;
}

Result<std::optional<uint64_t>> BoundedUintAttr(const gloox::Tag& tag, std::string_view name,
                                                std::string_view where, uint64_t min, uint64_t max,
                                                std::string_view code) {
  auto raw = xml::Attr(tag, name);
  if (!raw) return std::optional<uint64_t>();
  auto value = xml::ParseUint(*raw, max);
  if (!value || *value < min) {
    return MakeError(std::string(code),
                     "attribute '" + std::string(name) + "' must be a number in " +
                         std::to_string(min) + ".." + std::to_string(max) + ", got '" +
                         raw->substr(0, 40) + "'",
                     std::string(where));
  }
  return std::optional<uint64_t>(*value);
}

Result<uint64_t> RequiredBoundedUintAttr(const gloox::Tag& tag, std::string_view name,
                                         std::string_view where, uint64_t min, uint64_t max,
                                         std::string_view code) {
  auto value = BoundedUintAttr(tag, name, where, min, max, code);
  if (!value) return value.error();
  if (!value->has_value()) {
    return MakeError("xml.missing-attribute", "missing attribute '" + std::string(name) + "'",
                     std::string(where));
  }
  return **value;
}

gloox::Tag* AddNsChild(gloox::Tag& parent, std::string_view name, std::string_view ns) {
  const bool inherits = ns.empty() || xml::Namespace(parent) == ns;
  return xml::AddChild(parent, name, inherits ? std::string_view() : ns);
}

void SetIfNotEmpty(gloox::Tag& tag, std::string_view name, std::string_view value) {
  if (!value.empty()) xml::SetAttr(tag, name, value);
}

}  // namespace meet::signaling::jingle::detail
