// Fuzz target "colibri2_json": bytes -> FromJson (as conference-modify and as
// conference-modified) -> ToJson -> text -> FromJson, which must succeed and give the same
// model. Also encodes whatever parses as XML (no equality: JSON and XML bound different things).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "signaling/colibri2/colibri2_json.hpp"
#include "signaling/colibri2/colibri2_xml.hpp"

namespace {

template <typename Parse>
void RoundTrip(std::string_view input, Parse parse) {
  using namespace meet::signaling::colibri2;
  auto first = parse(input);
  if (!first.ok()) return;
  const std::string text = DumpJson(ToJson(*first));
  auto second = parse(std::string_view(text));
  if (!second.ok() || !(*second == *first)) __builtin_trap();
  (void)ToTag(*first)->xml();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace meet::signaling::colibri2;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  RoundTrip(input, [](std::string_view s) { return ConferenceModifyFromJson(s); });
  RoundTrip(input, [](std::string_view s) { return ConferenceModifiedFromJson(s); });
  return 0;
}
