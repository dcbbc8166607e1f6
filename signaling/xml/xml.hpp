#pragma once
// XML on gloox::Tag: parse a string into an owned Tag tree, plus small typed accessors used
// by every stanza model (Jingle, COLIBRI2, focus stanzas). gloox is the XMPP library the
// focus and the bridge use, so the models encode to and decode from its Tag directly.

#include <gloox/tag.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"

namespace meet::signaling::xml {

using TagPtr = std::unique_ptr<gloox::Tag>;

// Largest document ParseXml accepts (a session-initiate for a 100-person room is ~200 KiB).
inline constexpr size_t kMaxDocumentBytes = 4 * 1024 * 1024;
// Largest number of elements in one document.
inline constexpr size_t kMaxElements = 100000;

// Parses exactly one XML element (leading/trailing whitespace allowed). Errors: empty
// input, invalid UTF-8 or characters XML forbids, malformed XML (with the byte offset),
// invalid element/attribute names, more than one top-level element, too large.
Result<TagPtr> Parse(std::string_view xml);

// Namespace of a tag, resolved through its ancestors as XML says (gloox's own Tag::xmlns()
// does not inherit a parent's default namespace).
std::string Namespace(const gloox::Tag& tag);

// First child with this local name and namespace (namespace empty: any namespace).
const gloox::Tag* Child(const gloox::Tag& parent, std::string_view name, std::string_view ns = {});
// All children with this name and namespace (namespace empty: any).
std::vector<const gloox::Tag*> Children(const gloox::Tag& parent, std::string_view name,
                                        std::string_view ns = {});

// Attribute value, or nullopt when absent.
std::optional<std::string> Attr(const gloox::Tag& tag, std::string_view name);
// Attribute value or "" when absent.
std::string AttrOr(const gloox::Tag& tag, std::string_view name, std::string_view fallback = {});

// Strict number parsing of a whole string (no sign for unsigned, no spaces, no overflow).
std::optional<uint64_t> ParseUint(std::string_view text, uint64_t max = UINT64_MAX);
std::optional<int64_t> ParseInt(std::string_view text);
// "true"/"1" and "false"/"0" as XML Schema booleans.
std::optional<bool> ParseBool(std::string_view text);

// Typed attribute readers producing a clear Error naming the element path on failure.
// `where` names the element for the message, e.g. "jingle/content[0]/candidate[2]".
Result<uint64_t> UintAttr(const gloox::Tag& tag, std::string_view name, std::string_view where,
                          uint64_t max = UINT64_MAX);
Result<std::optional<uint64_t>> OptionalUintAttr(const gloox::Tag& tag, std::string_view name,
                                                 std::string_view where, uint64_t max = UINT64_MAX);
Result<std::optional<bool>> OptionalBoolAttr(const gloox::Tag& tag, std::string_view name,
                                             std::string_view where);
Result<std::string> RequiredAttr(const gloox::Tag& tag, std::string_view name, std::string_view where);

// Builders: a new element with a namespace, and a child appended to a parent (returned
// pointer is owned by the parent).
TagPtr Make(std::string_view name, std::string_view ns = {});
gloox::Tag* AddChild(gloox::Tag& parent, std::string_view name, std::string_view ns = {});
void SetAttr(gloox::Tag& tag, std::string_view name, std::string_view value);
void SetAttr(gloox::Tag& tag, std::string_view name, uint64_t value);
void SetBoolAttr(gloox::Tag& tag, std::string_view name, bool value);

}  // namespace meet::signaling::xml
