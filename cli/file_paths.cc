#include "cli/file_paths.h"

#include <algorithm>
#include <iostream>

namespace fazhi::cli {

namespace fs = std::filesystem;

std::vector<fs::path> CollectFiles(const std::vector<std::string>& paths, int* missing) {
  std::vector<fs::path> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
        if (entry.is_regular_file()) found.push_back(entry.path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, error)) {
      files.emplace_back(path);
    } else {
      std::cerr << "fazhi: " << path << ": no such file or folder\n";
      ++*missing;
    }
  }
  return files;
}

}  // namespace fazhi::cli
