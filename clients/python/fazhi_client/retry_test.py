"""The Python client's retry policy, without a server: which codes are retried for reads and for
ingest, the backoff's growth, cap and jitter, and that the loop stops when attempts are spent.

    cd clients/python && python3 -m unittest fazhi_client.retry_test
"""

import unittest

import grpc

from fazhi_client import retry


class _Failure(grpc.RpcError):
    def __init__(self, code):
        super().__init__()
        self._code = code

    def code(self):
        return self._code


class RetryTest(unittest.TestCase):
    def test_reads_retry_transient_codes_only(self):
        for code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED):
            self.assertTrue(retry.is_retryable(retry.READ_ONLY, code), code)
        for code in (grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND,
                     grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.RESOURCE_EXHAUSTED):
            self.assertFalse(retry.is_retryable(retry.READ_ONLY, code), code)

    def test_ingest_also_retries_deadline_and_aborted(self):
        for code in (grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.ABORTED, grpc.StatusCode.UNAVAILABLE):
            self.assertTrue(retry.is_retryable(retry.IDEMPOTENT, code), code)
        self.assertFalse(retry.is_retryable(retry.IDEMPOTENT, grpc.StatusCode.PERMISSION_DENIED))

    def test_resource_exhausted_is_never_retried_as_the_cli(self):
        # The services answer it for permanent per-call limits too (common/status/retry_policy.cc).
        for kind in (retry.READ_ONLY, retry.IDEMPOTENT, retry.MUTATION):
            self.assertFalse(retry.is_retryable(kind, grpc.StatusCode.RESOURCE_EXHAUSTED), kind)

    def test_mutations_are_sent_once(self):
        attempts = []

        def attempt():
            attempts.append(1)
            raise _Failure(grpc.StatusCode.UNAVAILABLE)

        with self.assertRaises(grpc.RpcError):
            retry.call_with_retry(attempt, retry.MUTATION, retry.RetryPolicy(), sleep=lambda _: None)
        self.assertEqual(len(attempts), 1)

    def test_backoff_doubles_up_to_the_cap_with_jitter_between_half_and_all(self):
        policy = retry.RetryPolicy(initial_backoff=0.25, max_backoff=4.0)
        self.assertEqual([retry.backoff(policy, n, rand=lambda: 1.0) for n in range(1, 7)],
                         [0.25, 0.5, 1.0, 2.0, 4.0, 4.0])
        self.assertEqual(retry.backoff(policy, 3, rand=lambda: 0.0), 0.5)

    def test_transient_failures_are_retried_until_success(self):
        outcomes = [_Failure(grpc.StatusCode.UNAVAILABLE), _Failure(grpc.StatusCode.CANCELLED), "answer"]
        waits = []

        def attempt():
            outcome = outcomes.pop(0)
            if isinstance(outcome, Exception):
                raise outcome
            return outcome

        self.assertEqual(retry.call_with_retry(attempt, retry.READ_ONLY, retry.RetryPolicy(), sleep=waits.append),
                         "answer")
        self.assertEqual(len(waits), 2)

    def test_gives_up_after_max_attempts_with_the_last_error(self):
        attempts = []

        def attempt():
            attempts.append(1)
            raise _Failure(grpc.StatusCode.UNAVAILABLE)

        with self.assertRaises(grpc.RpcError) as raised:
            retry.call_with_retry(attempt, retry.READ_ONLY, retry.RetryPolicy(max_attempts=3), sleep=lambda _: None)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.UNAVAILABLE)
        self.assertEqual(len(attempts), 3)

    def test_a_permanent_error_is_not_retried(self):
        attempts = []

        def attempt():
            attempts.append(1)
            raise _Failure(grpc.StatusCode.NOT_FOUND)

        with self.assertRaises(grpc.RpcError):
            retry.call_with_retry(attempt, retry.READ_ONLY, retry.RetryPolicy(), sleep=lambda _: None)
        self.assertEqual(len(attempts), 1)


if __name__ == "__main__":
    unittest.main()
