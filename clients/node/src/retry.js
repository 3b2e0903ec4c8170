// Which failed calls the client sends again, and how long it waits first: the C++ CLI's policy
// (common/status/retry_policy.h), bounded exponential backoff with jitter.
//
//   const response = await callWithRetry(() => unaryCall(...), READ_ONLY, DEFAULT_POLICY);
//
// The codes are the CLI's (common/status/retry_policy.cc), no more: reads change nothing, so they
// are retried after UNAVAILABLE and a server's CANCELLED. Ingest (keyed by the request id the client
// derives from the content, as the CLI does) and ExtractReport are idempotent, so they are retried
// after DEADLINE_EXCEEDED and ABORTED too. Mutations (ReextractReports, RequeueJobs) are sent once.
// RESOURCE_EXHAUSTED is never retried: the services answer it for permanent per-call limits (an
// oversized document, too large a page) as well as for shedding load, and a repeat cannot tell
// them apart. Every attempt gets a fresh deadline.
'use strict';

const { status } = require('@grpc/grpc-js');

const READ_ONLY = 'read_only';
const IDEMPOTENT = 'idempotent';
const MUTATION = 'mutation';

const RETRYABLE = {
  [READ_ONLY]: new Set([status.UNAVAILABLE, status.CANCELLED]),
  [IDEMPOTENT]: new Set([status.UNAVAILABLE, status.CANCELLED, status.DEADLINE_EXCEEDED, status.ABORTED]),
  [MUTATION]: new Set(),
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

module.exports = { READ_ONLY, IDEMPOTENT, MUTATION, DEFAULT_POLICY, NO_RETRY, isRetryable, backoffMs, callWithRetry };
