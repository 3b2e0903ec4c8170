// fazhi-division-snapshot DIVISIONS_DIR OUT_FILE: loads the division list from its CSV files and
// writes the index's snapshot (DivisionIndex::Snapshot), which the binaries read at start-up
// instead of deriving the index again. The build runs it whenever data/divisions changes.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "services/extraction/divisions/division_index.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fazhi-division-snapshot DIVISIONS_DIR OUT_FILE\n";
    return 2;
  }
  absl::StatusOr<fazhi::extraction::DivisionIndex> index =
      fazhi::extraction::DivisionIndex::LoadFromDirectory(argv[1]);
  if (!index.ok()) {
    std::cerr << "fazhi-division-snapshot: " << index.status() << "\n";
    return 1;
  }
  const std::filesystem::path out = argv[2];
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  // Written beside and renamed: a binary starting meanwhile reads the old snapshot or the new one.
  const std::filesystem::path partial = out.string() + ".partial";
  const std::string bytes = index->Snapshot();
  std::ofstream file(partial, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) {
    std::cerr << "fazhi-division-snapshot: cannot write " << partial << "\n";
    return 1;
  }
  std::filesystem::rename(partial, out);
  return 0;
}
