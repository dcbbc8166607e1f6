#include "signaling/stanzas/occupant_info.hpp"

#include <algorithm>

#include "signaling/stanzas/stanza_util.hpp"
#include "signaling/xml/namespaces.hpp"

namespace meet::signaling::stanzas {

std::string_view AffiliationName(Affiliation affiliation) {
  switch (affiliation) {
    case Affiliation::kOwner: return "owner";
    case Affiliation::kAdmin: return "admin";
    case Affiliation::kMember: return "member";
    case Affiliation::kOutcast: return "outcast";
    case Affiliation::kNone: break;
  }
  return "none";
}

std::optional<Affiliation> ParseAffiliation(std::string_view name) {
  for (Affiliation a : {Affiliation::kNone, Affiliation::kOwner, Affiliation::kAdmin,
                        Affiliation::kMember, Affiliation::kOutcast}) {
    if (AffiliationName(a) == name) return a;
  }
  return std::nullopt;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kModerator: return "moderator";
    case Role::kParticipant: return "participant";
    case Role::kVisitor: return "visitor";
    case Role::kNone: break;
  }
  return "none";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kNone, Role::kModerator, Role::kParticipant, Role::kVisitor}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

bool OccupantInfo::HasStatus(int code) const {
  return std::find(status_codes.begin(), status_codes.end(), code) != status_codes.end();
}

Result<OccupantInfo> OccupantInfo::Parse(const gloox::Tag& tag) {
  auto found = detail::FindPayload(tag, "x", ns::kMucUser, "occupant");
  if (!found) return found.error();
  const gloox::Tag& x = **found;
  const gloox::Tag* item = xml::Child(x, "item");
  if (item == nullptr) return MakeError("occupant.missing-item", "muc#user <x> has no <item>", "x");
  OccupantInfo out;
  if (auto a = xml::Attr(*item, "affiliation")) {
    auto parsed = ParseAffiliation(*a);
    if (!parsed) {
      return MakeError("occupant.bad-affiliation", "unknown affiliation '" + a->substr(0, 32) + "'",
                       "x/item");
    }
    out.affiliation = *parsed;
  }
  if (auto r = xml::Attr(*item, "role")) {
    auto parsed = ParseRole(*r);
    if (!parsed) {
      return MakeError("occupant.bad-role", "unknown role '" + r->substr(0, 32) + "'", "x/item");
    }
    out.role = *parsed;
  }
  auto jid = detail::JidAttr(*item, "jid", "occupant.bad-jid", "x/item");
  if (!jid) return jid.error();
  if (jid->has_value()) out.jid = std::move(**jid);
  auto nick = detail::BoundedAttr(*item, "nick", Jid::kMaxPartBytes, "x/item");
  if (!nick) return nick.error();
  out.nick = std::move(*nick);
  size_t index = 0;
  for (const gloox::Tag* status : xml::Children(x, "status")) {
    const std::string where = "x/status[" + std::to_string(index++) + "]";
    if (out.status_codes.size() >= kMaxStatusCodes) {
      return MakeError("occupant.too-many-status", "too many <status> elements", where);
    }
    auto code = xml::UintAttr(*status, "code", where, 999);
    if (!code) return code.error();
    if (*code < 100) {
      return MakeError("occupant.bad-status", "status code must have three digits", where);
    }
    out.status_codes.push_back(static_cast<int>(*code));
  }
  return out;
}

xml::TagPtr OccupantInfo::ToTag() const {
  xml::TagPtr x = xml::Make("x", ns::kMucUser);
  gloox::Tag* item = xml::AddChild(*x, "item");
  xml::SetAttr(*item, "affiliation", AffiliationName(affiliation));
  xml::SetAttr(*item, "role", RoleName(role));
  if (!jid.empty()) xml::SetAttr(*item, "jid", jid.ToString());
  detail::SetOptionalAttr(*item, "nick", nick);
  for (int code : status_codes) {
    xml::SetAttr(*xml::AddChild(*x, "status"), "code", static_cast<uint64_t>(code));
  }
  return x;
}

void OccupantInfo::AppendTo(gloox::Tag& presence) const { presence.addChild(ToTag().release()); }

}  // namespace meet::signaling::stanzas
