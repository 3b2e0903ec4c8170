#!/usr/bin/env node
// Example: archive files, then search the archive, count it by province and read an indicator
// across jurisdictions. Install the package first (clients/node/README.md); the settings are the
// CLI's (FAZHI_TLS_CA and FAZHI_TOKEN for secured services).
//
//   FAZHI_INGESTION_ADDR=127.0.0.1:50051 FAZHI_QUERY_ADDR=127.0.0.1:50053 \
//     node clients/node/examples/search_archive.js 调解 tests/data/corpus/*.txt
//
// Files may be text, HTML, PDF, Word (.docx, .doc) or scanned images: the service tells the format
// from the bytes (build/test-documents/ holds PDF and Word copies of the samples after ./dev test).
'use strict';

const { FazhiClient, InvalidArgumentError, NotFoundError } = require('fazhi-client');

async function main([phrase, ...files]) {
  if (!phrase) throw new Error('usage: search_archive.js PHRASE [FILE...]');
  const client = FazhiClient.fromEnv();
  try {
    for (const file of files) {
      try {
        const result = await client.ingestFile(file);
        console.log(`${file}: ${result.name}${result.duplicate ? ' (duplicate)' : ''}`);
      } catch (error) {
        if (!(error instanceof InvalidArgumentError)) throw error;
        console.log(`${file}: rejected: ${error.details}`);
      }
    }

    for await (const hit of client.search(phrase, { pageSize: 10 })) {
      const metadata = hit.report.record.metadata;
      const place = metadata.jurisdiction ? metadata.jurisdiction.name : '-';
      console.log(`${hit.report.name}  ${place}  ${metadata.report_year}  ${hit.match_count} matches`);
      if (hit.snippets.length) console.log(`    …${hit.snippets[0].text.replace(/\n/g, ' ')}…`);
    }

    const facets = await client.facets();
    const provinces = (facets.facets.find((f) => f.field === 'province') || { counts: [] }).counts;
    console.log(`${facets.total_size} reports: ${provinces.map((c) => `${c.value || '-'} ${c.count}`).join(', ')}`);

    const comparison = await client.compareIndicator('litigation.cases', { descending: true, pageSize: 5 });
    console.log(`litigation.cases stated by ${comparison.summary.stating_count} of ` +
                `${comparison.summary.report_count} reports`);
    for (const row of comparison.rows) {
      console.log(`    ${row.jurisdiction.name} ${row.report_year}: ${row.value} ${row.unit}`);
    }

    try {
      await client.getReport('reports/0000000000000000');
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      console.log(`as expected: ${error.message}`);
    }
  } finally {
    client.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
