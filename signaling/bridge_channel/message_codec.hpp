#pragma once
// JSON <-> Message for the bridge channel, as strict as JVB's Jackson mapper
// (jitsi-protocol.md 4.3 "Semantics"):
//  * the text is one JSON object with a string "colibriClass" naming a known message class;
//  * duplicate keys anywhere are rejected (Jackson STRICT_DUPLICATE_DETECTION);
//  * unknown fields are rejected, except in EndpointMessage and EndpointStats (kept in
//    other_fields) and inside a VideoConstraints object (ignored, as JVB does);
//  * fields are type-checked: ints are 32-bit, longs 64-bit (an integral float such as 720.0
//    is accepted as an integer, a fractional one is not), strings, bools, arrays of strings;
//    an optional field that is JSON null counts as absent;
//  * enums (videoType) are case-insensitive; maxHeight is -1 (unlimited) or >= 0;
//  * size limits: the text, arrays/maps, nesting depth.
// Errors: code "bridge_channel.<what>", text, and where = byte offset ("byte 17") for malformed
// JSON or a JSON pointer ("/constraints/1a2b3c4d-v0/maxHeight") for a bad field.
// Serialize writes exactly JVB's field names and types (enum names for videoType, active as a
// string, rtx as a number), colibriClass first. Nothing here throws.

#include <cstddef>
#include <string>
#include <string_view>

#include "media/base/result.hpp"
#include "signaling/bridge_channel/messages.hpp"

namespace meet::signaling::bridge_channel {

// Largest message accepted from the network.
inline constexpr size_t kMaxMessageBytes = 64 * 1024;
// Largest number of entries in one array or map (source lists, mappedSources, constraints).
inline constexpr size_t kMaxListEntries = 1000;
// Deepest nesting of objects/arrays (free-form EndpointMessage payloads included).
inline constexpr size_t kMaxDepth = 32;

struct ParseLimits {
  size_t max_bytes = kMaxMessageBytes;
  size_t max_list_entries = kMaxListEntries;
  size_t max_depth = kMaxDepth;
};

Result<Message> Parse(std::string_view json, const ParseLimits& limits = {});

// The message as a JSON object (colibriClass first).
Json ToJson(const Message& message);
// Compact JSON text of ToJson(); strings that are not valid UTF-8 get U+FFFD replacements.
std::string Serialize(const Message& message);

}  // namespace meet::signaling::bridge_channel
