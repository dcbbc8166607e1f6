#pragma once
// COLIBRI2 as JSON, for the bridge's HTTP API (POST /colibri/v2/conferences, PATCH
// /colibri/v2/conferences/{meetingId}). The schema follows JVB's REST colibri2 JSON
// (jitsi-videobridge doc/rest-colibri2.md, jitsi-xmpp-extensions Colibri2JSONSerializer) and
// is written out in signaling/colibri2/README.md: "meeting-id", "endpoints", "medias",
// "payload-types", "rtp-hdrexts", "transport", "capabilities", "sources", "create", "expire", …
//
// Objects keep their key order (nlohmann::ordered_json), so payload-type "parameters" (a JSON
// object, as in JVB) keep the order of the XML <parameter>s.
//
// FromJson is strict about types and ranges and names the JSON path on failure
// ("/endpoints/0/medias/1/payload-types/2/id"); unknown keys are ignored, as JVB does.
// Nothing throws: nlohmann exceptions are caught inside.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "media/base/result.hpp"
#include "signaling/colibri2/colibri2_error.hpp"
#include "signaling/colibri2/model.hpp"

namespace meet::signaling::colibri2 {

using Json = nlohmann::ordered_json;

// Largest JSON document and deepest nesting FromJson accepts.
inline constexpr size_t kMaxJsonBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxJsonDepth = 32;

Json ToJson(const ConferenceModify& modify);
Json ToJson(const ConferenceModified& modified);
Json ToJson(const Endpoint& endpoint);
// {"condition": "item-not-found", "reason": "conference_not_found", "text": "…",
//  "endpoint-id": "…"} (reason/text/endpoint-id only when present), for HTTP error bodies.
Json ToJson(const Colibri2Error& error);

// Parse text (errors name the byte offset of a syntax error) or an already parsed value.
Result<ConferenceModify> ConferenceModifyFromJson(std::string_view text);
Result<ConferenceModify> ConferenceModifyFromJson(const Json& json);
Result<ConferenceModified> ConferenceModifiedFromJson(std::string_view text);
Result<ConferenceModified> ConferenceModifiedFromJson(const Json& json);
Result<Endpoint> EndpointFromJson(const Json& json, std::string_view where = "");

// Serialises without throwing (invalid UTF-8 is replaced); indent < 0 gives one line.
std::string DumpJson(const Json& json, int indent = -1);

// HTTP status for an error answer of the HTTP API: 400 bad-request, 403 forbidden/not-allowed,
// 404 item-not-found, 409 conflict, 501 feature-not-implemented, 503 service-unavailable,
// 500 otherwise.
int HttpStatusFor(const Colibri2Error& error);

}  // namespace meet::signaling::colibri2
