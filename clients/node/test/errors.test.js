// The status-code mapping of the Node client, without a server: each code gives its error class,
// and a call to an address where nothing listens rejects with UnavailableError.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const net = require('node:net');
const { status } = require('@grpc/grpc-js');
const client = require('fazhi-client');

test('status codes map to their error classes', () => {
  const cases = [
    [status.NOT_FOUND, client.NotFoundError],
    [status.INVALID_ARGUMENT, client.InvalidArgumentError],
    [status.UNAVAILABLE, client.UnavailableError],
    [status.DEADLINE_EXCEEDED, client.DeadlineExceededError],
    [status.INTERNAL, client.InternalError],
  ];
  for (const [code, ErrorClass] of cases) {
    const error = client.fromServiceError({ code, details: 'why' });
    assert.ok(error instanceof ErrorClass, `${code} gave ${error.name}`);
    assert.ok(error instanceof client.FazhiError);
    assert.strictEqual(error.details, 'why');
    assert.strictEqual(error.code, code);
  }
});

test('an unmapped code gives the base FazhiError with its name', () => {
  const error = client.fromServiceError({ code: status.ABORTED, details: 'conflict' });
  assert.strictEqual(error.constructor, client.FazhiError);
  assert.strictEqual(error.codeName, 'ABORTED');
  assert.strictEqual(error.message, 'ABORTED: conflict');
});

test('a call to a closed port rejects with UnavailableError', async () => {
  // A port that was free a moment ago: bound, then released.
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  const fazhi = new client.FazhiClient({ queryAddr: `127.0.0.1:${port}`, ingestionAddr: `127.0.0.1:${port}`,
                                         timeoutMs: 5000, retryPolicy: client.retry.NO_RETRY });
  try {
    await assert.rejects(fazhi.getReport('reports/0000000000000000'), client.UnavailableError);
  } finally {
    fazhi.close();
  }
});
