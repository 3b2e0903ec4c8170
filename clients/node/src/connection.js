// How the client reaches the services, read from the same settings as the C++ CLI:
//
//   FAZHI_INGESTION_ADDR, FAZHI_QUERY_ADDR   host:port of the services
//   FAZHI_TLS_CA            PEM file of the CA that signed the services' certificates; set = TLS
//   FAZHI_TOKEN             bearer token, sent as `authorization: Bearer ...` on every call
//   FAZHI_INSECURE_TOKEN=1  send the token without TLS (services on this machine); otherwise a
//                           token without FAZHI_TLS_CA is refused
//
//   const security = channelSecurity({ tlsCa: 'ca.pem', token: process.env.FAZHI_TOKEN });
//   const stub = new api.QueryService(address, security.credentials, channelOptions);
//   stub.GetReport(request, security.metadata(), { deadline }, callback);
'use strict';

const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const { InvalidArgumentError } = require('./errors');

const INSECURE_TOKEN_REFUSAL =
  'refusing to send FAZHI_TOKEN without TLS, where anyone on the path can read it: set FAZHI_TLS_CA to ' +
  "the services' CA certificate, or pass insecureToken: true (FAZHI_INSECURE_TOKEN=1) for services on " +
  'this machine';

const invalid = (message) => new InvalidArgumentError(grpc.status.INVALID_ARGUMENT, message);

// {tlsRootCert (Buffer or null), token (string or null), credentials, metadata()}. Throws
// InvalidArgumentError for a token that would travel in the clear (unless insecureToken) and for
// a CA file that cannot be read or is not PEM.
function channelSecurity({ tlsCa = '', token = '', insecureToken = false } = {}) {
  let tlsRootCert = null;
  if (tlsCa) {
    try {
      tlsRootCert = fs.readFileSync(tlsCa);
    } catch (error) {
      throw invalid(`FAZHI_TLS_CA: cannot read '${tlsCa}': ${error.code || error.message}`);
    }
    if (!tlsRootCert.includes('-----BEGIN CERTIFICATE-----')) {
      throw invalid(`FAZHI_TLS_CA: not a PEM certificate: '${tlsCa}'`);
    }
  }
  if (token && !tlsRootCert && !insecureToken) throw invalid(INSECURE_TOKEN_REFUSAL);
  return {
    tlsRootCert,
    token: token || null,
    credentials: tlsRootCert ? grpc.credentials.createSsl(tlsRootCert) : grpc.credentials.createInsecure(),
    // The metadata every call carries (a fresh object: grpc-js may add to it).
    metadata() {
      const metadata = new grpc.Metadata();
      if (token) metadata.set('authorization', `Bearer ${token}`);
      return metadata;
    },
  };
}

// The settings as the CLI reads them from the environment.
function channelSecurityFromEnv(env = process.env) {
  return channelSecurity({ tlsCa: env.FAZHI_TLS_CA, token: env.FAZHI_TOKEN,
                           insecureToken: env.FAZHI_INSECURE_TOKEN === '1' });
}

module.exports = { channelSecurity, channelSecurityFromEnv };
