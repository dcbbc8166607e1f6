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

// Returns the offset of the first byte that is not valid UTF-8 or not an XML 1.0 Char
// (controls other than tab/LF/CR, surrogates, U+FFFE/U+FFFF), or npos when all is valid.
size_t FirstInvalidXmlChar(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      if (b0 < 0x20 && b0 != '\t' && b0 != '\n' && b0 != '\r') return i;
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; }
    else return i;
    if (i + len > s.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (b & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return i;
    i += len;
  }
  return std::string_view::npos;
}

// XML NCName (no colon), ASCII-strict; any non-ASCII byte is accepted as a name character
// (its UTF-8 validity was checked before parsing).
bool IsNcName(std::string_view name) {
  if (name.empty()) return false;
  auto start = [](unsigned char c) { return c >= 0x80 || c == '_' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); };
  auto rest = [&](unsigned char c) { return start(c) || c == '-' || c == '.' || (c >= '0' && c <= '9'); };
  if (!start(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name.substr(1)) {
    if (!rest(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsQName(std::string_view name) {
  const size_t colon = name.find(':');
  if (colon == std::string_view::npos) return IsNcName(name);
  return IsNcName(name.substr(0, colon)) && IsNcName(name.substr(colon + 1));
}

// gloox's parser is lenient (it accepts "<a:/>" with an empty local name); reject trees whose
// element or attribute names are not XML names. Iterative, so depth cannot exhaust the stack.
Status ValidateNames(const gloox::Tag& root) {
  std::vector<std::pair<const gloox::Tag*, std::string>> stack{{&root, root.name()}};
  size_t elements = 0;
  while (!stack.empty()) {
    auto [tag, path] = std::move(stack.back());
    stack.pop_back();
    if (++elements > kMaxElements) {
      return MakeError("xml.too-many-elements", "more than " + std::to_string(kMaxElements) + " elements");
    }
    if (!IsNcName(tag->name()) || (!tag->prefix().empty() && !IsNcName(tag->prefix()))) {
      return MakeError("xml.bad-name", "invalid element name '" + tag->prefix() +
                                           (tag->prefix().empty() ? "" : ":") + tag->name() + "'",
                       path);
    }
    for (const gloox::Tag::Attribute* attr : tag->attributes()) {
      if (!IsQName(attr->name())) {
        return MakeError("xml.bad-name", "invalid attribute name '" + attr->name() + "'", path);
      }
    }
    for (const gloox::Tag* child : tag->children()) stack.emplace_back(child, path + "/" + child->name());
  }
  return {};
}

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
  if (const size_t bad = FirstInvalidXmlChar(xml.substr(begin, end - begin)); bad != std::string_view::npos) {
    return MakeError("xml.bad-char", "invalid UTF-8 or a character XML does not allow",
                     "byte " + std::to_string(begin + bad));
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
  MEET_RETURN_IF_ERROR(ValidateNames(*handler.first_));
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
