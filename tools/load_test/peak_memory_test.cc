#include "tools/load_test/peak_memory.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace fazhi::load_test {
namespace {

// The shape of a real /proc/PID/status (Linux 6.1), abridged.
constexpr std::string_view kStatus =
    "Name:\tfazhi-query\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 1190220 kB\n"
    "VmSize:\t 1124684 kB\nVmHWM:\t  183204 kB\nVmRSS:\t  170112 kB\nThreads:\t14\n";

TEST(ParseVmHwmKbTest, ReadsTheHighWaterMarkNotTheCurrentResidentSet) {
  absl::StatusOr<int64_t> kb = ParseVmHwmKb(kStatus);
  ASSERT_TRUE(kb.ok()) << kb.status();
  EXPECT_EQ(*kb, 183204);
}

TEST(ParseVmHwmKbTest, IsNotFoundWithoutTheLine) {
  EXPECT_EQ(ParseVmHwmKb("Name:\tkthreadd\nState:\tS (sleeping)\n").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(PeakResidentKbTest, ReadsThisProcessAndIsNotFoundForAnExitedOne) {
  absl::StatusOr<int64_t> self = PeakResidentKb(getpid());
  ASSERT_TRUE(self.ok()) << self.status();
  EXPECT_GT(*self, 100);  // a test binary holds more than 100 kB
  pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  EXPECT_EQ(PeakResidentKb(child).status().code(), absl::StatusCode::kNotFound);
}

TEST(ParseServicePidsTest, ReadsNamePidPairs) {
  absl::StatusOr<std::vector<ServicePid>> pids = ParseServicePids("ingestion=41,query=4133");
  ASSERT_TRUE(pids.ok()) << pids.status();
  ASSERT_EQ(pids->size(), 2u);
  EXPECT_EQ((*pids)[0].name, "ingestion");
  EXPECT_EQ((*pids)[0].pid, 41);
  EXPECT_EQ((*pids)[1].name, "query");
  EXPECT_EQ((*pids)[1].pid, 4133);
}

TEST(ParseServicePidsTest, RefusesAnItemWithoutAPositivePid) {
  for (const char* bad : {"query", "query=", "=12", "query=-3", "query=x"}) {
    absl::StatusOr<std::vector<ServicePid>> pids = ParseServicePids(bad);
    EXPECT_EQ(pids.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(FormatPeakMemoryTest, ShowsMegabytesPerServiceAndWhyOneIsUnknown) {
  pid_t gone = fork();
  if (gone == 0) _exit(0);
  waitpid(gone, nullptr, 0);
  std::string line = FormatPeakMemory({{"self", getpid()}, {"gone", gone}});
  EXPECT_EQ(line.rfind("peak resident memory (VmHWM): self ", 0), 0u) << line;
  EXPECT_NE(line.find(" MB, gone unknown (no process"), std::string::npos) << line;
}

}  // namespace
}  // namespace fazhi::load_test
