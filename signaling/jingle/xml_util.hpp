#pragma once
// Internal helpers shared by the Jingle element parsers/encoders: element paths for error
// messages, bounded string attributes that gloox can encode again, and namespace-aware
// children. Not part of the public API.
//
// Element paths use 1-based indices as XPath does: "jingle/content[1]/description/payload-type[3]".

#include <gloox/tag.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "media/base/result.hpp"

namespace meet::signaling::jingle::detail {

// Longest attribute value or text we keep (URLs with tokens are ~200 bytes; JSON is separate).
inline constexpr size_t kMaxAttrBytes = 2048;

// "<where>/<name>[<index>]" with a 1-based index, or "<where>/<name>" without one.
std::string Path(std::string_view where, std::string_view name, size_t index);
std::string Path(std::string_view where, std::string_view name);

// The attribute's value ("" when absent) after checking that gloox can write it back
// (valid XML characters) and that it is at most max_bytes long. Errors: jingle.bad-text.
Result<std::string> TextAttr(const gloox::Tag& tag, std::string_view name, std::string_view where,
                             size_t max_bytes = kMaxAttrBytes);
// As TextAttr but absent or empty is xml.missing-attribute.
Result<std::string> RequiredTextAttr(const gloox::Tag& tag, std::string_view name,
                                     std::string_view where, size_t max_bytes = kMaxAttrBytes);
// Character data of an element, ASCII whitespace trimmed, checked like TextAttr.
Result<std::string> TrimmedText(const gloox::Tag& tag, std::string_view where,
                                size_t max_bytes = kMaxAttrBytes);
// Checks a string for valid XML characters and length (code jingle.bad-text).
Status CheckText(std::string_view value, std::string_view what, std::string_view where,
                 size_t max_bytes = kMaxAttrBytes);

// An unsigned attribute in [min, max]; absent -> nullopt. Errors carry `code`.
Result<std::optional<uint64_t>> BoundedUintAttr(const gloox::Tag& tag, std::string_view name,
                                                std::string_view where, uint64_t min, uint64_t max,
                                                std::string_view code);
// Same, attribute required (absent -> xml.missing-attribute).
Result<uint64_t> RequiredBoundedUintAttr(const gloox::Tag& tag, std::string_view name,
                                         std::string_view where, uint64_t min, uint64_t max,
                                         std::string_view code);

// Appends <name> to parent; adds xmlns='ns' only when the parent's namespace differs, so
// children inherit as in the wire examples (<payload-type> inside <description>) and carry
// their own xmlns elsewhere (<payload-type xmlns=rtp> inside COLIBRI2 <media>).
gloox::Tag* AddNsChild(gloox::Tag& parent, std::string_view name, std::string_view ns);
// Sets the attribute only when the value is not empty (gloox refuses empty values).
void SetIfNotEmpty(gloox::Tag& tag, std::string_view name, std::string_view value);

}  // namespace meet::signaling::jingle::detail
