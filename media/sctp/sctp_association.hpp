#pragma once
// SctpAssociation: WebRTC data channels (RFC 8831/8832) over one usrsctp AF_CONN association.
// It neither sends nor receives on the network: HandleIncomingPacket() takes SCTP packets from
// DTLS application data, and Listener::OnSctpSendPacket() hands packets to DTLS.
//
// Threading: lives on one EventLoop; create, call and destroy it on that loop's thread. Every
// Listener call happens there, never inside a usrsctp call (packets and events usrsctp produces
// are queued and delivered after usrsctp returns, or posted to the loop when they come from
// usrsctp's timer thread). Do not destroy the association from inside a Listener call (post it).
//
// Both roles send INIT on Connect() (simultaneous open, as browsers do, RFC 8841 section 9.3);
// the role only decides the parity of the stream ids of channels we open (RFC 8832 section 6:
// the DTLS client uses even ids, the DTLS server odd ones). Jitsi's bridge is the server.

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "media/base/log.hpp"
#include "media/base/result.hpp"
#include "media/loop/event_loop.hpp"
#include "media/sctp/dcep.hpp"
#include "media/sctp/sctp_library.hpp"

namespace meet::media::sctp {

class SctpAssociation {
 public:
  enum class Role { kClient, kServer };
  enum class State { kNew, kConnecting, kConnected, kClosed };

  struct Config {
    Role role = Role::kServer;
    uint16_t local_port = 5000;
    uint16_t remote_port = 5000;
    uint16_t max_streams = 1024;  // Jitsi's sctpmap streams='1024'
    // a=max-message-size:262144 as LJM advertises; larger incoming messages are dropped.
    size_t max_message_size = 262144;
    // Messages queued while usrsctp's send buffer is full, in bytes; beyond it Send fails.
    size_t max_buffered_bytes = 16 * 1024 * 1024;
    std::string log_context;
  };

  class Listener {
   public:
    virtual ~Listener() = default;
    // An SCTP packet for DTLS. The span is valid only during the call.
    virtual void OnSctpSendPacket(std::span<const uint8_t> packet) = 0;
    virtual void OnSctpConnected() = 0;
    // A channel the peer opened (after we ACKed it) or one we opened (after the peer's ACK).
    virtual void OnDataChannelOpen(uint16_t id, const std::string& label,
                                   const std::string& protocol) = 0;
    virtual void OnDataChannelMessage(uint16_t id, std::span<const uint8_t> message,
                                      bool is_binary) = 0;
    virtual void OnDataChannelClosed(uint16_t id) = 0;
    // The association ended: shutdown completed, aborted, or lost.
    virtual void OnSctpClosed() = 0;
  };

  struct Stats {
    uint64_t packets_received = 0;
    uint64_t packets_sent = 0;
    uint64_t malformed_dropped = 0;   // failed CheckSctpPacket
    uint64_t bad_checksum = 0;
    uint64_t wrong_port = 0;
    uint64_t messages_received = 0;
    uint64_t messages_sent = 0;
    uint64_t bytes_received = 0;      // message payload bytes
    uint64_t bytes_sent = 0;
    uint64_t oversized_dropped = 0;   // incoming messages above max_message_size
    uint64_t unknown_ppid = 0;
    uint64_t unknown_channel = 0;     // data on a stream with no channel
    uint64_t dcep_errors = 0;
    uint64_t send_failures = 0;
  };

  // On the loop thread. `library` must exist; `listener` is not owned and outlives this.
  static Result<std::unique_ptr<SctpAssociation>> Create(SctpLibrary& library,
                                                         loop::EventLoop& loop,
                                                         const Config& config,
                                                         Listener* listener);
  ~SctpAssociation();
  SctpAssociation(const SctpAssociation&) = delete;
  SctpAssociation& operator=(const SctpAssociation&) = delete;

  // Starts the association (sends INIT). Call once DTLS is connected. An incoming packet before
  // it connects implicitly. Calling it again is a no-op; after the association closed, an error.
  Status Connect();
  // One SCTP packet from DTLS. Malformed ones (structure, checksum, ports) are dropped and
  // counted; never throws, never reads out of bounds.
  void HandleIncomingPacket(std::span<const uint8_t> packet);

  // Opens a reliable ordered channel (DCEP OPEN on a free stream id of our parity); the
  // Listener hears OnDataChannelOpen when the peer ACKs. Messages may be sent right away.
  Result<uint16_t> OpenDataChannel(std::string_view label, std::string_view protocol,
                                   DataChannelType type = DataChannelType::kReliable,
                                   uint32_t reliability = 0);
  // PPID 51 / 53 (56 / 57 for empty messages). False if the channel is unknown or closing, or
  // the association is not connected, or the buffer limit is hit.
  bool SendText(uint16_t id, std::string_view text);
  bool SendBinary(uint16_t id, std::span<const uint8_t> data);
  // Resets our outgoing stream (RFC 8831 section 6.7); OnDataChannelClosed when the peer resets
  // its side too.
  void CloseDataChannel(uint16_t id);
  // Graceful SHUTDOWN of the association; OnSctpClosed when it completes.
  void Close();

  State state() const { return state_; }
  const Stats& stats() const { return stats_; }
  bool IsChannelOpen(uint16_t id) const;
  size_t channel_count() const { return channels_.size(); }
  size_t buffered_bytes() const { return buffered_bytes_; }

 private:
  enum class ChannelState { kOpening, kOpen, kClosing };
  struct Channel {
    ChannelState state = ChannelState::kOpen;
    DataChannelOpen open;
    bool outgoing_reset = false;
  };
  struct PendingSend {
    uint16_t sid;
    Ppid ppid;
    std::vector<uint8_t> data;
  };

  SctpAssociation(loop::EventLoop& loop, const Config& config, Listener* listener);
  Status Init();
  bool SendMessage(uint16_t sid, Ppid ppid, std::span<const uint8_t> data);
  // 1: sent, 0: would block, -1: failed.
  int TrySend(uint16_t sid, Ppid ppid, std::span<const uint8_t> data);
  void RetryPendingSends();
  void ResetStreams(std::span<const uint16_t> sids);

  // Called by SctpLibrary's trampolines, on any thread.
  friend class SctpLibrary;
  void QueueOutgoing(const uint8_t* data, size_t length);
  void OnSocketEvent();
  void ScheduleProcessing();

  // Loop thread: runs after every usrsctp call (and from posted tasks).
  void ProcessPending();
  bool FlushOutgoing();
  void DrainReads();
  void HandleMessage(uint16_t sid, uint32_t ppid, std::span<const uint8_t> data);
  void HandleNotification(std::span<const uint8_t> data);
  void HandleDcep(uint16_t sid, std::span<const uint8_t> data);
  void HandleStreamReset(std::span<const uint16_t> sids, bool incoming);
  void NotifyClosed();

  loop::EventLoop& loop_;  // Not owned; outlives this.
  Listener* listener_;     // Not owned; outlives this.
  Config config_;
  log::Logger log_;
  log::RateLimitedLog malformed_log_;
  uintptr_t id_ = 0;
  struct SocketCloser {
    void operator()(struct ::socket* s) const noexcept;
  };
  std::unique_ptr<struct ::socket, SocketCloser> socket_;

  State state_ = State::kNew;
  bool closed_notified_ = false;
  std::map<uint16_t, Channel> channels_;
  std::deque<PendingSend> pending_sends_;
  size_t buffered_bytes_ = 0;
  Stats stats_;

  // Receive state (loop thread).
  std::vector<uint8_t> recv_buffer_;
  std::vector<uint8_t> message_;       // a message being reassembled
  std::vector<uint8_t> notification_;  // a notification being reassembled
  bool message_oversized_ = false;
  bool in_usrsctp_ = false;   // a usrsctp call of ours is on the stack
  bool processing_ = false;   // ProcessPending is on the stack

  // Shared with usrsctp's threads.
  std::mutex out_mutex_;
  std::deque<std::vector<uint8_t>> out_queue_;  // guarded by out_mutex_
  std::vector<std::vector<uint8_t>> spare_;     // guarded by out_mutex_: recycled buffers
  std::vector<uint8_t> sending_;                // loop thread: the packet being delivered
  std::atomic<bool> socket_event_{false};
  std::atomic<bool> processing_scheduled_{false};
};

}  // namespace meet::media::sctp
