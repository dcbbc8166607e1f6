#include "bridge/bridge_config.hpp"

#include <fstream>

#include "signaling/xml/xml.hpp"

namespace meet::bridge {
namespace {

Error ConfigError(std::string code, std::string text, std::string where) {
  return MakeError("config." + std::move(code), std::move(text), std::move(where), "bad-request");
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

XmppConfig& Xmpp(BridgeConfig& c) {
  if (!c.xmpp) c.xmpp.emplace();
  return *c.xmpp;
}

bool IsFlag(std::string_view key) {
  return key == "xmpp-anonymous" || key == "no-sctp" || key == "xmpp-tls";
}

}  // namespace

Status BridgeConfig::Set(std::string_view key, std::string_view value) {
  const std::string where(key);
  auto port = [&](uint16_t& out) -> Status {
    auto v = signaling::xml::ParseUint(value, 65535);
    if (!v) return ConfigError("bad-port", "not a port number: " + std::string(value), where);
    out = static_cast<uint16_t>(*v);
    return {};
  };
  if (key == "http-port") return port(http_port);
  if (key == "http-address") { http_address = value; return {}; }
  if (key == "bridge-id" || key == "nick") {
    if (value.empty()) return ConfigError("bad-value", "bridge id must not be empty", where);
    bridge_id = value;
    if (xmpp) xmpp->nick = bridge_id;
    return {};
  }
  if (key == "region") { region = value; return {}; }
  if (key == "public-ws-url") { public_ws_url = value; return {}; }
  if (key == "log-level") { log_level = value; return {}; }
  if (key == "no-sctp") { sctp_enabled = false; return {}; }
  if (key == "media-address") { media_addresses.emplace_back(value); return {}; }
  if (key == "media-port-min") return port(media_min_port);
  if (key == "media-port-max") return port(media_max_port);
  if (key == "media-public-address") {
    // LOCAL=PUBLIC (static NAT mapping, advertised as srflx)
    const size_t eq = value.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == value.size()) {
      return ConfigError("bad-value", "expected LOCAL=PUBLIC", where);
    }
    media_public_addresses.push_back({std::string(value.substr(0, eq)), std::string(value.substr(eq + 1))});
    return {};
  }
  if (key == "media-workers") {
    auto v = signaling::xml::ParseUint(value, 256);
    if (!v) return ConfigError("bad-value", "workers must be 0..256", where);
    media_workers = static_cast<size_t>(*v);
    return {};
  }
  if (key == "stats-interval-ms") {
    auto v = signaling::xml::ParseUint(value, 3600000);
    if (!v || *v < 100) return ConfigError("bad-value", "interval must be 100..3600000 ms", where);
    stats_interval = std::chrono::milliseconds(*v);
    if (xmpp) xmpp->presence_interval = stats_interval;
    return {};
  }
  if (key.substr(0, 5) == "xmpp-" || key == "brewery") {
    XmppConfig& x = Xmpp(*this);
    x.nick = bridge_id;
    x.presence_interval = stats_interval;
    if (key == "xmpp-host") { x.host = value; return {}; }
    if (key == "xmpp-port") return port(x.port);
    if (key == "xmpp-domain") { x.domain = value; return {}; }
    if (key == "xmpp-user") { x.user = value; return {}; }
    if (key == "xmpp-password") { x.password = value; return {}; }
    if (key == "xmpp-anonymous") { x.user.clear(); x.password.clear(); return {}; }
    if (key == "xmpp-resource") { x.resource = value; return {}; }
    if (key == "xmpp-tls") { x.tls = true; return {}; }
    if (key == "brewery") { x.brewery = value; return {}; }
  }
  return ConfigError("unknown-option", "unknown option --" + where, where);
}

Status BridgeConfig::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return ConfigError("file", "cannot read config file", path);
  std::string line;
  size_t number = 0;
  while (std::getline(in, line) && number < 10000) {
    ++number;
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    const auto eq = trimmed.find('=');
    const std::string key = Trim(std::string_view(trimmed).substr(0, eq));
    const std::string value = eq == std::string::npos ? "" : Trim(std::string_view(trimmed).substr(eq + 1));
    if (eq == std::string::npos && !IsFlag(key)) {
      return ConfigError("syntax", "expected key = value", path + ":" + std::to_string(number));
    }
    if (Status s = Set(key, value); !s.ok()) {
      Error e = s.error();
      e.where = path + ":" + std::to_string(number);
      return e;
    }
  }
  return {};
}

Result<BridgeConfig> BridgeConfig::FromArgs(const std::vector<std::string>& args) {
  BridgeConfig config;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg.substr(0, 2) != "--") {
      return ConfigError("unexpected-argument", "unexpected argument " + std::string(arg), std::string(arg));
    }
    std::string key(arg.substr(2));
    std::string value;
    if (const auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key.resize(eq);
    } else if (!IsFlag(key)) {
      if (i + 1 >= args.size()) return ConfigError("missing-value", "--" + key + " needs a value", key);
      value = args[++i];
    }
    if (key == "config") {
      MEET_RETURN_IF_ERROR(config.LoadFile(value));
      continue;
    }
    MEET_RETURN_IF_ERROR(config.Set(key, value));
  }
  if (config.xmpp) {
    if (config.xmpp->domain.empty()) {
      return ConfigError("missing-value", "XMPP options given without --xmpp-domain", "xmpp-domain");
    }
    if (!config.xmpp->user.empty() && config.xmpp->password.empty()) {
      return ConfigError("missing-value", "--xmpp-user needs --xmpp-password", "xmpp-password");
    }
    config.xmpp->nick = config.bridge_id;
    config.xmpp->presence_interval = config.stats_interval;
  }
  return config;
}

std::string BridgeConfig::Usage() {
  return "usage: meet-bridge [--config FILE] [--http-address A] [--http-port P]\n"
         "  [--xmpp-host H] [--xmpp-port P] --xmpp-domain D (--xmpp-user U --xmpp-password W |\n"
         "  --xmpp-anonymous) [--xmpp-tls] [--brewery ROOM@MUC] [--bridge-id ID] [--region R]\n"
         "  [--public-ws-url URL] [--stats-interval-ms N] [--no-sctp] [--log-level L]\n"
         "  [--media-address IP]... [--media-port-min P --media-port-max P]\n"
         "  [--media-public-address LOCAL=PUBLIC]... [--media-workers N (0 = cores - 1)]\n";
}

}  // namespace meet::bridge
