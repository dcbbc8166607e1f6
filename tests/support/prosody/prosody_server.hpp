#pragma once
// ProsodyServer: a real Prosody 0.12 started for one test and stopped with it.
//
//   auto prosody = meet::test::ProsodyServer::Start({.accounts = {{"jvb", "s3cret"}}});
//   ASSERT_TRUE(prosody.ok()) << prosody.error().ToString();
//   client.setServer("127.0.0.1"); client.setPort((*prosody)->c2s_port());
//
// Start() makes a temp run dir, picks free ports for c2s and HTTP (BOSH /http-bind, WebSocket
// /xmpp-websocket), writes the config (ProsodyConfig), creates the accounts on auth.<domain>
// with `prosodyctl register`, runs `prosody -F` with its output in <run dir>/prosody.log and
// waits until both ports accept connections. The destructor sends SIGTERM, waits up to 5 s,
// then SIGKILLs, and removes the run dir (kept when MEET_KEEP_PROSODY is set).

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "media/base/result.hpp"
#include "tests/support/prosody/prosody_config.hpp"

namespace meet::test {

struct ProsodyAccount {
  std::string user;
  std::string password;
};

struct ProsodyOptions {
  std::string domain = "meet.test";
  std::vector<ProsodyAccount> accounts;  // created on auth.<domain>
  std::chrono::milliseconds start_timeout{10000};
  std::string log_level = "info";
};

class ProsodyServer {
 public:
  static Result<std::unique_ptr<ProsodyServer>> Start(ProsodyOptions options = {});
  ~ProsodyServer();

  ProsodyServer(const ProsodyServer&) = delete;
  ProsodyServer& operator=(const ProsodyServer&) = delete;

  uint16_t c2s_port() const { return config_.c2s_port; }
  uint16_t http_port() const { return config_.http_port; }
  const std::string& domain() const { return config_.domain; }           // anonymous host
  std::string auth_domain() const { return config_.AuthDomain(); }       // accounts
  std::string muc_domain() const { return config_.MucDomain(); }         // conference rooms
  std::string internal_muc_domain() const { return config_.InternalMucDomain(); }
  // jvbbrewery@internal.auth.<domain>
  std::string brewery_jid() const { return "jvbbrewery@" + internal_muc_domain(); }
  const std::string& run_dir() const { return config_.run_dir; }
  pid_t pid() const { return pid_; }

  // Adds an account on auth.<domain> (also while running: the auth host reads its files).
  Status Register(const std::string& user, const std::string& password);
  // Stops the server (SIGTERM) and starts it again on the same ports with the same accounts
  // (clients see a disconnect; tests of reconnection).
  Status Restart(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // What Prosody printed so far (for failure messages).
  std::string Log() const;
  // True while the process has not exited.
  bool Running();

 private:
  explicit ProsodyServer(ProsodyConfig config) : config_(std::move(config)) {}
  Status Launch(std::chrono::milliseconds timeout);
  void Terminate();

  ProsodyConfig config_;
  pid_t pid_ = -1;
};

}  // namespace meet::test
