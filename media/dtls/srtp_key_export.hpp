#pragma once
// DTLS-SRTP key export (RFC 5764 section 4.2): the keying material exported with the label
// "EXTRACTOR-dtls_srtp" is
//   client_write_SRTP_master_key | server_write_SRTP_master_key |
//   client_write_SRTP_master_salt | server_write_SRTP_master_salt
// and the DTLS client protects with the client halves, the server with the server halves.

#include <cstddef>
#include <span>

#include "media/base/result.hpp"
#include "media/dtls/dtls_role.hpp"
#include "media/srtp/srtp_key_material.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace meet::media::dtls {

inline constexpr char kDtlsSrtpExporterLabel[] = "EXTRACTOR-dtls_srtp";

// Bytes to export for a profile: 2 * (key + salt).
inline size_t DtlsSrtpExportLength(srtp::SrtpProfile profile) { return 2 * srtp::KeySaltLength(profile); }

// Splits exported material into our (local) and the peer's (remote) key+salt for `role`.
// Error: dtls.export-failed when the material has the wrong length.
Result<srtp::SrtpKeyMaterial> SplitDtlsSrtpKeys(srtp::SrtpProfile profile, DtlsRole role,
                                                std::span<const uint8_t> exported);

}  // namespace meet::media::dtls
