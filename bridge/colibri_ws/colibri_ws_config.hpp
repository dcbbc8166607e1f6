#pragma once
// Configuration of the colibri-ws server (JVB videobridge.websockets.*).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace meet::bridge::colibri_ws {

struct ColibriWsConfig {
  // websockets.server-id: the first path segment after /colibri-ws/.
  std::string server_id = "default-id";
  // Where an owned server listens (Listen()); the public port, default 9090.
  std::string bind_address = "0.0.0.0";
  uint16_t port = 9090;
  // The server pings every connection this often (libsoup keep-alive, whole seconds, at least
  // 1 s); 0 disables pings.
  std::chrono::milliseconds ping_interval{15000};
  // A connection with no frame from the client (message or pong) for this long is closed
  // with 1001 "idle timeout"; 0 disables the check.
  std::chrono::milliseconds idle_timeout{60000};
  // Text messages larger than this are dropped and counted (the connection stays open).
  size_t max_message_bytes = 64 * 1024;
  // Frames larger than this make libsoup close the connection (1009); bounds memory.
  size_t max_frame_bytes = 1024 * 1024;
};

}  // namespace meet::bridge::colibri_ws
