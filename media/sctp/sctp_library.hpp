#pragma once
// SctpLibrary: process-wide usrsctp initialisation, reference counted. Create one in every main
// and test (before any SctpAssociation, destroyed after the last one).
//
// Choice: usrsctp_init_nothreads(0, ...). usrsctp_init() would also open raw IPPROTO_SCTP
// sockets with receive threads (useless for AF_CONN, and live traffic when run as root). Without
// threads, usrsctp's timers must be driven by us: the library owns a small EventLoop
// ("sctp-timers") whose repeating 10 ms Timer calls usrsctp_handle_timers(). Timer expiries
// (retransmissions, delayed SACKs, heartbeats) therefore emit packets and raise socket events on
// that thread; SctpAssociation never calls its Listener from there: it queues and posts to its
// own EventLoop (see sctp_association.hpp).
//
// Checksums: CRC32c offload is enabled: usrsctp neither computes nor verifies it; the
// association verifies incoming packets (counting bad ones) and writes the checksum of outgoing
// ones, one CRC pass per packet either way.
//
// The last instance's destructor stops the timer loop and calls usrsctp_finish(), ticking the
// timers until usrsctp has freed every socket (bounded wait).

#include <cstdint>
#include <mutex>

struct socket;  // usrsctp's socket (global namespace)

namespace meet::media::sctp {

class SctpAssociation;

class SctpLibrary {
 public:
  SctpLibrary();
  ~SctpLibrary();
  SctpLibrary(const SctpLibrary&) = delete;
  SctpLibrary& operator=(const SctpLibrary&) = delete;

  // True between the first construction and the last destruction.
  static bool initialized();

  // Association registry, used by the usrsctp callbacks to find a live association from the
  // address cookie usrsctp hands back. Ids are never reused.
  static uintptr_t Register(SctpAssociation* association);
  static void Unregister(uintptr_t id);
  // Only on the association's loop thread (where it is also destroyed), so the pointer stays
  // valid while that thread uses it. Null if gone.
  static SctpAssociation* Find(uintptr_t id);

 private:
  static int OnConnOutput(void* addr, void* buffer, size_t length, uint8_t tos,
                          uint8_t set_df) noexcept;
  friend class SctpAssociation;
  static void OnUpcall(struct ::socket* sock, void* arg, int flags) noexcept;
};

}  // namespace meet::media::sctp
