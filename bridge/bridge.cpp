#include "bridge/bridge.hpp"

#include "bridge/http_api.hpp"
#include "bridge/xmpp_control.hpp"
#include "media/base/log.hpp"

#ifndef MEET_VERSION
#define MEET_VERSION "0.0.0"
#endif

namespace meet::bridge {
namespace {

Colibri2HandlerConfig HandlerConfig(const BridgeConfig& c) {
  Colibri2HandlerConfig h;
  h.bridge_id = c.bridge_id;
  h.public_ws_url = c.public_ws_url;
  h.sctp_enabled = c.sctp_enabled;
  return h;
}

}  // namespace

Bridge::Bridge(media::loop::EventLoop& loop, BridgeConfig config,
               std::unique_ptr<TransportFactory> transports)
    : loop_(loop),
      config_(std::move(config)),
      transports_(std::move(transports)),
      colibri2_(conferences_, *transports_, HandlerConfig(config_)),
      exit_timer_(loop) {}

Bridge::~Bridge() { Stop(); }

Status Bridge::Start() {
  http_ = std::make_unique<HttpApi>(*this);
  MEET_RETURN_IF_ERROR(http_->Listen(config_.http_address, config_.http_port));
  if (config_.xmpp) {
    xmpp_ = std::make_unique<XmppControl>(
        loop_, *config_.xmpp, colibri2_, [this] { return Statistics(); },
        [this] { return Healthy(); });
    xmpp_->Start();
  }
  return {};
}

void Bridge::Stop() {
  exit_timer_.Cancel();
  if (xmpp_) xmpp_->Stop();
  xmpp_.reset();
  http_.reset();
}

void Bridge::BeginGracefulShutdown() {
  conferences_.BeginGracefulShutdown([this] {
    log::Logger("bridge").Info("graceful shutdown complete: no conferences left");
    // Leave the caller's stack (an HTTP handler or an IQ handler) before exiting.
    exit_timer_.Start(std::chrono::milliseconds(0), [this] {
      if (on_exit_) on_exit_();
    });
  });
  if (xmpp_) xmpp_->PublishStats();
}

BridgeStatistics Bridge::Statistics() const {
  BridgeStatistics s;
  s.conferences = conferences_.conference_count();
  s.endpoints = conferences_.endpoint_count();
  transports_->AddStatistics(s);
  s.graceful_shutdown = conferences_.graceful_shutdown();
  s.healthy = Healthy();
  s.region = config_.region;
  s.relay_id = config_.bridge_id;
  s.version = MEET_VERSION;
  s.colibri2_requests = colibri2_.requests();
  s.colibri2_failures = colibri2_.failures();
  return s;
}

bool Bridge::Healthy() const {
  // The control loop answering is one half of the check; the media workers running the other.
  return transports_->Healthy();
}

uint16_t Bridge::http_port() const { return http_ ? http_->port() : 0; }

}  // namespace meet::bridge
