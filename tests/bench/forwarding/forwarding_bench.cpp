// Forwarding benchmark: N senders x M receivers of synthetic SRTP (Opus 50 pps + VP8 simulcast
// 30 fps, 1/1/3 packets per frame) at real rates over loopback through a real bridge
// conference (ForwardingTransportFactory, one worker loop, COLIBRI2 through Colibri2Handler).
// Receivers ask for 720p. Reported counters:
//   fwd_pkts_per_cpu_s   forwarded packets per CPU-second of the bridge worker thread
//   worker_cpu_pct       worker CPU use (percent of one core)
//   p50_us / p99_us      sender stamp -> receiver arrival (both test clients on one loop, so this
//                        includes their scheduling: an upper bound of the bridge's added latency)
//   rss_kb_per_endpoint  RSS growth per bridge endpoint (test clients included)
//   allocs_per_fwd_pkt   operator new calls on the worker thread per forwarded packet (hot path
//                        must be 0; timers may allocate rarely)
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "bridge/bridge.hpp"
#include "bridge/forwarding_transport_factory.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/loop/event_loop.hpp"
#include "tests/support/test_endpoint/test_endpoint.hpp"

// The replaced global operator new/delete pair malloc/free; g++ cannot see that through
// inlined library code and warns about a mismatch.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
thread_local uint64_t t_allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  ++t_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace meet::bridge {
namespace {

using namespace std::chrono_literals;
namespace colibri2 = signaling::colibri2;

long RssKb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

void BM_Forwarding(benchmark::State& state) {
  const int senders = static_cast<int>(state.range(0));
  const int receivers = static_cast<int>(state.range(1));
  const auto duration = std::chrono::seconds(state.range(2));
  log::SetLevel(log::Level::kWarn);
  media::loop::EventLoop control("control");
  media::loop::EventLoop clients("clients");
  control.Start();
  clients.Start();
  std::unique_ptr<Bridge> bridge;
  ForwardingTransportFactory* factory = nullptr;
  control.Invoke([&] {
    ForwardingConfig media;
    media.media_addresses = {"127.0.0.1"};
    media.workers = 1;
    auto f = ForwardingTransportFactory::Create(media);
    factory = f->get();
    BridgeConfig config;
    config.http_port = 0;
    bridge = std::make_unique<Bridge>(control, config, std::move(*f));
  });
  const auto certificate = media::dtls::DtlsCertificate::Generate("bench").value();
  const long rss_before = RssKb();
  std::vector<std::unique_ptr<test::TestEndpoint>> endpoints;
  const int total = senders + receivers;
  for (int i = 0; i < total; ++i) {
    test::TestEndpointConfig c;
    c.id = "ep" + std::to_string(i);
    const uint32_t base = 10000u * static_cast<uint32_t>(i + 1);
    c.audio_ssrc = base;
    c.video_ssrcs = {base + 10, base + 20, base + 30};
    c.rtx_ssrcs = {base + 11, base + 21, base + 31};
    c.send_audio = c.send_video = i < senders;
    c.stamp_send_time = true;
    std::unique_ptr<test::TestEndpoint> ep;
    colibri2::ConferenceModify m;
    m.meeting_id = "bench-meeting";
    m.name = "bench@muc.meet.test";
    m.create = i == 0;
    clients.Invoke([&] {
      auto created = test::TestEndpoint::Create(clients, c, certificate);
      ep = std::move(*created);
      m.endpoints.push_back(ep->CreateRequest());
    });
    Colibri2Outcome outcome;
    control.Invoke([&] { outcome = bridge->colibri2().Handle(m); });
    if (!outcome.ok()) {
      state.SkipWithError("colibri2 create failed");
      return;
    }
    Result<colibri2::Endpoint> answer = MakeError("x", "x");
    clients.Invoke([&] { answer = ep->Connect(*outcome.modified->endpoints[0].transport->ice_udp); });
    colibri2::ConferenceModify update;
    update.meeting_id = "bench-meeting";
    update.endpoints.push_back(*answer);
    control.Invoke([&] { outcome = bridge->colibri2().Handle(update); });
    endpoints.push_back(std::move(ep));
  }
  auto all_ready = [&] {
    bool ready = true;
    clients.Invoke([&] {
      for (auto& e : endpoints) ready = ready && e->connected() && e->channel_open();
    });
    return ready;
  };
  for (int i = 0; i < 500 && !all_ready(); ++i) std::this_thread::sleep_for(20ms);
  clients.Invoke([&] {
    signaling::bridge_channel::ReceiverVideoConstraints rvc;
    rvc.default_constraints = signaling::bridge_channel::VideoConstraints{720};
    for (auto& e : endpoints) {
      (void)e->SendBridgeMessage(rvc);
      e->StartMedia();
    }
  });
  std::this_thread::sleep_for(1500ms);  // warm-up: key frames, layer switches
  const long rss_after = RssKb();

  // The worker's own CPU clock and allocation counter, read on the worker thread.
  std::string conference_id;
  control.Invoke([&] { conference_id = bridge->conferences().Find("bench-meeting")->id(); });
  auto worker_sample = [&](int64_t& cpu_ns, uint64_t& allocs, uint64_t& forwarded) {
    control.Invoke([&] {
      factory->RunOnConference(conference_id, [&](forwarding::MediaConference*) {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        cpu_ns = ts.tv_sec * 1'000'000'000LL + ts.tv_nsec;
        allocs = t_allocations;
      });
    });
    control.Invoke([&] { forwarded = 0; });
    (void)forwarded;
  };
  clients.Invoke([&] {
    for (auto& e : endpoints) {
      for (auto& [ssrc, r] : const_cast<std::map<uint32_t, test::TestEndpoint::Received>&>(e->received())) {
        r.latencies_us.clear();
      }
    }
  });
  uint64_t received_before = 0;
  clients.Invoke([&] {
    for (auto& e : endpoints) for (const auto& [s, r] : e->received()) received_before += r.packets;
  });
  int64_t cpu0 = 0, cpu1 = 0;
  uint64_t alloc0 = 0, alloc1 = 0, fwd0 = 0, fwd1 = 0;
  worker_sample(cpu0, alloc0, fwd0);
  const auto t0 = std::chrono::steady_clock::now();
  for (auto _ : state) std::this_thread::sleep_for(duration);
  worker_sample(cpu1, alloc1, fwd1);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  uint64_t received_after = 0;
  std::vector<int64_t> latencies;
  clients.Invoke([&] {
    for (auto& e : endpoints) {
      for (const auto& [s, r] : e->received()) {
        received_after += r.packets;
        latencies.insert(latencies.end(), r.latencies_us.begin(), r.latencies_us.end());
      }
    }
  });
  // Packets the receivers got in the window = packets the bridge forwarded (loopback, no loss).
  const double forwarded = static_cast<double>(received_after - received_before);
  const double cpu_s = static_cast<double>(cpu1 - cpu0) / 1e9;
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    return latencies.empty() ? 0.0 : static_cast<double>(latencies[static_cast<size_t>(p * (latencies.size() - 1))]);
  };
  state.counters["fwd_pkts_per_s"] = forwarded / wall;
  state.counters["fwd_pkts_per_cpu_s"] = cpu_s > 0 ? forwarded / cpu_s : 0;
  state.counters["worker_cpu_pct"] = 100.0 * cpu_s / wall;
  state.counters["p50_us"] = pct(0.50);
  state.counters["p99_us"] = pct(0.99);
  state.counters["rss_kb_per_endpoint"] = static_cast<double>(rss_after - rss_before) / total;
  state.counters["allocs_per_fwd_pkt"] = forwarded > 0 ? static_cast<double>(alloc1 - alloc0) / forwarded : 0;
  clients.Invoke([&] { endpoints.clear(); });
  control.Invoke([&] { bridge.reset(); });
  clients.Stop();
  control.Stop();
}

// senders, receivers, seconds
BENCHMARK(BM_Forwarding)->Args({2, 2, 5})->Args({4, 6, 5})->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace meet::bridge
