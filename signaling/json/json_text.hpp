#pragma once
// Checks on JSON text shared by every JSON model (source map, conference request, COLIBRI2,
// bridge channel): a nesting scan that runs before nlohmann builds a tree, so hostile input
// cannot make parsing or destruction recurse deeply, and RFC 6901 pointer escaping for the
// `where` of errors.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace meet::signaling::json {

// Byte offset of the first '{' or '[' that nests deeper than max_depth (strings and escapes
// skipped), or nullopt when the text stays within it. Does not validate the JSON.
std::optional<size_t> ExcessNestingOffset(std::string_view text, size_t max_depth);

// One JSON-pointer segment for `key`: "/" + key with '~' -> "~0" and '/' -> "~1" (RFC 6901).
std::string PointerSegment(std::string_view key);

}  // namespace meet::signaling::json
