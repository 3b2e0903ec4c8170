// Which failed calls the client sends again, and how long it waits first: the C++ CLI's policy
// (common/status/retry_policy.h), bounded exponential backoff with jitter.
//
//   const response = await callWithRetry(() => unaryCall(...), READ_ONLY, DEFAULT_POLICY);
//
// Reads change nothing, so they are retried after UNAVAILABLE, a server's CANCELLED and
// RESOURCE_EXHAUSTED (a service shedding load past its in-flight limit). Ingest is idempotent
// (keyed by the request id the client derives from the content, as the CLI does), so it is
// retried after those and DEADLINE_EXCEEDED and ABORTED too. Every attempt gets a fresh deadline.
'use strict';

const { status } = require('@grpc/grpc-js');

const READ_ONLY = 'read_only';
const IDEMPOTENT = 'idempotent';

const RETRYABLE = {
  [READ_ONLY]: new Set([status.UNAVAILABLE, status.CANCELLED, status.RESOURCE_EXHAUSTED]),
  [IDEMPOTENT]: new Set([status.UNAVAILABLE, status.CANCELLED, status.RESOURCE_EXHAUSTED,
                         status.DEADLINE_EXCEEDED, status.ABORTED]),
};

// maxAttempts counts the first; the CLI's read-only policy spans a service restart (12-20 s).
const DEFAULT_POLICY = Object.freeze({ maxAttempts: 10, initialBackoffMs: 250, maxBackoffMs: 4000, multiplier: 2 });
const NO_RETRY = Object.freeze({ ...DEFAULT_POLICY, maxAttempts: 1 });

function isRetryable(kind, code) {
  return RETRYABLE[kind].has(code);
}

// The wait before retry number `retry` (1 for the second attempt), in milliseconds:
// min(max, initial * multiplier^(retry-1)) scaled by a jitter in [0.5, 1].
function backoffMs(policy, retry, random = Math.random) {
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * policy.multiplier ** Math.max(0, retry - 1));
  return ceiling * (0.5 + 0.5 * random());
}

const sleepMs = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Awaits attempt() until it resolves, rejects with an error ({code}) that may not be retried, or
// the attempts are spent (then it rejects with the last error).
async function callWithRetry(attempt, kind, policy, sleep = sleepMs) {
  for (let number = 1; ; number += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (number >= policy.maxAttempts || !isRetryable(kind, error.code)) throw error;
      await sleep(backoffMs(policy, number));
    }
  }
}

module.exports = { READ_ONLY, IDEMPOTENT, DEFAULT_POLICY, NO_RETRY, isRetryable, backoffMs, callWithRetry };
