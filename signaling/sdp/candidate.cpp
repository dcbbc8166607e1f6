#include "signaling/sdp/candidate.hpp"

#include "signaling/sdp/tokens.hpp"

namespace meet::signaling::sdp {
namespace {

Error CandidateError(std::string text, std::string_view where) {
  return MakeError("sdp.bad-candidate", std::move(text), std::string(where));
}

bool IsIceChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

}  // namespace

Result<Candidate> ParseCandidate(std::string_view text, std::string_view where) {
  if (text.starts_with("a=")) text.remove_prefix(2);
  if (text.starts_with("candidate:")) text.remove_prefix(10);
  const std::vector<std::string_view> t = SplitTokens(text, 64);
  if (t.size() > 8 + 2 * (kMaxCandidateExtensions + 8)) {
    return CandidateError("too many fields", where);
  }
  if (t.size() < 8) return CandidateError("needs at least 8 fields, got " + std::to_string(t.size()), where);
  Candidate c;
  if (t[0].size() > kMaxFoundationLength) return CandidateError("foundation too long", where);
  for (char ch : t[0]) {
    if (!IsIceChar(ch)) return CandidateError("bad foundation '" + Clip(t[0]) + "'", where);
  }
  c.foundation = std::string(t[0]);
  auto component = ParseNumber(t[1], 256);
  if (!component || *component == 0) return CandidateError("bad component '" + Clip(t[1]) + "'", where);
  c.component = static_cast<uint16_t>(*component);
  c.transport = std::string(t[2]);
  auto priority = ParseNumber(t[3], UINT32_MAX);
  if (!priority) return CandidateError("bad priority '" + Clip(t[3]) + "'", where);
  c.priority = static_cast<uint32_t>(*priority);
  c.address = std::string(t[4]);
  auto port = ParseNumber(t[5], 65535);
  if (!port) return CandidateError("bad port '" + Clip(t[5]) + "'", where);
  c.port = static_cast<uint16_t>(*port);
  if (t[6] != "typ") return CandidateError("expected 'typ', got '" + Clip(t[6]) + "'", where);
  c.type = std::string(t[7]);
  if ((t.size() - 8) % 2 != 0) return CandidateError("extension name without value", where);
  for (size_t i = 8; i + 1 < t.size(); i += 2) {
    const std::string_view name = t[i];
    const std::string_view value = t[i + 1];
    if (name == "raddr") {
      c.rel_addr = std::string(value);
    } else if (name == "rport") {
      auto v = ParseNumber(value, 65535);
      if (!v) return CandidateError("bad rport '" + Clip(value) + "'", where);
      c.rel_port = static_cast<uint16_t>(*v);
    } else if (name == "tcptype") {
      c.tcptype = std::string(value);
    } else if (name == "generation") {
      auto v = ParseNumber(value, UINT32_MAX);
      if (!v) return CandidateError("bad generation '" + Clip(value) + "'", where);
      c.generation = static_cast<uint32_t>(*v);
    } else if (name == "ufrag") {
      c.ufrag = std::string(value);
    } else if (name == "network-id") {
      auto v = ParseNumber(value, UINT32_MAX);
      if (!v) return CandidateError("bad network-id '" + Clip(value) + "'", where);
      c.network_id = static_cast<uint32_t>(*v);
    } else if (name == "network-cost") {
      auto v = ParseNumber(value, UINT32_MAX);
      if (!v) return CandidateError("bad network-cost '" + Clip(value) + "'", where);
      c.network_cost = static_cast<uint32_t>(*v);
    } else {
      if (c.extensions.size() >= kMaxCandidateExtensions) {
        return CandidateError("too many extensions", where);
      }
      c.extensions.emplace_back(std::string(name), std::string(value));
    }
  }
  return c;
}

std::string CandidateValue(const Candidate& c) {
  std::string s = c.foundation;
  s += ' ';
  s += std::to_string(c.component);
  s += ' ';
  s += c.transport;
  s += ' ';
  s += std::to_string(c.priority);
  s += ' ';
  s += c.address;
  s += ' ';
  s += std::to_string(c.port);
  s += " typ ";
  s += c.type;
  if (!c.rel_addr.empty()) s += " raddr " + c.rel_addr;
  if (c.rel_port) s += " rport " + std::to_string(*c.rel_port);
  if (!c.tcptype.empty()) s += " tcptype " + c.tcptype;
  if (c.generation) s += " generation " + std::to_string(*c.generation);
  if (!c.ufrag.empty()) s += " ufrag " + c.ufrag;
  if (c.network_id) s += " network-id " + std::to_string(*c.network_id);
  if (c.network_cost) s += " network-cost " + std::to_string(*c.network_cost);
  for (const auto& [name, value] : c.extensions) s += ' ' + name + ' ' + value;
  return s;
}

}  // namespace meet::signaling::sdp
