#pragma once
// ChildProcess: a helper process (here `node driver.mjs`) started with posix_spawn, its stdin
// and stdout connected to pipes and its stderr inherited, so its logs land in the test output.
// Every wait is bounded; the destructor ends the child (close stdin, then SIGTERM, then
// SIGKILL to its process group) so a failing test never leaves a browser behind.

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/result.hpp"

namespace meet::test::chromium {

class ChildProcess {
 public:
  // Starts argv[0] (looked up in PATH when it has no '/') with argv. The child gets its own
  // process group. Error: child.spawn-failed.
  static Result<std::unique_ptr<ChildProcess>> Spawn(const std::vector<std::string>& argv);

  struct PrivateTag {};
  // Use Spawn().
  ChildProcess(PrivateTag, pid_t pid, int stdin_fd, int stdout_fd);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Writes `line` plus '\n' to the child's stdin (blocking; false once the pipe is closed).
  bool WriteLine(std::string_view line);
  // Closes the child's stdin (the child sees EOF).
  void CloseStdin();

  // One line from the child's stdout without its '\n'. Waits at most `timeout`; nullopt on
  // timeout or when stdout reached EOF (see stdout_closed()). Lines longer than kMaxLineBytes
  // are cut there.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  bool stdout_closed() const { return stdout_eof_ && buffer_.empty(); }

  // Waits up to `timeout` for the child to exit; returns its wait status, or nullopt while it
  // still runs.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  // Ends the child: closes stdin and waits `grace`, then SIGTERM and waits `grace`, then
  // SIGKILL to the whole process group. Returns the wait status.
  int Terminate(std::chrono::milliseconds grace);

  pid_t pid() const { return pid_; }
  bool exited() const { return status_.has_value(); }

  static constexpr size_t kMaxLineBytes = 4 * 1024 * 1024;

 private:
  std::optional<std::string> TakeLine();

  pid_t pid_;
  int stdin_fd_;
  int stdout_fd_;
  std::string buffer_;
  bool stdout_eof_ = false;
  std::optional<int> status_;
};

}  // namespace meet::test::chromium
