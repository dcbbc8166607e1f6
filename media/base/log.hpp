#pragma once
// Levelled logging with context. A Logger carries "conf=… ep=…" style context so messages
// say which conference and endpoint they are about; tags ("ice", "dtls", "colibri", …)
// name the subsystem. Output: one line per message on stderr:
//   2026-11-24T06:40:01.123Z INFO  [colibri] conf=ab12 ep=1a2b3c4d created endpoint
// Nothing is logged per packet above trace; repeated faults go through RateLimitedLog.

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace meet::log {

enum class Level : int { kTrace = 0, kDebug, kInfo, kWarn, kError, kOff };

void SetLevel(Level level);
Level GetLevel();
inline bool Enabled(Level level) { return level >= GetLevel(); }
// Parses "trace|debug|info|warn|error|off"; unknown names give kInfo.
Level ParseLevel(std::string_view name);
std::string_view LevelName(Level level);

void Write(Level level, std::string_view tag, std::string_view context, std::string_view message);

// A named subsystem plus key=value context. Cheap to copy; make a child per conference or
// endpoint with With().
class Logger {
 public:
  explicit Logger(std::string tag, std::string context = {})
      : tag_(std::move(tag)), context_(std::move(context)) {}

  Logger With(std::string_view key, std::string_view value) const {
    std::string ctx = context_;
    if (!ctx.empty()) ctx += ' ';
    ctx.append(key).append("=").append(value);
    return Logger(tag_, std::move(ctx));
  }

  template <typename... Args>
  void Log(Level level, fmt::format_string<Args...> f, Args&&... args) const {
    if (!Enabled(level)) return;
    Write(level, tag_, context_, fmt::format(f, std::forward<Args>(args)...));
  }
  template <typename... Args>
  void Trace(fmt::format_string<Args...> f, Args&&... a) const { Log(Level::kTrace, f, std::forward<Args>(a)...); }
  template <typename... Args>
  void Debug(fmt::format_string<Args...> f, Args&&... a) const { Log(Level::kDebug, f, std::forward<Args>(a)...); }
  template <typename... Args>
  void Info(fmt::format_string<Args...> f, Args&&... a) const { Log(Level::kInfo, f, std::forward<Args>(a)...); }
  template <typename... Args>
  void Warn(fmt::format_string<Args...> f, Args&&... a) const { Log(Level::kWarn, f, std::forward<Args>(a)...); }
  template <typename... Args>
  void Error(fmt::format_string<Args...> f, Args&&... a) const { Log(Level::kError, f, std::forward<Args>(a)...); }

  const std::string& tag() const { return tag_; }
  const std::string& context() const { return context_; }

 private:
  std::string tag_;
  std::string context_;
};

// Lets a repeated fault be logged at most once per interval while still counting all of
// them: `if (limiter.Allow()) log.Warn("bad rtp ({} so far)", limiter.count());`
class RateLimitedLog {
 public:
  explicit RateLimitedLog(std::chrono::milliseconds interval = std::chrono::seconds(10))
      : interval_ns_(std::chrono::nanoseconds(interval).count()) {}
  bool Allow();
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  int64_t interval_ns_;
  std::atomic<int64_t> last_ns_{INT64_MIN / 2};
  std::atomic<uint64_t> count_{0};
};

}  // namespace meet::log
