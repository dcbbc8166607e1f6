// Fuzz target "focus_stanzas": arbitrary bytes parsed as XML, then offered to every focus/bridge
// stanza model parser. Whatever parses is re-encoded, serialised, parsed as XML again and must
// parse to an equal model (the encoders never emit what the parsers reject). The raw bytes are
// also tried as the HTTP conference-request/response JSON, which must survive a JSON round trip.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "signaling/stanzas/bridge_stats.hpp"
#include "signaling/stanzas/conference_request.hpp"
#include "signaling/stanzas/conference_response.hpp"
#include "signaling/stanzas/focus_presence.hpp"
#include "signaling/stanzas/health_check_iq.hpp"
#include "signaling/stanzas/jibri_iq.hpp"
#include "signaling/stanzas/jibri_status.hpp"
#include "signaling/stanzas/mute_iq.hpp"
#include "signaling/stanzas/occupant_info.hpp"
#include "signaling/stanzas/participant_presence.hpp"
#include "signaling/stanzas/recording_status.hpp"
#include "signaling/xml/xml.hpp"

namespace {

using namespace meet::signaling;

template <typename Model, typename... Args>
void CheckXml(const gloox::Tag& tag, Args... args) {
  auto model = Model::Parse(tag, args...);
  if (!model.ok()) {
    if (model.error().code.empty()) __builtin_trap();
    return;
  }
  xml::TagPtr encoded = model->ToTag();
  auto again = xml::Parse(encoded->xml());
  if (!again.ok()) __builtin_trap();
  auto reparsed = Model::Parse(**again, args...);
  if (!reparsed.ok() || !(*reparsed == *model)) __builtin_trap();
}

template <typename Model>
void CheckJson(std::string_view text) {
  auto model = Model::FromJsonText(text);
  if (!model.ok()) return;
  try {
    auto again = Model::FromJsonText(model->ToJson().dump());
    if (!again.ok() || !(*again == *model)) __builtin_trap();
  } catch (const std::exception&) {
    __builtin_trap();  // JSON from the parser is valid UTF-8, so dump() must not throw
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckJson<stanzas::ConferenceRequest>(text);
  CheckJson<stanzas::ConferenceResponse>(text);

  auto tag = xml::Parse(text);
  if (!tag.ok()) return 0;
  const gloox::Tag& root = **tag;
  CheckXml<stanzas::ConferenceRequest>(root);
  CheckXml<stanzas::ConferenceResponse>(root);
  CheckXml<stanzas::MuteIq>(root);
  CheckXml<stanzas::JibriIq>(root);
  CheckXml<stanzas::JibriStatus>(root);
  CheckXml<stanzas::RecordingStatus>(root);
  CheckXml<stanzas::BridgeStats>(root);
  CheckXml<stanzas::HealthCheckIq>(root);
  CheckXml<stanzas::OccupantInfo>(root);
  CheckXml<stanzas::FocusPresence>(root);
  CheckXml<stanzas::ParticipantPresence>(root, std::string_view());
  // With the sender's nick, as the focus parses it.
  std::string nick;
  if (auto from = xml::Attr(root, "from")) {
    if (auto jid = Jid::Parse(*from); jid.ok()) nick = jid->resource();
  }
  if (!nick.empty()) CheckXml<stanzas::ParticipantPresence>(root, std::string_view(nick));

  // A model parsed from XML also survives the HTTP JSON form (the token is XMPP-only).
  if (auto req = stanzas::ConferenceRequest::Parse(root); req.ok()) {
    req->token.reset();
    auto back = stanzas::ConferenceRequest::FromJson(req->ToJson());
    if (!back.ok() || !(*back == *req)) __builtin_trap();
  }
  if (auto res = stanzas::ConferenceResponse::Parse(root); res.ok()) {
    auto back = stanzas::ConferenceResponse::FromJson(res->ToJson());
    if (!back.ok() || !(*back == *res)) __builtin_trap();
  }
  return 0;
}
