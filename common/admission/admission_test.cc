#include "common/admission/admission.h"

#include <gtest/gtest.h>

#include <optional>
#include <thread>

namespace fazhi {
namespace {

TEST(AdmissionTest, RefusesACallOverItsOwnLimitAtOnce) {
  Admission admission({.max_calls = 2, .total_bytes = 100, .call_bytes = 10});
  absl::StatusOr<Admission::Ticket> ticket = admission.Admit(11);
  ASSERT_TRUE(absl::IsResourceExhausted(ticket.status()));
  EXPECT_NE(ticket.status().message().find("per call"), std::string::npos) << ticket.status();
}

TEST(AdmissionTest, ShedsAfterTheWaitWhenTheCallsAreTaken) {
  Admission admission(
      {.max_calls = 1, .total_bytes = 100, .call_bytes = 10, .max_wait = absl::Milliseconds(50)});
  absl::StatusOr<Admission::Ticket> first = admission.Admit(1);
  ASSERT_TRUE(first.ok());
  absl::Time start = absl::Now();
  absl::StatusOr<Admission::Ticket> second = admission.Admit(1);
  EXPECT_TRUE(absl::IsResourceExhausted(second.status())) << second.status();
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(45));
  EXPECT_NE(second.status().message().find("retry later"), std::string::npos);
}

TEST(AdmissionTest, BytesInFlightAreBoundedAcrossCalls) {
  Admission admission(
      {.max_calls = 10, .total_bytes = 15, .call_bytes = 10, .max_wait = absl::Milliseconds(10)});
  absl::StatusOr<Admission::Ticket> first = admission.Admit(10);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(absl::IsResourceExhausted(admission.Admit(6).status()));
  EXPECT_TRUE(admission.Admit(5).ok());
}

TEST(AdmissionTest, AWaitingCallIsAdmittedWhenATicketIsReturned) {
  Admission admission(
      {.max_calls = 1, .total_bytes = 100, .call_bytes = 10, .max_wait = absl::Seconds(10)});
  std::optional<Admission::Ticket> first(*admission.Admit(1));
  std::thread releaser([&] {
    absl::SleepFor(absl::Milliseconds(20));
    first.reset();
  });
  absl::StatusOr<Admission::Ticket> second = admission.Admit(1);
  releaser.join();
  EXPECT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(admission.calls(), 1);
}

}  // namespace
}  // namespace fazhi
