// meet-focus: the conference focus executable.
//
//   meet-focus --domain meet.jitsi --xmpp-port 5222 --password-env MEET_FOCUS_PASSWORD
//              [--xmpp-host 127.0.0.1] [--user focus] [--muc-domain conference.<domain>]
//              [--brewery jvbbrewery@internal.auth.<domain>] [--http-port 8888]
//              [--single-participant-timeout-ms 20000] [--log-level info]
//   meet-focus --print-prosody-config [--domain D] [--plugin-dir DIR]
//
// The password comes from the environment variable named by --password-env (default
// MEET_FOCUS_PASSWORD) so it never shows in the process list. SIGINT/SIGTERM stop it.

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "focus/focus_config.hpp"
#include "focus/focus_manager.hpp"
#include "focus/http_server.hpp"
#include "focus/prosody_config_snippet.hpp"
#include "media/base/log.hpp"
#include "media/loop/event_loop.hpp"

namespace {

int Usage() {
  std::cerr << "usage: meet-focus --domain D [--xmpp-host H] [--xmpp-port P] [--xmpp-tls] [--user U]\n"
               "                  [--password-env VAR] [--muc-domain M] [--brewery JID]\n"
               "                  [--http-port P] [--single-participant-timeout-ms MS]\n"
               "                  [--log-level L]\n"
               "       meet-focus --print-prosody-config [--domain D] [--plugin-dir DIR]\n";
  return 2;
}

bool ParsePort(const std::string& text, uint16_t& out) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || v < 0 || v > 65535) return false;
  out = static_cast<uint16_t>(v);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using meet::focus::FocusConfig;
  FocusConfig config;
  std::string password_env = "MEET_FOCUS_PASSWORD";
  bool print_prosody = false;
  std::string plugin_dir;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string value;
    if (arg == "--print-prosody-config") {
      print_prosody = true;
    } else if (arg == "--xmpp-tls") {
      config.xmpp_tls = true;
    } else if (arg == "--domain" && next(value)) {
      config.domain = value;
    } else if (arg == "--xmpp-host" && next(value)) {
      config.xmpp_host = value;
    } else if (arg == "--xmpp-port" && next(value)) {
      if (!ParsePort(value, config.xmpp_port)) return Usage();
    } else if (arg == "--user" && next(value)) {
      config.username = value;
    } else if (arg == "--password-env" && next(value)) {
      password_env = value;
    } else if (arg == "--muc-domain" && next(value)) {
      config.muc_domain = value;
    } else if (arg == "--brewery" && next(value)) {
      config.brewery_jid = value;
    } else if (arg == "--http-port" && next(value)) {
      if (!ParsePort(value, config.http_port)) return Usage();
    } else if (arg == "--single-participant-timeout-ms" && next(value)) {
      config.single_participant_timeout = std::chrono::milliseconds(std::atol(value.c_str()));
    } else if (arg == "--log-level" && next(value)) {
      meet::log::SetLevel(meet::log::ParseLevel(value));
    } else if (arg == "--plugin-dir" && next(value)) {
      plugin_dir = value;
    } else {
      return Usage();
    }
  }
  if (print_prosody) {
    meet::focus::ProsodySnippetOptions o;
    o.domain = config.domain;
    o.focus_user = config.username;
    o.plugin_dir = plugin_dir;
    std::cout << meet::focus::ProsodyConfigSnippet::Render(o);
    return 0;
  }
  if (const char* pw = std::getenv(password_env.c_str())) config.password = pw;
  if (config.password.empty()) {
    std::cerr << "meet-focus: no password in $" << password_env << "\n";
    return 2;
  }

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  meet::media::loop::EventLoop loop("focus");
  if (!loop.Start()) return 1;
  std::unique_ptr<meet::focus::FocusManager> focus;
  std::unique_ptr<meet::focus::HttpServer> http;
  bool ok = true;
  loop.Invoke([&] {
    focus = std::make_unique<meet::focus::FocusManager>(loop, config);
    if (config.http_port != 0) {
      http = std::make_unique<meet::focus::HttpServer>(loop, *focus);
      auto status = http->Listen(config.http_port);
      if (!status.ok()) {
        std::cerr << "meet-focus: HTTP: " << status.error().ToString() << "\n";
        ok = false;
        return;
      }
    }
    focus->Start();
  });
  if (ok) {
    int sig = 0;
    sigwait(&signals, &sig);
  }
  loop.Invoke([&] {
    http.reset();
    if (focus) focus->Stop();
    focus.reset();
  });
  loop.Stop();
  return ok ? 0 : 1;
}
