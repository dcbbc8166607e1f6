#pragma once
// Settings of the focus process (command line / environment, see main.cpp). Defaults follow
// jicofo's reference.conf where one exists.

#include <chrono>
#include <cstdint>
#include <string>

namespace meet::focus {

struct FocusConfig {
  // XMPP: the focus logs in as <username>@auth.<domain>/<username> (SASL PLAIN).
  std::string domain = "meet.jitsi";
  std::string xmpp_host = "127.0.0.1";
  uint16_t xmpp_port = 5222;
  std::string username = "focus";
  std::string password;
  bool xmpp_tls = false;             // STARTTLS (loopback deployments do not need it)

  // MUC services; empty means the defaults derived from `domain`.
  std::string muc_domain;            // conference.<domain>
  std::string brewery_jid;           // jvbbrewery@internal.auth.<domain>

  // HTTP server (/conference-request/v1, /about/health, /stats, /metrics, /debug). 0: off.
  uint16_t http_port = 8888;

  // Sessions.
  int min_participants = 2;
  std::chrono::milliseconds single_participant_timeout{20000};
  std::chrono::milliseconds disco_timeout{5000};
  std::chrono::milliseconds colibri_timeout{15000};
  std::chrono::milliseconds health_check_interval{10000};
  bool enable_auto_owner = true;
  bool enable_sctp = true;
  int max_ssrcs_per_user = 20;

  std::string AuthDomain() const { return "auth." + domain; }
  std::string FocusBareJid() const { return username + "@" + AuthDomain(); }
  std::string FocusFullJid() const { return FocusBareJid() + "/" + username; }
  std::string MucDomain() const { return muc_domain.empty() ? "conference." + domain : muc_domain; }
  std::string BreweryJid() const {
    return brewery_jid.empty() ? "jvbbrewery@internal.auth." + domain : brewery_jid;
  }
  std::string ProxyDomain() const { return "focus." + domain; }
};

}  // namespace meet::focus
