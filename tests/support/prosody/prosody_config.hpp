#pragma once
// The Prosody configuration a test server runs with (jitsi-protocol.md section 7, reduced to
// what tests need), rendered as Lua:
//   <domain>                anonymous logins (participants, test clients)
//   auth.<domain>           internal_hashed accounts (focus, jvb), stored in the run dir
//   conference.<domain>     MUC for conference rooms
//   internal.auth.<domain>  MUC for the bridge brewery (jvbbrewery@…)
// Loopback only, no TLS, no s2s, no component port; storage "memory" except the auth host,
// whose accounts prosodyctl writes to files before the server starts. Rooms may be created by
// anyone (restrict_room_creation = false) so tests need no admin accounts.

#include <cstdint>
#include <string>

namespace meet::test {

struct ProsodyConfig {
  std::string run_dir;        // absolute; data, pid file and certificates live below it
  std::string domain = "meet.test";
  uint16_t c2s_port = 0;
  uint16_t http_port = 0;
  bool run_as_root = false;   // Prosody refuses to run as uid 0 without it
  std::string log_level = "info";

  std::string AuthDomain() const { return "auth." + domain; }
  std::string MucDomain() const { return "conference." + domain; }
  std::string InternalMucDomain() const { return "internal.auth." + domain; }

  // The prosody.cfg.lua text.
  std::string Render() const;
};

}  // namespace meet::test
