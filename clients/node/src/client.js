// A promise-based Node.js client of fazhi's gRPC API, every RPC of fazhi.v1: ingest (one document
// or a stream), get (and the original bytes), list, search, facets, indicators, export, and the
// extraction service's calls (extract, re-extract, jobs). The stubs are built at run time by @grpc/proto-loader from the .proto files
// the package carries (proto/, copied in by `npm pack`) or, in a checkout, the repository's
// proto/; messages keep the protos' snake_case field names, as the CLI's JSON does.
//
//   const { FazhiClient } = require('fazhi-client');
//   const client = FazhiClient.fromEnv();    // addresses, TLS and token as the CLI reads them
//   const result = await client.ingestFile('report.txt');        // {name, duplicate, state, ...}
//   for await (const hit of client.search('调解')) console.log(hit.report.name, hit.match_count);
//   for await (const row of client.compareIndicatorRows('litigation.cases')) console.log(row.value);
//   for await (const chunk of client.export({ format: 'jsonl', query: '调解' })) out.write(chunk.data);
//   client.close();
//
// Every call has a deadline (timeoutMs per attempt; exportTimeoutMs for a whole export,
// streamTimeoutMs for an ingest stream) and is retried with the CLI's codes, no others
// (retry.js): reads after UNAVAILABLE or a server's CANCELLED; ingest (keyed by a request id
// derived from the content) and ExtractReport after DEADLINE_EXCEEDED and ABORTED too; re-extract
// and requeue never. RESOURCE_EXHAUSTED is not retried, as the CLI does not: it also means a
// permanent per-call limit. Every call rejects with a FazhiError subclass
// (NotFoundError, InvalidArgumentError, UnavailableError, ...) mapped from its gRPC status. Async
// iterators page through results with the server's page tokens; the *Page methods return one raw
// page (with total_size).
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const errors = require('./errors');
const { channelSecurity, channelSecurityFromEnv } = require('./connection');
const retry = require('./retry');

const DEFAULT_INGESTION_ADDR = '127.0.0.1:50051';
const DEFAULT_EXTRACTION_ADDR = '127.0.0.1:50052';
const DEFAULT_QUERY_ADDR = '127.0.0.1:50053';
const DEFAULT_TIMEOUT_MS = 30000;                   // per attempt of a unary call
const DEFAULT_EXPORT_TIMEOUT_MS = 6 * 3600 * 1000;  // a whole export stream, as the CLI's export
const DEFAULT_STREAM_TIMEOUT_MS = 6 * 3600 * 1000;  // a whole ingest stream
const BUNDLED_PROTO_DIR = path.join(__dirname, '..', 'proto');
const REPOSITORY_PROTO_DIR = path.join(__dirname, '..', '..', '..', 'proto');
const PROTO_FILES = ['fazhi/v1/ingestion.proto', 'fazhi/v1/query.proto', 'fazhi/v1/extraction.proto'];
// google/api/annotations.proto (the HTTP bindings query.proto imports), as protobufjs ships it.
const GOOGLEAPIS_PROTO_DIR = path.dirname(require.resolve('protobufjs/package.json'));
// Documents are up to 20 MB by default (FAZHI_MAX_DOCUMENT_BYTES); leave room for the envelope.
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const EXPORT_CONTENT = { reports: 'EXPORT_CONTENT_REPORTS', indicators: 'EXPORT_CONTENT_INDICATORS' };
const EXPORT_FORMAT = { csv: 'EXPORT_FORMAT_CSV', jsonl: 'EXPORT_FORMAT_JSONL' };

// The packaged protos when present, else the repository's.
function defaultProtoDir() {
  return fs.existsSync(path.join(BUNDLED_PROTO_DIR, PROTO_FILES[1])) ? BUNDLED_PROTO_DIR : REPOSITORY_PROTO_DIR;
}

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
  // options: ingestionAddr, extractionAddr, queryAddr; security (from channelSecurity(); default plaintext
  // without a token) or tlsCa / token / insecureToken to make one; timeoutMs (per attempt of a
  // unary call, default 30 s), exportTimeoutMs (a whole export, default 6 h), streamTimeoutMs (a
  // whole ingest stream, default 6 h); retryPolicy
  // (retry.DEFAULT_POLICY; retry.NO_RETRY sends every call once); protoDir (default
  // FAZHI_PROTO_DIR, the package's proto/ or the repository's).
  constructor(options = {}) {
    const api = loadApi(options.protoDir || process.env.FAZHI_PROTO_DIR || defaultProtoDir());
    const channelOptions = {
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    };
    this.security = options.security || channelSecurity(options);
    this.timeoutMs = options.timeoutMs || DEFAULT_TIMEOUT_MS;
    this.exportTimeoutMs = options.exportTimeoutMs || DEFAULT_EXPORT_TIMEOUT_MS;
    this.streamTimeoutMs = options.streamTimeoutMs || DEFAULT_STREAM_TIMEOUT_MS;
    this.retryPolicy = options.retryPolicy || retry.DEFAULT_POLICY;
    const credentials = this.security.credentials;
    this.ingestion = new api.IngestionService(options.ingestionAddr || DEFAULT_INGESTION_ADDR, credentials,
                                              channelOptions);
    this.query = new api.QueryService(options.queryAddr || DEFAULT_QUERY_ADDR, credentials, channelOptions);
    // grpc-js connects on the first call: a client that only reads never dials extraction.
    this.extraction = new api.ExtractionService(options.extractionAddr || DEFAULT_EXTRACTION_ADDR, credentials,
                                                channelOptions);
  }

  // Addresses from FAZHI_INGESTION_ADDR, FAZHI_EXTRACTION_ADDR and FAZHI_QUERY_ADDR, TLS from
  // FAZHI_TLS_CA and the token
  // from FAZHI_TOKEN (FAZHI_INSECURE_TOKEN=1 to send it without TLS), as the CLI reads them.
  // Throws InvalidArgumentError for a token without TLS or an unreadable CA file.
  static fromEnv(options = {}, env = process.env) {
    return new FazhiClient({
      ingestionAddr: env.FAZHI_INGESTION_ADDR,
      extractionAddr: env.FAZHI_EXTRACTION_ADDR,
      queryAddr: env.FAZHI_QUERY_ADDR,
      security: options.security || channelSecurityFromEnv(env),
      ...options,
    });
  }

  close() {
    this.ingestion.close();
    this.query.close();
    this.extraction.close();
  }

  // One unary call as a promise: a fresh deadline per attempt, retried as `kind` allows, its
  // error mapped to a FazhiError.
  async call(stub, method, request, kind = retry.READ_ONLY) {
    const attempt = () => new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + this.timeoutMs);
      stub[method](request, this.security.metadata(), { deadline }, (error, response) => {
        if (error) reject(error);
        else resolve(response);
      });
    });
    try {
      return await retry.callWithRetry(attempt, kind, this.retryPolicy);
    } catch (error) {
      throw errors.fromServiceError(error);
    }
  }

  // ---- Ingestion ----

  // The IngestDocumentRequest ingestBytes sends (and ingestStream takes). retrievedTime: when the
  // document was fetched from sourceUrl, a Date or null. Without a requestId it is
  // "sha256:<hex of the content>", as the CLI sends, so that a retry after a lost answer is
  // recognised as the same request.
  static ingestRequest(content, { fileName = '', contentType = '', sourceUrl = '', requestId = '',
                                  retrievedTime = null } = {}) {
    const document = { content, file_name: fileName, content_type: contentType, source_url: sourceUrl };
    if (retrievedTime) {
      const ms = retrievedTime.getTime();
      document.retrieved_time = { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
    }
    const id = requestId || `sha256:${crypto.createHash('sha256').update(content).digest('hex')}`;
    return { document, request_id: id };
  }

  // Archives a document: resolves to {name, duplicate, state, content_sha256}.
  ingestBytes(content, options = {}) {
    return this.call(this.ingestion, 'IngestDocument', FazhiClient.ingestRequest(content, options), retry.IDEMPOTENT);
  }

  // Archives a file; its name helps the service detect the format.
  async ingestFile(filePath, options = {}) {
    return this.call(this.ingestion, 'IngestDocument', await fileRequest(filePath, options), retry.IDEMPOTENT);
  }

  // Archives many documents over one StreamIngestDocuments stream: yields one response
  // {index, result, error_code, error_message} per request, in order; a rejected document has its
  // error there and the stream goes on. requests: an iterable or async iterable of
  // IngestDocumentRequest (see ingestRequest, ingestFiles), written as the server reads them. The
  // stream is sent once: after a failure, resend the requests past the last index answered
  // (ingest is idempotent by request id).
  async* ingestStream(requests) {
    const deadline = new Date(Date.now() + this.streamTimeoutMs);
    const call = this.ingestion.StreamIngestDocuments(this.security.metadata(), { deadline });
    // A request that cannot be made (an unreadable file) ends the stream with its own error.
    let writeError = null;
    const writing = writeAll(call, requests).catch((error) => {
      writeError = error;
      call.cancel();
    });
    try {
      for await (const response of call) yield response;
      await writing;
    } catch (error) {
      call.cancel();
      await writing;
      throw writeError || errors.fromServiceError(error);
    }
    if (writeError) throw writeError;
  }

  // ingestStream of files, read one at a time as the stream takes them.
  ingestFiles(filePaths) {
    return this.ingestStream((async function* files() {
      for (const filePath of filePaths) yield fileRequest(filePath);
    })());
  }

  // ---- Reports ----

  // One report; full: true adds the normalized text and the whole record.
  getReport(name, { full = false } = {}) {
    return this.call(this.query, 'GetReport', { name, view: full ? 'REPORT_VIEW_FULL' : 'REPORT_VIEW_BASIC' });
  }

  // The archived bytes as they were ingested: {content (Buffer), content_type, file_name}.
  getReportOriginal(name) {
    return this.call(this.query, 'GetReportOriginal', { name });
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

  // One page: {hits (most matches first), next_page_token, total_size}. snippetContext:
  // characters of text around each match in a snippet (0: the server's default).
  searchPage(query, { filter = '', pageSize = 20, pageToken = '', maxSnippets = 3, snippetContext = 0 } = {}) {
    return this.call(this.query, 'SearchReports', {
      query, filter, page_size: pageSize, page_token: pageToken, max_snippets: maxSnippets,
      snippet_context: snippetContext,
    });
  }

  // Every hit for the query, fetched a page at a time.
  search(query, { filter = '', pageSize = 20, maxSnippets = 3, snippetContext = 0 } = {}) {
    return paged((pageToken) => this.searchPage(query, { filter, pageSize, pageToken, maxSnippets, snippetContext }),
                 'hits');
  }

  // {facets: [{field, counts: [{value, count}]}], total_size}: per field (province, level,
  // report_year, document_kind) the count of reports matching the filter (and the search query,
  // when given) per value.
  facets({ filter = '', query = '' } = {}) {
    return this.call(this.query, 'GetFacets', { filter, query });
  }

  // The export file as chunks {data (Buffer), rows_written, total_rows}, streamed. content:
  // 'reports' or 'indicators'; format: 'csv' or 'jsonl'; query: a search query (only reports
  // matching it and the filter). Retried like a read until the first chunk arrives; a stream cut
  // off after that rejects (the caller has part of the file).
  async* export({ filter = '', content = 'reports', format = 'csv', query = '' } = {}) {
    if (!(content in EXPORT_CONTENT) || !(format in EXPORT_FORMAT)) {
      throw new errors.InvalidArgumentError(grpc.status.INVALID_ARGUMENT,
        `export: content is one of ${Object.keys(EXPORT_CONTENT)}, format one of ${Object.keys(EXPORT_FORMAT)}; ` +
        `got content='${content}' format='${format}'`);
    }
    const request = { filter, content: EXPORT_CONTENT[content], format: EXPORT_FORMAT[format], query };
    const open = async () => {
      const deadline = new Date(Date.now() + this.exportTimeoutMs);
      const iterator = this.query.ExportReports(request, this.security.metadata(), { deadline })[Symbol.asyncIterator]();
      return { iterator, first: await iterator.next() };
    };
    try {
      const { iterator, first } = await retry.callWithRetry(open, retry.READ_ONLY, this.retryPolicy);
      for (let next = first; !next.done; next = await iterator.next()) yield next.value;
    } catch (error) {
      throw errors.fromServiceError(error);
    }
  }

  // ---- Indicators ----

  // The values of one indicator for one jurisdiction, oldest report year first.
  async indicatorSeries(indicatorId, jurisdictionCode) {
    const response = await this.call(this.query, 'GetIndicatorSeries',
                                     { indicator_id: indicatorId, jurisdiction_code: jurisdictionCode });
    return response.points;
  }

  // One page: {rows (sorted across jurisdictions), summary (coverage and statistics over every
  // matching row), next_page_token}. reportYear 0: every year.
  compareIndicator(indicatorId, { reportYear = 0, filter = '', descending = false, pageSize = 100,
                                  pageToken = '' } = {}) {
    return this.call(this.query, 'CompareIndicator', {
      indicator_id: indicatorId, report_year: reportYear, filter, descending, page_size: pageSize,
      page_token: pageToken,
    });
  }

  // Every row of the comparison, in its order, fetched a page at a time.
  compareIndicatorRows(indicatorId, { reportYear = 0, filter = '', descending = false, pageSize = 100 } = {}) {
    return paged((pageToken) => this.compareIndicator(
      indicatorId, { reportYear, filter, descending, pageSize, pageToken }), 'rows');
  }

  // {indicators: [{id, name, unit, group}], indicator_set_version}: the canonical indicators.
  listIndicators() {
    return this.call(this.query, 'ListIndicators', {});
  }

  // ---- Extraction (extractReport and extractText need a writer's token, the rest an admin's) ----

  // Extracts one archived report now and stores its record: {name, state, extractor_version}.
  // Idempotent.
  extractReport(name) {
    return this.call(this.extraction, 'ExtractReport', { name }, retry.IDEMPOTENT);
  }

  // {record, normalized_text} for posted bytes; stores nothing.
  extractText(content, { fileName = '', contentType = '' } = {}) {
    return this.call(this.extraction, 'ExtractText', { content, file_name: fileName, content_type: contentType });
  }

  // Queues archived reports for extraction again (allReports: every report, not only those an
  // older extractor wrote). A mutation: sent once, never retried.
  reextractReports({ allReports = false } = {}) {
    return this.call(this.extraction, 'ReextractReports', { all: allReports }, retry.MUTATION);
  }

  // One page: {jobs (in report id order), next_page_token, total_size}.
  listJobsPage({ state = '', pageSize = 50, pageToken = '' } = {}) {
    return this.call(this.extraction, 'ListJobs', { state, page_size: pageSize, page_token: pageToken });
  }

  // Every extraction job in a state ('' for all, e.g. 'dead'), fetched a page at a time.
  listJobs({ state = '', pageSize = 50 } = {}) {
    return paged((pageToken) => this.listJobsPage({ state, pageSize, pageToken }), 'jobs');
  }

  // Makes the named reports' jobs, or every job in `state`, due again: {requeued_count}. A
  // mutation: sent once, never retried.
  requeueJobs({ names = [], state = '' } = {}) {
    return this.call(this.extraction, 'RequeueJobs', { names, state }, retry.MUTATION);
  }
}

// The IngestDocumentRequest for a file; its name helps the service detect the format.
async function fileRequest(filePath, options = {}) {
  const content = await fs.promises.readFile(filePath);
  return FazhiClient.ingestRequest(content, { ...options, fileName: path.basename(filePath) });
}

// Writes every request to a client stream, waiting when it is full, then ends it.
async function writeAll(call, requests) {
  for await (const request of requests) {
    if (!call.write(request)) await new Promise((resolve) => call.once('drain', resolve));
  }
  call.end();
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

module.exports = { FazhiClient, channelSecurity, channelSecurityFromEnv, retry, ...errors };
