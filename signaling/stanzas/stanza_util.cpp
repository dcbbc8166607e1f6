#include "signaling/stanzas/stanza_util.hpp"

#include "signaling/json/json_text.hpp"

#include <nlohmann/json.hpp>

#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas::detail {

bool IsStanzaNamespace(std::string_view ns) {
  return ns.empty() || ns == "jabber:client" || ns == "jabber:server" ||
         ns == "jabber:component:accept";
}

Result<const gloox::Tag*> FindPayload(const gloox::Tag& tag, std::string_view name,
                                      std::string_view ns, std::string_view prefix) {
  if (tag.name() == name && xml::Namespace(tag) == ns) return &tag;
  const std::string& outer = tag.name();
  if (outer == "iq" || outer == "presence" || outer == "message") {
    if (const gloox::Tag* child = xml::Child(tag, name, ns)) return child;
  }
  return MakeError(std::string(prefix) + ".missing-element",
                   "no <" + std::string(name) + " xmlns='" + std::string(ns) + "'> element",
                   outer.substr(0, 64));
}

const gloox::Tag* PlainChild(const gloox::Tag& parent, std::string_view name) {
  for (const gloox::Tag* child : parent.children()) {
    if (child->name() == name && IsStanzaNamespace(xml::Namespace(*child))) return child;
  }
  return nullptr;
}

Result<std::optional<std::string>> BoundedAttr(const gloox::Tag& tag, std::string_view name,
                                               size_t max, std::string_view where) {
  auto value = xml::Attr(tag, name);
  if (value && value->size() > max) {
    return MakeError("xml.too-long", "attribute '" + std::string(name) + "' is longer than " +
                                         std::to_string(max) + " bytes",
                     std::string(where));
  }
  return value;
}

Result<std::string> BoundedText(const gloox::Tag& tag, size_t max, std::string_view where) {
  std::string text = tag.cdata();
  if (text.size() > max) {
    return MakeError("xml.too-long", "text of <" + tag.name() + "> is longer than " +
                                         std::to_string(max) + " bytes",
                     std::string(where));
  }
  return text;
}

Result<std::optional<Jid>> JidAttr(const gloox::Tag& tag, std::string_view name,
                                   std::string_view code, std::string_view where) {
  auto raw = xml::Attr(tag, name);
  if (!raw) return std::optional<Jid>();
  auto jid = Jid::Parse(*raw);
  if (!jid) {
    return MakeError(std::string(code), "attribute '" + std::string(name) +
                                            "' is not a valid JID: " + jid.error().ToString(),
                     std::string(where));
  }
  return std::optional<Jid>(std::move(*jid));
}

gloox::Tag* AddTextChild(gloox::Tag& parent, std::string_view name, std::string_view ns,
                         std::string_view text) {
  gloox::Tag* child = xml::AddChild(parent, name, ns);
  if (!text.empty()) child->setCData(std::string(text));
  return child;
}

void SetOptionalAttr(gloox::Tag& tag, std::string_view name, const std::optional<std::string>& v) {
  if (v) xml::SetAttr(tag, name, *v);
}

Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view prefix) {
  const std::string code = std::string(prefix) + ".bad-json";
  if (text.size() > kMaxLongText) {
    return MakeError(code, "JSON text of " + std::to_string(text.size()) + " bytes is too long");
  }
  if (signaling::json::ExcessNestingOffset(text, kMaxJsonDepth)) return MakeError(code, "JSON nested too deeply");
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return MakeError(code, "malformed JSON");
  return json;
}

Result<PropertyList> PropertiesFromJson(const nlohmann::json& json, std::string_view prefix,
                                        std::string_view where) {
  const std::string code = std::string(prefix) + ".bad-property";
  if (!json.is_object()) return MakeError(code, "properties must be a JSON object", std::string(where));
  if (json.size() > PropertyList::kMaxProperties) {
    return MakeError(code, "too many properties", std::string(where));
  }
  PropertyList list;
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string path = std::string(where) + "." + it.key().substr(0, 64);
    if (it.key().empty() || it.key().size() > kMaxShortText) {
      return MakeError(code, "bad property name", path);
    }
    const nlohmann::json& v = it.value();
    std::string text;
    if (v.is_string()) {
      text = v.get_ref<const std::string&>();
    } else if (v.is_boolean()) {
      text = v.get<bool>() ? "true" : "false";
    } else if (v.is_number_integer() || v.is_number_unsigned()) {
      text = v.dump();
    } else if (v.is_number_float()) {
      text = v.dump();
    } else {
      return MakeError(code, "property value must be a string, boolean or number", path);
    }
    if (text.size() > kMaxLongText) return MakeError(code, "property value too long", path);
    list.Set(it.key(), text);
  }
  return list;
}

nlohmann::json PropertiesToJson(const PropertyList& properties) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : properties.items()) out[name] = value;
  return out;
}

Result<std::optional<std::string>> JsonString(const nlohmann::json& object, const char* key,
                                              std::string_view prefix) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) {
    return MakeError(std::string(prefix) + ".bad-field", std::string("'") + key + "' must be a string",
                     key);
  }
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() > kMaxLongText) {
    return MakeError(std::string(prefix) + ".bad-field", std::string("'") + key + "' is too long", key);
  }
  return std::optional<std::string>(s);
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace meet::signaling::stanzas::detail
