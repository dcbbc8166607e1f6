#include "focus/participant_features.hpp"

#include <algorithm>

namespace meet::focus {

ParticipantFeatures ParticipantFeatures::FromDisco(const std::vector<std::string>& features) {
  auto has = [&](const char* var) {
    return std::find(features.begin(), features.end(), var) != features.end();
  };
  ParticipantFeatures f;
  f.audio = has(kAudio);
  f.video = has(kVideo);
  f.sctp = has(kSctp);
  f.rtx = has(kRtx);
  f.tcc = has(kTcc);
  f.remb = has(kRemb);
  f.json_sources = has(kJsonSources);
  f.known = true;
  return f;
}

}  // namespace meet::focus
