#include "tools/extraction_speed/speed.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace fazhi::extraction::speed {
namespace {

TEST(MeasureThroughputTest, CountsEveryTextOfEveryPassAndRunsAtLeastTheCpuTimeAsked) {
  const std::vector<std::string> texts = {"共95次", "好评率98.43%"};
  int calls = 0;
  const Throughput t = MeasureThroughput(
      texts,
      [&](std::string_view text) {
        ++calls;
        volatile size_t sink = 0;
        for (int i = 0; i < 20000; ++i) sink = sink + text.size();
      },
      0.02);
  EXPECT_GE(t.cpu_seconds, 0.02);
  EXPECT_EQ(calls, 2 * t.passes);
  EXPECT_EQ(t.bytes, static_cast<int64_t>(texts[0].size() + texts[1].size()) * t.passes);
  EXPECT_GT(t.MbPerSecond(), 0);
}

TEST(PeakResidentKbTest, RisesWhenMemoryIsTouched) {
  const int64_t before = PeakResidentKb();
  std::string block(64 << 20, 'x');  // 64 MiB, written so it is resident
  EXPECT_GE(PeakResidentKb(), before + 60 * 1024) << block[block.size() / 2];
}

TEST(ParsePeerResultTest, ReadsThePeerScriptsLine) {
  absl::StatusOr<PeerResult> peer = ParsePeerResult(
      R"({"files":5,"paragraphs":261,"bytes":106407,"cpu_seconds":0.458,"wall_seconds":0.6,)"
      R"("mb_per_s":0.2325,"numbers":988,"percentages":47,"model_reuse":true})"
      "\n");
  ASSERT_TRUE(peer.ok()) << peer.status();
  EXPECT_EQ(peer->bytes, 106407);
  EXPECT_EQ(peer->paragraphs, 261);
  EXPECT_EQ(peer->numbers, 988);
  EXPECT_EQ(peer->percentages, 47);
  EXPECT_NEAR(peer->MbPerSecond(), 0.2323, 1e-3);
}

TEST(ParsePeerResultTest, NamesTheMissingFieldOrRejectsOtherOutput) {
  EXPECT_EQ(ParsePeerResult(R"({"bytes":1,"paragraphs":1,"numbers":0,"percentages":0})")
                .status()
                .message(),
            "peer result: no number 'cpu_seconds'");
  EXPECT_FALSE(ParsePeerResult("Error: Cannot find module").ok());
}

}  // namespace
}  // namespace fazhi::extraction::speed
