// How the Node client reads FAZHI_TLS_CA, FAZHI_TOKEN and FAZHI_INSECURE_TOKEN, as the CLI: a
// token without TLS is refused unless allowed, the token travels as `authorization: Bearer`, and
// a CA file that is missing or not PEM is an InvalidArgumentError naming the setting.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { FazhiClient, InvalidArgumentError, channelSecurityFromEnv } = require('fazhi-client');

const TOKEN = 'reader-0123456789abcdef';

function tempFile(content) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-node-'));
  const file = path.join(folder, 'ca.pem');
  fs.writeFileSync(file, content);
  return file;
}

test('nothing set is plaintext without authorization', () => {
  const security = channelSecurityFromEnv({});
  assert.strictEqual(security.tlsRootCert, null);
  assert.deepStrictEqual(security.metadata().get('authorization'), []);
});

test('a token without TLS is refused', () => {
  assert.throws(() => channelSecurityFromEnv({ FAZHI_TOKEN: TOKEN }),
                (error) => error instanceof InvalidArgumentError &&
                           error.details.includes('refusing to send FAZHI_TOKEN without TLS'));
  assert.throws(() => FazhiClient.fromEnv({}, { FAZHI_TOKEN: TOKEN }), InvalidArgumentError);
});

test('FAZHI_INSECURE_TOKEN=1 allows it and sends a bearer header', () => {
  const security = channelSecurityFromEnv({ FAZHI_TOKEN: TOKEN, FAZHI_INSECURE_TOKEN: '1' });
  assert.deepStrictEqual(security.metadata().get('authorization'), [`Bearer ${TOKEN}`]);
});

test('a missing CA file names the setting and the path', () => {
  assert.throws(() => channelSecurityFromEnv({ FAZHI_TLS_CA: '/nonexistent/ca.pem' }),
                (error) => error instanceof InvalidArgumentError &&
                           error.details.includes("FAZHI_TLS_CA: cannot read '/nonexistent/ca.pem'"));
});

test('a CA file that is not PEM is refused', () => {
  const file = tempFile('not a certificate');
  assert.throws(() => channelSecurityFromEnv({ FAZHI_TLS_CA: file }),
                (error) => error instanceof InvalidArgumentError &&
                           error.details.includes('FAZHI_TLS_CA: not a PEM certificate'));
});

test('a PEM CA with a token is TLS with the token', () => {
  const file = tempFile('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  const security = channelSecurityFromEnv({ FAZHI_TLS_CA: file, FAZHI_TOKEN: TOKEN });
  assert.ok(security.tlsRootCert.toString().startsWith('-----BEGIN CERTIFICATE-----'));
  assert.deepStrictEqual(security.metadata().get('authorization'), [`Bearer ${TOKEN}`]);
});
