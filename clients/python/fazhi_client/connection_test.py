"""How the Python client reads FAZHI_TLS_CA, FAZHI_TOKEN and FAZHI_INSECURE_TOKEN, as the CLI:
a token without TLS is refused unless allowed, the token travels as `authorization: Bearer`, and a
CA file that is missing or not PEM is an InvalidArgumentError naming the setting.

    cd clients/python && python3 -m unittest fazhi_client.connection_test
"""

import os
import tempfile
import unittest

import fazhi_client
from fazhi_client.connection import ChannelSecurity

_TOKEN = "reader-0123456789abcdef"


class ConnectionTest(unittest.TestCase):
    def test_nothing_set_is_plaintext_without_authorization(self):
        security = ChannelSecurity.from_env({})
        self.assertIsNone(security.tls_root_cert)
        self.assertEqual(security.metadata, ())

    def test_token_without_tls_is_refused(self):
        with self.assertRaises(fazhi_client.InvalidArgumentError) as raised:
            ChannelSecurity.from_env({"FAZHI_TOKEN": _TOKEN})
        self.assertIn("refusing to send FAZHI_TOKEN without TLS", raised.exception.message)
        with self.assertRaises(fazhi_client.InvalidArgumentError):
            fazhi_client.FazhiClient.from_env({"FAZHI_TOKEN": _TOKEN})

    def test_insecure_token_allows_it_and_sends_a_bearer_header(self):
        security = ChannelSecurity.from_env({"FAZHI_TOKEN": _TOKEN, "FAZHI_INSECURE_TOKEN": "1"})
        self.assertEqual(security.metadata, (("authorization", f"Bearer {_TOKEN}"),))

    def test_missing_ca_file_names_the_setting_and_path(self):
        with self.assertRaises(fazhi_client.InvalidArgumentError) as raised:
            ChannelSecurity.from_env({"FAZHI_TLS_CA": "/nonexistent/ca.pem"})
        self.assertIn("FAZHI_TLS_CA: cannot read '/nonexistent/ca.pem'", raised.exception.message)

    def test_ca_file_that_is_not_pem_is_refused(self):
        with tempfile.NamedTemporaryFile(suffix=".pem") as file:
            file.write(b"not a certificate")
            file.flush()
            with self.assertRaises(fazhi_client.InvalidArgumentError) as raised:
                ChannelSecurity.from_env({"FAZHI_TLS_CA": file.name})
        self.assertIn("FAZHI_TLS_CA: not a PEM certificate", raised.exception.message)

    def test_pem_ca_with_token_is_tls_with_the_token(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "ca.pem")
            with open(path, "wb") as file:
                file.write(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
            security = ChannelSecurity.from_env({"FAZHI_TLS_CA": path, "FAZHI_TOKEN": _TOKEN})
        self.assertTrue(security.tls_root_cert.startswith(b"-----BEGIN CERTIFICATE-----"))
        self.assertEqual(security.metadata, (("authorization", f"Bearer {_TOKEN}"),))


if __name__ == "__main__":
    unittest.main()
