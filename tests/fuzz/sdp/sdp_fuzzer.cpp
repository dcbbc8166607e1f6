// Fuzz target "sdp": bytes -> sdp::Parse -> ToString -> Parse must succeed and ToString must
// be a fixed point. The only tolerated failure of the second parse is a size limit, because
// ToString writes CRLF and may add default o=/s=/t= lines to input that was just under a limit.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "signaling/sdp/session_description.hpp"

namespace sdp = meet::signaling::sdp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto first = sdp::Parse(input);
  if (!first.ok()) {
    if (first.error().code.empty() || first.error().where.empty()) __builtin_trap();
    return 0;
  }
  const std::string text = sdp::ToString(*first);
  auto second = sdp::Parse(text);
  if (!second.ok()) {
    const std::string& code = second.error().code;
    if (code == "sdp.too-large" || code == "sdp.line-too-long" || code == "sdp.too-many-lines") return 0;
    __builtin_trap();
  }
  if (sdp::ToString(*second) != text) __builtin_trap();
  return 0;
}
