// A promise-based Node.js client of fazhi's gRPC API: ingest, search, list, indicators.
// The stubs are built at run time from proto/ by @grpc/proto-loader (nothing generated is
// committed); messages keep the protos' snake_case field names, as the CLI's JSON does.
//
//   const { FazhiClient } = require('fazhi-client');
//   const client = FazhiClient.fromEnv();
//   const result = await client.ingestFile('report.txt');        // {name, duplicate, state, ...}
//   for await (const hit of client.search('调解')) console.log(hit.report.name, hit.match_count);
//   client.close();
//
// Every call rejects with a FazhiError subclass (NotFoundError, InvalidArgumentError,
// UnavailableError, ...) mapped from its gRPC status. Async iterators page through results with
// the server's page tokens; the *Page methods return one raw page (with total_size).
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const errors = require('./errors');

const DEFAULT_INGESTION_ADDR = '127.0.0.1:50051';
const DEFAULT_QUERY_ADDR = '127.0.0.1:50053';
const REPOSITORY_PROTO_DIR = path.join(__dirname, '..', '..', '..', 'proto');
const PROTO_FILES = ['fazhi/v1/ingestion.proto', 'fazhi/v1/query.proto'];
// google/api/annotations.proto (the HTTP bindings query.proto imports), as protobufjs ships it.
const GOOGLEAPIS_PROTO_DIR = path.dirname(require.resolve('protobufjs/package.json'));
// Documents are up to 20 MB by default (FAZHI_MAX_DOCUMENT_BYTES); leave room for the envelope.
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

// fazhi.v1 as a grpc-js package object, loaded once per proto folder.
const loaded = new Map();
function loadApi(protoDir) {
  if (!loaded.has(protoDir)) {
    const definition = protoLoader.loadSync(PROTO_FILES, {
      includeDirs: [protoDir, GOOGLEAPIS_PROTO_DIR],
      keepCase: true,     // report_year, not reportYear: the protos' own names
      longs: Number,      // int64 counts and offsets as numbers (all well under 2^53)
      enums: String,      // 'REPORT_STATE_EXTRACTED'
      defaults: true,
      oneofs: true,
    });
    loaded.set(protoDir, grpc.loadPackageDefinition(definition).fazhi.v1);
  }
  return loaded.get(protoDir);
}

class FazhiClient {
  // options: ingestionAddr, queryAddr, timeoutMs (per call, default 30000), protoDir (default
  // FAZHI_PROTO_DIR or the repository's proto/).
  constructor(options = {}) {
    const api = loadApi(options.protoDir || process.env.FAZHI_PROTO_DIR || REPOSITORY_PROTO_DIR);
    const channelOptions = {
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    };
    const credentials = grpc.credentials.createInsecure();
    this.timeoutMs = options.timeoutMs || 30000;
    this.ingestion = new api.IngestionService(options.ingestionAddr || DEFAULT_INGESTION_ADDR, credentials,
                                              channelOptions);
    this.query = new api.QueryService(options.queryAddr || DEFAULT_QUERY_ADDR, credentials, channelOptions);
  }

  // Addresses from FAZHI_INGESTION_ADDR and FAZHI_QUERY_ADDR, as the CLI and services use.
  static fromEnv(options = {}) {
    return new FazhiClient({
      ingestionAddr: process.env.FAZHI_INGESTION_ADDR,
      queryAddr: process.env.FAZHI_QUERY_ADDR,
      ...options,
    });
  }

  close() {
    this.ingestion.close();
    this.query.close();
  }

  // One unary call as a promise, its error mapped to a FazhiError.
  call(stub, method, request) {
    const deadline = new Date(Date.now() + this.timeoutMs);
    return new Promise((resolve, reject) => {
      stub[method](request, { deadline }, (error, response) => {
        if (error) reject(errors.fromServiceError(error));
        else resolve(response);
      });
    });
  }

  // ---- Ingestion ----

  // Archives a document: resolves to {name, duplicate, state, content_sha256}.
  ingestBytes(content, { fileName = '', contentType = '', sourceUrl = '', requestId = '' } = {}) {
    const document = { content, file_name: fileName, content_type: contentType, source_url: sourceUrl };
    return this.call(this.ingestion, 'IngestDocument', { document, request_id: requestId });
  }

  // Archives a file; its name helps the service detect the format.
  async ingestFile(filePath, { sourceUrl = '', requestId = '' } = {}) {
    const content = await fs.promises.readFile(filePath);
    return this.ingestBytes(content, { fileName: path.basename(filePath), sourceUrl, requestId });
  }

  // ---- Reports ----

  // One report; full: true adds the normalized text and the whole record.
  getReport(name, { full = false } = {}) {
    return this.call(this.query, 'GetReport', { name, view: full ? 'REPORT_VIEW_FULL' : 'REPORT_VIEW_BASIC' });
  }

  // One page: {reports, next_page_token, total_size}.
  listReportsPage({ filter = '', orderBy = '', pageSize = 50, pageToken = '' } = {}) {
    return this.call(this.query, 'ListReports',
                     { filter, order_by: orderBy, page_size: pageSize, page_token: pageToken });
  }

  // Every report matching the filter, fetched a page at a time.
  listReports({ filter = '', orderBy = '', pageSize = 50 } = {}) {
    return paged((pageToken) => this.listReportsPage({ filter, orderBy, pageSize, pageToken }), 'reports');
  }

  // One page: {hits (most matches first), next_page_token, total_size}.
  searchPage(query, { filter = '', pageSize = 20, pageToken = '', maxSnippets = 3 } = {}) {
    return this.call(this.query, 'SearchReports',
                     { query, filter, page_size: pageSize, page_token: pageToken, max_snippets: maxSnippets });
  }

  // Every hit for the query, fetched a page at a time.
  search(query, { filter = '', pageSize = 20, maxSnippets = 3 } = {}) {
    return paged((pageToken) => this.searchPage(query, { filter, pageSize, pageToken, maxSnippets }), 'hits');
  }

  // ---- Indicators ----

  // The values of one indicator for one jurisdiction, oldest report year first.
  async indicatorSeries(indicatorId, jurisdictionCode) {
    const response = await this.call(this.query, 'GetIndicatorSeries',
                                     { indicator_id: indicatorId, jurisdiction_code: jurisdictionCode });
    return response.points;
  }

  // {rows (sorted values across jurisdictions), summary (coverage and statistics)}.
  compareIndicator(indicatorId, { reportYear = 0, filter = '', descending = false, pageSize = 100 } = {}) {
    return this.call(this.query, 'CompareIndicator', {
      indicator_id: indicatorId, report_year: reportYear, filter, descending, page_size: pageSize,
    });
  }
}

// An async iterator over the items of every page, following next_page_token.
async function* paged(fetchPage, items) {
  let pageToken = '';
  do {
    const page = await fetchPage(pageToken);
    yield* page[items];
    pageToken = page.next_page_token;
  } while (pageToken);
}

module.exports = { FazhiClient, ...errors };
