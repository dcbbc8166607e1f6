#include "media/ice/ice_candidate.hpp"

#include <gtest/gtest.h>

namespace meet::media::ice {
namespace {

TEST(IceCandidateSdp, ParsesBrowserCandidatesAndRoundTrips) {
  // As Chromium trickles them (with its extension attributes).
  auto host = ParseSdpAttribute(
      "a=candidate:3442447574 1 udp 2122260223 192.168.1.20 54321 typ host generation 0 "
      "ufrag EsAw network-id 1\r\n");
  ASSERT_TRUE(host.ok()) << host.error().ToString();
  EXPECT_EQ(host->foundation, "3442447574");
  EXPECT_EQ(host->component, 1u);
  EXPECT_EQ(host->protocol, "udp");
  EXPECT_EQ(host->priority, 2122260223u);
  EXPECT_EQ(host->address, "192.168.1.20");
  EXPECT_EQ(host->port, 54321);
  EXPECT_EQ(host->type, IceCandidateType::kHost);
  EXPECT_TRUE(host->related_address.empty());

  auto srflx = ParseSdpAttribute(
      "candidate:842163049 1 UDP 1686052607 203.0.113.7 61000 typ srflx raddr 192.168.1.20 "
      "rport 54321");
  ASSERT_TRUE(srflx.ok()) << srflx.error().ToString();
  EXPECT_EQ(srflx->type, IceCandidateType::kSrflx);
  EXPECT_EQ(srflx->protocol, "udp");
  EXPECT_EQ(srflx->related_address, "192.168.1.20");
  EXPECT_EQ(srflx->related_port, 54321);
  EXPECT_EQ(ToSdpAttribute(*srflx),
            "candidate:842163049 1 udp 1686052607 203.0.113.7 61000 typ srflx raddr "
            "192.168.1.20 rport 54321");
  auto again = ParseSdpAttribute(ToSdpAttribute(*srflx));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *srflx);

  auto tcp = ParseSdpAttribute("candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype active");
  ASSERT_TRUE(tcp.ok());
  EXPECT_EQ(tcp->tcptype, "active");
  auto v6 = ParseSdpAttribute("candidate:2 1 udp 2122262783 2001:db8::1 40000 typ host");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->address, "2001:db8::1");
}

TEST(IceCandidateSdp, RejectsMalformedWithFieldPosition) {
  struct Case {
    const char* text;
    const char* code;
  };
  const Case cases[] = {
      {"candidate:1 1 udp 2122260223 10.0.0.1 5000", "ice.candidate-short"},
      {"candidate:1 0 udp 2122260223 10.0.0.1 5000 typ host", "ice.candidate-component"},
      {"candidate:1 1 sctp 2122260223 10.0.0.1 5000 typ host", "ice.candidate-protocol"},
      {"candidate:1 1 udp -5 10.0.0.1 5000 typ host", "ice.candidate-priority"},
      {"candidate:1 1 udp 99999999999 10.0.0.1 5000 typ host", "ice.candidate-priority"},
      {"candidate:1 1 udp 1 10.0.0.1 70000 typ host", "ice.candidate-port"},
      {"candidate:1 1 udp 1 10.0.0.1 5000 type host", "ice.candidate-typ"},
      {"candidate:1 1 udp 1 10.0.0.1 5000 typ weird", "ice.candidate-type"},
      {"candidate:1 1 udp 1 10.0.0.1 5000 typ srflx raddr", "ice.candidate-extension"},
      {"candidate:a;b 1 udp 1 10.0.0.1 5000 typ host", "ice.candidate-foundation"},
      {"candidate:1 1 udp 1 10.0.0.1<x> 5000 typ host", "ice.candidate-address"},
  };
  for (const Case& c : cases) {
    auto r = ParseSdpAttribute(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, c.code) << c.text;
    EXPECT_FALSE(r.error().where.empty());
  }
  EXPECT_FALSE(ParseSdpAttribute(std::string(2000, '1')).ok());
}

TEST(IceCandidateSdp, PriorityFormula) {
  // RFC 8445 5.1.2.1 with local preference 65535, component 1: host 2130706431.
  EXPECT_EQ(ComputePriority(IceCandidateType::kHost, 65535, 1), 2130706431u);
  EXPECT_EQ(ComputePriority(IceCandidateType::kSrflx, 65535, 1), 1694498815u);
  EXPECT_EQ(ComputePriority(IceCandidateType::kRelay, 0, 1), 255u);
}

}  // namespace
}  // namespace meet::media::ice
