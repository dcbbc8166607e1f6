// Fuzz target "colibri2_xml": bytes -> xml::Parse -> colibri2::Parse -> ToTag -> text ->
// xml::Parse -> colibri2::Parse, which must succeed and give the same model. Also exercises the
// colibri2 error parser and the JSON encoder on whatever parses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "signaling/colibri2/colibri2_error.hpp"
#include "signaling/colibri2/colibri2_json.hpp"
#include "signaling/colibri2/colibri2_xml.hpp"
#include "signaling/xml/xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace meet::signaling;
  auto tag = xml::Parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!tag.ok()) return 0;
  (void)colibri2::ParseColibri2Error(**tag);
  auto message = colibri2::Parse(**tag);
  if (!message.ok()) return 0;
  const std::string text = colibri2::ToTag(*message)->xml();
  auto again_tag = xml::Parse(text);
  if (!again_tag.ok()) __builtin_trap();
  auto again = colibri2::Parse(**again_tag);
  if (!again.ok() || !(*again == *message)) __builtin_trap();
  std::visit([](const auto& m) { (void)colibri2::DumpJson(colibri2::ToJson(m)); }, *message);
  return 0;
}
