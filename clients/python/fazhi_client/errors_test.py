"""The status-code mapping of the Python client, without a server: each code gives its exception
class, and a call to an address where nothing listens raises UnavailableError.

    cd clients/python && python3 -m unittest fazhi_client.errors_test
"""

import socket
import unittest

import grpc

import fazhi_client
from fazhi_client import errors, retry


class _FakeRpcError(grpc.RpcError):
    def __init__(self, code, details):
        super().__init__()
        self._code, self._details = code, details

    def code(self):
        return self._code

    def details(self):
        return self._details


class ErrorsTest(unittest.TestCase):
    def test_status_codes_map_to_their_exceptions(self):
        cases = {
            grpc.StatusCode.NOT_FOUND: fazhi_client.NotFoundError,
            grpc.StatusCode.INVALID_ARGUMENT: fazhi_client.InvalidArgumentError,
            grpc.StatusCode.UNAVAILABLE: fazhi_client.UnavailableError,
            grpc.StatusCode.DEADLINE_EXCEEDED: fazhi_client.DeadlineExceededError,
            grpc.StatusCode.INTERNAL: fazhi_client.InternalError,
        }
        for code, exception in cases.items():
            with self.subTest(code=code):
                error = errors.from_rpc_error(_FakeRpcError(code, "why"))
                self.assertIs(type(error), exception)
                self.assertEqual((error.code, error.message), (code, "why"))

    def test_unmapped_code_gives_the_base_error_with_its_name(self):
        error = errors.from_rpc_error(_FakeRpcError(grpc.StatusCode.ABORTED, "conflict"))
        self.assertIs(type(error), fazhi_client.FazhiError)
        self.assertEqual(str(error), "ABORTED: conflict")

    def test_call_to_a_closed_port_raises_unavailable(self):
        with socket.socket() as probe:  # a port that was free a moment ago
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        address = f"127.0.0.1:{port}"
        with fazhi_client.FazhiClient(address, address, timeout=5, retry_policy=retry.NO_RETRY) as client:
            with self.assertRaises(fazhi_client.UnavailableError):
                client.get_report("reports/0000000000000000")


if __name__ == "__main__":
    unittest.main()
