#include "tests/interop/media/chromium/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace meet::test::chromium {
namespace {

using Clock = std::chrono::steady_clock;

void CloseFd(int& fd) {
  if (fd >= 0) {
    ::close(fd);
    fd = -1;
  }
}

int RemainingMs(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

}  // namespace

Result<std::unique_ptr<ChildProcess>> ChildProcess::Spawn(const std::vector<std::string>& argv) {
  if (argv.empty()) return MakeError("child.spawn-failed", "empty argv");
  // A write to a child that died must fail with EPIPE, not kill the test.
  ::signal(SIGPIPE, SIG_IGN);

  int in_pipe[2] = {-1, -1};
  int out_pipe[2] = {-1, -1};
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0) {
    const std::string why = std::strerror(errno);
    CloseFd(in_pipe[0]);
    CloseFd(in_pipe[1]);
    return MakeError("child.spawn-failed", "pipe2: " + why);
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &default_signals);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  CloseFd(in_pipe[0]);
  CloseFd(out_pipe[1]);
  if (rc != 0) {
    CloseFd(in_pipe[1]);
    CloseFd(out_pipe[0]);
    return MakeError("child.spawn-failed", argv[0] + ": " + std::strerror(rc));
  }
  return std::make_unique<ChildProcess>(PrivateTag{}, pid, in_pipe[1], out_pipe[0]);
}

ChildProcess::ChildProcess(PrivateTag, pid_t pid, int stdin_fd, int stdout_fd)
    : pid_(pid), stdin_fd_(stdin_fd), stdout_fd_(stdout_fd) {}

ChildProcess::~ChildProcess() {
  if (!status_) Terminate(std::chrono::seconds(3));
  CloseFd(stdin_fd_);
  CloseFd(stdout_fd_);
}

bool ChildProcess::WriteLine(std::string_view line) {
  if (stdin_fd_ < 0) return false;
  std::string data(line);
  data.push_back('\n');
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(stdin_fd_, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      CloseFd(stdin_fd_);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

void ChildProcess::CloseStdin() { CloseFd(stdin_fd_); }

std::optional<std::string> ChildProcess::TakeLine() {
  const size_t newline = buffer_.find('\n');
  if (newline == std::string::npos) {
    if (buffer_.size() >= kMaxLineBytes || (stdout_eof_ && !buffer_.empty())) {
      std::string line = buffer_.substr(0, kMaxLineBytes);
      buffer_.erase(0, line.size());
      return line;
    }
    return std::nullopt;
  }
  std::string line = buffer_.substr(0, newline);
  buffer_.erase(0, newline + 1);
  return line;
}

std::optional<std::string> ChildProcess::ReadLine(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (auto line = TakeLine()) return line;
    if (stdout_eof_ || stdout_fd_ < 0) return std::nullopt;
    pollfd pfd{stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, RemainingMs(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return std::nullopt;  // timeout (or poll error)
    char chunk[16384];
    const ssize_t n = ::read(stdout_fd_, chunk, sizeof(chunk));
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      stdout_eof_ = true;
      continue;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
    if (Clock::now() >= deadline) {
      if (auto line = TakeLine()) return line;
      return std::nullopt;
    }
  }
}

std::optional<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
  if (status_) return status_;
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      status_ = status;
      return status_;
    }
    if (r < 0 && errno != EINTR) {
      status_ = -1;  // not our child any more; nothing to wait for
      return status_;
    }
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

int ChildProcess::Terminate(std::chrono::milliseconds grace) {
  CloseStdin();
  if (auto s = Wait(grace)) return *s;
  ::kill(pid_, SIGTERM);
  if (auto s = Wait(grace)) return *s;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  if (auto s = Wait(std::chrono::seconds(5))) return *s;
  return -1;
}

}  // namespace meet::test::chromium
