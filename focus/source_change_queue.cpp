#include "focus/source_change_queue.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace meet::focus {

using signaling::jingle::EndpointSourceSet;
using signaling::jingle::TypedSource;
using signaling::jingle::TypedSsrcGroup;

namespace {

void Merge(SourceChange& change, std::string_view owner, const EndpointSourceSet& sources) {
  auto it = change.sources.find(owner);
  if (it == change.sources.end()) {
    change.sources.emplace(std::string(owner), sources);
  } else {
    it->second.Append(sources);
  }
}

// Removes from `queued` the sources/groups also in `removal`; removes them from `removal` too.
void Cancel(EndpointSourceSet& queued, EndpointSourceSet& removal) {
  std::erase_if(removal.sources, [&](const TypedSource& r) {
    auto found = std::find_if(queued.sources.begin(), queued.sources.end(), [&](const TypedSource& q) {
      return q.source.ssrc == r.source.ssrc;
    });
    if (found == queued.sources.end()) return false;
    queued.sources.erase(found);
    return true;
  });
  std::erase_if(removal.groups, [&](const TypedSsrcGroup& r) {
    auto found = std::find_if(queued.groups.begin(), queued.groups.end(), [&](const TypedSsrcGroup& q) {
      return q.media == r.media && q.group == r.group;
    });
    if (found == queued.groups.end()) return false;
    queued.groups.erase(found);
    return true;
  });
}

}  // namespace

void SourceChangeQueue::QueueAdd(std::string_view owner, const EndpointSourceSet& sources) {
  if (sources.Empty()) return;
  if (changes_.empty() || changes_.back().kind != SourceChange::Kind::kAdd) {
    changes_.push_back(SourceChange{SourceChange::Kind::kAdd, {}});
  }
  Merge(changes_.back(), owner, sources);
}

void SourceChangeQueue::QueueRemove(std::string_view owner, const EndpointSourceSet& sources) {
  EndpointSourceSet rest = sources;
  for (auto& change : changes_) {
    if (change.kind != SourceChange::Kind::kAdd) continue;
    auto it = change.sources.find(owner);
    if (it == change.sources.end()) continue;
    Cancel(it->second, rest);
    if (it->second.Empty()) change.sources.erase(it);
  }
  std::erase_if(changes_, [](const SourceChange& c) { return c.sources.empty(); });
  if (rest.Empty()) return;
  if (changes_.empty() || changes_.back().kind != SourceChange::Kind::kRemove) {
    changes_.push_back(SourceChange{SourceChange::Kind::kRemove, {}});
  }
  Merge(changes_.back(), owner, rest);
}

void SourceChangeQueue::DropOwner(std::string_view owner) {
  for (auto& change : changes_) {
    if (auto it = change.sources.find(owner); it != change.sources.end()) change.sources.erase(it);
  }
  std::erase_if(changes_, [](const SourceChange& c) { return c.sources.empty(); });
}

std::vector<SourceChange> SourceChangeQueue::Take() { return std::exchange(changes_, {}); }

}  // namespace meet::focus
