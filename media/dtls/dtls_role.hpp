#pragma once
// DTLS roles from the signalled setup attribute (RFC 4145 / RFC 5763 a=setup, XEP-0320
// <fingerprint setup='...'>).

#include <string_view>

#include "media/base/result.hpp"

namespace meet::media::dtls {

enum class DtlsRole { kClient, kServer };
enum class DtlsSetup { kActive, kPassive, kActpass, kHoldconn };

// "active", "passive", "actpass", "holdconn" (any case). Error: dtls.bad-setup.
Result<DtlsSetup> ParseDtlsSetup(std::string_view text);
std::string_view DtlsSetupName(DtlsSetup setup);
std::string_view DtlsRoleName(DtlsRole role);

// The setup value that announces a fixed role: client -> active, server -> passive.
DtlsSetup SetupForRole(DtlsRole role);

// Our DTLS role from what we signalled (local) and what the peer signalled (remote):
//  - remote 'active'  -> we are the server (the browser answering the bridge's offer does this);
//  - remote 'passive' -> we are the client;
//  - remote 'actpass' -> the peer left the choice to us:
//      * we signalled 'active'  -> client; we signalled 'passive' -> server;
//      * we signalled 'actpass' too (we offered and the answer did not pick, which RFC 5763
//        forbids but happens) -> server, as Jitsi Videobridge does: it stays passive and
//        lets the peer's ClientHello start the handshake.
// Errors (dtls.setup-conflict): both 'active', both 'passive', or either side 'holdconn'.
Result<DtlsRole> ResolveDtlsRole(DtlsSetup local, DtlsSetup remote);

}  // namespace meet::media::dtls
