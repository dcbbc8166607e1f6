#pragma once
// Source changes held back for a participant whose Jingle session is still pending (sent a
// session-initiate, no session-accept yet): jicofo queues remote source-add / source-remove
// until the accept and then flushes them in order (jitsi-protocol.md 2.5, fact 10).
//
// Adjacent changes of the same kind are merged; a removal of sources that are still queued
// for addition cancels them instead of being queued.

#include <string>
#include <string_view>
#include <vector>

#include "signaling/jingle/source_map.hpp"

namespace meet::focus {

struct SourceChange {
  enum class Kind { kAdd, kRemove };
  Kind kind = Kind::kAdd;
  signaling::jingle::SourceMap sources;  // owner -> sources
};

class SourceChangeQueue {
 public:
  void QueueAdd(std::string_view owner, const signaling::jingle::EndpointSourceSet& sources);
  void QueueRemove(std::string_view owner, const signaling::jingle::EndpointSourceSet& sources);
  // Drops everything queued about `owner` (it left: clients forget its sources themselves).
  void DropOwner(std::string_view owner);
  // The queued changes in order; the queue is empty afterwards.
  std::vector<SourceChange> Take();
  bool Empty() const { return changes_.empty(); }
  size_t size() const { return changes_.size(); }

 private:
  std::vector<SourceChange> changes_;
};

}  // namespace meet::focus
