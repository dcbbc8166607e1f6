// meet-bridge: the SFU executable: COLIBRI2 over XMPP and HTTP on the control loop, media
// forwarding on worker loops (ForwardingTransportFactory). See bridge_config.hpp for the options.

#include <signal.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "bridge/bridge.hpp"
#include "bridge/forwarding_transport_factory.hpp"
#include "bridge/xmpp_control.hpp"
#include "media/base/log.hpp"
#include "media/loop/event_loop.hpp"

namespace {

int Run(const meet::bridge::BridgeConfig& config) {
  meet::log::SetLevel(meet::log::ParseLevel(config.log_level));
  meet::log::Logger log("bridge");

  // SIGINT/SIGTERM are taken synchronously by the main thread; block them before any thread
  // starts so the loop thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  meet::media::loop::EventLoop loop("control");
  if (!loop.Start()) return 1;
  std::atomic<bool> exit_requested{false};
  std::unique_ptr<meet::bridge::Bridge> bridge;
  meet::Status started;
  loop.Invoke([&] {
    meet::bridge::ForwardingConfig media;
    media.media_addresses = config.media_addresses;
    media.min_port = config.media_min_port;
    media.max_port = config.media_max_port;
    media.public_addresses = config.media_public_addresses;
    media.workers = config.media_workers;
    auto factory = meet::bridge::ForwardingTransportFactory::Create(std::move(media));
    if (!factory.ok()) {
      started = factory.error();
      return;
    }
    bridge = std::make_unique<meet::bridge::Bridge>(loop, config, std::move(*factory));
    bridge->SetExitCallback([&exit_requested] { exit_requested.store(true); });
    started = bridge->Start();
  });
  if (!started.ok()) {
    std::fprintf(stderr, "meet-bridge: %s\n", started.error().ToString().c_str());
    loop.Invoke([&] { bridge.reset(); });
    return 1;
  }
  uint16_t port = 0;
  loop.Invoke([&] { port = bridge->http_port(); });
  std::printf("meet-bridge %s: HTTP API on http://%s:%u/", config.bridge_id.c_str(),
              config.http_address.c_str(), static_cast<unsigned>(port));
  if (config.xmpp) {
    std::printf(", XMPP %s:%u domain %s brewery %s", config.xmpp->host.c_str(),
                static_cast<unsigned>(config.xmpp->port), config.xmpp->domain.c_str(),
                config.xmpp->brewery.c_str());
  }
  std::printf("\n");
  std::fflush(stdout);

  while (!exit_requested.load()) {
    timespec timeout{0, 200 * 1000 * 1000};
    const int sig = sigtimedwait(&signals, nullptr, &timeout);
    if (sig == SIGINT || sig == SIGTERM) {
      log.Info("signal {}: stopping", sig);
      break;
    }
  }
  loop.Invoke([&] { bridge.reset(); });
  loop.Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(meet::bridge::BridgeConfig::Usage().c_str(), stdout);
      return 0;
    }
  }
  auto config = meet::bridge::BridgeConfig::FromArgs(args);
  if (!config.ok()) {
    std::fprintf(stderr, "meet-bridge: %s\n%s", config.error().ToString().c_str(),
                 meet::bridge::BridgeConfig::Usage().c_str());
    return 2;
  }
  return Run(*config);
}
