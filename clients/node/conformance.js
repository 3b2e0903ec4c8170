#!/usr/bin/env node
// Exercises the Node client against running services and prints what it saw as one JSON object,
// in the same shape as clients/python/conformance.py; tests/clients/clients_test.cc compares both
// with the C++ CLI's answers. Addresses come from FAZHI_INGESTION_ADDR, FAZHI_EXTRACTION_ADDR and
// FAZHI_QUERY_ADDR, TLS
// and the token from FAZHI_TLS_CA and FAZHI_TOKEN. It requires the package by name, so it runs the
// installed package (the test installs `npm pack`'s tarball into a temporary folder).
//
//   node clients/node/conformance.js --ingest FILE --search 调解 --facet-query 疫情 --page-size 2 \
//     --indicator litigation.cases --code 513327 --missing reports/0000000000000000 --bad-filter 'yr = 1'
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { FazhiClient, FazhiError } = require('fazhi-client');

function indicatorRow(value) {
  return {
    report: value.report, report_year: value.report_year, value: value.value, unit: value.unit,
    jurisdiction_code: value.jurisdiction ? value.jurisdiction.code : '',
  };
}

// The error class a call rejects with, and its message; 'none' when it succeeds.
async function errorName(call) {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof FazhiError)) throw error;
    return { exception: error.name, code: error.codeName, message: error.details };
  }
  return { exception: 'none', code: 'OK', message: '' };
}

async function collect(iterator) {
  const items = [];
  for await (const item of iterator) items.push(item);
  return items;
}

function facetCounts(facets) {
  return {
    total_size: facets.total_size,
    counts: Object.fromEntries(facets.facets.map((f) => [f.field, Object.fromEntries(f.counts.map((c) => [c.value, c.count]))])),
  };
}

async function exportSummary(iterator) {
  const chunks = await collect(iterator);
  return {
    lines: Buffer.concat(chunks.map((c) => c.data)).toString().split('\n').length - 1,
    total_rows: chunks.length ? chunks[chunks.length - 1].total_rows : 0,
  };
}

async function main() {
  const required = ['ingest', 'search', 'facet-query', 'indicator', 'code', 'missing', 'bad-filter'];
  const options = Object.fromEntries(required.map((name) => [name, { type: 'string' }]));
  options['page-size'] = { type: 'string', default: '2' };
  const { values: args } = parseArgs({ options });
  for (const name of required) {
    if (args[name] === undefined) throw new Error(`--${name} is required`);
  }
  const pageSize = Number(args['page-size']);

  const client = FazhiClient.fromEnv();
  const out = {};
  try {
    const ingested = await client.ingestFile(args.ingest);
    out.ingest = { name: ingested.name, duplicate: ingested.duplicate, content_sha256: ingested.content_sha256 };
    const { jurisdiction } = (await client.getReport(ingested.name)).record.metadata;
    out.report = { jurisdiction_code: jurisdiction.code, jurisdiction_name: jurisdiction.name };
    const streamed = await collect(client.ingestFiles([args.ingest]));
    out.ingest_stream = streamed.map((r) => ({
      index: r.index, name: r.result ? r.result.name : '', duplicate: r.result ? r.result.duplicate : false,
      error_code: r.error_code,
    }));
    const original = await client.getReportOriginal(ingested.name);
    out.original = {
      content_sha256: crypto.createHash('sha256').update(original.content).digest('hex'),
      file_name: original.file_name,
    };
    out.indicators = (await client.listIndicators()).indicators.map((i) => i.id);
    const extracted = await client.extractText(await fs.promises.readFile(args.ingest),
                                               { fileName: path.basename(args.ingest) });
    const extractedJurisdiction = extracted.record.metadata.jurisdiction;
    out.extract_text = {
      jurisdiction_code: extractedJurisdiction.code, jurisdiction_name: extractedJurisdiction.name,
      has_text: extracted.normalized_text.length > 0,
    };

    const firstList = await client.listReportsPage({ pageSize });
    const reports = await collect(client.listReports({ pageSize }));
    out.list = { names: reports.map((r) => r.name), total_size: firstList.total_size };

    const firstSearch = await client.searchPage(args.search, { pageSize });
    const hits = await collect(client.search(args.search, { pageSize }));
    out.search = {
      hits: hits.map((h) => ({ name: h.report.name, match_count: h.match_count })),
      total_size: firstSearch.total_size,
    };

    out.series = (await client.indicatorSeries(args.indicator, args.code)).map(indicatorRow);
    // Small pages, so that every row comes through page tokens.
    const first = await client.compareIndicator(args.indicator, { descending: true, pageSize });
    const rows = await collect(client.compareIndicatorRows(args.indicator, { descending: true, pageSize }));
    out.compare = {
      rows: rows.map(indicatorRow),
      first_page_rows: first.rows.length,
      report_count: first.summary.report_count,
      stating_count: first.summary.stating_count,
    };

    out.facets = facetCounts(await client.facets());
    out.facets_with_query = facetCounts(await client.facets({ query: args['facet-query'] }));
    out.export = await exportSummary(client.export({ content: 'reports', format: 'jsonl' }));
    out.export_with_query = await exportSummary(
      client.export({ content: 'reports', format: 'jsonl', query: args['facet-query'] }));

    out.errors = {
      not_found: await errorName(() => client.getReport(args.missing)),
      bad_filter: await errorName(() => collect(client.listReports({ filter: args['bad-filter'] }))),
    };
  } finally {
    client.close();
  }
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}

main().catch((error) => {
  console.error(`conformance.js: ${error.stack || error}`);
  process.exit(1);
});
