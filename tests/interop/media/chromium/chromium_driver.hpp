#pragma once
// ChromiumDriver: the C++ end of driver.mjs. Starts `node driver.mjs` (which launches headless
// Chromium on peer.html), and exchanges JSON lines with it: the browser's offer, trickled
// candidates and state changes come in as events; answers, candidates and data-channel sends go
// out as commands. The protocol is described at the top of driver.mjs.
//
// Single-threaded: call Poll() from the test thread (between event-loop iterations); events
// are kept in arrival order so a failing test can say what did and did not happen.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "media/base/result.hpp"
#include "tests/interop/media/chromium/child_process.hpp"

namespace meet::test::chromium {

class ChromiumDriver {
 public:
  struct Options {
    std::string node = "node";  // executable, looked up in PATH
    std::string driver_script;  // absolute path of driver.mjs
    bool trickle = false;       // offer without candidates, trickle them as events
    std::chrono::milliseconds driver_timeout{60000};  // driver.mjs gives up on its own after this
  };

  // Spawns the driver. Errors: child.spawn-failed, child.missing-playwright (npm ci not run).
  static Result<std::unique_ptr<ChromiumDriver>> Start(const Options& options);

  struct PrivateTag {};
  ChromiumDriver(PrivateTag, std::unique_ptr<ChildProcess> child);
  ~ChromiumDriver();  // Close()
  ChromiumDriver(const ChromiumDriver&) = delete;
  ChromiumDriver& operator=(const ChromiumDriver&) = delete;

  // Reads every line the driver wrote, waiting at most `timeout` for the first one. Lines that
  // are not JSON objects are recorded as {"type":"bad-line","line":…}. Returns how many events
  // were added.
  size_t Poll(std::chrono::milliseconds timeout);

  bool Send(const nlohmann::json& command);
  bool SendAnswer(std::string_view sdp);
  bool SendCandidate(std::string_view candidate, std::string_view mid, int mline_index);
  bool SendText(std::string_view text);
  bool RequestStats();
  // Tells the driver the test failed: it saves a screenshot and reports final stats.
  bool ReportFailure(std::string_view reason);

  // Sends "close", then waits up to `timeout` for the final stats and the driver's exit; ends it
  // the hard way if it does not. Idempotent.
  void Close(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  const std::vector<nlohmann::json>& events() const { return events_; }
  // Events of `type`, in arrival order.
  std::vector<const nlohmann::json*> EventsOfType(std::string_view type) const;
  // First event of `type` for which `match` (if given) is true, else nullptr.
  const nlohmann::json* FindEvent(
      std::string_view type,
      const std::function<bool(const nlohmann::json&)>& match = {}) const;
  // Latest {"type":"state","what":what} value ("new" when none came).
  std::string LastState(std::string_view what) const;
  // The latest stats event (final or not), or nullptr.
  const nlohmann::json* LatestStats() const;
  // "connection=… ice=… dtls=… datachannel-open=yes errors=[…]" for failure messages.
  std::string Describe() const;
  // event[key] when it is a string, else `fallback` (never throws).
  static std::string StringField(const nlohmann::json& event, std::string_view key,
                                 std::string_view fallback = "");
  bool exited() const { return child_ == nullptr || child_->exited(); }

 private:
  std::unique_ptr<ChildProcess> child_;
  std::vector<nlohmann::json> events_;
  bool closed_ = false;
};

}  // namespace meet::test::chromium
