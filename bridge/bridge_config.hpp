#pragma once
// BridgeConfig: everything the bridge executable is configured with, from the command line
// and/or a small "key = value" config file (same keys as the long options without "--"):
//
//   --http-address 127.0.0.1   --http-port 8080 (0 = any free port)
//   --xmpp-host 127.0.0.1 --xmpp-port 5222 --xmpp-domain auth.meet.example
//   --xmpp-user jvb --xmpp-password secret | --xmpp-anonymous     (no --xmpp-domain: no XMPP)
//   --xmpp-tls (STARTTLS when offered)
//   --brewery jvbbrewery@internal.auth.meet.example
//   --bridge-id jvb-1 (alias --nick)  --region eu-west  --public-ws-url wss://meet.example
//   --stats-interval-ms 5000  --log-level info  --config FILE  --no-sctp
//   --media-address 10.0.0.5 (repeatable; default: libnice's non-loopback interfaces)
//   --media-port-min 10000 --media-port-max 20000  --media-public-address 10.0.0.5=203.0.113.5
//   --media-workers 0 (hardware threads - 1)

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/xmpp_control.hpp"
#include "media/ice/ice_config.hpp"
#include "media/base/result.hpp"

namespace meet::bridge {

struct BridgeConfig {
  std::string bridge_id = "jvb-1";
  std::string region;
  std::string http_address = "127.0.0.1";
  uint16_t http_port = 8080;
  std::string public_ws_url;
  bool sctp_enabled = true;
  std::chrono::milliseconds stats_interval{5000};
  std::string log_level = "info";
  std::optional<XmppConfig> xmpp;  // nullopt: HTTP control only
  std::vector<std::string> media_addresses;
  uint16_t media_min_port = 0;
  uint16_t media_max_port = 0;
  std::vector<media::ice::PublicAddressMapping> media_public_addresses;
  size_t media_workers = 0;

  // argv without the program name. Errors: unknown option, missing or bad value, unreadable
  // config file (code "config.*", `where` names the option or file:line).
  static Result<BridgeConfig> FromArgs(const std::vector<std::string>& args);
  // Applies one key (option name without "--") and value.
  Status Set(std::string_view key, std::string_view value);
  // Reads "key = value" lines ('#' comments, blank lines ignored).
  Status LoadFile(const std::string& path);

  static std::string Usage();
};

}  // namespace meet::bridge
