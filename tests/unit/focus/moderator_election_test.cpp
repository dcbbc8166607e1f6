#include "focus/moderator_election.hpp"

#include <gtest/gtest.h>

namespace meet::focus {
namespace {

TEST(ModeratorElectionTest, FirstEligibleMemberBecomesOwner) {
  EXPECT_FALSE(ModeratorElection::Elect({}).has_value());
  EXPECT_EQ(ModeratorElection::Elect({{"aaaa0001", false, true}, {"bbbb0002", false, true}}),
            "aaaa0001");
}

TEST(ModeratorElectionTest, NoElectionWhileAnEligibleOwnerIsPresent) {
  EXPECT_FALSE(ModeratorElection::Elect({{"aaaa0001", false, true}, {"bbbb0002", true, true}})
                   .has_value());
}

TEST(ModeratorElectionTest, ReElectsWhenOwnerLeaves) {
  std::vector<ElectionCandidate> members = {{"aaaa0001", true, true}, {"bbbb0002", false, true},
                                            {"cccc0003", false, true}};
  EXPECT_FALSE(ModeratorElection::Elect(members).has_value());
  members.erase(members.begin());  // the owner left
  EXPECT_EQ(ModeratorElection::Elect(members), "bbbb0002");
}

TEST(ModeratorElectionTest, SkipsJibriAndVisitors) {
  // An ineligible owner (e.g. jibri with owner affiliation) does not count.
  EXPECT_EQ(ModeratorElection::Elect({{"jibri001", true, false}, {"dddd0004", false, true}}),
            "dddd0004");
  EXPECT_FALSE(ModeratorElection::Elect({{"jibri001", false, false}}).has_value());
}

}  // namespace
}  // namespace meet::focus
