#include "tests/support/test_data.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace meet::test {

std::filesystem::path DataPath(std::string_view relative) {
  return std::filesystem::path(MEET_TEST_DATA_DIR) / std::string(relative);
}

std::string ReadData(std::string_view relative) {
  const auto path = DataPath(relative);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "missing test data file " << path;
    return {};
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace meet::test
