#include "tests/testing/test_certificates.h"

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace fazhi::testing {
namespace {

// The certificate recipe is the openssl CLI's, not ours.
absl::Status Shell(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) == 0) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("failed: ", command));
}

}  // namespace

absl::Status MakeTestCertificates(const std::string& dir) {
  if (absl::Status ca =
          Shell(absl::StrCat("cd ", dir, " && openssl req -x509 -newkey rsa:2048 -nodes -days 2",
                             " -keyout ca.key -out ca.pem -subj /CN=fazhi-test-ca"));
      !ca.ok()) {
    return ca;
  }
  if (absl::Status request =
          Shell(absl::StrCat("cd ", dir, " && openssl req -newkey rsa:2048 -nodes",
                             " -keyout server.key -out server.csr -subj /CN=localhost"));
      !request.ok()) {
    return request;
  }
  std::ofstream(dir + "/san.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
  return Shell(absl::StrCat("cd ", dir,
                            " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key",
                            " -CAcreateserial -days 2 -extfile san.ext -out server.pem"));
}

}  // namespace fazhi::testing
