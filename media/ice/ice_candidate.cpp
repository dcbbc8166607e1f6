#include "media/ice/ice_candidate.hpp"

#include <charconv>
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <vector>

namespace meet::media::ice {

std::string_view ToString(IceCandidateType type) {
  switch (type) {
    case IceCandidateType::kHost: return "host";
    case IceCandidateType::kSrflx: return "srflx";
    case IceCandidateType::kPrflx: return "prflx";
    case IceCandidateType::kRelay: return "relay";
  }
  return "host";
}

uint32_t ComputePriority(IceCandidateType type, uint16_t local_preference, uint32_t component) {
  uint32_t type_pref = 126;
  switch (type) {
    case IceCandidateType::kHost: type_pref = 126; break;
    case IceCandidateType::kPrflx: type_pref = 110; break;
    case IceCandidateType::kSrflx: type_pref = 100; break;
    case IceCandidateType::kRelay: type_pref = 0; break;
  }
  const uint32_t comp = component == 0 || component > 256 ? 256 : component;
  return (type_pref << 24) + (static_cast<uint32_t>(local_preference) << 8) + (256 - comp);
}

std::string ToSdpAttribute(const IceCandidate& c) {
  std::string s = fmt::format("candidate:{} {} {} {} {} {} typ {}", c.foundation, c.component,
                              c.protocol, c.priority, c.address, c.port, ToString(c.type));
  if (!c.related_address.empty()) {
    s += fmt::format(" raddr {} rport {}", c.related_address, c.related_port);
  }
  if (!c.tcptype.empty()) s += fmt::format(" tcptype {}", c.tcptype);
  return s;
}

namespace {

constexpr size_t kMaxAttributeLength = 1024;
constexpr size_t kMaxTokens = 64;
constexpr size_t kMaxFoundation = 32;  // RFC 8445: 1*32 ice-char

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  if (text.empty()) return false;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

bool IsIceChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Plausible IP literal: IPv4 dotted digits or IPv6 hex/colons (possibly with a dotted tail).
// Hostnames (mDNS ".local" candidates) are accepted as-is by the grammar too.
bool IsAddressToken(std::string_view s) {
  if (s.empty() || s.size() > 255) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == ':' || c == '-' ||
          c == '%' || c == '_')) {
      return false;
    }
  }
  return true;
}

Error Fail(std::string code, std::string text, size_t field) {
  return MakeError("ice." + std::move(code), std::move(text), fmt::format("field {}", field));
}

}  // namespace

Result<IceCandidate> ParseSdpAttribute(std::string_view text) {
  if (text.size() > kMaxAttributeLength) {
    return MakeError("ice.candidate-too-long", "candidate attribute too long", "0");
  }
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  if (text.starts_with("a=")) text.remove_prefix(2);
  if (text.starts_with("candidate:")) text.remove_prefix(10);

  std::vector<std::string_view> tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size()) break;
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    if (tokens.size() == kMaxTokens) return Fail("candidate-too-many-fields", "too many fields", pos);
    tokens.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  if (tokens.size() < 8) return Fail("candidate-short", "fewer than 8 fields", tokens.size());

  IceCandidate c;
  if (tokens[0].size() > kMaxFoundation) return Fail("candidate-foundation", "foundation too long", 0);
  for (char ch : tokens[0]) {
    if (!IsIceChar(ch)) return Fail("candidate-foundation", "bad foundation character", 0);
  }
  c.foundation = std::string(tokens[0]);
  if (!ParseNumber(tokens[1], c.component) || c.component < 1 || c.component > 256) {
    return Fail("candidate-component", "bad component id", 1);
  }
  c.protocol = Lower(tokens[2]);
  if (c.protocol != "udp" && c.protocol != "tcp") {
    return Fail("candidate-protocol", "transport is not udp or tcp", 2);
  }
  if (!ParseNumber(tokens[3], c.priority) || c.priority == 0) {
    return Fail("candidate-priority", "bad priority", 3);
  }
  if (!IsAddressToken(tokens[4])) return Fail("candidate-address", "bad connection address", 4);
  c.address = std::string(tokens[4]);
  if (!ParseNumber(tokens[5], c.port)) return Fail("candidate-port", "bad port", 5);
  if (tokens[6] != "typ") return Fail("candidate-typ", "expected 'typ'", 6);
  const std::string type = Lower(tokens[7]);
  if (type == "host") {
    c.type = IceCandidateType::kHost;
  } else if (type == "srflx") {
    c.type = IceCandidateType::kSrflx;
  } else if (type == "prflx") {
    c.type = IceCandidateType::kPrflx;
  } else if (type == "relay") {
    c.type = IceCandidateType::kRelay;
  } else {
    return Fail("candidate-type", "unknown candidate type", 7);
  }
  // Extension name/value pairs.
  for (size_t i = 8; i + 1 < tokens.size(); i += 2) {
    const std::string_view name = tokens[i];
    const std::string_view value = tokens[i + 1];
    if (name == "raddr") {
      if (!IsAddressToken(value)) return Fail("candidate-raddr", "bad related address", i + 1);
      c.related_address = std::string(value);
    } else if (name == "rport") {
      if (!ParseNumber(value, c.related_port)) return Fail("candidate-rport", "bad related port", i + 1);
    } else if (name == "tcptype") {
      c.tcptype = Lower(value);
      if (c.tcptype != "active" && c.tcptype != "passive" && c.tcptype != "so") {
        return Fail("candidate-tcptype", "bad tcptype", i + 1);
      }
    }
  }
  if ((tokens.size() - 8) % 2 != 0) {
    return Fail("candidate-extension", "extension name without value", tokens.size() - 1);
  }
  return c;
}

}  // namespace meet::media::ice
