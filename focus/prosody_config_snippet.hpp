#pragma once
// The focus-related part of a Prosody configuration (jitsi-protocol.md section 7), as Lua
// text for ./meet up and the integration tests to splice into a full config:
//   * global: plugin_paths (where mod_meet_focus_proxy.lua lives) and admins = { focus }
//     (admins are owners in every MUC and may create rooms);
//   * VirtualHost auth.<domain> (internal_hashed) for the focus and bridge accounts;
//   * Component focus.<domain> "meet_focus_proxy" (target = the focus account);
//   * Component internal.auth.<domain> "muc" for the brewery;
//   * Component conference.<domain> "muc" with the 7.2 settings.
// Global() must come before the first VirtualHost/Component of the whole config; Hosts()
// after it.

#include <string>
#include <vector>

namespace meet::focus {

struct ProsodySnippetOptions {
  std::string domain = "meet.jitsi";
  std::string focus_user = "focus";
  std::vector<std::string> extra_admins;   // e.g. "jvb@auth.<domain>"
  std::string plugin_dir;                  // folder holding mod_meet_focus_proxy.lua
  bool include_auth_host = true;
  bool include_conference_muc = true;
  bool include_internal_muc = true;
};

class ProsodyConfigSnippet {
 public:
  static std::string Global(const ProsodySnippetOptions& options);
  static std::string Hosts(const ProsodySnippetOptions& options);
  // Both, for a config that has no global section of its own.
  static std::string Render(const ProsodySnippetOptions& options);
};

}  // namespace meet::focus
