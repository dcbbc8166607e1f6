// SRTP protect/unprotect throughput on 1200-byte RTP packets (12-byte header + 1188 payload)
// for AES_CM_128_HMAC_SHA1_80 and AEAD_AES_128_GCM, to compare with
// shared/docs/performance-anchors.md B.2 (Debian's NSS-backed libsrtp2: ~0.25 M protect/s
// for AES-CM, ~1.3 M/s for GCM; an OpenSSL-backed build: ~1.0 M and ~2.2 M).
//
// Protect works in place on one buffer, bumping the sequence number each time (as a sender
// does). Unprotect needs a fresh, in-order packet each time (replay protection), so it copies
// one of 1024 pre-protected packets into the work buffer (a ~1200-byte memcpy, part of the
// measured time) and starts a new inbound session every 1024 packets (outside the timing).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "media/srtp/srtp_session.hpp"

namespace {

using meet::media::srtp::KeySaltLength;
using meet::media::srtp::SrtpDirection;
using meet::media::srtp::SrtpProfile;
using meet::media::srtp::SrtpSession;

constexpr size_t kHeader = 12;

std::vector<uint8_t> Key(SrtpProfile profile) {
  std::vector<uint8_t> key(KeySaltLength(profile));
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 11 + 5);
  return key;
}

void FillRtp(uint8_t* p, size_t size, uint16_t seq) {
  const uint8_t header[kHeader] = {0x80, 96, static_cast<uint8_t>(seq >> 8), static_cast<uint8_t>(seq),
                                   0, 0, 0x10, 0, 0x12, 0x34, 0x56, 0x78};
  std::memcpy(p, header, kHeader);
  for (size_t i = kHeader; i < size; ++i) p[i] = static_cast<uint8_t>(i);
}

void SetSeq(uint8_t* p, uint16_t seq) {
  p[2] = static_cast<uint8_t>(seq >> 8);
  p[3] = static_cast<uint8_t>(seq);
}

void BM_Protect(benchmark::State& state, SrtpProfile profile) {
  const size_t size = static_cast<size_t>(state.range(0));
  auto tx = SrtpSession::Create(profile, Key(profile), SrtpDirection::kOutbound);
  if (!tx.ok()) {
    state.SkipWithError(tx.error().ToString().c_str());
    return;
  }
  std::vector<uint8_t> buf(size + SrtpSession::kMaxTrailer);
  FillRtp(buf.data(), size, 0);
  uint16_t seq = 0;
  for (auto _ : state) {
    SetSeq(buf.data(), ++seq);
    auto len = tx->ProtectRtp(buf, size);
    benchmark::DoNotOptimize(len);
    if (!len.ok()) {
      state.SkipWithError(len.error().ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(size));
}

void BM_Unprotect(benchmark::State& state, SrtpProfile profile) {
  const size_t size = static_cast<size_t>(state.range(0));
  constexpr size_t kBatch = 1024;
  const auto key = Key(profile);
  auto tx = SrtpSession::Create(profile, key, SrtpDirection::kOutbound);
  if (!tx.ok()) {
    state.SkipWithError(tx.error().ToString().c_str());
    return;
  }
  const size_t stride = size + SrtpSession::kMaxTrailer;
  std::vector<uint8_t> packets(kBatch * stride);
  std::vector<size_t> lengths(kBatch);
  for (size_t i = 0; i < kBatch; ++i) {
    uint8_t* p = packets.data() + i * stride;
    FillRtp(p, size, static_cast<uint16_t>(i + 1));
    auto len = tx->ProtectRtp(std::span<uint8_t>(p, stride), size);
    if (!len.ok()) {
      state.SkipWithError(len.error().ToString().c_str());
      return;
    }
    lengths[i] = *len;
  }
  std::vector<uint8_t> work(stride);
  auto rx = SrtpSession::Create(profile, key, SrtpDirection::kInbound);
  size_t next = 0;
  for (auto _ : state) {
    if (next == kBatch) {
      state.PauseTiming();
      rx = SrtpSession::Create(profile, key, SrtpDirection::kInbound);
      next = 0;
      state.ResumeTiming();
    }
    std::memcpy(work.data(), packets.data() + next * stride, lengths[next]);
    auto len = rx->UnprotectRtp(work, lengths[next]);
    benchmark::DoNotOptimize(len);
    if (!len.ok()) {
      state.SkipWithError(len.error().ToString().c_str());
      break;
    }
    ++next;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(size));
}

BENCHMARK_CAPTURE(BM_Protect, AES_CM_128_HMAC_SHA1_80, SrtpProfile::kAes128CmSha1_80)->Arg(1200)->Arg(200);
BENCHMARK_CAPTURE(BM_Protect, AEAD_AES_128_GCM, SrtpProfile::kAeadAes128Gcm)->Arg(1200)->Arg(200);
BENCHMARK_CAPTURE(BM_Unprotect, AES_CM_128_HMAC_SHA1_80, SrtpProfile::kAes128CmSha1_80)->Arg(1200)->Arg(200);
BENCHMARK_CAPTURE(BM_Unprotect, AEAD_AES_128_GCM, SrtpProfile::kAeadAes128Gcm)->Arg(1200)->Arg(200);

}  // namespace
