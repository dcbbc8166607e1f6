// Fuzz target bridge_channel_json: bytes -> Parse -> Serialize -> Parse must succeed and give an
// equal message, and Serialize must be a fixed point. Seeds: tests/fuzz/corpus/bridge_channel_json/
// (the fixtures of tests/data/bridge_channel/, valid and invalid).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "signaling/bridge_channel/message_codec.hpp"

namespace {

[[noreturn]] void Die(const char* what, const std::string& detail) {
  std::fprintf(stderr, "bridge_channel_json: %s\n%s\n", what, detail.c_str());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace meet::signaling::bridge_channel;
  const std::string_view text =
      size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
  auto first = Parse(text);
  if (!first.ok()) {
    if (first.error().code.empty()) Die("error without code", std::string(text));
    return 0;
  }
  const std::string out = Serialize(*first);
  // Output may be longer than the input (e.g. 1e5 -> 100000.0, owner -> "owner":null), so the
  // re-parse allows more bytes; every other limit stays.
  ParseLimits relaxed;
  relaxed.max_bytes = 4 * kMaxMessageBytes;
  auto second = Parse(out, relaxed);
  if (!second.ok()) Die(second.error().ToString().c_str(), out);
  if (!(*second == *first)) Die("round trip changed the message", out);
  if (Serialize(*second) != out) Die("Serialize is not a fixed point", out);
  return 0;
}
