#pragma once
// The MUC user extension of an occupant's presence (XEP-0045):
//   <x xmlns='http://jabber.org/protocol/muc#user'>
//     <item affiliation='owner' role='moderator' jid='user@meet.jitsi/res' [nick=]/>
//     <status code='110'/>...
//   </x>
// Jitsi rooms are non-anonymous (muc#roomconfig_whois = anyone), so `jid` is the real JID.

#include <gloox/tag.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"
#include "signaling/jid/jid.hpp"
#include "signaling/xml/xml.hpp"

namespace meet::signaling::stanzas {

enum class Affiliation { kNone, kOwner, kAdmin, kMember, kOutcast };
enum class Role { kNone, kModerator, kParticipant, kVisitor };

std::string_view AffiliationName(Affiliation affiliation);
std::optional<Affiliation> ParseAffiliation(std::string_view name);
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct OccupantInfo {
  static constexpr size_t kMaxStatusCodes = 16;
  // XEP-0045 status codes the focus looks at.
  static constexpr int kSelfPresence = 110;
  static constexpr int kRoomCreated = 201;
  static constexpr int kKicked = 307;
  static constexpr int kNickChanged = 303;

  Affiliation affiliation = Affiliation::kNone;
  Role role = Role::kNone;
  Jid jid;  // real JID; empty when the room hides it
  std::optional<std::string> nick;  // <item nick=> (nick changes)
  std::vector<int> status_codes;

  bool HasStatus(int code) const;
  bool IsSelf() const { return HasStatus(kSelfPresence); }
  bool IsModerator() const { return role == Role::kModerator; }

  // `tag` is the muc#user <x> or a <presence> containing it. Errors: missing <item>, unknown
  // affiliation/role, invalid jid, bad or too many status codes.
  static Result<OccupantInfo> Parse(const gloox::Tag& tag);
  xml::TagPtr ToTag() const;
  void AppendTo(gloox::Tag& presence) const;

  friend bool operator==(const OccupantInfo&, const OccupantInfo&) = default;
};

}  // namespace meet::signaling::stanzas
