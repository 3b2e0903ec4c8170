// Browser test of fazhi's web front-end (web/app) against a running fazhi-web with the sample
// reports ingested (./dev up): search, filters and facets, the report page, the indicator
// charts, the phone layout, and search latency, in headless Debian Chromium via puppeteer-core.
//
// Run (from the repository root; puppeteer-core is resolved from web/node_modules, so install
// web's locked dependencies first):
//   (cd web && npm ci)
//   node tests/web/browser_test.mjs --url http://127.0.0.1:8080 --out build/web-test
// Options: --url (fazhi-web's base URL; FAZHI_WEB_URL), --out (screenshots folder; default
// build/web-test), --chromium (default $CHROMIUM or /usr/bin/chromium), --searches N (latency
// samples; default 20; printed, never asserted), --web-dir (folder whose node_modules holds puppeteer-core; default web/).
// Chromium runs headless with --no-sandbox (CI runs as root).
//
// Expectations are derived from the API itself (/v1/reports, /v1/indicators, :search, :facets,
// :series, :compare), never from the samples' figures. Exit status 0 when every check passes,
// 1 with a list of failures otherwise.

import { createRequire } from 'node:module';
import { mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.FAZHI_WEB_URL || '' },
    out: { type: 'string', default: 'build/web-test' },
    chromium: { type: 'string', default: process.env.CHROMIUM || '/usr/bin/chromium' },
    searches: { type: 'string', default: '20' },
    'web-dir': { type: 'string', default: path.join(here, '..', '..', 'web') },
  },
});
if (!args.url) {
  console.error('usage: node tests/web/browser_test.mjs --url http://127.0.0.1:PORT [--out DIR]');
  process.exit(2);
}
const BASE = args.url.replace(/\/+$/, '');
const OUT = path.resolve(args.out);
mkdirSync(OUT, { recursive: true });
const requireFromWeb = createRequire(path.join(path.resolve(args['web-dir']), 'package.json'));
let puppeteer;
try {
  puppeteer = requireFromWeb('puppeteer-core');
} catch (e) {
  console.error(`cannot load puppeteer-core from ${args['web-dir']}/node_modules: run (cd web && npm ci) first\n${e.message}`);
  process.exit(2);
}
if (!existsSync(args.chromium)) {
  console.error(`no Chromium at ${args.chromium}: apt-get install -y chromium, or pass --chromium`);
  process.exit(2);
}

// ---- checks -------------------------------------------------------------------------------
const failures = [];
const passed = [];
let currentStep = '';
function check(condition, message) {
  if (condition) passed.push(`${currentStep}: ${message}`);
  else {
    failures.push(`${currentStep}: ${message}`);
    console.log(`  FAIL ${message}`);
  }
  return condition;
}
function checkEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  return check(a === e, a === e ? message : `${message}\n      expected ${e.slice(0, 600)}\n      actual   ${a.slice(0, 600)}`);
}
class Fatal extends Error {}
function require_(condition, message) {
  if (!check(condition, message)) throw new Fatal(`${currentStep}: ${message}`);
}
function step(name) {
  currentStep = name;
  console.log(`- ${name}`);
}

// ---- the API, directly ------------------------------------------------------------------------
async function api(pathname, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined) q.set(k, String(v));
  const url = `${BASE}${pathname}${q.toString() ? `?${q}` : ''}`;
  const response = await fetch(url);
  const body = await response.text();
  if (!response.ok) throw new Fatal(`API ${url} → HTTP ${response.status}: ${body.slice(0, 500)}`);
  try {
    return JSON.parse(body);
  } catch {
    throw new Fatal(`API ${url} → not JSON: ${body.slice(0, 200)}`);
  }
}
const quote = (v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const idOf = (name) => String(name).replace(/^reports\//, '');
const cpSlice = (text, b, e) => Array.from(text).slice(Number(b), Number(e)).join('');

// ---- the browser --------------------------------------------------------------------------
async function waitReady(page, view, previousNav, timeout = 20000) {
  await page.waitForFunction(
    (n) => Number(document.body.dataset.nav || 0) > n && !!document.body.dataset.ready,
    { timeout, polling: 'mutation' },
    previousNav,
  );
  const state = await page.evaluate(() => ({ ready: document.body.dataset.ready, error: document.body.dataset.error || '', hash: location.hash }));
  if (state.ready === 'error') throw new Fatal(`${currentStep}: the page showed an error at ${decodeURIComponent(state.hash)}: ${state.error}`);
  if (view && state.ready !== view) throw new Fatal(`${currentStep}: expected view "${view}", got "${state.ready}" at ${decodeURIComponent(state.hash)}`);
  return state;
}
const navOf = (page) => page.evaluate(() => Number(document.body.dataset.nav || 0));
async function go(page, hash, view) {
  const n = await navOf(page);
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  return waitReady(page, view, n);
}
async function shot(page, name) {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  screenshots.push(file);
}
const screenshots = [];
const pageErrors = [];

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function main() {
  step('API preconditions');
  const allReports = (await api('/v1/reports', { pageSize: 1000 })).reports || [];
  const indicators = (await api('/v1/indicators')).indicators || [];
  const baseFacets = await api('/v1/reports:facets');
  require_(allReports.length > 0, `the archive has reports (${allReports.length})`);
  require_(indicators.length > 0, `/v1/indicators lists indicators (${indicators.length})`);
  check(typeof baseFacets.totalSize === 'string', 'int64 totalSize is a JSON string (proto3 mapping)');

  const browser = await puppeteer.launch({
    executablePath: args.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => {
      if (!/:original/.test(r.url())) pageErrors.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`);
    });

    // ---- search ----------------------------------------------------------------------------
    step('search page');
    await page.goto(`${BASE}/#/search`, { waitUntil: 'domcontentloaded' });
    await waitReady(page, 'search', 0);
    const listCount = await page.$$eval('#results .hit', (els) => els.length);
    checkEqual(listCount, Math.min(allReports.length, 20), 'an empty query lists the reports (GET /v1/reports)');
    check(await page.$eval('#search-input', (el) => el.getAttribute('type') === 'search'), '#search-input is a search box');

    let query = '';
    let expected = null;
    for (const candidate of ['行政复议', '行政诉讼', '调解', '法治']) {
      const r = await api('/v1/reports:search', { query: candidate, pageSize: 20 });
      if ((r.hits || []).length >= 2) {
        query = candidate;
        expected = r;
        break;
      }
    }
    require_(query, 'a query with at least two hits among 行政复议/行政诉讼/调解/法治');
    await page.click('#search-input');
    await page.keyboard.type(query);
    let n = await navOf(page);
    await page.keyboard.press('Enter');
    await waitReady(page, 'search', n);
    check((await page.evaluate(() => decodeURIComponent(location.hash))).includes(`q=${query}`), `the URL carries the query (q=${query})`);
    const rendered = await page.$$eval('#results .hit', (els) => els.map((el) => ({
      id: el.dataset.report,
      title: el.querySelector('.hit-title a').getAttribute('href'),
      marks: [...el.querySelectorAll('mark')].map((m) => m.textContent),
      count: el.querySelector('.match-count') ? el.querySelector('.match-count').dataset.count : null,
    })));
    checkEqual(rendered.map((x) => x.id), expected.hits.map((x) => idOf(x.report.name)), `hits for “${query}” in the API's order`);
    checkEqual(rendered.map((x) => x.count), expected.hits.map((x) => String(x.matchCount)), 'match counts as the API states them');
    const expectedMarks = expected.hits.map((hit) => (hit.snippets || []).flatMap((s) => (s.highlights || []).map((hl) => cpSlice(s.text, hl.begin, hl.end))));
    checkEqual(rendered.map((x) => x.marks), expectedMarks, 'snippet highlights rendered as <mark> at the API\'s code-point offsets');
    check(rendered.every((x) => x.marks.length > 0 && x.marks.every((m) => m === query)), `every hit has <mark>${query}</mark> highlights`);
    checkEqual(await page.$eval('#total-size', (el) => el.textContent), String(expected.totalSize), 'the total shown equals totalSize');
    await shot(page, 'search');

    step('filter control and facets');
    const unfilteredFacetTotal = await page.$eval('#facet-total', (el) => el.textContent);
    checkEqual(unfilteredFacetTotal, String(baseFacets.totalSize), 'facet total without a filter');
    const firstHitReport = allReports.find((r) => r.name === expected.hits[0].report.name) || expected.hits[0].report;
    const province = firstHitReport.record.metadata.jurisdiction.province;
    require_(province, 'the first hit has a province');
    n = await navOf(page);
    await page.select('#filter-province', province);
    await waitReady(page, 'search', n);
    const filter = `province = ${quote(province)}`;
    const filtered = await api('/v1/reports:search', { query, filter, pageSize: 20 });
    const filteredFacets = await api('/v1/reports:facets', { filter });
    check((await page.evaluate(() => decodeURIComponent(location.hash))).includes(`province=${province}`), `the URL carries province=${province}`);
    checkEqual(await page.$$eval('#results .hit', (els) => els.map((el) => el.dataset.report)), filtered.hits.map((x) => idOf(x.report.name)), `hits with ${filter}`);
    check(filtered.hits.length < expected.hits.length || province === '', 'the filter narrows the hits');
    checkEqual(await page.$eval('#facet-total', (el) => el.textContent), String(filteredFacets.totalSize), 'facet total equals :facets totalSize with the filter');
    const renderedFacets = await page.$$eval('#facets .facet-value', (els) => els.map((el) => `${el.dataset.field}=${el.dataset.value}:${el.dataset.count}`).sort());
    const apiFacets = filteredFacets.facets.flatMap((f) => f.counts.map((c) => `${f.field}=${c.value}:${Number(c.count)}`)).sort();
    checkEqual(renderedFacets, apiFacets, 'facet counts equal the API\'s for the same filter');
    check(await page.$eval(`#facets .facet-value[data-field="province"][data-value="${province}"]`, (el) => el.classList.contains('selected')), 'the filtered province is marked selected in the facets');
    // A facet link (keyboard-usable <a>): the level facet narrows further.
    const levelLink = await page.$('#facets .facet[data-field="level"] .facet-value a');
    if (levelLink) {
      const level = await levelLink.evaluate((el) => el.parentElement.dataset.value);
      n = await navOf(page);
      await levelLink.focus();
      await page.keyboard.press('Enter');
      await waitReady(page, 'search', n);
      const f2 = `${filter} AND level = ${quote(level)}`;
      const facets2 = await api('/v1/reports:facets', { filter: f2 });
      checkEqual(await page.$eval('#facet-total', (el) => el.textContent), String(facets2.totalSize), `facet link (Enter) applies level = "${level}"`);
      checkEqual(await page.$eval('#filter-level', (el) => el.value), level, 'the level control follows the facet link');
    }

    // ---- report -------------------------------------------------------------------------------
    step('report page');
    n = await navOf(page);
    const firstLink = await page.$('#results .hit .hit-title a');
    require_(firstLink, 'a hit title link');
    const openedId = await firstLink.evaluate((el) => el.closest('.hit').dataset.report);
    await firstLink.click();
    await waitReady(page, 'report', n);
    check((await page.evaluate(() => location.hash)).startsWith(`#/reports/${openedId}`), 'the hit title opens its report page');

    // The report with the most indicators, for the indicator checks.
    const withIndicators = [...allReports].sort((a, b) => (b.record.indicators || []).length - (a.record.indicators || []).length)[0];
    const rid = idOf(withIndicators.name);
    const full = await api(`/v1/reports/${rid}`, { view: 'REPORT_VIEW_FULL' });
    await go(page, `#/reports/${rid}`, 'report');
    const shownText = await page.$eval('#report-text', (el) => el.textContent);
    check(shownText === full.text, `#report-text holds the normalized text exactly (${Array.from(full.text).length} code points)`);
    checkEqual(Array.from(full.text).length, Number(full.textLength), 'textLength counts code points');
    const metaText = await page.$eval('#report-meta', (el) => el.textContent);
    check(metaText.includes(full.provenance.contentSha256), 'the metadata table shows the SHA-256');
    if (full.record.metadata.title) check(metaText.includes(full.record.metadata.title), 'the metadata table shows the title');
    const download = await page.$eval('#download-original', (el) => el.getAttribute('href'));
    checkEqual(download, `/v1/reports/${rid}:original`, 'the download link');
    const original = await fetch(`${BASE}${download}`);
    const originalBytes = Buffer.from(await original.arrayBuffer());
    check(original.ok && originalBytes.length === Number(full.provenance.originalSizeBytes),
      `GET ${download} → ${original.status}, ${originalBytes.length} bytes (originalSizeBytes ${full.provenance.originalSizeBytes}); Content-Disposition: ${original.headers.get('content-disposition')}`);
    const sections = full.record.sections || [];
    checkEqual(await page.$$eval('#outline .outline-link', (els) => els.length), sections.length, 'the outline has every section');
    // Every indicator's evidence element holds exactly its evidence span's code points.
    const inds = full.record.indicators || [];
    require_(inds.length > 0, `report ${rid} has indicators`);
    const evidenceTexts = await page.$$eval('#report-text [data-indicator]', (els) => {
      const by = {};
      for (const el of els) if (!el.classList.contains('cont') || by[el.dataset.indicator] !== undefined) by[el.dataset.indicator] = (by[el.dataset.indicator] || '') + el.textContent;
      return by;
    });
    for (const ind of inds) {
      const span = ind.evidenceSpan && Number(ind.evidenceSpan.end) > Number(ind.evidenceSpan.begin) ? ind.evidenceSpan : ind.span;
      checkEqual(evidenceTexts[ind.id], cpSlice(full.text, span.begin, span.end), `evidence of ${ind.id} marked at its code-point span`);
    }
    const quantityCount = await page.$$eval('#report-text .q:not(.cont)', (els) => els.length);
    check(quantityCount > 0 && quantityCount <= (full.record.quantities || []).length, `quantities marked (${quantityCount} of ${(full.record.quantities || []).length})`);
    check((await page.$$eval('#report-text .date', (els) => els.length)) > 0 || !(full.record.dates || []).length, 'dates marked');
    checkEqual(await page.$$eval('.indicator-item', (els) => els.map((el) => el.dataset.indicator)), inds.map((i) => i.id), 'the indicator list');

    // Click the indicator whose evidence is furthest into the text.
    const target = [...inds].sort((a, b) => Number(b.span.begin) - Number(a.span.begin))[0];
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click(`.indicator-item[data-indicator="${target.id}"] button`);
    await page.waitForFunction((id) => document.querySelector(`#report-text [data-indicator="${id}"].evidence-active`), { timeout: 5000 }, target.id);
    const evidenceState = await page.evaluate((id) => {
      const el = document.querySelector(`#report-text [data-indicator="${id}"]`);
      const r = el.getBoundingClientRect();
      return {
        classes: el.className,
        inViewport: r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth,
        top: Math.round(r.top),
        focused: document.activeElement === el,
        itemActive: document.querySelector(`.indicator-item[data-indicator="${id}"]`).classList.contains('active'),
        hash: decodeURIComponent(location.hash),
      };
    }, target.id);
    check(evidenceState.inViewport, `the evidence of ${target.id} is scrolled into the viewport (top ${evidenceState.top})`);
    check(/evidence-active/.test(evidenceState.classes), 'the evidence has the evidence-active class');
    check(evidenceState.focused, 'the evidence has the focus');
    check(evidenceState.itemActive, 'the indicator item is active');
    check(evidenceState.hash.includes(`ind=${target.id}`), 'the URL names the active indicator');
    await shot(page, 'report');
    if (sections.length) {
      const last = sections.length - 1;
      await page.click(`#outline .outline-link[data-section="${last}"]`);
      const inView = await page.evaluate((i) => {
        const r = document.getElementById(`sec-${i}`).getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      }, last);
      check(inView, 'clicking an outline entry scrolls its heading into view');
    }

    // ---- series -----------------------------------------------------------------------------
    step('series chart');
    // The (indicator, jurisdiction) pair with the most values across the archive.
    const pairs = new Map();
    for (const r of allReports) {
      const code = r.record && r.record.metadata && r.record.metadata.jurisdiction && r.record.metadata.jurisdiction.code;
      if (!code) continue;
      for (const ind of r.record.indicators || []) pairs.set(`${ind.id}|${code}`, (pairs.get(`${ind.id}|${code}`) || 0) + 1);
    }
    const [seriesKey] = [...pairs].sort((a, b) => b[1] - a[1])[0];
    const [seriesId, seriesCode] = seriesKey.split('|');
    const series = await api(`/v1/indicators/${seriesId}:series`, { jurisdictionCode: seriesCode });
    require_((series.points || []).length > 0, `:series of ${seriesId} for ${seriesCode} has points`);
    await go(page, `#/indicators?id=${encodeURIComponent(seriesId)}&code=${seriesCode}`, 'series');
    const seriesChart = await page.evaluate(() => {
      const chart = echarts.getInstanceByDom(document.getElementById('series-chart'));
      return { exposed: window.__fazhiChart, plotted: chart.getOption().series[0].data.map((d) => d.value), canvas: !!document.querySelector('#series-chart canvas') };
    });
    checkEqual(seriesChart.exposed.kind, 'series', '__fazhiChart.kind');
    checkEqual(seriesChart.exposed.points.map((p) => [p.report, p.reportYear, p.value, p.unit, p.suspect, p.span && [p.span.begin, p.span.end]]),
      series.points.map((p) => [p.report, p.reportYear, p.value, p.unit, p.suspect, p.span && [Number(p.span.begin), Number(p.span.end)]]),
      'the exposed series points equal :series');
    checkEqual(seriesChart.plotted, series.points.map((p) => p.value), 'the plotted values equal :series');
    check(seriesChart.canvas, 'the chart is drawn');
    checkEqual(await page.$$eval('#series-table tbody tr', (els) => els.length), series.points.length, 'the series table has a row per point');
    await shot(page, 'series');
    // Clicking a point opens its report at its evidence.
    const point = series.points[0];
    const pixel = await page.evaluate(() => {
      const el = document.getElementById('series-chart');
      const chart = echarts.getInstanceByDom(el);
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [0, chart.getOption().series[0].data[0].value]);
      const r = el.getBoundingClientRect();
      return { x: r.left + x, y: r.top + y };
    });
    n = await navOf(page);
    await page.mouse.click(pixel.x, pixel.y);
    await waitReady(page, 'report', n);
    const pointTarget = await page.evaluate(() => {
      const t = document.getElementById('span-target');
      const r = t ? t.getBoundingClientRect() : null;
      return { hash: decodeURIComponent(location.hash), text: t ? t.textContent : null, inView: !!r && r.bottom > 0 && r.top < window.innerHeight,
        active: [...document.querySelectorAll('.indicator-item.active')].map((e) => e.dataset.indicator) };
    });
    const pointReport = await api(`/v1/reports/${idOf(point.report)}`, { view: 'REPORT_VIEW_FULL' });
    check(pointTarget.hash.startsWith(`#/reports/${idOf(point.report)}`), `a click on the point opens ${point.report} (${pointTarget.hash})`);
    checkEqual(pointTarget.text, cpSlice(pointReport.text, point.span.begin, point.span.end), 'the point\'s figure is marked at its span');
    check(pointTarget.inView, 'the point\'s figure is in view');
    checkEqual(pointTarget.active, [seriesId], 'the point\'s indicator is active');

    // ---- comparison -------------------------------------------------------------------------
    step('comparison chart');
    const stating = new Map();
    for (const r of allReports) for (const ind of r.record.indicators || []) stating.set(ind.id, (stating.get(ind.id) || 0) + 1);
    const compareId = [...stating].sort((a, b) => b[1] - a[1])[0][0];
    const compare = await api(`/v1/indicators/${compareId}:compare`, { descending: 'true', pageSize: 1000 });
    require_((compare.rows || []).length > 0, `:compare of ${compareId} has rows`);
    await go(page, `#/indicators?id=${encodeURIComponent(compareId)}&mode=compare`, 'compare');
    const compareChart = await page.evaluate(() => {
      const chart = echarts.getInstanceByDom(document.getElementById('compare-chart'));
      const option = chart.getOption();
      return { exposed: window.__fazhiChart, plotted: option.series[0].data.map((d) => d.value), labels: option.yAxis[0].data,
        summary: { ...document.getElementById('compare-summary').dataset }, coverage: document.getElementById('compare-coverage').textContent };
    });
    checkEqual(compareChart.exposed.kind, 'compare', '__fazhiChart.kind');
    checkEqual(compareChart.exposed.points.map((p) => [p.report, p.reportYear, p.value, p.suspect]),
      compare.rows.map((p) => [p.report, p.reportYear, p.value, p.suspect]), 'the exposed bars equal :compare rows (descending)');
    checkEqual(compareChart.plotted, compare.rows.map((r) => r.value), 'the plotted values equal :compare');
    const sortedDesc = [...compare.rows.map((r) => r.value)].sort((a, b) => b - a);
    checkEqual(compareChart.plotted, sortedDesc, 'the bars are sorted, largest first');
    const s = compare.summary;
    checkEqual([compareChart.summary.reportCount, compareChart.summary.statingCount], [String(s.reportCount), String(s.statingCount)], 'coverage counts equal the summary');
    check(compareChart.coverage.startsWith(`${s.statingCount}/${s.reportCount}`), `coverage shown as ${s.statingCount}/${s.reportCount}`);
    checkEqual([compareChart.summary.min, compareChart.summary.median, compareChart.summary.max, compareChart.summary.mean].map(Number),
      [s.min, s.median, s.max, s.mean].map((x) => Number(x || 0)), 'min/median/max/mean equal the summary');
    const suspectRows = compare.rows.filter((r) => r.suspect).length;
    checkEqual(await page.$$eval('#compare-table tbody tr.suspect', (els) => els.length), suspectRows, 'suspect values are marked');
    await shot(page, 'compare');
    // The year control, through the form.
    const year = String(compare.rows[0].reportYear);
    n = await navOf(page);
    await page.select('#compare-year', year);
    await page.click('#indicator-submit');
    await waitReady(page, 'compare', n);
    const compareYear = await api(`/v1/indicators/${compareId}:compare`, { reportYear: year, descending: 'true', pageSize: 1000 });
    checkEqual(await page.evaluate(() => window.__fazhiChart.points.map((p) => [p.report, p.value])),
      compareYear.rows.map((p) => [p.report, p.value]), `the bars for ${year} equal :compare?reportYear=${year}`);
    checkEqual(await page.evaluate(() => document.getElementById('compare-summary').dataset.reportCount), String(compareYear.summary.reportCount), `report count for ${year}`);
    // Clicking a bar opens its report at its evidence.
    const bar = compareYear.rows[0];
    const barPixel = await page.evaluate(() => {
      const el = document.getElementById('compare-chart');
      const chart = echarts.getInstanceByDom(el);
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [chart.getOption().series[0].data[0].value / 2, 0]);
      const r = el.getBoundingClientRect();
      return { x: r.left + x, y: r.top + y };
    });
    n = await navOf(page);
    await page.mouse.click(barPixel.x, barPixel.y);
    await waitReady(page, 'report', n);
    const barHash = await page.evaluate(() => decodeURIComponent(location.hash));
    check(barHash.startsWith(`#/reports/${idOf(bar.report)}`) && barHash.includes(`span=${bar.span.begin}-${bar.span.end}`), `a click on the bar opens its report at its span (${barHash})`);

    // ---- errors ----------------------------------------------------------------------------
    step('API errors are shown');
    const errorsBefore = pageErrors.length;
    for (const [hash, apiPath, params] of [
      ['#/reports/0000000000000000', '/v1/reports/0000000000000000', { view: 'REPORT_VIEW_FULL' }],
      [`#/search?q=${encodeURIComponent('(行政')}`, '/v1/reports:search', { query: '(行政', pageSize: 20 }],
    ]) {
      const q = new URLSearchParams(params);
      const response = await fetch(`${BASE}${apiPath}?${q}`);
      const body = await response.json().catch(() => ({}));
      const message = body.error && body.error.message;
      check(response.status >= 400 && message, `GET ${apiPath}?${q} → ${response.status} with an error message (${message})`);
      n = await navOf(page);
      await page.evaluate((h) => {
        location.hash = h;
      }, hash);
      await page.waitForFunction((k) => Number(document.body.dataset.nav) > k && document.body.dataset.ready, { polling: 'mutation', timeout: 10000 }, n);
      const shown = await page.evaluate(() => ({ ready: document.body.dataset.ready, banner: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent }));
      check(shown.ready === 'error' && message && shown.banner.includes(message), `${decodeURIComponent(hash)} shows the API's message (${shown.banner})`);
    }
    // The failed requests above are expected: Chromium logs their 4xx to the console.
    const later = pageErrors.splice(errorsBefore).filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
    pageErrors.push(...later);

    // ---- latency ---------------------------------------------------------------------------
    step('search latency');
    const queries = ['行政复议', '行政诉讼', '调解', '依法行政', '普法', '执法', '法治政府', '复议 OR 诉讼', '法治 -疫情', '规范性文件',
      '合法性审查', '信访', '公共法律服务', '政务公开', '(调解 OR 仲裁) AND 法治', '行政执法', '法律顾问', '应诉', '考核', '"法治 政府"'];
    const samples = [];
    const inPage = []; // the app's own navigation → rendered time (fetches included)
    const total = Number(args.searches) || 20;
    await go(page, '#/search', 'search');
    for (let i = 0; i < total; i++) {
      const q = queries[i % queries.length];
      await page.click('#search-input', { clickCount: 3 });
      await page.keyboard.press('Backspace');
      await page.keyboard.type(q);
      n = await navOf(page);
      const t0 = performance.now();
      await page.keyboard.press('Enter');
      await waitReady(page, 'search', n);
      samples.push(performance.now() - t0);
      inPage.push(Number(await page.evaluate(() => document.body.dataset.renderMs)));
    }
    inPage.sort((a, b) => a - b);
    samples.sort((a, b) => a - b);
    const p50 = percentile(samples, 50);
    const p95 = percentile(samples, 95);
    console.log(`  search → rendered results over ${samples.length} searches: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${samples[samples.length - 1].toFixed(1)} ms`);
    console.log(`  in the page (hashchange → rendered): p50 ${percentile(inPage, 50).toFixed(1)} ms, p95 ${percentile(inPage, 95).toFixed(1)} ms`);
    latency = { p50, p95, n: samples.length };

    // ---- phone width ------------------------------------------------------------------------
    step('phone width (390 px)');
    const phone = await browser.newPage();
    phone.on('pageerror', (e) => pageErrors.push(`pageerror (phone): ${e.message}`));
    await phone.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.goto(`${BASE}/#/search?q=${encodeURIComponent(query)}`, { waitUntil: 'domcontentloaded' });
    await waitReady(phone, 'search', 0);
    const layout = await phone.evaluate(() => {
      const box = (sel) => document.querySelector(sel).getBoundingClientRect();
      const results = box('.results-column');
      const facets = box('#facets');
      return {
        scrollWidth: document.documentElement.scrollWidth,
        input: box('#search-input').right,
        submit: box('#search-submit').right,
        stacked: results.width > 300 && facets.width > 300 && (facets.bottom <= results.top || results.bottom <= facets.top),
        hits: document.querySelectorAll('#results .hit mark').length,
      };
    });
    check(layout.scrollWidth <= 390, `no horizontal scrolling at 390 px (scrollWidth ${layout.scrollWidth})`);
    check(layout.input <= 390 && layout.submit <= 390, 'the query box and button fit');
    check(layout.stacked, 'results and facets are stacked in one column');
    check(layout.hits > 0, 'highlighted hits render at phone width');
    await shot(phone, 'phone');
    await go(phone, `#/reports/${rid}`, 'report');
    const reportWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    check(reportWidth <= 390, `the report page fits 390 px (scrollWidth ${reportWidth})`);
    await phone.close();

    step('page errors');
    check(pageErrors.length === 0, `no page errors${pageErrors.length ? `:\n      ${pageErrors.join('\n      ')}` : ''}`);
  } catch (e) {
    if (!(e instanceof Fatal)) failures.push(`${currentStep}: ${e.stack || e.message}`);
    else if (!failures.includes(e.message)) failures.push(e.message);
    try {
      const pages = await browser.pages();
      const last = pages[pages.length - 1];
      const file = path.join(OUT, 'failure.png');
      await last.screenshot({ path: file });
      screenshots.push(file);
    } catch {}
  } finally {
    await browser.close();
  }
}

let latency = null;
try {
  await main();
} catch (e) {
  failures.push(e instanceof Fatal ? e.message : e.stack || String(e));
}
console.log('');
console.log(`web browser test: ${passed.length} checks passed, ${failures.length} failed`);
if (latency) console.log(`search latency (type, Enter, rendered) over ${latency.n} searches: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms`);
if (screenshots.length) console.log(`screenshots: ${screenshots.join(' ')}`);
if (failures.length) {
  console.log('\nFAILURES:');
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
