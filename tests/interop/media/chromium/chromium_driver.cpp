#include "tests/interop/media/chromium/chromium_driver.hpp"

#include <filesystem>
#include <system_error>
#include <utility>

namespace meet::test::chromium {

using nlohmann::json;

std::string ChromiumDriver::StringField(const json& event, std::string_view key,
                                        std::string_view fallback) {
  if (!event.is_object()) return std::string(fallback);
  const auto it = event.find(key);
  if (it == event.end() || !it->is_string()) return std::string(fallback);
  return it->get<std::string>();
}

Result<std::unique_ptr<ChromiumDriver>> ChromiumDriver::Start(const Options& options) {
  // Node resolves 'playwright-core' from node_modules folders above the script: say so plainly
  // instead of letting the test wait for an offer that never comes.
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(options.driver_script, ec)) {
    return MakeError("child.spawn-failed", "no driver script at " + options.driver_script);
  }
  bool found = false;
  for (fs::path dir = fs::path(options.driver_script).parent_path(); !found;
       dir = dir.parent_path()) {
    found = fs::is_regular_file(dir / "node_modules" / "playwright-core" / "package.json", ec);
    if (dir == dir.parent_path()) break;
  }
  if (!found) {
    return MakeError("child.missing-playwright",
                     "no node_modules/playwright-core above " + options.driver_script +
                         "; run ./meet deps (npm ci in tests/)");
  }
  std::vector<std::string> argv = {options.node, options.driver_script, "--timeout-ms",
                                   std::to_string(options.driver_timeout.count())};
  if (options.trickle) argv.push_back("--trickle");
  auto child = ChildProcess::Spawn(argv);
  if (!child.ok()) return child.error();
  return std::make_unique<ChromiumDriver>(PrivateTag{}, std::move(child.value()));
}

ChromiumDriver::ChromiumDriver(PrivateTag, std::unique_ptr<ChildProcess> child)
    : child_(std::move(child)) {}

ChromiumDriver::~ChromiumDriver() { Close(); }

size_t ChromiumDriver::Poll(std::chrono::milliseconds timeout) {
  if (!child_) return 0;
  size_t added = 0;
  auto wait = timeout;
  while (auto line = child_->ReadLine(wait)) {
    wait = std::chrono::milliseconds(0);
    if (line->empty()) continue;
    json event = json::parse(*line, nullptr, /*allow_exceptions=*/false);
    if (event.is_discarded() || !event.is_object() || !event.contains("type") ||
        !event["type"].is_string()) {
      event = json{{"type", "bad-line"}, {"line", line->substr(0, 500)}};
    }
    events_.push_back(std::move(event));
    ++added;
  }
  return added;
}

bool ChromiumDriver::Send(const json& command) {
  if (!child_) return false;
  return child_->WriteLine(command.dump(-1, ' ', false, json::error_handler_t::replace));
}

bool ChromiumDriver::SendAnswer(std::string_view sdp) {
  return Send(json{{"type", "answer"}, {"sdp", std::string(sdp)}});
}

bool ChromiumDriver::SendCandidate(std::string_view candidate, std::string_view mid,
                                   int mline_index) {
  return Send(json{{"type", "candidate"},
                   {"candidate", std::string(candidate)},
                   {"mid", std::string(mid)},
                   {"mlineIndex", mline_index}});
}

bool ChromiumDriver::SendText(std::string_view text) {
  return Send(json{{"type", "send-text"}, {"text", std::string(text)}});
}

bool ChromiumDriver::RequestStats() { return Send(json{{"type", "stats"}}); }

bool ChromiumDriver::ReportFailure(std::string_view reason) {
  return Send(json{{"type", "fail"}, {"reason", std::string(reason)}});
}

void ChromiumDriver::Close(std::chrono::milliseconds timeout) {
  if (closed_ || !child_) return;
  closed_ = true;
  Send(json{{"type", "close"}});
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!child_->stdout_closed() && std::chrono::steady_clock::now() < deadline) {
    Poll(std::chrono::milliseconds(100));
  }
  child_->Terminate(std::chrono::seconds(3));
}

std::vector<const json*> ChromiumDriver::EventsOfType(std::string_view type) const {
  std::vector<const json*> out;
  for (const json& e : events_) {
    if (StringField(e, "type") == type) out.push_back(&e);
  }
  return out;
}

const json* ChromiumDriver::FindEvent(std::string_view type,
                                      const std::function<bool(const json&)>& match) const {
  for (const json& e : events_) {
    if (StringField(e, "type") == type && (!match || match(e))) return &e;
  }
  return nullptr;
}

std::string ChromiumDriver::LastState(std::string_view what) const {
  std::string state = "new";
  for (const json& e : events_) {
    if (StringField(e, "type") == "state" && StringField(e, "what") == what) {
      state = StringField(e, "state", "?");
    }
  }
  return state;
}

const json* ChromiumDriver::LatestStats() const {
  const json* latest = nullptr;
  for (const json& e : events_) {
    if (StringField(e, "type") == "stats") latest = &e;
  }
  return latest;
}

std::string ChromiumDriver::Describe() const {
  std::string s = "browser connection=" + LastState("connection") + " ice=" + LastState("ice") +
                  " dtls=" + LastState("dtls") +
                  " datachannel-open=" + (FindEvent("datachannel-open") ? "yes" : "no");
  std::string errors;
  for (const json* e : EventsOfType("error")) {
    if (!errors.empty()) errors += "; ";
    errors += StringField(*e, "message", "?");
  }
  for (const json* e : EventsOfType("bad-line")) {
    if (!errors.empty()) errors += "; ";
    errors += "unparsable line: " + StringField(*e, "line", "");
  }
  if (!errors.empty()) s += " driver errors=[" + errors + "]";
  if (const json* shot = FindEvent("screenshot")) {
    s += " screenshot=" + StringField(*shot, "path", "?");
  }
  if (child_ && child_->exited()) s += " (driver exited)";
  return s;
}

}  // namespace meet::test::chromium
