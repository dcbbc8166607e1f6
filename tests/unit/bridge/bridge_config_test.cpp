#include "bridge/bridge_config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace meet::bridge {
namespace {

TEST(BridgeConfigTest, CommandLineWithXmpp) {
  auto config = BridgeConfig::FromArgs(
      {"--http-port", "18080", "--xmpp-domain", "auth.meet.test", "--xmpp-user", "jvb",
       "--xmpp-password=s3cret", "--xmpp-port", "15222", "--brewery",
       "jvbbrewery@internal.auth.meet.test", "--bridge-id", "jvb-3", "--region", "eu",
       "--public-ws-url", "wss://meet.test", "--stats-interval-ms", "1000"});
  ASSERT_TRUE(config.ok()) << config.error().ToString();
  EXPECT_EQ(config->http_port, 18080);
  EXPECT_EQ(config->bridge_id, "jvb-3");
  EXPECT_EQ(config->region, "eu");
  ASSERT_TRUE(config->xmpp.has_value());
  EXPECT_EQ(config->xmpp->host, "127.0.0.1");
  EXPECT_EQ(config->xmpp->port, 15222);
  EXPECT_EQ(config->xmpp->user, "jvb");
  EXPECT_EQ(config->xmpp->password, "s3cret");
  EXPECT_EQ(config->xmpp->nick, "jvb-3");  // the bridge id is the brewery nickname
  EXPECT_EQ(config->xmpp->presence_interval, std::chrono::milliseconds(1000));

  auto http_only = BridgeConfig::FromArgs({});
  ASSERT_TRUE(http_only.ok());
  EXPECT_FALSE(http_only->xmpp.has_value());
  EXPECT_EQ(http_only->http_port, 8080);
  EXPECT_EQ(http_only->http_address, "127.0.0.1");
}

TEST(BridgeConfigTest, ErrorsNameTheOption) {
  auto bad_port = BridgeConfig::FromArgs({"--http-port", "70000"});
  ASSERT_FALSE(bad_port.ok());
  EXPECT_EQ(bad_port.error().code, "config.bad-port");
  EXPECT_EQ(bad_port.error().where, "http-port");

  auto unknown = BridgeConfig::FromArgs({"--frobnicate", "1"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "config.unknown-option");

  auto missing = BridgeConfig::FromArgs({"--region"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "config.missing-value");

  auto no_password = BridgeConfig::FromArgs({"--xmpp-domain", "auth.x", "--xmpp-user", "jvb"});
  ASSERT_FALSE(no_password.ok());
  EXPECT_EQ(no_password.error().where, "xmpp-password");
}

TEST(BridgeConfigTest, ConfigFile) {
  const auto path = std::filesystem::temp_directory_path() / "meet-bridge-config-test.conf";
  {
    std::ofstream out(path);
    out << "# bridge\nhttp-port = 9999\n\nxmpp-domain = meet.test\nxmpp-anonymous\nregion= us\n";
  }
  auto config = BridgeConfig::FromArgs({"--config", path.string(), "--bridge-id", "b2"});
  ASSERT_TRUE(config.ok()) << config.error().ToString();
  EXPECT_EQ(config->http_port, 9999);
  EXPECT_EQ(config->region, "us");
  ASSERT_TRUE(config->xmpp.has_value());
  EXPECT_TRUE(config->xmpp->user.empty());  // anonymous
  EXPECT_EQ(config->xmpp->nick, "b2");
  {
    std::ofstream out(path);
    out << "http-port = 1\nbogus line\n";
  }
  auto bad = BridgeConfig::FromArgs({"--config", path.string()});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().where, path.string() + ":2");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace meet::bridge
