"""Which failed calls the client sends again, and how long it waits first: the C++ CLI's policy
(common/status/retry_policy.h), bounded exponential backoff with jitter.

    policy = RetryPolicy()                        # 10 attempts, 0.25 s doubling up to 4 s
    response = call_with_retry(lambda: stub.GetReport(request, timeout=30), READ_ONLY, policy)

The codes are the CLI's (common/status/retry_policy.cc), no more: reads change nothing, so they
are retried after UNAVAILABLE and a server's CANCELLED. Ingest (keyed by the request id the client
derives from the content, as the CLI does) and ExtractReport are idempotent, so they are retried
after DEADLINE_EXCEEDED and ABORTED too. Mutations (ReextractReports, RequeueJobs) are sent once.
RESOURCE_EXHAUSTED is never retried: the services answer it for permanent per-call limits (an
oversized document, too large a page) as well as for shedding load, and a repeat cannot tell them
apart. Every attempt gets a fresh deadline.
"""

import dataclasses
import random
import time

import grpc

READ_ONLY = "read_only"
IDEMPOTENT = "idempotent"
MUTATION = "mutation"

_RETRYABLE = {
    READ_ONLY: {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED},
    IDEMPOTENT: {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED, grpc.StatusCode.DEADLINE_EXCEEDED,
                 grpc.StatusCode.ABORTED},
    MUTATION: set(),
}


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """max_attempts counts the first; the CLI's read-only policy spans a service restart (12-20 s)."""
    max_attempts: int = 10
    initial_backoff: float = 0.25  # seconds
    max_backoff: float = 4.0
    multiplier: float = 2.0


NO_RETRY = RetryPolicy(max_attempts=1)


def is_retryable(kind, code):
    return code in _RETRYABLE[kind]


def backoff(policy, retry, rand=random.random):
    """The wait before retry number `retry` (1 for the second attempt), in seconds:
    min(max, initial * multiplier^(retry-1)) scaled by a jitter in [0.5, 1]."""
    ceiling = min(policy.max_backoff, policy.initial_backoff * policy.multiplier ** max(0, retry - 1))
    return ceiling * (0.5 + 0.5 * rand())


def call_with_retry(attempt, kind, policy, sleep=time.sleep):
    """Runs attempt() until it returns, raises an error that may not be retried, or the attempts
    are spent (then the last grpc.RpcError is raised)."""
    for number in range(1, policy.max_attempts + 1):
        try:
            return attempt()
        except grpc.RpcError as error:
            if number == policy.max_attempts or not is_retryable(kind, error.code()):
                raise
            sleep(backoff(policy, number))
