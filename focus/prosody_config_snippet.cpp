#include "focus/prosody_config_snippet.hpp"

#include <fmt/format.h>

namespace meet::focus {

std::string ProsodyConfigSnippet::Global(const ProsodySnippetOptions& o) {
  std::string admins = fmt::format("\"{}@auth.{}\"", o.focus_user, o.domain);
  for (const auto& a : o.extra_admins) admins += fmt::format("; \"{}\"", a);
  std::string out = "-- meet focus: global settings\n";
  if (!o.plugin_dir.empty()) out += fmt::format("plugin_paths = {{ \"{}\" }}\n", o.plugin_dir);
  out += fmt::format("admins = {{ {} }}\n", admins);
  return out;
}

std::string ProsodyConfigSnippet::Hosts(const ProsodySnippetOptions& o) {
  std::string out = "-- meet focus: hosts and components\n";
  if (o.include_auth_host) {
    out += fmt::format(
        "VirtualHost \"auth.{d}\"\n"
        "  authentication = \"internal_hashed\"\n\n",
        fmt::arg("d", o.domain));
  }
  out += fmt::format(
      "Component \"focus.{d}\" \"meet_focus_proxy\"\n"
      "  focus_proxy_target = \"{u}@auth.{d}\"\n"
      "  focus_proxy_resource = \"{u}\"\n\n",
      fmt::arg("d", o.domain), fmt::arg("u", o.focus_user));
  if (o.include_internal_muc) {
    out += fmt::format(
        "Component \"internal.auth.{d}\" \"muc\"\n"
        "  restrict_room_creation = false\n"
        "  muc_room_locking = false\n"
        "  muc_room_default_public_jids = true\n\n",
        fmt::arg("d", o.domain));
  }
  if (o.include_conference_muc) {
    out += fmt::format(
        "Component \"conference.{d}\" \"muc\"\n"
        "  restrict_room_creation = true\n"
        "  muc_room_locking = false\n"
        "  muc_room_default_public_jids = true\n"
        "  muc_tombstones = false\n"
        "  muc_room_allow_persistent = false\n"
        "  storage = \"memory\"\n\n",
        fmt::arg("d", o.domain));
  }
  return out;
}

std::string ProsodyConfigSnippet::Render(const ProsodySnippetOptions& o) {
  return Global(o) + "\n" + Hosts(o);
}

}  // namespace meet::focus
