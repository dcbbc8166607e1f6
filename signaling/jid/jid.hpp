#pragma once
// An XMPP address (RFC 7622): [localpart@]domainpart[/resourcepart].
//
// Parse() validates and normalises:
//   * localpart  (PRECIS UsernameCaseMapped): no " & ' / : < > @, no spaces, no control
//                characters; ASCII letters are lower-cased (non-ASCII case mapping is left as is).
//   * domainpart: a DNS host name (labels of letters, digits and '-', 1..63 bytes, not starting
//                or ending with '-'; non-ASCII labels are accepted as UTF-8 U-labels), an IPv4
//                dotted quad or an [IPv6] literal; lower-cased; one trailing dot removed.
//   * resourcepart (PRECIS OpaqueString): any UTF-8 but control characters; preserved as is
//                (case and spaces kept).
// Every part is at most 1023 bytes and must be valid UTF-8. Errors carry a code
// ("jid.domain-empty", ...) and the byte offset in the input.
//
// A default-constructed Jid is "no address" (empty() is true); Parse never produces one.

#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "media/base/result.hpp"

namespace meet::signaling {

class Jid {
 public:
  // RFC 7622 section 3: each of the three parts is at most 1023 octets.
  static constexpr size_t kMaxPartBytes = 1023;
  // Two separators plus three maximal parts.
  static constexpr size_t kMaxJidBytes = 3 * kMaxPartBytes + 2;

  Jid() = default;

  static Result<Jid> Parse(std::string_view text);
  // Builds a JID from separate parts (each validated and normalised as in Parse). An empty
  // local or resource means "absent".
  static Result<Jid> FromParts(std::string_view local, std::string_view domain,
                               std::string_view resource = {});

  // The MUC occupant JID room@muc/nick. `room` must be a bare JID with a localpart and
  // `nick` a valid, non-empty resourcepart.
  static Result<Jid> MucOccupant(const Jid& room, std::string_view nick);

  const std::string& local() const { return local_; }
  const std::string& domain() const { return domain_; }
  const std::string& resource() const { return resource_; }

  bool empty() const { return domain_.empty(); }
  bool HasLocal() const { return !local_.empty(); }
  bool IsBare() const { return resource_.empty(); }
  bool IsFull() const { return !resource_.empty(); }

  // local@domain (or domain) without the resource.
  Jid Bare() const;
  // The same bare JID with another resource (validated); an empty `resource` gives Bare().
  Result<Jid> WithResource(std::string_view resource) const;

  // True when this is an occupant of `room` (same bare JID, non-empty resource = nick).
  bool IsOccupantOf(const Jid& room) const;
  // The occupant nick (the resource) of a MUC occupant JID; empty for a bare JID.
  const std::string& Nick() const { return resource_; }

  std::string ToString() const;
  std::string BareString() const;

  friend bool operator==(const Jid&, const Jid&) = default;
  friend std::strong_ordering operator<=>(const Jid& a, const Jid& b);

 private:
  Jid(std::string local, std::string domain, std::string resource)
      : local_(std::move(local)), domain_(std::move(domain)), resource_(std::move(resource)) {}

  std::string local_;
  std::string domain_;
  std::string resource_;
};

// Hash for unordered containers (also available as std::hash<Jid>).
struct JidHash {
  size_t operator()(const Jid& jid) const noexcept;
};

}  // namespace meet::signaling

template <>
struct std::hash<meet::signaling::Jid> {
  size_t operator()(const meet::signaling::Jid& jid) const noexcept {
    return meet::signaling::JidHash{}(jid);
  }
};
