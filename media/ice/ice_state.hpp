#pragma once

#include <string_view>

namespace meet::media::ice {

// The agent's connectivity state (one component, rtcp-mux/BUNDLE):
//  kNew          created or gathering, no checks yet
//  kChecking     connectivity checks running
//  kConnected    a pair works; data flows (libnice CONNECTED)
//  kCompleted    a pair is nominated and selected (libnice READY); data flows
//  kFailed       all checks failed, or consent was lost (peer gone or revoked)
//  kDisconnected libnice lost the component after having been connected
enum class IceState { kNew, kChecking, kConnected, kCompleted, kFailed, kDisconnected };

constexpr std::string_view ToString(IceState state) {
  switch (state) {
    case IceState::kNew: return "new";
    case IceState::kChecking: return "checking";
    case IceState::kConnected: return "connected";
    case IceState::kCompleted: return "completed";
    case IceState::kFailed: return "failed";
    case IceState::kDisconnected: return "disconnected";
  }
  return "new";
}

}  // namespace meet::media::ice
