#include "signaling/xml/xml.hpp"

#include <gloox/parser.h>
#include <gloox/taghandler.h>

#include <charconv>

namespace meet::signaling::xml {
namespace {

// Collects the first complete top-level element the gloox parser produces.
class FirstTag : public gloox::TagHandler {
 public:
  void handleTag(gloox::Tag* tag) override {
    ++count_;
    if (!first_) first_.reset(tag->clone());
  }
  TagPtr first_;
  int count_ = 0;
};

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<TagPtr> Parse(std::string_view xml) {
  if (xml.size() > kMaxDocumentBytes) {
    return MakeError("xml.too-large", "document of " + std::to_string(xml.size()) +
                                          " bytes exceeds the limit of " +
                                          std::to_string(kMaxDocumentBytes));
  }
  size_t begin = 0;
  while (begin < xml.size() && IsXmlSpace(xml[begin])) ++begin;
  size_t end = xml.size();
  while (end > begin && IsXmlSpace(xml[end - 1])) --end;
  if (begin == end) return MakeError("xml.empty", "no XML element in input");
  if (xml.find('\0', begin) < end) {
    return MakeError("xml.nul", "NUL byte in XML", "byte " + std::to_string(xml.find('\0', begin)));
  }
  FirstTag handler;
  gloox::Parser parser(&handler, true);
  std::string data(xml.substr(begin, end - begin));
  const int rc = parser.feed(data);
  if (rc >= 0) {
    return MakeError("xml.malformed", "malformed XML", "byte " + std::to_string(begin + rc));
  }
  if (!handler.first_) return MakeError("xml.incomplete", "XML element is not closed");
  if (handler.count_ > 1) return MakeError("xml.multiple-roots", "more than one top-level element");
  return std::move(handler.first_);
}

std::string Namespace(const gloox::Tag& tag) {
  // gloox does not inherit a default namespace from ancestors; resolve it as XML does.
  const std::string key = tag.prefix().empty() ? "xmlns" : "xmlns:" + tag.prefix();
  for (const gloox::Tag* t = &tag; t != nullptr; t = t->parent()) {
    if (t->hasAttribute(key)) return t->findAttribute(key);
  }
  return tag.xmlns();
}

const gloox::Tag* Child(const gloox::Tag& parent, std::string_view name, std::string_view ns) {
  for (const gloox::Tag* child : parent.children()) {
    if (child->name() == name && (ns.empty() || Namespace(*child) == ns)) return child;
  }
  return nullptr;
}

std::vector<const gloox::Tag*> Children(const gloox::Tag& parent, std::string_view name,
                                        std::string_view ns) {
  std::vector<const gloox::Tag*> out;
  for (const gloox::Tag* child : parent.children()) {
    if (child->name() == name && (ns.empty() || Namespace(*child) == ns)) out.push_back(child);
  }
  return out;
}

std::optional<std::string> Attr(const gloox::Tag& tag, std::string_view name) {
  const std::string key(name);
  if (!tag.hasAttribute(key)) return std::nullopt;
  return tag.findAttribute(key);
}

std::string AttrOr(const gloox::Tag& tag, std::string_view name, std::string_view fallback) {
  auto v = Attr(tag, name);
  return v ? *v : std::string(fallback);
}

std::optional<uint64_t> ParseUint(std::string_view text, uint64_t max) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

std::optional<int64_t> ParseInt(std::string_view text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<bool> ParseBool(std::string_view text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return std::nullopt;
}

Result<uint64_t> UintAttr(const gloox::Tag& tag, std::string_view name, std::string_view where,
                          uint64_t max) {
  auto raw = Attr(tag, name);
  if (!raw) {
    return MakeError("xml.missing-attribute", "missing attribute '" + std::string(name) + "'",
                     std::string(where));
  }
  auto value = ParseUint(*raw, max);
  if (!value) {
    return MakeError("xml.bad-number", "attribute '" + std::string(name) + "' is not a number in 0.." +
                                           std::to_string(max) + ": '" + raw->substr(0, 40) + "'",
                     std::string(where));
  }
  return *value;
}

Result<std::optional<uint64_t>> OptionalUintAttr(const gloox::Tag& tag, std::string_view name,
                                                 std::string_view where, uint64_t max) {
  if (!Attr(tag, name)) return std::optional<uint64_t>();
  auto v = UintAttr(tag, name, where, max);
  if (!v) return v.error();
  return std::optional<uint64_t>(*v);
}

Result<std::optional<bool>> OptionalBoolAttr(const gloox::Tag& tag, std::string_view name,
                                             std::string_view where) {
  auto raw = Attr(tag, name);
  if (!raw) return std::optional<bool>();
  auto value = ParseBool(*raw);
  if (!value) {
    return MakeError("xml.bad-bool", "attribute '" + std::string(name) + "' is not a boolean: '" +
                                         raw->substr(0, 40) + "'",
                     std::string(where));
  }
  return std::optional<bool>(*value);
}

Result<std::string> RequiredAttr(const gloox::Tag& tag, std::string_view name, std::string_view where) {
  auto raw = Attr(tag, name);
  if (!raw || raw->empty()) {
    return MakeError("xml.missing-attribute", "missing attribute '" + std::string(name) + "'",
                     std::string(where));
  }
  return *raw;
}

TagPtr Make(std::string_view name, std::string_view ns) {
  auto tag = std::make_unique<gloox::Tag>(std::string(name));
  if (!ns.empty()) tag->setXmlns(std::string(ns));
  return tag;
}

gloox::Tag* AddChild(gloox::Tag& parent, std::string_view name, std::string_view ns) {
  TagPtr child = Make(name, ns);
  gloox::Tag* raw = child.release();
  parent.addChild(raw);  // the parent owns it from here
  return raw;
}

void SetAttr(gloox::Tag& tag, std::string_view name, std::string_view value) {
  tag.addAttribute(std::string(name), std::string(value));
}

void SetAttr(gloox::Tag& tag, std::string_view name, uint64_t value) {
  tag.addAttribute(std::string(name), std::to_string(value));
}

void SetBoolAttr(gloox::Tag& tag, std::string_view name, bool value) {
  tag.addAttribute(std::string(name), value ? "true" : "false");
}

}  // namespace meet::signaling::xml
