// Fuzz target "jingle_sdp": bytes -> xml::Parse -> jingle::ParseJingle (a <jingle> element or
// an <iq> holding one) -> JingleToSdp (exploded and per content) -> ToString -> sdp::Parse,
// which must succeed (only the SDP size limits may stop it) -> SdpToJingle. No crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "signaling/jingle/jingle.hpp"
#include "signaling/sdp/jingle_sdp.hpp"
#include "signaling/xml/xml.hpp"

namespace {

using namespace meet::signaling;

void Check(const jingle::Jingle& j, bool explode) {
  sdp::JingleToSdpOptions options;
  options.explode_sources = explode;
  auto sd = sdp::JingleToSdp(j, options);
  if (!sd.ok()) {
    if (sd.error().code.empty()) __builtin_trap();
    return;
  }
  const std::string text = sdp::ToString(*sd);
  auto reparsed = sdp::Parse(text);
  if (!reparsed.ok()) {
    const std::string& code = reparsed.error().code;
    if (code == "sdp.too-large" || code == "sdp.line-too-long" || code == "sdp.too-many-lines") return;
    __builtin_trap();
  }
  if (sdp::ToString(*reparsed) != text) __builtin_trap();
  for (auto action : {jingle::JingleAction::kSessionAccept, jingle::JingleAction::kSourceAdd}) {
    auto back = sdp::SdpToJingle(*reparsed, action, "responder");
    if (!back.ok() && back.error().code.empty()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto tag = xml::Parse(input);
  if (!tag.ok()) return 0;
  auto j = (*tag)->name() == "iq" ? jingle::ParseJingleIq(**tag) : jingle::ParseJingle(**tag);
  if (!j.ok()) return 0;
  Check(*j, true);
  Check(*j, false);
  return 0;
}
