#include "cli/file_paths.h"

#include <algorithm>
#include <iostream>

namespace fazhi::cli {

namespace fs = std::filesystem;

namespace {

bool IsHidden(const fs::path& path) { return path.filename().string().starts_with('.'); }

// The regular files under `folder`, sorted; hidden entries and what they hold are skipped.
std::vector<fs::path> WalkFolder(const fs::path& folder) {
  std::vector<fs::path> found;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::end(it);
       it.increment(error)) {
    if (IsHidden(it->path())) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) found.push_back(it->path());
  }
  if (error) std::cerr << "fazhi: " << folder.string() << ": " << error.message() << "\n";
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

std::vector<fs::path> CollectFiles(const std::vector<std::string>& paths, int* missing) {
  std::vector<fs::path> files;
  for (const std::string& path : paths) {
    std::error_code error;
    // One stat a path: a shell's glob names thousands of files, each asked once, not per kind.
    const fs::file_status status = fs::status(path, error);
    if (fs::is_directory(status)) {
      std::vector<fs::path> found = WalkFolder(path);
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(status)) {
      files.emplace_back(path);
    } else {
      std::cerr << "fazhi: " << path << ": no such file or folder\n";
      ++*missing;
    }
  }
  return files;
}

}  // namespace fazhi::cli
