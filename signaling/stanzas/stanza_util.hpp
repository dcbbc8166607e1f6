#pragma once
// Helpers shared by the focus/bridge stanza models (internal to signaling/stanzas): locating
// a payload in a stanza, bounded text and attribute reads, JID attributes, JSON guards.

#include <gloox/tag.h>
#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "media/base/result.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/stanzas/property_list.hpp"

namespace meet::signaling::stanzas::detail {

// Bounds on untrusted strings.
inline constexpr size_t kMaxShortText = 1024;   // ids, names, versions, regions
inline constexpr size_t kMaxLongText = 16384;   // tokens, app_data, JSON text
inline constexpr size_t kMaxJsonDepth = 16;

// True for the namespaces plain stanza children live in ("" when no namespace was declared).
bool IsStanzaNamespace(std::string_view ns);

// The payload element `name` in namespace `ns`: `tag` itself, or a direct child of `tag` when
// `tag` is an <iq>, <presence> or <message>. Error "<prefix>.missing-element" otherwise.
Result<const gloox::Tag*> FindPayload(const gloox::Tag& tag, std::string_view name,
                                      std::string_view ns, std::string_view prefix);

// First child `name` in the stanza's own namespace (jabber:client, or none).
const gloox::Tag* PlainChild(const gloox::Tag& parent, std::string_view name);

// Attribute, bounded in length ("xml.too-long" otherwise); nullopt when absent.
Result<std::optional<std::string>> BoundedAttr(const gloox::Tag& tag, std::string_view name,
                                               size_t max, std::string_view where);
// Text content of an element, bounded in length.
Result<std::string> BoundedText(const gloox::Tag& tag, size_t max, std::string_view where);

// A JID attribute; nullopt when absent. Error "<code>" with the JID error's text otherwise.
Result<std::optional<Jid>> JidAttr(const gloox::Tag& tag, std::string_view name,
                                   std::string_view code, std::string_view where);

// Appends <name xmlns=ns>text</name> (ns may be empty) and returns it.
gloox::Tag* AddTextChild(gloox::Tag& parent, std::string_view name, std::string_view ns,
                         std::string_view text);

// Sets an attribute only when the optional has a value.
void SetOptionalAttr(gloox::Tag& tag, std::string_view name, const std::optional<std::string>& v);


// Parses JSON text without exceptions: bounded size and depth, error "<prefix>.bad-json".
Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view prefix);
// A JSON object of properties; values may be strings, booleans or numbers (stored as text).
Result<PropertyList> PropertiesFromJson(const nlohmann::json& json, std::string_view prefix,
                                        std::string_view where);
nlohmann::json PropertiesToJson(const PropertyList& properties);
// An optional string member of a JSON object (absent or null: nullopt).
Result<std::optional<std::string>> JsonString(const nlohmann::json& object, const char* key,
                                              std::string_view prefix);

// An enumerated attribute: `fallback` when absent, error "<code>" for an unknown value.
template <typename E, typename ParseFn>
Result<E> EnumAttr(const gloox::Tag& tag, std::string_view name, ParseFn parse, E fallback,
                   std::string_view code, std::string_view where) {
  if (!tag.hasAttribute(std::string(name))) return fallback;
  const std::string& raw = tag.findAttribute(std::string(name));
  std::optional<E> value = parse(raw);
  if (!value) {
    return MakeError(std::string(code), "unknown " + std::string(name) + " '" + raw.substr(0, 32) + "'",
                     std::string(where));
  }
  return *value;
}

// ASCII lower-case copy.
std::string LowerAscii(std::string_view s);

}  // namespace meet::signaling::stanzas::detail
