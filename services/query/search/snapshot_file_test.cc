#include "services/query/search/snapshot_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fazhi::query {
namespace {

constexpr uint32_t kFormat = 3;

class SnapshotFileTest : public testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("snapshot_file_test_" + std::to_string(::getpid()) + "_" +
               testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
    path_ = (folder_ / "index.snapshot").string();
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  void WriteSample() {
    absl::StatusOr<SnapshotWriter> out = SnapshotWriter::Create(path_, kFormat);
    ASSERT_TRUE(out.ok()) << out.status();
    out->U32(7);
    out->String("依法行政");
    out->Vector(std::vector<uint64_t>{1, 2, 3});
    out->U64(99);
    ASSERT_TRUE(out->Commit().ok());
  }

  // What reading the sample back finishes with.
  absl::Status ReadSample() {
    absl::StatusOr<SnapshotReader> in = SnapshotReader::Open(path_, kFormat);
    if (!in.ok()) return in.status();
    in->U32();
    in->String();
    in->Vector<uint64_t>();
    in->U64();
    return in->Finish();
  }

  std::filesystem::path folder_;
  std::string path_;
};

TEST_F(SnapshotFileTest, WhatIsWrittenIsReadBackAndTheTemporaryFileIsGone) {
  WriteSample();
  absl::StatusOr<SnapshotReader> in = SnapshotReader::Open(path_, kFormat);
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_EQ(in->U32(), 7u);
  EXPECT_EQ(in->String(), "依法行政");
  EXPECT_EQ(in->Vector<uint64_t>(), (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(in->U64(), 99u);
  EXPECT_TRUE(in->Finish().ok());
  EXPECT_FALSE(std::filesystem::exists(path_ + ".tmp"));
}

TEST_F(SnapshotFileTest, AMissingFileIsNotFound) {
  EXPECT_TRUE(absl::IsNotFound(SnapshotReader::Open(path_, kFormat).status()));
}

TEST_F(SnapshotFileTest, AnotherFormatVersionIsRefusedNamingBoth) {
  WriteSample();
  absl::Status opened = SnapshotReader::Open(path_, kFormat + 1).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(opened)) << opened;
  EXPECT_NE(opened.message().find("format version 3, this build reads version 4"),
            std::string::npos)
      << opened;
}

TEST_F(SnapshotFileTest, EveryTruncationIsRefused) {
  WriteSample();
  const auto size = std::filesystem::file_size(path_);
  std::ifstream in(path_, std::ios::binary);
  std::string whole((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (size_t cut = 0; cut < size; ++cut) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << whole.substr(0, cut);
    absl::Status read = ReadSample();
    EXPECT_FALSE(read.ok()) << "cut at " << cut;
  }
}

TEST_F(SnapshotFileTest, AnyFlippedByteIsRefused) {
  WriteSample();
  std::ifstream in(path_, std::ios::binary);
  const std::string whole((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (size_t at = 0; at < whole.size(); ++at) {
    std::string corrupt = whole;
    corrupt[at] ^= 0x20;
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << corrupt;
    EXPECT_FALSE(ReadSample().ok()) << "byte " << at;
  }
}

TEST_F(SnapshotFileTest, AnImplausibleLengthIsRefusedWithoutAllocatingIt) {
  absl::StatusOr<SnapshotWriter> out = SnapshotWriter::Create(path_, kFormat);
  ASSERT_TRUE(out.ok());
  out->U64(uint64_t{1} << 60);  // read back as a vector's length
  ASSERT_TRUE(out->Commit().ok());
  absl::StatusOr<SnapshotReader> in = SnapshotReader::Open(path_, kFormat);
  ASSERT_TRUE(in.ok());
  EXPECT_TRUE(in->Vector<uint64_t>().empty());
  absl::Status finished = in->Finish();
  EXPECT_TRUE(absl::IsDataLoss(finished)) << finished;
  EXPECT_NE(finished.message().find("truncated or corrupt"), std::string::npos) << finished;
}

TEST_F(SnapshotFileTest, AnUnwritableFolderFailsAtCreate) {
  absl::Status created =
      SnapshotWriter::Create((folder_ / "missing" / "index").string(), kFormat).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(created)) << created;
}

}  // namespace
}  // namespace fazhi::query
