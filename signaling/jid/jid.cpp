#include "signaling/jid/jid.hpp"

#include <arpa/inet.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <tuple>

namespace meet::signaling {
namespace {

constexpr size_t kMaxLabelBytes = 63;

std::string At(size_t offset) { return "byte " + std::to_string(offset); }

Error JidError(std::string code, std::string text, size_t offset) {
  return MakeError(std::move(code), std::move(text), At(offset), "jid-malformed");
}

// Decodes one UTF-8 sequence at text[i]; returns the code point and sets `len`, or nullopt
// for an invalid sequence (truncated, overlong, surrogate, beyond U+10FFFF).
std::optional<uint32_t> DecodeUtf8(std::string_view text, size_t i, size_t& len) {
  const auto b0 = static_cast<uint8_t>(text[i]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  uint32_t cp = 0;
  uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (i + len > text.size()) return std::nullopt;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<uint8_t>(text[i + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return cp;
}

bool IsControl(uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// Unicode space separators (Zs) and line/paragraph separators, which the PRECIS
// IdentifierClass (localpart) disallows and which never appear in host names.
bool IsUnicodeSpace(uint32_t cp) {
  return cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Every part: valid UTF-8 without control characters.
Status CheckText(std::string_view part, size_t base) {
  for (size_t i = 0; i < part.size();) {
    size_t len = 1;
    auto cp = DecodeUtf8(part, i, len);
    if (!cp) return JidError("jid.invalid-utf8", "invalid UTF-8 sequence", base + i);
    if (IsControl(*cp)) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(*cp));
      return JidError("jid.control-char",
                      std::string("control character U+") + hex + " is not allowed in a JID",
                      base + i);
    }
    i += len;
  }
  return {};
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Result<std::string> ValidateLocal(std::string_view local, size_t base) {
  if (local.empty()) return JidError("jid.local-empty", "empty localpart before '@'", base);
  if (local.size() > Jid::kMaxPartBytes) {
    return JidError("jid.local-too-long", "localpart of " + std::to_string(local.size()) +
                                              " bytes exceeds 1023",
                    base);
  }
  MEET_RETURN_IF_ERROR(CheckText(local, base));
  for (size_t i = 0; i < local.size();) {
    size_t len = 1;
    const uint32_t cp = *DecodeUtf8(local, i, len);  // validated by CheckText
    switch (cp) {
      case '"': case '&': case '\'': case '/': case ':': case '<': case '>': case '@':
        return JidError("jid.local-forbidden-char",
                        std::string("character '") + static_cast<char>(cp) +
                            "' is not allowed in a localpart",
                        base + i);
      default:
        break;
    }
    if (IsUnicodeSpace(cp)) {
      return JidError("jid.local-space", "spaces are not allowed in a localpart", base + i);
    }
    i += len;
  }
  return LowerAscii(local);
}

// An IPv4 dotted quad: four decimal numbers 0..255 without leading zeros.
bool IsIpv4(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (true) {
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    const size_t n = i - start;
    if (n == 0 || n > 3 || (n > 1 && s[start] == '0')) return false;
    int value = 0;
    for (size_t k = start; k < i; ++k) value = value * 10 + (s[k] - '0');
    if (value > 255) return false;
    ++parts;
    if (i == s.size()) break;
    if (s[i] != '.' || parts == 4) return false;
    ++i;
  }
  return parts == 4;
}

Status ValidateLabel(std::string_view label, size_t base) {
  if (label.empty()) {
    return JidError("jid.domain-empty-label", "empty label in domainpart", base);
  }
  size_t code_points = 0;
  for (size_t i = 0; i < label.size();) {
    size_t len = 1;
    const uint32_t cp = *DecodeUtf8(label, i, len);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c == ' ') return JidError("jid.domain-space", "spaces are not allowed in a domainpart", base + i);
      if (!IsAsciiAlnum(c) && c != '-') {
        return JidError("jid.domain-bad-char",
                        std::string("character '") + c + "' is not allowed in a domain label",
                        base + i);
      }
    } else if (IsUnicodeSpace(cp)) {
      return JidError("jid.domain-space", "spaces are not allowed in a domainpart", base + i);
    }
    ++code_points;
    i += len;
  }
  if (code_points > kMaxLabelBytes) {
    return JidError("jid.domain-label-too-long", "domain label longer than 63 characters", base);
  }
  if (label.front() == '-' || label.back() == '-') {
    return JidError("jid.domain-bad-label", "a domain label must not start or end with '-'", base);
  }
  return {};
}

Result<std::string> ValidateDomain(std::string_view domain, size_t base) {
  // RFC 7622 3.2: a trailing dot is removed before any other processing.
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  if (domain.empty()) return JidError("jid.domain-empty", "empty domainpart", base);
  if (domain.size() > Jid::kMaxPartBytes) {
    return JidError("jid.domain-too-long", "domainpart of " + std::to_string(domain.size()) +
                                               " bytes exceeds 1023",
                    base);
  }
  MEET_RETURN_IF_ERROR(CheckText(domain, base));
  if (domain.front() == '[') {
    if (domain.back() != ']' || domain.size() < 3) {
      return JidError("jid.domain-bad-ipv6", "IPv6 literal must be enclosed in '[' ']'", base);
    }
    std::string inner(domain.substr(1, domain.size() - 2));
    in6_addr addr{};
    if (inner.size() > 45 || inet_pton(AF_INET6, inner.c_str(), &addr) != 1) {
      return JidError("jid.domain-bad-ipv6", "'" + inner + "' is not an IPv6 address", base + 1);
    }
    return LowerAscii(domain);
  }
  size_t start = 0;
  std::string_view last_label;
  while (true) {
    const size_t dot = domain.find('.', start);
    const std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    MEET_RETURN_IF_ERROR(ValidateLabel(label, base + start));
    last_label = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // A host name's top label is never all-numeric (RFC 3696 2), so such a domain must be
  // an IPv4 address.
  bool numeric = true;
  for (char c : last_label) numeric = numeric && IsDigit(c);
  if (numeric && !IsIpv4(domain)) {
    return JidError("jid.domain-bad-ipv4", "'" + std::string(domain.substr(0, 64)) +
                                               "' is neither a host name nor an IPv4 address",
                    base);
  }
  return LowerAscii(domain);
}

Result<std::string> ValidateResource(std::string_view resource, size_t base) {
  if (resource.empty()) return JidError("jid.resource-empty", "empty resourcepart after '/'", base);
  if (resource.size() > Jid::kMaxPartBytes) {
    return JidError("jid.resource-too-long", "resourcepart of " + std::to_string(resource.size()) +
                                                 " bytes exceeds 1023",
                    base);
  }
  MEET_RETURN_IF_ERROR(CheckText(resource, base));
  return std::string(resource);
}

}  // namespace

Result<Jid> Jid::Parse(std::string_view text) {
  if (text.empty()) return JidError("jid.empty", "empty JID", 0);
  if (text.size() > kMaxJidBytes) {
    return JidError("jid.too-long", "JID of " + std::to_string(text.size()) + " bytes is too long", 0);
  }
  // RFC 7622 3.1: the resourcepart starts at the first '/', the localpart ends at the first
  // '@' before it.
  std::string_view head = text;
  std::optional<std::string> resource;
  const size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    auto r = ValidateResource(text.substr(slash + 1), slash + 1);
    if (!r) return r.error();
    resource = std::move(*r);
    head = text.substr(0, slash);
  }
  std::string local;
  std::string_view domain_text = head;
  size_t domain_base = 0;
  const size_t at = head.find('@');
  if (at != std::string_view::npos) {
    auto l = ValidateLocal(head.substr(0, at), 0);
    if (!l) return l.error();
    local = std::move(*l);
    domain_text = head.substr(at + 1);
    domain_base = at + 1;
  }
  auto domain = ValidateDomain(domain_text, domain_base);
  if (!domain) return domain.error();
  return Jid(std::move(local), std::move(*domain), resource.value_or(std::string()));
}

Result<Jid> Jid::FromParts(std::string_view local, std::string_view domain,
                           std::string_view resource) {
  std::string l;
  if (!local.empty()) {
    auto v = ValidateLocal(local, 0);
    if (!v) return v.error();
    l = std::move(*v);
  }
  auto d = ValidateDomain(domain, 0);
  if (!d) return d.error();
  std::string r;
  if (!resource.empty()) {
    auto v = ValidateResource(resource, 0);
    if (!v) return v.error();
    r = std::move(*v);
  }
  return Jid(std::move(l), std::move(*d), std::move(r));
}

Result<Jid> Jid::MucOccupant(const Jid& room, std::string_view nick) {
  if (room.empty() || !room.HasLocal() || !room.IsBare()) {
    return MakeError("jid.not-a-room", "'" + room.ToString() + "' is not a bare room JID", {},
                     "jid-malformed");
  }
  if (nick.empty()) return JidError("jid.resource-empty", "empty MUC nickname", 0);
  return room.WithResource(nick);
}

Jid Jid::Bare() const { return Jid(local_, domain_, {}); }

Result<Jid> Jid::WithResource(std::string_view resource) const {
  if (empty()) return JidError("jid.empty", "cannot add a resource to an empty JID", 0);
  if (resource.empty()) return Bare();
  auto r = ValidateResource(resource, 0);
  if (!r) return r.error();
  return Jid(local_, domain_, std::move(*r));
}

bool Jid::IsOccupantOf(const Jid& room) const {
  return !empty() && IsFull() && local_ == room.local_ && domain_ == room.domain_ &&
         room.IsBare();
}

std::string Jid::BareString() const {
  if (local_.empty()) return domain_;
  std::string s;
  s.reserve(local_.size() + 1 + domain_.size());
  s.append(local_).append("@").append(domain_);
  return s;
}

std::string Jid::ToString() const {
  std::string s = BareString();
  if (!resource_.empty()) s.append("/").append(resource_);
  return s;
}

std::strong_ordering operator<=>(const Jid& a, const Jid& b) {
  return std::tie(a.domain_, a.local_, a.resource_) <=> std::tie(b.domain_, b.local_, b.resource_);
}

size_t JidHash::operator()(const Jid& jid) const noexcept {
  const std::hash<std::string> h;
  size_t seed = h(jid.domain());
  seed ^= h(jid.local()) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  seed ^= h(jid.resource()) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  return seed;
}

}  // namespace meet::signaling
