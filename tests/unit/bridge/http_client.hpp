#pragma once
// A minimal blocking HTTP/1.1 client for tests of the bridge's HTTP API: one request per
// connection (Connection: close), reads until the server closes.

#include <cstdint>
#include <string>

namespace meet::bridge::test {

struct HttpReply {
  int status = 0;           // 0: no connection or unparsable reply
  std::string content_type;
  std::string body;
};

HttpReply HttpRequest(uint16_t port, const std::string& method, const std::string& path,
                      const std::string& body = {});

}  // namespace meet::bridge::test
