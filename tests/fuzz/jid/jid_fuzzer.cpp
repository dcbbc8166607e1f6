// Fuzz target "jid": arbitrary bytes through Jid::Parse. A JID that parses must serialise to
// a string that parses again to an equal JID with the same serialisation (normalisation is
// idempotent), and the derived JIDs (bare, occupant) must stay valid.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "signaling/jid/jid.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using meet::signaling::Jid;
  auto jid = Jid::Parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!jid.ok()) {
    if (jid.error().code.empty() || jid.error().where.empty()) __builtin_trap();
    return 0;
  }
  if (jid->empty()) __builtin_trap();
  const std::string text = jid->ToString();
  auto again = Jid::Parse(text);
  if (!again.ok() || *again != *jid || again->ToString() != text) __builtin_trap();
  if (std::hash<Jid>{}(*again) != std::hash<Jid>{}(*jid)) __builtin_trap();

  const Jid bare = jid->Bare();
  auto bare_again = Jid::Parse(bare.ToString());
  if (!bare_again.ok() || *bare_again != bare || !bare.IsBare()) __builtin_trap();
  if (bare.HasLocal()) {
    auto occupant = Jid::MucOccupant(bare, "1a2b3c4d");
    if (!occupant.ok() || !occupant->IsOccupantOf(bare)) __builtin_trap();
  }
  if (jid->IsFull()) {
    auto same = bare.WithResource(jid->resource());
    if (!same.ok() || *same != *jid) __builtin_trap();
  }
  return 0;
}
