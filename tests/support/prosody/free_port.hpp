#pragma once
// A TCP port on 127.0.0.1 that nothing listens on right now: bind port 0, read the port the
// kernel chose, close. Another process may take it before the caller binds it; tests accept
// that small race (the kernel hands out ephemeral ports round-robin, so reuse is unlikely).

#include <cstdint>

namespace meet::test {

// 0 when no socket could be bound (the caller fails the test).
uint16_t FreeTcpPort();

}  // namespace meet::test
