#pragma once
// Access to the language-neutral fixtures in tests/data/ (shared with web/ tests).
#include <filesystem>
#include <string>
#include <string_view>

namespace meet::test {
std::filesystem::path DataPath(std::string_view relative);
// Reads tests/data/<relative>; fails the current test (ADD_FAILURE) and returns "" if missing.
std::string ReadData(std::string_view relative);
}  // namespace meet::test
