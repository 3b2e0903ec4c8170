// The files a command reads: paths named on the command line, folders walked recursively (each
// folder's files in sorted order), shared by `fazhi ingest` and `fazhi extract`. As git and
// ripgrep do, a walk skips hidden files and folders (.gitkeep, .DS_Store, .git/): they are never
// reports. A hidden file named on the command line is read.
//
//   int missing = 0;
//   std::vector<fs::path> files = CollectFiles({"reports/", "extra.pdf"}, &missing);
#ifndef FAZHI_CLI_FILE_PATHS_H_
#define FAZHI_CLI_FILE_PATHS_H_

#include <filesystem>
#include <string>
#include <vector>

namespace fazhi::cli {

// A path that is neither a file nor a folder is reported on stderr and counted in `missing`.
std::vector<std::filesystem::path> CollectFiles(const std::vector<std::string>& paths,
                                                int* missing);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_FILE_PATHS_H_
