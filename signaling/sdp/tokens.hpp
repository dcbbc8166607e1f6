#pragma once
// Small text helpers shared by the SDP parser and the Jingle<->SDP mapping (internal).

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meet::signaling::sdp {

inline bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Splits on runs of spaces/tabs, dropping empty tokens. Stops after max_tokens + 1 tokens so a
// caller can tell "too many" without scanning a huge line into memory.
inline std::vector<std::string_view> SplitTokens(std::string_view text, size_t max_tokens) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size() && out.size() <= max_tokens) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i == text.size()) break;
    size_t j = i;
    while (j < text.size() && !IsSpace(text[j])) ++j;
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

// Splits "head rest": head is the first token, rest is everything after the whitespace that
// follows it (kept verbatim, may be empty).
struct HeadRest {
  std::string_view head;
  std::string_view rest;
};
inline HeadRest SplitHead(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && !IsSpace(text[i])) ++i;
  HeadRest out{text.substr(0, i), {}};
  while (i < text.size() && IsSpace(text[i])) ++i;
  out.rest = text.substr(i);
  return out;
}

// Strict unsigned decimal: digits only, at most 20 of them, value <= max.
inline std::optional<uint64_t> ParseNumber(std::string_view text, uint64_t max) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

// At most 40 characters of untrusted text for an error message.
inline std::string Clip(std::string_view text) {
  if (text.size() <= 40) return std::string(text);
  return std::string(text.substr(0, 40)) + "...";
}

}  // namespace meet::signaling::sdp
