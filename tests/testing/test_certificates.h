// A throwaway CA and a server certificate for 127.0.0.1 and localhost signed by it, made with the
// openssl CLI, for tests that run the services over TLS.
//
//   ASSERT_TRUE(MakeTestCertificates(dir).ok());
//   // dir/ca.pem (FAZHI_TLS_CA), dir/server.pem (FAZHI_TLS_CERT), dir/server.key (FAZHI_TLS_KEY)
#ifndef FAZHI_TESTS_TESTING_TEST_CERTIFICATES_H_
#define FAZHI_TESTS_TESTING_TEST_CERTIFICATES_H_

#include <string>

#include "absl/status/status.h"

namespace fazhi::testing {

// Writes ca.pem, ca.key, server.pem and server.key (valid two days) into the existing `dir`;
// INTERNAL naming the openssl command that failed.
absl::Status MakeTestCertificates(const std::string& dir);

}  // namespace fazhi::testing

#endif  // FAZHI_TESTS_TESTING_TEST_CERTIFICATES_H_
