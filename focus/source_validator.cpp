#include "focus/source_validator.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace meet::focus {

using signaling::jingle::EndpointSourceSet;
using signaling::jingle::MediaType;
using signaling::jingle::SourceMap;
using signaling::jingle::TypedSource;
using signaling::jingle::TypedSsrcGroup;

namespace {

Error Bad(std::string code, std::string text) {
  return MakeError("focus.source." + code, std::move(text), {}, "bad-request");
}

const TypedSource* FindSource(const EndpointSourceSet& set, uint32_t ssrc) {
  for (const auto& s : set.sources) {
    if (s.source.ssrc == ssrc) return &s;
  }
  return nullptr;
}

bool SameGroup(const TypedSsrcGroup& a, const TypedSsrcGroup& b) {
  return a.media == b.media && a.group.semantics == b.group.semantics &&
         a.group.ssrcs == b.group.ssrcs;
}

std::string DefaultName(std::string_view owner, MediaType media) {
  return std::string(owner) + (media == MediaType::kAudio ? "-a0" : "-v0");
}

}  // namespace

Status SourceValidator::ValidateEndpointSet(const EndpointSourceSet& set) const {
  if (set.sources.size() > max_ssrcs_) {
    return Bad("too-many-sources", "too many sources: " + std::to_string(set.sources.size()) +
                                       " (limit " + std::to_string(max_ssrcs_) + ")");
  }
  if (set.groups.size() > max_ssrcs_) {
    return Bad("too-many-groups", "too many ssrc-groups: " + std::to_string(set.groups.size()) +
                                      " (limit " + std::to_string(max_ssrcs_) + ")");
  }
  std::set<uint32_t> grouped;
  std::map<std::string, size_t> msid_owner_group;  // msid -> index of the group using it
  for (size_t gi = 0; gi < set.groups.size(); ++gi) {
    const auto& g = set.groups[gi];
    if (g.group.ssrcs.empty()) return Bad("empty-group", "empty " + g.group.semantics + " group");
    if (g.group.semantics == "FID" && g.group.ssrcs.size() != 2) {
      return Bad("bad-fid-group", "FID group must have exactly 2 SSRCs, has " +
                                      std::to_string(g.group.ssrcs.size()));
    }
    std::string msid;
    for (size_t i = 0; i < g.group.ssrcs.size(); ++i) {
      uint32_t ssrc = g.group.ssrcs[i];
      const TypedSource* s = FindSource(set, ssrc);
      if (s == nullptr) {
        return Bad("group-unknown-ssrc", g.group.semantics + " group references unknown SSRC " +
                                             std::to_string(ssrc));
      }
      if (s->source.msid.empty()) {
        return Bad("group-missing-msid", "source " + std::to_string(ssrc) + " in a " +
                                             g.group.semantics + " group has no msid");
      }
      if (i == 0) {
        msid = s->source.msid;
      } else if (s->source.msid != msid) {
        return Bad("group-msid-mismatch", "sources of a " + g.group.semantics +
                                              " group have different msids ('" + msid + "' and '" +
                                              s->source.msid + "')");
      }
      grouped.insert(ssrc);
    }
    // Groups that share SSRCs (SIM + its FIDs) form one source group: they share the msid.
    auto it = msid_owner_group.find(msid);
    if (it != msid_owner_group.end()) {
      const auto& other = set.groups[it->second];
      bool linked = std::any_of(g.group.ssrcs.begin(), g.group.ssrcs.end(), [&](uint32_t s) {
        return std::find(other.group.ssrcs.begin(), other.group.ssrcs.end(), s) !=
               other.group.ssrcs.end();
      });
      bool linked_via_any = linked;
      if (!linked_via_any) {
        // Linked through a third group (e.g. two FIDs joined by a SIM).
        for (const auto& third : set.groups) {
          bool a = std::any_of(third.group.ssrcs.begin(), third.group.ssrcs.end(), [&](uint32_t s) {
            return std::find(g.group.ssrcs.begin(), g.group.ssrcs.end(), s) != g.group.ssrcs.end();
          });
          bool b = std::any_of(third.group.ssrcs.begin(), third.group.ssrcs.end(), [&](uint32_t s) {
            return std::find(other.group.ssrcs.begin(), other.group.ssrcs.end(), s) !=
                   other.group.ssrcs.end();
          });
          if (a && b) linked_via_any = true;
        }
      }
      if (!linked_via_any) {
        return Bad("msid-conflict", "msid '" + msid + "' is already used by another source group");
      }
    } else {
      msid_owner_group.emplace(msid, gi);
    }
  }
  // Ungrouped sources with an msid must not reuse a group's msid or each other's.
  std::set<std::string> single_msids;
  for (const auto& s : set.sources) {
    if (grouped.count(s.source.ssrc) != 0 || s.source.msid.empty()) continue;
    if (msid_owner_group.count(s.source.msid) != 0 || !single_msids.insert(s.source.msid).second) {
      return Bad("msid-conflict",
                 "msid '" + s.source.msid + "' is already used by another source group");
    }
  }
  return {};
}

Result<EndpointSourceSet> SourceValidator::ValidateAdd(const SourceMap& conference,
                                                       std::string_view owner,
                                                       const EndpointSourceSet& add) const {
  EndpointSourceSet accepted;
  std::set<uint32_t> seen;
  for (const auto& ts : add.sources) {
    uint32_t ssrc = ts.source.ssrc;
    if (ssrc == 0) return Bad("bad-ssrc", "invalid SSRC 0");
    if (ts.media == MediaType::kApplication) {
      return Bad("bad-media", "source " + std::to_string(ssrc) + " in an application content");
    }
    if (!seen.insert(ssrc).second) {
      return Bad("duplicate-ssrc", "SSRC " + std::to_string(ssrc) + " is signalled twice");
    }
    for (const auto& [other_owner, set] : conference) {
      if (set.HasSsrc(ssrc)) {
        return Bad("ssrc-in-use", "SSRC " + std::to_string(ssrc) + " is already used" +
                                      (other_owner == owner ? " by this endpoint" : ""));
      }
    }
    TypedSource copy = ts;
    copy.source.owner.clear();
    if (copy.source.name.empty()) copy.source.name = DefaultName(owner, ts.media);
    accepted.sources.push_back(std::move(copy));
  }
  for (const auto& g : add.groups) accepted.groups.push_back(g);

  EndpointSourceSet combined;
  if (auto it = conference.find(owner); it != conference.end()) combined = it->second;
  for (const auto& g : accepted.groups) {
    for (const auto& existing : combined.groups) {
      if (SameGroup(g, existing)) {
        return Bad("duplicate-group", "the " + g.group.semantics + " group is already signalled");
      }
    }
  }
  combined.Append(accepted);
  MEET_RETURN_IF_ERROR(ValidateEndpointSet(combined));
  return accepted;
}

Result<EndpointSourceSet> SourceValidator::ValidateRemove(const SourceMap& conference,
                                                          std::string_view owner,
                                                          const EndpointSourceSet& remove) const {
  auto it = conference.find(owner);
  static const EndpointSourceSet kEmpty;
  const EndpointSourceSet& current = it == conference.end() ? kEmpty : it->second;
  EndpointSourceSet removed;
  for (const auto& ts : remove.sources) {
    const TypedSource* existing = FindSource(current, ts.source.ssrc);
    if (existing == nullptr) {
      return Bad("unknown-source", "cannot remove SSRC " + std::to_string(ts.source.ssrc) +
                                       ": the endpoint has no such source");
    }
    removed.sources.push_back(*existing);
  }
  for (const auto& g : remove.groups) {
    auto found = std::find_if(current.groups.begin(), current.groups.end(),
                              [&](const TypedSsrcGroup& e) { return SameGroup(e, g); });
    if (found == current.groups.end()) {
      return Bad("unknown-group", "cannot remove the " + g.group.semantics +
                                      " group: the endpoint has no such group");
    }
    removed.groups.push_back(*found);
  }
  // What remains must still be consistent (no group left pointing at a removed SSRC).
  EndpointSourceSet remaining = current;
  SourceMap scratch{{std::string(owner), remaining}};
  Remove(scratch, owner, removed);
  if (auto r = scratch.find(owner); r != scratch.end()) {
    MEET_RETURN_IF_ERROR(ValidateEndpointSet(r->second));
  }
  return removed;
}

void SourceValidator::Add(SourceMap& conference, std::string_view owner,
                          const EndpointSourceSet& add) {
  if (add.Empty()) return;
  auto it = conference.find(owner);
  if (it == conference.end()) it = conference.emplace(std::string(owner), EndpointSourceSet{}).first;
  it->second.Append(add);
}

void SourceValidator::Remove(SourceMap& conference, std::string_view owner,
                             const EndpointSourceSet& remove) {
  auto it = conference.find(owner);
  if (it == conference.end()) return;
  auto& set = it->second;
  std::erase_if(set.sources, [&](const TypedSource& s) { return remove.HasSsrc(s.source.ssrc); });
  std::erase_if(set.groups, [&](const TypedSsrcGroup& g) {
    return std::any_of(remove.groups.begin(), remove.groups.end(),
                       [&](const TypedSsrcGroup& r) { return SameGroup(g, r); });
  });
  if (set.Empty()) conference.erase(it);
}

}  // namespace meet::focus
