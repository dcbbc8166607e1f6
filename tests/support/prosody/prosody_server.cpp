#include "tests/support/prosody/prosody_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "tests/support/prosody/free_port.hpp"

extern char** environ;

namespace meet::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kProsody = "prosody";
constexpr const char* kProsodyCtl = "prosodyctl";

Error Fail(std::string code, std::string text) {
  return MakeError("prosody." + std::move(code), std::move(text), {}, "internal-server-error");
}

bool PortAccepts(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

// posix_spawnp with stdout+stderr appended to `log_path` and stdin from /dev/null.
Result<pid_t> Spawn(const std::vector<std::string>& args, const std::string& log_path) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return Fail("spawn-failed", args[0] + ": " + std::strerror(rc));
  return pid;
}

// Waits for `pid` up to `timeout`; returns its exit status or nullopt on timeout.
std::optional<int> WaitExit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return -1;
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

Result<std::unique_ptr<ProsodyServer>> ProsodyServer::Start(ProsodyOptions options) {
  std::string templ = (fs::temp_directory_path() / "meet-prosody-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) {
    return Fail("mkdtemp", std::string("cannot create run dir: ") + std::strerror(errno));
  }
  ProsodyConfig config;
  config.run_dir = templ;
  config.domain = options.domain;
  config.log_level = options.log_level;
  config.run_as_root = ::geteuid() == 0;
  config.c2s_port = FreeTcpPort();
  config.http_port = FreeTcpPort();
  while (config.http_port == config.c2s_port && config.http_port != 0) config.http_port = FreeTcpPort();
  // The server owns the run dir from here on: its destructor removes it on every path.
  std::unique_ptr<ProsodyServer> server(new ProsodyServer(std::move(config)));
  if (server->config_.c2s_port == 0 || server->config_.http_port == 0) {
    return Fail("no-port", "no free TCP port on 127.0.0.1");
  }
  std::error_code ec;
  fs::create_directories(fs::path(templ) / "data", ec);
  fs::create_directories(fs::path(templ) / "certs", ec);
  if (ec) return Fail("mkdir", ec.message());
  {
    std::ofstream cfg(fs::path(templ) / "prosody.cfg.lua");
    cfg << server->config_.Render();
    if (!cfg) return Fail("write-config", "cannot write prosody.cfg.lua");
  }
  for (const ProsodyAccount& account : options.accounts) {
    MEET_RETURN_IF_ERROR(server->Register(account.user, account.password));
  }
  MEET_RETURN_IF_ERROR(server->Launch(options.start_timeout));
  return server;
}

Status ProsodyServer::Register(const std::string& user, const std::string& password) {
  const std::string cfg = config_.run_dir + "/prosody.cfg.lua";
  auto pid = Spawn({kProsodyCtl, "--config", cfg, "register", user, config_.AuthDomain(), password},
                   config_.run_dir + "/prosodyctl.log");
  if (!pid.ok()) return pid.error();
  const auto status = WaitExit(*pid, std::chrono::seconds(20));
  if (!status) {
    ::kill(*pid, SIGKILL);
    WaitExit(*pid, std::chrono::seconds(5));
    return Fail("register-timeout", "prosodyctl register " + user + " did not finish");
  }
  if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    return Fail("register-failed", "prosodyctl register " + user + "@" + config_.AuthDomain() +
                                       " failed with status " + std::to_string(*status));
  }
  return {};
}

Status ProsodyServer::Launch(std::chrono::milliseconds timeout) {
  auto pid = Spawn({kProsody, "--config", config_.run_dir + "/prosody.cfg.lua", "-F"},
                   config_.run_dir + "/prosody.log");
  if (!pid.ok()) return pid.error();
  pid_ = *pid;
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (!Running()) return Fail("exited", "prosody exited during start-up:\n" + Log());
    if (PortAccepts(config_.c2s_port) && PortAccepts(config_.http_port)) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Fail("start-timeout", "prosody did not listen on c2s port " +
                                   std::to_string(config_.c2s_port) + " in time:\n" + Log());
}

Status ProsodyServer::Restart(std::chrono::milliseconds timeout) {
  Terminate();
  return Launch(timeout);
}

bool ProsodyServer::Running() {
  if (pid_ <= 0) return false;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

void ProsodyServer::Terminate() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  if (!WaitExit(pid_, std::chrono::seconds(5))) {
    ::kill(pid_, SIGKILL);
    WaitExit(pid_, std::chrono::seconds(5));
  }
  pid_ = -1;
}

ProsodyServer::~ProsodyServer() {
  Terminate();
  if (std::getenv("MEET_KEEP_PROSODY") == nullptr && !config_.run_dir.empty()) {
    std::error_code ec;
    fs::remove_all(config_.run_dir, ec);
  }
}

std::string ProsodyServer::Log() const {
  std::ifstream in(config_.run_dir + "/prosody.log");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace meet::test
