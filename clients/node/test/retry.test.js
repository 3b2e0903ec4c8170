// The Node client's retry policy, without a server: which codes are retried for reads and for
// ingest, the backoff's growth, cap and jitter, and that the loop stops when attempts are spent.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { status } = require('@grpc/grpc-js');
const { retry } = require('fazhi-client');

const failure = (code) => Object.assign(new Error(`code ${code}`), { code });
const noSleep = async () => {};

test('reads retry transient codes only', () => {
  for (const code of [status.UNAVAILABLE, status.CANCELLED]) {
    assert.ok(retry.isRetryable(retry.READ_ONLY, code), `${code}`);
  }
  for (const code of [status.DEADLINE_EXCEEDED, status.INVALID_ARGUMENT, status.NOT_FOUND, status.UNAUTHENTICATED,
                      status.RESOURCE_EXHAUSTED]) {
    assert.ok(!retry.isRetryable(retry.READ_ONLY, code), `${code}`);
  }
});

test('ingest also retries DEADLINE_EXCEEDED and ABORTED', () => {
  for (const code of [status.DEADLINE_EXCEEDED, status.ABORTED, status.UNAVAILABLE]) {
    assert.ok(retry.isRetryable(retry.IDEMPOTENT, code), `${code}`);
  }
  assert.ok(!retry.isRetryable(retry.IDEMPOTENT, status.PERMISSION_DENIED));
});

// As the CLI: the services answer it for permanent per-call limits too.
test('RESOURCE_EXHAUSTED is never retried', () => {
  for (const kind of [retry.READ_ONLY, retry.IDEMPOTENT, retry.MUTATION]) {
    assert.ok(!retry.isRetryable(kind, status.RESOURCE_EXHAUSTED), kind);
  }
});

test('mutations are sent once', async () => {
  let attempts = 0;
  await assert.rejects(retry.callWithRetry(async () => { attempts += 1; throw failure(status.UNAVAILABLE); },
                                           retry.MUTATION, retry.DEFAULT_POLICY, noSleep));
  assert.strictEqual(attempts, 1);
});

test('backoff doubles up to the cap, with jitter between half and all of it', () => {
  const policy = retry.DEFAULT_POLICY;
  assert.deepStrictEqual([1, 2, 3, 4, 5, 6].map((n) => retry.backoffMs(policy, n, () => 1)),
                         [250, 500, 1000, 2000, 4000, 4000]);
  assert.strictEqual(retry.backoffMs(policy, 3, () => 0), 500);
});

test('transient failures are retried until an answer comes', async () => {
  const outcomes = [failure(status.UNAVAILABLE), failure(status.CANCELLED), 'answer'];
  const waits = [];
  const answer = await retry.callWithRetry(async () => {
    const outcome = outcomes.shift();
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }, retry.READ_ONLY, retry.DEFAULT_POLICY, async (ms) => { waits.push(ms); });
  assert.strictEqual(answer, 'answer');
  assert.strictEqual(waits.length, 2);
});

test('gives up after maxAttempts with the last error', async () => {
  let attempts = 0;
  await assert.rejects(retry.callWithRetry(async () => { attempts += 1; throw failure(status.UNAVAILABLE); },
                                           retry.READ_ONLY, { ...retry.DEFAULT_POLICY, maxAttempts: 3 }, noSleep),
                       (error) => error.code === status.UNAVAILABLE);
  assert.strictEqual(attempts, 3);
});

test('a permanent error is not retried', async () => {
  let attempts = 0;
  await assert.rejects(retry.callWithRetry(async () => { attempts += 1; throw failure(status.NOT_FOUND); },
                                           retry.READ_ONLY, retry.DEFAULT_POLICY, noSleep));
  assert.strictEqual(attempts, 1);
});
