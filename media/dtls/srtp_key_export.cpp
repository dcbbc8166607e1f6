#include "media/dtls/srtp_key_export.hpp"

#include <string>

namespace meet::media::dtls {

Result<srtp::SrtpKeyMaterial> SplitDtlsSrtpKeys(srtp::SrtpProfile profile, DtlsRole role,
                                                std::span<const uint8_t> exported) {
  const size_t key_len = srtp::KeyLength(profile);
  const size_t salt_len = srtp::SaltLength(profile);
  if (exported.size() != 2 * (key_len + salt_len)) {
    return MakeError("dtls.export-failed", "exported " + std::to_string(exported.size()) + " bytes, " +
                                               std::string(srtp::ProfileName(profile)) + " needs " +
                                               std::to_string(2 * (key_len + salt_len)));
  }
  const auto client_key = exported.subspan(0, key_len);
  const auto server_key = exported.subspan(key_len, key_len);
  const auto client_salt = exported.subspan(2 * key_len, salt_len);
  const auto server_salt = exported.subspan(2 * key_len + salt_len, salt_len);

  std::vector<uint8_t> client(client_key.begin(), client_key.end());
  client.insert(client.end(), client_salt.begin(), client_salt.end());
  std::vector<uint8_t> server(server_key.begin(), server_key.end());
  server.insert(server.end(), server_salt.begin(), server_salt.end());

  srtp::SrtpKeyMaterial keys;
  keys.profile = profile;
  if (role == DtlsRole::kClient) {
    keys.local_key_salt = std::move(client);
    keys.remote_key_salt = std::move(server);
  } else {
    keys.local_key_salt = std::move(server);
    keys.remote_key_salt = std::move(client);
  }
  return keys;
}

}  // namespace meet::media::dtls
