// DtlsCertificate, Fingerprint, DTLS roles from setup attributes and DTLS record framing.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>
#include <vector>

#include "media/dtls/dtls_certificate.hpp"
#include "media/packet/dtls_record.hpp"
#include "media/dtls/dtls_role.hpp"
#include "media/dtls/fingerprint.hpp"
#include "media/dtls/srtp_key_export.hpp"

namespace meet::media::dtls {
namespace {

TEST(DtlsCertificateTest, SelfSignedP256WithSha256Fingerprint) {
  auto cert = DtlsCertificate::Generate("meet-bridge");
  ASSERT_TRUE(cert.ok()) << cert.error().ToString();
  // "AB:CD:..." : 32 upper-case hex pairs.
  const std::string& fp = cert->fingerprint();
  ASSERT_EQ(fp.size(), 32u * 3 - 1);
  for (size_t i = 0; i < fp.size(); ++i) {
    if (i % 3 == 2) {
      EXPECT_EQ(fp[i], ':');
    } else {
      EXPECT_TRUE((fp[i] >= '0' && fp[i] <= '9') || (fp[i] >= 'A' && fp[i] <= 'F')) << fp;
    }
  }
  EXPECT_EQ(DtlsCertificate::fingerprint_hash(), "sha-256");
  // The fingerprint is the SHA-256 of the DER certificate.
  unsigned char* der = nullptr;
  const int der_len = i2d_X509(cert->x509(), &der);
  ASSERT_GT(der_len, 0);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  ASSERT_EQ(EVP_Digest(der, static_cast<size_t>(der_len), md, &md_len, EVP_sha256(), nullptr), 1);
  OPENSSL_free(der);
  auto parsed = Fingerprint::Parse("sha-256", fp);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->digest().size(), md_len);
  EXPECT_TRUE(std::equal(parsed->digest().begin(), parsed->digest().end(), md));
  // ECDSA P-256 key, self-signed, verifiable with its own key.
  EXPECT_EQ(EVP_PKEY_get_base_id(cert->private_key()), EVP_PKEY_EC);
  EXPECT_EQ(EVP_PKEY_get_bits(cert->private_key()), 256);
  EXPECT_EQ(X509_verify(cert->x509(), cert->private_key()), 1);
  EXPECT_EQ(X509_NAME_cmp(X509_get_subject_name(cert->x509()), X509_get_issuer_name(cert->x509())), 0);
  // Copies share the same certificate; a new one differs.
  DtlsCertificate copy = *cert;
  EXPECT_EQ(copy.x509(), cert->x509());
  auto other = DtlsCertificate::Generate();
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->fingerprint(), fp);
  EXPECT_FALSE(DtlsCertificate::Generate("").ok());
}

TEST(FingerprintTest, ParseIsCaseInsensitiveAndStrict) {
  auto cert = DtlsCertificate::Generate();
  ASSERT_TRUE(cert.ok());
  std::string lower = cert->fingerprint();
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto a = Fingerprint::Parse("SHA-256", "  " + lower + "\n");
  auto b = Fingerprint::Parse("sha-256", cert->fingerprint());
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(a->ToString(), cert->fingerprint());
  EXPECT_TRUE(a->Matches(cert->x509()));

  auto err = Fingerprint::Parse("sha-256", "AB:CD");
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().code, "dtls.bad-fingerprint");
  err = Fingerprint::Parse("sha-256", cert->fingerprint() + ":00");
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().code, "dtls.bad-fingerprint");
  std::string bad_char = cert->fingerprint();
  bad_char[4] = 'G';
  err = Fingerprint::Parse("sha-256", bad_char);
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().where, "4");
  std::string bad_sep = cert->fingerprint();
  bad_sep[2] = '-';
  EXPECT_FALSE(Fingerprint::Parse("sha-256", bad_sep).ok());
  EXPECT_FALSE(Fingerprint::Parse("sha-256", "").ok());
  EXPECT_FALSE(Fingerprint::Parse("sha-256", std::string(1000, 'A')).ok());
  err = Fingerprint::Parse("md5", "00");
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().code, "dtls.bad-hash");
}

TEST(FingerprintTest, AllHashFunctions) {
  auto cert = DtlsCertificate::Generate();
  auto other = DtlsCertificate::Generate();
  ASSERT_TRUE(cert.ok() && other.ok());
  const std::pair<const char*, size_t> hashes[] = {
      {"sha-1", 20}, {"sha-224", 28}, {"sha-256", 32}, {"sha-384", 48}, {"sha-512", 64}};
  for (const auto& [name, len] : hashes) {
    auto h = ParseHashFunction(name);
    ASSERT_TRUE(h.ok()) << name;
    EXPECT_EQ(HashFunctionName(*h), name);
    EXPECT_EQ(DigestLength(*h), len);
    auto fp = cert->FingerprintFor(*h);
    ASSERT_TRUE(fp.ok());
    EXPECT_EQ(fp->digest().size(), len);
    auto round = Fingerprint::Parse(name, fp->ToString());
    ASSERT_TRUE(round.ok()) << round.error().ToString();
    EXPECT_TRUE(round->Matches(cert->x509()));
    EXPECT_FALSE(round->Matches(other->x509()));
    EXPECT_FALSE(round->Matches(nullptr));
  }
}

TEST(DtlsRoleTest, RoleFromSetupAttributes) {
  using S = DtlsSetup;
  // The bridge offers actpass; the browser answers active: the bridge is the server.
  EXPECT_EQ(*ResolveDtlsRole(S::kActpass, S::kActive), DtlsRole::kServer);
  EXPECT_EQ(*ResolveDtlsRole(S::kActpass, S::kPassive), DtlsRole::kClient);
  EXPECT_EQ(*ResolveDtlsRole(S::kPassive, S::kActive), DtlsRole::kServer);
  EXPECT_EQ(*ResolveDtlsRole(S::kActive, S::kPassive), DtlsRole::kClient);
  // The peer offered actpass and we answered.
  EXPECT_EQ(*ResolveDtlsRole(S::kActive, S::kActpass), DtlsRole::kClient);
  EXPECT_EQ(*ResolveDtlsRole(S::kPassive, S::kActpass), DtlsRole::kServer);
  // Both actpass: server, like Jitsi Videobridge.
  EXPECT_EQ(*ResolveDtlsRole(S::kActpass, S::kActpass), DtlsRole::kServer);
  for (auto [l, r] : {std::pair{S::kActive, S::kActive}, std::pair{S::kPassive, S::kPassive},
                      std::pair{S::kHoldconn, S::kActive}, std::pair{S::kActpass, S::kHoldconn}}) {
    auto role = ResolveDtlsRole(l, r);
    ASSERT_FALSE(role.ok());
    EXPECT_EQ(role.error().code, "dtls.setup-conflict");
  }
  EXPECT_EQ(*ParseDtlsSetup("ActPass"), S::kActpass);
  EXPECT_EQ(*ParseDtlsSetup("active"), S::kActive);
  EXPECT_FALSE(ParseDtlsSetup("activ").ok());
  EXPECT_EQ(SetupForRole(DtlsRole::kServer), S::kPassive);
  EXPECT_EQ(DtlsSetupName(SetupForRole(DtlsRole::kClient)), "active");
}

TEST(DtlsRecordTest, FramingChecks) {
  // A handshake record (DTLS 1.0 record version as browsers send it) holding an empty
  // ClientHello fragment header (12 bytes), followed by a change_cipher_spec record.
  std::vector<uint8_t> two = {0x16, 0xfe, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12,
                              1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                              0x14, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1};
  // The transport frames datagrams with media/packet's DTLS record parser before OpenSSL.
  using packet::DropReason;
  using packet::ParseDtlsDatagram;
  auto n = ParseDtlsDatagram(two);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->record_count, 2u);
  EXPECT_EQ(n->max_content_type, 0x16);
  // Trailing partial header.
  auto trailing = two;
  trailing.push_back(0x17);
  auto e = ParseDtlsDatagram(trailing);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.reason(), DropReason::kTooShort);
  // Second record's length past the end.
  auto longer = two;
  longer[37] = 9;  // the second record's length
  EXPECT_EQ(ParseDtlsDatagram(longer).reason(), DropReason::kDtlsRecordOverflow);
  // Heartbeat (24) parses as framing but is above application_data: the transport drops it.
  auto hb = two;
  hb[0] = 24;
  ASSERT_TRUE(ParseDtlsDatagram(hb));
  EXPECT_GT(ParseDtlsDatagram(hb)->max_content_type, packet::dtls_content::kApplicationData);
  // 65 empty records exceed the per-datagram bound.
  std::vector<uint8_t> many;
  for (int i = 0; i < 65; ++i) many.insert(many.end(), {0x15, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
  e = ParseDtlsDatagram(many);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.reason(), DropReason::kDtlsTooManyRecords);
}

std::vector<uint8_t> Range(uint8_t from, uint8_t to) {  // [from, to)
  std::vector<uint8_t> v;
  for (int i = from; i < to; ++i) v.push_back(static_cast<uint8_t>(i));
  return v;
}

std::vector<uint8_t> Concat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(SrtpKeyExportTest, SplitFollowsRfc5764Layout) {
  using srtp::SrtpProfile;
  // AES-CM: 16-byte keys, 14-byte salts: client key 0..15, server key 16..31,
  // client salt 32..45, server salt 46..59.
  const auto material = Range(0, 60);
  auto client = SplitDtlsSrtpKeys(SrtpProfile::kAes128CmSha1_80, DtlsRole::kClient, material);
  auto server = SplitDtlsSrtpKeys(SrtpProfile::kAes128CmSha1_80, DtlsRole::kServer, material);
  ASSERT_TRUE(client.ok() && server.ok());
  EXPECT_EQ(client->local_key_salt, Concat(Range(0, 16), Range(32, 46)));
  EXPECT_EQ(client->remote_key_salt, Concat(Range(16, 32), Range(46, 60)));
  EXPECT_EQ(server->local_key_salt, client->remote_key_salt);
  EXPECT_EQ(server->remote_key_salt, client->local_key_salt);
  EXPECT_EQ(client->profile, SrtpProfile::kAes128CmSha1_80);
  // AEAD_AES_128_GCM: 12-byte salts.
  const auto gcm = Range(100, 156);
  auto g = SplitDtlsSrtpKeys(SrtpProfile::kAeadAes128Gcm, DtlsRole::kServer, gcm);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->local_key_salt, Concat(Range(116, 132), Range(144, 156)));
  EXPECT_EQ(g->remote_key_salt, Concat(Range(100, 116), Range(132, 144)));
  // AEAD_AES_256_GCM: 32-byte keys.
  auto g256 = SplitDtlsSrtpKeys(SrtpProfile::kAeadAes256Gcm, DtlsRole::kClient, Range(0, 88));
  ASSERT_TRUE(g256.ok());
  EXPECT_EQ(g256->local_key_salt, Concat(Range(0, 32), Range(64, 76)));
  EXPECT_EQ(DtlsSrtpExportLength(SrtpProfile::kAeadAes256Gcm), 88u);
  auto bad = SplitDtlsSrtpKeys(SrtpProfile::kAes128CmSha1_80, DtlsRole::kClient, Range(0, 56));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "dtls.export-failed");
}

}  // namespace
}  // namespace meet::media::dtls
