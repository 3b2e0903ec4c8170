#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/query/service/indexed_archive.h"
#include "tests/testing/migrated_archive.h"

namespace fazhi::query {
namespace {

constexpr std::string_view kInsertReport =
    "INSERT INTO reports (id, content_sha256, original, original_size_bytes, original_encoding,"
    " original_format, normalized_text, normalizer_version, text_length)"
    " VALUES ($1, $1, '\\x00', 1, 'UTF-8', 'text', $2, 'test', 8)";

// A follower that never looks on its own: only a waiting search makes it look.
constexpr FollowOptions kLooksOnlyWhenAsked{.idle_interval = absl::Hours(1),
                                            .max_wait = absl::Seconds(5)};

class IndexedArchivePgTest : public testing::MigratedArchiveTest {
 protected:
  void AddReport(pqxx::transaction_base& work, const std::string& id, const std::string& text) {
    work.exec_params0(std::string(kInsertReport), id, text);
  }

  void AddReport(const std::string& id, const std::string& text) {
    ASSERT_TRUE(pool_
                    ->WithTransaction([&](pqxx::work& work) {
                      AddReport(work, id, text);
                      return absl::OkStatus();
                    })
                    .ok());
  }

  // The reports containing `phrase`, after waiting for the archive.
  size_t Found(IndexedArchive& archive, std::string_view phrase) {
    absl::Status current = archive.WaitForArchive();
    EXPECT_TRUE(current.ok()) << current;
    size_t found = 0;
    EXPECT_TRUE(archive
                    .Read([&](const PhraseIndex& index) {
                      found = index.Match(phrase).docs.size();
                      return absl::OkStatus();
                    })
                    .ok());
    return found;
  }
};

TEST_F(IndexedArchivePgTest, LoadIndexesEveryReportAlreadyStored) {
  AddReport("a1", "依法行政工作报告");
  AddReport("a2", "行政复议案件");
  IndexedArchive archive(pool_.get());
  ASSERT_TRUE(archive.Load().ok());
  EXPECT_EQ(archive.Stats().documents, 2u);
  EXPECT_EQ(Found(archive, "行政"), 2u);
  EXPECT_EQ(Found(archive, "复议"), 1u);
}

TEST_F(IndexedArchivePgTest, AWaitingSearchMakesTheFollowerLookAndSeesReportsAddedBeforeIt) {
  IndexedArchive archive(pool_.get());
  ASSERT_TRUE(archive.Load().ok());
  archive.StartFollowing(kLooksOnlyWhenAsked);
  EXPECT_EQ(Found(archive, "仲裁"), 0u);
  AddReport("b1", "劳动仲裁调解");
  EXPECT_EQ(Found(archive, "仲裁"), 1u);
  AddReport("b2", "仲裁委员会");
  EXPECT_EQ(Found(archive, "仲裁"), 2u);
}

TEST_F(IndexedArchivePgTest, ATextReadAgainWithANewIngestXidReplacesTheIndexedOne) {
  AddReport("r1", "行政夏议案件");  // as an older converter read it
  AddReport("r2", "行政复议案件");
  IndexedArchive archive(pool_.get());
  ASSERT_TRUE(archive.Load().ok());
  archive.StartFollowing(kLooksOnlyWhenAsked);
  EXPECT_EQ(Found(archive, "夏议"), 1u);
  // What the extraction workers store after reading the original again (job_queue.cc).
  ASSERT_TRUE(pool_
                  ->WithTransaction([](pqxx::work& work) {
                    work.exec0(
                        "UPDATE reports SET normalized_text = '行政复议案件，行政复议',"
                        " ingest_xid = pg_current_xact_id() WHERE id = 'r1'");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(Found(archive, "夏议"), 0u);
  EXPECT_EQ(Found(archive, "复议"), 2u);
  EXPECT_EQ(archive.Stats().documents, 2u);
  EXPECT_EQ(archive.Stats().retired_documents, 1u);
  EXPECT_EQ(Found(archive, "复议"), 2u) << "an unchanged xid is not indexed twice";
  EXPECT_EQ(archive.Stats().retired_documents, 1u);
}

TEST_F(IndexedArchivePgTest, WithoutAFollowerTheSearchLooksItself) {
  IndexedArchive archive(pool_.get());
  ASSERT_TRUE(archive.Load().ok());
  AddReport("c1", "法律援助中心");
  EXPECT_EQ(Found(archive, "援助"), 1u);
}

TEST_F(IndexedArchivePgTest, AReportWhoseTransactionCommitsLateIsNotSkipped) {
  IndexedArchive archive(pool_.get());
  ASSERT_TRUE(archive.Load().ok());
  archive.StartFollowing(kLooksOnlyWhenAsked);
  pqxx::connection late_connection(database_.url());
  pqxx::work late(late_connection);
  AddReport(late, "d1", "行政诉讼应诉");  // inserted first, committed last
  AddReport("d2", "行政诉讼案件");
  EXPECT_EQ(Found(archive, "诉讼"), 1u);
  late.commit();
  EXPECT_EQ(Found(archive, "诉讼"), 2u);
}

TEST_F(IndexedArchivePgTest, AnUnreadableArchiveGivesUnavailableUntilItIsBack) {
  IndexedArchive archive(pool_.get());
  ASSERT_TRUE(archive.Load().ok());
  archive.StartFollowing(kLooksOnlyWhenAsked);
  Exec("ALTER TABLE reports RENAME TO reports_away");
  absl::Status current = archive.WaitForArchive();
  EXPECT_TRUE(absl::IsUnavailable(current)) << current;
  EXPECT_NE(current.message().find("cannot read the archive"), std::string::npos) << current;
  Exec("ALTER TABLE reports_away RENAME TO reports");
  AddReport("e1", "行政执法");
  EXPECT_EQ(Found(archive, "执法"), 1u);
}

// Read-your-writes under concurrency: every search finds at least the reports whose commit had
// returned before it began, while reports keep arriving.
TEST_F(IndexedArchivePgTest, SearchesDuringAStreamOfReportsFindEveryOneCommittedBeforeThem) {
  IndexedArchive archive(pool_.get());
  ASSERT_TRUE(archive.Load().ok());
  archive.StartFollowing({.idle_interval = absl::Milliseconds(20), .max_wait = absl::Seconds(10)});
  constexpr int kReports = 150;
  constexpr int kReportsPerSearch = 10;
  std::atomic<int> committed = 0;
  std::atomic<bool> done = false;
  std::atomic<int> searches = 0, misses = 0;
  std::thread writer([&] {
    auto pool = db::ConnectionPool::Create(database_.url(), 1);
    ASSERT_TRUE(pool.ok());
    for (int i = 0; i < kReports; ++i) {
      ASSERT_TRUE((*pool)
                      ->WithTransaction([&](pqxx::work& work) {
                        AddReport(work, absl::StrCat("f", i), "规范性文件备案审查");
                        return absl::OkStatus();
                      })
                      .ok());
      committed.fetch_add(1);
      // A search ends between every ten commits however loaded the machine is, so the searches
      // interleave with the stream (a search that never ends fails below, not here).
      if ((i + 1) % kReportsPerSearch == 0) {
        const int seen = searches.load();
        const absl::Time deadline = absl::Now() + absl::Seconds(20);
        while (searches.load() == seen && absl::Now() < deadline) std::this_thread::yield();
      }
    }
    done = true;
  });
  auto search = [&] {
    while (!done) {
      const int before = committed.load();
      if (Found(archive, "备案") < static_cast<size_t>(before)) misses.fetch_add(1);
      searches.fetch_add(1);
    }
  };
  std::thread search1(search), search2(search);
  writer.join();
  search1.join();
  search2.join();
  EXPECT_EQ(misses.load(), 0) << "of " << searches.load() << " searches";
  EXPECT_GE(searches.load(), kReports / kReportsPerSearch);
  EXPECT_EQ(Found(archive, "备案"), static_cast<size_t>(kReports));
}

}  // namespace
}  // namespace fazhi::query

namespace fazhi::query {
namespace {

class IndexedArchiveSnapshotPgTest : public IndexedArchivePgTest {
 protected:
  void SetUp() override {
    IndexedArchivePgTest::SetUp();
    folder_ = std::filesystem::temp_directory_path() /
              absl::StrCat("indexed_archive_snapshot_", ::getpid(), "_",
                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
    path_ = (folder_ / "index.snapshot").string();
  }
  void TearDown() override {
    std::filesystem::remove_all(folder_);
    IndexedArchivePgTest::TearDown();
  }

  // A fresh archive loaded with the snapshot path, as at a restart.
  std::unique_ptr<IndexedArchive> Restart() {
    auto archive = std::make_unique<IndexedArchive>(pool_.get(), path_);
    absl::Status loaded = archive->Load();
    EXPECT_TRUE(loaded.ok()) << loaded;
    return archive;
  }

  void Overwrite(const std::string& bytes) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes;
  }
  std::string Contents() {
    std::ifstream in(path_, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  std::filesystem::path folder_;
  std::string path_;
};

TEST_F(IndexedArchiveSnapshotPgTest,
       ARestartReadsTheSnapshotAndCatchesUpWithReportsAddedOrReadAgain) {
  AddReport("s1", "行政夏议案件");
  AddReport("s2", "依法行政工作报告");
  EXPECT_FALSE(Restart()->loaded_from_snapshot()) << "no snapshot yet: built from the archive";
  ASSERT_TRUE(std::filesystem::exists(path_)) << "written after the build";
  AddReport("s3", "劳动仲裁调解");
  ASSERT_TRUE(pool_
                  ->WithTransaction([](pqxx::work& work) {
                    work.exec0(
                        "UPDATE reports SET normalized_text = '行政复议案件', ingest_xid = "
                        "pg_current_xact_id()"
                        " WHERE id = 's1'");
                    return absl::OkStatus();
                  })
                  .ok());
  std::unique_ptr<IndexedArchive> archive = Restart();
  EXPECT_TRUE(archive->loaded_from_snapshot());
  EXPECT_EQ(Found(*archive, "仲裁"), 1u);
  EXPECT_EQ(Found(*archive, "复议"), 1u);
  EXPECT_EQ(Found(*archive, "夏议"), 0u);
  EXPECT_EQ(Found(*archive, "行政"), 2u);
  EXPECT_EQ(archive->Stats().documents, 3u);
  EXPECT_EQ(archive->Stats().retired_documents, 1u);
}

TEST_F(IndexedArchiveSnapshotPgTest, ATruncatedOrCorruptSnapshotIsRefusedAndTheIndexRebuilt) {
  AddReport("t1", "依法行政工作报告");
  Restart();
  const std::string whole = Contents();
  AddReport("t2", "行政复议案件");
  for (const std::string& broken :
       {whole.substr(0, whole.size() / 2), whole.substr(0, whole.size() - 1), whole.substr(0, 10),
        std::string()}) {
    Overwrite(broken);
    std::unique_ptr<IndexedArchive> archive = Restart();
    EXPECT_FALSE(archive->loaded_from_snapshot()) << broken.size() << " bytes";
    EXPECT_EQ(Found(*archive, "行政"), 2u);
    EXPECT_EQ(Contents().size() > whole.size(), true) << "written again, with t2";
  }
  std::string flipped = whole;
  flipped[whole.size() - 20] ^= 1;
  Overwrite(flipped);
  EXPECT_FALSE(Restart()->loaded_from_snapshot());
  EXPECT_TRUE(Restart()->loaded_from_snapshot()) << "the rewritten snapshot is read";
}

TEST_F(IndexedArchiveSnapshotPgTest, ASnapshotOfAnotherDatabaseOrFormatIsDiscarded) {
  AddReport("u1", "依法行政工作报告");
  auto write = [&](uint32_t format, const std::string& database) {
    absl::StatusOr<SnapshotWriter> out = SnapshotWriter::Create(path_, format);
    ASSERT_TRUE(out.ok());
    out->String(database);
    out->String("3");
    out->Vector(std::vector<uint64_t>{7});
    PhraseIndex index;
    index.Add("elsewhere", "别处的报告");
    index.Save(*out);
    ASSERT_TRUE(out->Commit().ok());
  };
  write(IndexedArchive::kSnapshotFormat, "7000000000000000000/16384/fazhi");
  std::unique_ptr<IndexedArchive> archive = Restart();
  EXPECT_FALSE(archive->loaded_from_snapshot());
  EXPECT_EQ(Found(*archive, "别处"), 0u);
  EXPECT_EQ(Found(*archive, "行政"), 1u);
  write(IndexedArchive::kSnapshotFormat + 1, "whatever");
  EXPECT_FALSE(Restart()->loaded_from_snapshot());
  EXPECT_TRUE(Restart()->loaded_from_snapshot());
}

TEST_F(IndexedArchiveSnapshotPgTest, TheFollowerWritesTheSnapshotAgainAfterAddingReports) {
  std::unique_ptr<IndexedArchive> archive = Restart();
  archive->StartFollowing({.idle_interval = absl::Milliseconds(20),
                           .max_wait = absl::Seconds(5),
                           .snapshot_interval = absl::ZeroDuration()});
  const std::string before = Contents();
  AddReport("v1", "法律援助中心");
  EXPECT_EQ(Found(*archive, "援助"), 1u);
  for (int wait = 0; wait < 100 && Contents() == before; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  archive.reset();
  Exec("DELETE FROM reports WHERE id = 'v1'");  // a snapshot does not notice deletions: proof it
                                                // was read
  std::unique_ptr<IndexedArchive> restarted = Restart();
  EXPECT_TRUE(restarted->loaded_from_snapshot());
  EXPECT_EQ(Found(*restarted, "援助"), 1u);
}

}  // namespace
}  // namespace fazhi::query
