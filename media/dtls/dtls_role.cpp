#include "media/dtls/dtls_role.hpp"

#include <string>

namespace meet::media::dtls {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

}  // namespace

Result<DtlsSetup> ParseDtlsSetup(std::string_view text) {
  for (DtlsSetup s : {DtlsSetup::kActive, DtlsSetup::kPassive, DtlsSetup::kActpass, DtlsSetup::kHoldconn}) {
    if (EqualsIgnoreCase(text, DtlsSetupName(s))) return s;
  }
  return MakeError("dtls.bad-setup", "unknown setup value '" + std::string(text.substr(0, 32)) + "'");
}

std::string_view DtlsSetupName(DtlsSetup setup) {
  switch (setup) {
    case DtlsSetup::kActive: return "active";
    case DtlsSetup::kPassive: return "passive";
    case DtlsSetup::kActpass: return "actpass";
    case DtlsSetup::kHoldconn: return "holdconn";
  }
  return "";
}

std::string_view DtlsRoleName(DtlsRole role) { return role == DtlsRole::kClient ? "client" : "server"; }

DtlsSetup SetupForRole(DtlsRole role) {
  return role == DtlsRole::kClient ? DtlsSetup::kActive : DtlsSetup::kPassive;
}

Result<DtlsRole> ResolveDtlsRole(DtlsSetup local, DtlsSetup remote) {
  auto conflict = [&]() {
    return MakeError("dtls.setup-conflict", "local setup '" + std::string(DtlsSetupName(local)) +
                                                "' and remote setup '" + std::string(DtlsSetupName(remote)) +
                                                "' do not give one client and one server");
  };
  if (local == DtlsSetup::kHoldconn || remote == DtlsSetup::kHoldconn) return conflict();
  switch (remote) {
    case DtlsSetup::kActive:
      if (local == DtlsSetup::kActive) return conflict();
      return DtlsRole::kServer;
    case DtlsSetup::kPassive:
      if (local == DtlsSetup::kPassive) return conflict();
      return DtlsRole::kClient;
    case DtlsSetup::kActpass:
      return local == DtlsSetup::kActive ? DtlsRole::kClient : DtlsRole::kServer;
    case DtlsSetup::kHoldconn:
      break;
  }
  return conflict();
}

}  // namespace meet::media::dtls
