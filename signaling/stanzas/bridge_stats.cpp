#include "signaling/stanzas/bridge_stats.hpp"

#include <charconv>
#include <cmath>

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {

Result<BridgeStats> BridgeStats::Parse(const gloox::Tag& tag) {
  auto found = detail::FindPayload(tag, "stats", ns::kColibri, "stats");
  if (!found) return found.error();
  auto list = PropertyList::ParseChildren(**found, "stat", "name", "stats");
  if (!list) return list.error();
  BridgeStats out;
  out.stats_ = std::move(*list);
  for (const char* name : {kStressLevel, kAverageParticipantStress}) {
    if (out.stats_.Find(name) == nullptr) continue;
    auto value = out.stats_.GetDouble(name);
    if (!value || *value < 0) {
      return MakeError("stats.bad-value", std::string(name) + " must be a number >= 0, not '" +
                                              out.stats_.Find(name)->substr(0, 32) + "'",
                       std::string("stats/stat[@name='") + name + "']");
    }
  }
  return out;
}

xml::TagPtr BridgeStats::ToTag() const {
  xml::TagPtr tag = xml::Make("stats", ns::kColibri);
  stats_.AppendChildren(*tag, "stat", "name");
  return tag;
}

void BridgeStats::AppendTo(gloox::Tag& presence) const { presence.addChild(ToTag().release()); }

std::optional<double> BridgeStats::StressLevel() const { return stats_.GetDouble(kStressLevel); }

std::optional<double> BridgeStats::AverageParticipantStress() const {
  return stats_.GetDouble(kAverageParticipantStress);
}

BridgeStats& BridgeStats::Set(std::string_view name, std::string_view value) {
  stats_.Set(name, value);
  return *this;
}

BridgeStats& BridgeStats::SetInt(std::string_view name, int64_t value) {
  stats_.SetInt(name, value);
  return *this;
}

BridgeStats& BridgeStats::SetDouble(std::string_view name, double value) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, std::isfinite(value) ? value : 0.0);
  stats_.Set(name, ec == std::errc() ? std::string_view(buf, ptr - buf) : std::string_view("0"));
  return *this;
}

BridgeStats& BridgeStats::SetBool(std::string_view name, bool value) {
  stats_.SetBool(name, value);
  return *this;
}

}  // namespace meet::signaling::stanzas
