#include "media/sctp/sctp_library.hpp"

#include <usrsctp.h>

#include <chrono>
#include <memory>
#include <thread>
#include <unordered_map>

#include "media/base/log.hpp"
#include "media/loop/event_loop.hpp"
#include "media/loop/timer.hpp"
#include "media/sctp/sctp_association.hpp"

namespace meet::media::sctp {

namespace {

constexpr auto kTick = std::chrono::milliseconds(10);

struct Global {
  std::mutex init_mutex;
  int refs = 0;  // guarded by init_mutex
  std::unique_ptr<loop::EventLoop> timer_loop;
  std::unique_ptr<loop::Timer> timer;
  std::chrono::steady_clock::time_point last_tick;

  std::mutex registry_mutex;
  std::unordered_map<uintptr_t, SctpAssociation*> registry;  // guarded by registry_mutex
  uintptr_t next_id = 1;                                      // guarded by registry_mutex
  std::atomic<bool> initialized{false};
};

Global& G() {
  static Global global;
  return global;
}

const log::Logger& Log() {
  static const log::Logger logger("sctp");
  return logger;
}

void Tick() {
  Global& g = G();
  const auto now = std::chrono::steady_clock::now();
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - g.last_tick);
  g.last_tick = now;
  usrsctp_handle_timers(static_cast<uint32_t>(elapsed.count()));
}

}  // namespace

SctpLibrary::SctpLibrary() {
  Global& g = G();
  std::lock_guard lock(g.init_mutex);
  if (g.refs++ > 0) return;
  usrsctp_init_nothreads(0, &SctpLibrary::OnConnOutput, nullptr);
  usrsctp_enable_crc32c_offload();
  // Sysctls are reset by init, so they come after it. WebRTC needs neither ECN nor ASCONF/AUTH
  // (one AF_CONN "address"); partial reliability and stream reconfiguration stay on.
  usrsctp_sysctl_set_sctp_ecn_enable(0);
  usrsctp_sysctl_set_sctp_asconf_enable(0);
  usrsctp_sysctl_set_sctp_auth_enable(0);
  usrsctp_sysctl_set_sctp_pr_enable(1);
  usrsctp_sysctl_set_sctp_reconfig_enable(1);
  usrsctp_sysctl_set_sctp_delayed_sack_time_default(20);
  usrsctp_sysctl_set_sctp_rto_initial_default(1000);
  usrsctp_sysctl_set_sctp_rto_min_default(200);
  usrsctp_sysctl_set_sctp_rto_max_default(10000);
  usrsctp_sysctl_set_sctp_init_rto_max_default(10000);

  g.timer_loop = std::make_unique<loop::EventLoop>("sctp-timers");
  g.timer_loop->Start();
  g.last_tick = std::chrono::steady_clock::now();
  g.timer_loop->Invoke([&g] {
    g.timer = std::make_unique<loop::Timer>(*g.timer_loop);
    g.timer->Start(kTick, &Tick, /*repeating=*/true);
  });
  g.initialized.store(true);
}

SctpLibrary::~SctpLibrary() {
  Global& g = G();
  std::lock_guard lock(g.init_mutex);
  if (--g.refs > 0) return;
  g.timer_loop->Invoke([&g] { g.timer.reset(); });
  g.timer_loop->Stop();
  g.timer_loop.reset();
  // Closed sockets are freed by usrsctp's timers (e.g. after an ABORT); keep ticking here until
  // usrsctp_finish succeeds, bounded.
  bool finished = false;
  for (int i = 0; i < 500 && !finished; ++i) {
    finished = usrsctp_finish() == 0;
    if (!finished) {
      usrsctp_handle_timers(static_cast<uint32_t>(kTick.count()));
      std::this_thread::sleep_for(kTick);
    }
  }
  if (!finished) Log().Error("usrsctp_finish still failing: an association was not destroyed");
  g.initialized.store(!finished);
}

bool SctpLibrary::initialized() { return G().initialized.load(); }

uintptr_t SctpLibrary::Register(SctpAssociation* association) {
  Global& g = G();
  std::lock_guard lock(g.registry_mutex);
  const uintptr_t id = g.next_id++;
  g.registry.emplace(id, association);
  return id;
}

void SctpLibrary::Unregister(uintptr_t id) {
  Global& g = G();
  std::lock_guard lock(g.registry_mutex);
  g.registry.erase(id);
}

SctpAssociation* SctpLibrary::Find(uintptr_t id) {
  Global& g = G();
  std::lock_guard lock(g.registry_mutex);
  auto it = g.registry.find(id);
  return it == g.registry.end() ? nullptr : it->second;
}

int SctpLibrary::OnConnOutput(void* addr, void* buffer, size_t length, uint8_t /*tos*/,
                              uint8_t /*set_df*/) noexcept {
  Global& g = G();
  // The registry lock is held while queueing, so the association cannot be destroyed meanwhile
  // (its destructor unregisters under the same lock before closing the socket).
  std::lock_guard lock(g.registry_mutex);
  auto it = g.registry.find(reinterpret_cast<uintptr_t>(addr));
  if (it == g.registry.end()) return 0;  // association gone: drop
  try {
    it->second->QueueOutgoing(static_cast<const uint8_t*>(buffer), length);
  } catch (...) {
    return -1;  // allocation failure: usrsctp retransmits later
  }
  return 0;
}

void SctpLibrary::OnUpcall(struct ::socket* /*sock*/, void* arg, int /*flags*/) noexcept {
  Global& g = G();
  std::lock_guard lock(g.registry_mutex);
  auto it = g.registry.find(reinterpret_cast<uintptr_t>(arg));
  if (it == g.registry.end()) return;
  try {
    it->second->OnSocketEvent();
  } catch (...) {
  }
}

}  // namespace meet::media::sctp
