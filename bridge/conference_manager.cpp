#include "bridge/conference_manager.hpp"

#include "bridge/random_id.hpp"
#include "media/base/log.hpp"

namespace meet::bridge {
namespace {
constexpr size_t kConferenceIdBytes = 8;  // 16 hex characters
const log::Logger& Log() {
  static const log::Logger logger("colibri");
  return logger;
}
}  // namespace

Conference* ConferenceManager::Find(const std::string& meeting_id) {
  auto it = conferences_.find(meeting_id);
  return it == conferences_.end() ? nullptr : it->second.get();
}

Conference* ConferenceManager::FindById(const std::string& conference_id) {
  for (auto& [meeting_id, conference] : conferences_) {
    if (conference->id() == conference_id) return conference.get();
  }
  return nullptr;
}

Conference& ConferenceManager::Create(const std::string& meeting_id, const std::string& name) {
  std::string id = RandomHex(kConferenceIdBytes);
  while (FindById(id) != nullptr) id = RandomHex(kConferenceIdBytes);
  auto conference = std::make_unique<Conference>(id, meeting_id, name);
  Conference& ref = *conference;
  conferences_[meeting_id] = std::move(conference);
  Log().With("conf", id).Info("created conference meeting-id={} name={}", meeting_id, name);
  return ref;
}

bool ConferenceManager::Expire(const std::string& meeting_id) {
  auto it = conferences_.find(meeting_id);
  if (it == conferences_.end()) return false;
  Log().With("conf", it->second->id()).Info("expired conference meeting-id={}", meeting_id);
  conferences_.erase(it);
  CheckDrained();
  return true;
}

size_t ConferenceManager::endpoint_count() const {
  size_t n = 0;
  for (const auto& [id, conference] : conferences_) n += conference->endpoint_count();
  return n;
}

void ConferenceManager::BeginGracefulShutdown(std::function<void()> on_empty) {
  graceful_shutdown_ = true;
  on_empty_ = std::move(on_empty);
  Log().Info("graceful shutdown: {} conference(s) left", conferences_.size());
  CheckDrained();
}

void ConferenceManager::CheckDrained() {
  if (!graceful_shutdown_ || !conferences_.empty() || !on_empty_) return;
  auto callback = std::move(on_empty_);
  on_empty_ = nullptr;
  callback();
}

}  // namespace meet::bridge
