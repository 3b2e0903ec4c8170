// 报告: metadata and provenance, the section outline, the normalized text with its marks
// (quantities, dates, citations, issuing numbers, indicator evidence) and the indicator list.
//
// URL: #/reports/{id}?ind=<indicator id>&span=<begin>-<end>&q=<search query>
//   ind   activates that indicator (scrolls to its evidence and highlights it);
//   span  marks that code-point range (a chart point's figure, a snippet's match) and scrolls to
//         it, activating the indicator whose figure or evidence holds it;
//   q     marks the query's phrases in the text.

import { get, cached, int, reportId } from './api.js';
import {
  h, formatNumber, formatTime, formatBytes, jurisdictionLabel, levelLabel, kindLabel, reportTitle,
  STATES, CITATION_KINDS, PARTS,
} from './util.js';
import { CodePoints, renderMarked } from './text.js';
import { hashUrl, replaceUrl } from './nav.js';

const MARK_TYPES = [
  ['evidence', '指标依据'],
  ['q', '数量'],
  ['date', '日期'],
  ['cite', '引用文件'],
  ['docno', '文号'],
  ['query-hit', '检索词'],
];

export async function renderReport(ctx, id) {
  ctx.view.replaceChildren(h('p', { class: 'loading' }, '正在加载报告…'));
  const [reportResult, indicatorsResult] = await Promise.allSettled([
    get(`/v1/reports/${encodeURIComponent(id)}`, { view: 'REPORT_VIEW_FULL' }),
    cached('/v1/indicators'),
  ]);
  if (!ctx.isCurrent()) return;
  if (reportResult.status === 'rejected') throw reportResult.reason;
  const report = reportResult.value;
  const names = new Map();
  if (indicatorsResult.status === 'fulfilled') {
    for (const ind of indicatorsResult.value.indicators || []) names.set(ind.id, ind);
  }
  const record = report.record || {};
  const md = record.metadata || {};
  const title = reportTitle(report);
  document.title = `${title} · 法治报告档案`;
  const params = ctx.params;
  const state = { id, q: params.get('q') || '', ind: params.get('ind') || '', span: parseSpan(params.get('span')) };

  const textBox = h('div', { id: 'report-text', class: 'report-text', lang: 'zh-CN', tabindex: '-1' });
  const indicatorList = renderIndicatorList(record.indicators || [], names);
  const outline = renderOutline(record.sections || []);
  const legend = renderLegend(textBox);
  const backHref = hashUrl('/search', { q: state.q });

  ctx.view.replaceChildren(
    h('article', { class: 'report-page', dataset: { report: id } },
      h('header', { class: 'report-header' },
        h('p', { class: 'crumbs' }, h('a', { href: backHref }, state.q ? `‹ 返回“${state.q}”的检索结果` : '‹ 返回搜索')),
        h('h1', { id: 'report-title' }, title),
        h('p', { class: 'report-subtitle' },
          jurisdictionLabel(md.jurisdiction),
          md.reportYear ? ` · ${md.reportYear} 年度` : '',
          ` · ${kindLabel(md.documentKind)}`),
        h('p', { class: 'report-actions' },
          h('a', { href: `/v1/reports/${encodeURIComponent(id)}:original`, id: 'download-original', class: 'button-link primary', download: '' }, '下载原始文件'),
          ' ',
          h('a', { href: hashUrl('/indicators', md.jurisdiction && md.jurisdiction.code ? { code: md.jurisdiction.code } : {}), class: 'button-link' }, '本辖区指标'))),
      h('div', { class: 'report-layout' },
        h('aside', { class: 'report-side' },
          h('details', { class: 'panel', open: true }, h('summary', {}, h('h2', {}, '文档信息')), renderMetaTable(report)),
          h('details', { class: 'panel', open: true }, h('summary', {}, h('h2', {}, `指标（${(record.indicators || []).length}）`)), indicatorList),
          h('details', { class: 'panel', open: true }, h('summary', {}, h('h2', {}, `目录（${(record.sections || []).length}）`)), outline),
          (record.citations || []).length
            ? h('details', { class: 'panel' }, h('summary', {}, h('h2', {}, `引用文件（${record.citations.length}）`)), renderCitations(record.citations))
            : null),
        h('section', { class: 'report-body', 'aria-label': '报告正文' },
          h('h2', { class: 'visually-hidden' }, '正文'),
          legend,
          textBox))),
  );

  const text = new CodePoints(report.text || '');
  const marks = buildMarks(record, text, state);
  renderMarked(textBox, text, marks, makeElement);
  if (!report.text) textBox.replaceChildren(h('p', { class: 'muted' }, report.state === 'REPORT_STATE_EXTRACTED' ? '（无正文）' : '（报告尚未提取，暂无正文）'));

  // Interactions.
  const activate = (indicatorId, { scroll = true, updateUrl = true } = {}) => activateIndicator(ctx.view, indicatorId, { scroll, updateUrl, state });
  indicatorList.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-indicator]');
    if (button) activate(button.dataset.indicator);
  });
  outline.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-section]');
    if (!button) return;
    const heading = document.getElementById(`sec-${button.dataset.section}`);
    if (heading) focusInText(heading, 'start');
  });
  textBox.addEventListener('click', (e) => {
    const ev = e.target.closest('[data-indicator]');
    if (ev && !window.getSelection().toString()) activate(ev.dataset.indicator, { scroll: false });
  });

  // The URL's target.
  let target = null;
  if (state.ind && (record.indicators || []).some((i) => i.id === state.ind)) {
    activate(state.ind, { updateUrl: false, scroll: !state.span });
  } else if (state.span) {
    const holder = (record.indicators || []).find((i) => contains(i.span, state.span) || contains(i.evidenceSpan, state.span));
    if (holder) activate(holder.id, { updateUrl: false, scroll: false });
  }
  if (state.span) {
    target = document.getElementById('span-target');
    if (target) focusInText(target, 'center');
  }
  ctx.ready('report');
}

function parseSpan(value) {
  const m = /^(\d+)-(\d+)$/.exec(value || '');
  return m ? { begin: Number(m[1]), end: Number(m[2]) } : null;
}

function contains(outer, inner) {
  return outer && int(outer.begin) <= inner.begin && inner.end <= int(outer.end) && int(outer.end) > int(outer.begin);
}

function focusInText(el, block) {
  el.scrollIntoView({ block, behavior: 'instant' });
  el.focus({ preventScroll: true });
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
}

function activateIndicator(view, indicatorId, { scroll, updateUrl, state }) {
  for (const el of view.querySelectorAll('.evidence-active, .indicator-item.active')) {
    el.classList.remove('evidence-active', 'active');
    el.removeAttribute('aria-current');
  }
  const sel = `[data-indicator="${CSS.escape(indicatorId)}"]`;
  const item = view.querySelector(`.indicator-item${sel}`);
  if (item) {
    item.classList.add('active');
    item.setAttribute('aria-current', 'true');
  }
  const pieces = view.querySelectorAll(`#report-text ${sel}`);
  for (const el of pieces) el.classList.add('evidence-active', 'active');
  const figure = view.querySelectorAll(`#report-text [data-indicator-figure="${CSS.escape(indicatorId)}"]`);
  for (const el of figure) el.classList.add('evidence-active');
  if (pieces.length && scroll) focusInText(pieces[0], 'center');
  else if (pieces.length) pieces[0].focus({ preventScroll: true });
  if (updateUrl) replaceUrl(hashUrl(`/reports/${encodeURIComponent(state.id)}`, { q: state.q, ind: indicatorId }));
}

function buildMarks(record, text, state) {
  const marks = [];
  (record.sections || []).forEach((s, i) => {
    if (!s.span) return;
    // A heading's span is its line; for 一是-style headings the line is the whole paragraph, so
    // only the marker and heading are marked when the line starts with them.
    const begin = int(s.span.begin);
    let end = int(s.span.end);
    const head = Array.from(`${s.marker || ''}${s.heading || ''}`);
    if (head.length && end - begin > head.length && text.slice(begin, begin + head.length) === head.join('')) end = begin + head.length;
    marks.push({ begin, end, order: 0, tag: 'span',
      attrs: { class: `heading level-${s.level}`, id: `sec-${i}`, tabindex: '-1' } });
  });
  (record.indicators || []).forEach((ind) => {
    const ev = ind.evidenceSpan && int(ind.evidenceSpan.end) > int(ind.evidenceSpan.begin) ? ind.evidenceSpan : ind.span;
    if (ev) {
      marks.push({ begin: int(ev.begin), end: int(ev.end), order: 1,
        attrs: { class: 'evidence' + (ind.suspect ? ' suspect' : ''), tabindex: '-1', dataset: { indicator: ind.id } } });
    }
    if (ind.span) {
      marks.push({ begin: int(ind.span.begin), end: int(ind.span.end), order: 2,
        attrs: { class: 'ind-figure', dataset: { indicatorFigure: ind.id } } });
    }
  });
  for (const q of record.quantities || []) {
    if (!q.span) continue;
    const value = `${formatNumber(q.value)}${q.valueMax !== undefined && q.valueMax !== null ? `–${formatNumber(q.valueMax)}` : ''} ${q.unit || ''}`.trim();
    const flags = [q.approximate ? '约数' : '', q.bound === 'lower' ? '下限' : q.bound === 'upper' ? '上限' : '', q.suspect ? `存疑${q.suspectReason ? '：' + q.suspectReason : ''}` : ''].filter(Boolean);
    marks.push({ begin: int(q.span.begin), end: int(q.span.end), order: 3,
      attrs: { class: 'q' + (q.suspect ? ' suspect' : ''), title: `数量：${value}${flags.length ? `（${flags.join('，')}）` : ''}` } });
  }
  for (const d of record.dates || []) {
    if (!d.span) continue;
    marks.push({ begin: int(d.span.begin), end: int(d.span.end), order: 3,
      attrs: { class: 'date', title: `日期：${d.value}${d.endValue ? ` 至 ${d.endValue}` : ''}${d.relative ? '（相对）' : ''}` } });
  }
  for (const c of record.citations || []) {
    if (!c.span) continue;
    marks.push({ begin: int(c.span.begin), end: int(c.span.end), order: 3,
      attrs: { class: 'cite', title: `引用：${CITATION_KINDS[c.kind] || c.kind || ''}` } });
  }
  for (const d of record.documentNumbers || []) {
    if (!d.span) continue;
    marks.push({ begin: int(d.span.begin), end: int(d.span.end), order: 3, attrs: { class: 'docno', title: '文号' } });
  }
  for (const [begin, end] of queryOccurrences(text, state.q)) {
    marks.push({ begin, end, order: 4, tag: 'mark', attrs: { class: 'query-hit' } });
  }
  if (state.span) {
    marks.push({ begin: state.span.begin, end: state.span.end, order: 5, attrs: { class: 'target-span', id: 'span-target', tabindex: '-1' } });
  }
  return marks;
}

function makeElement(mark) {
  const el = document.createElement(mark.tag || 'span');
  for (const [key, value] of Object.entries(mark.attrs || {})) {
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value);
  }
  return el;
}

// The positive phrases of a search query (not under NOT / -), found in the text (code points).
function queryOccurrences(text, q) {
  if (!q) return [];
  const phrases = [];
  const re = /(-?)"([^"]*)"|(\S+)/g;
  let m;
  let negateNext = false;
  const cleaned = q.replace(/[()]/g, ' ');
  while ((m = re.exec(cleaned))) {
    const word = m[2] !== undefined ? m[2] : m[3];
    if (m[2] === undefined && /^(AND|OR)$/.test(word)) continue;
    if (m[2] === undefined && word === 'NOT') {
      negateNext = true;
      continue;
    }
    const negated = negateNext || m[1] === '-' || (m[3] && word.startsWith('-'));
    negateNext = false;
    const phrase = m[3] && word.startsWith('-') ? word.slice(1) : word;
    if (!negated && phrase) phrases.push(phrase);
  }
  const s = text.points.join('');
  const cpAt = utf16ToCodePoint(text);
  const found = [];
  for (const phrase of phrases) {
    let at = s.indexOf(phrase);
    while (at >= 0 && found.length < 2000) {
      found.push([cpAt[at], cpAt[at + phrase.length]]);
      at = s.indexOf(phrase, at + phrase.length);
    }
  }
  return found;
}

// UTF-16 index → code-point index, for every index of the joined text (and its end).
function utf16ToCodePoint(text) {
  const map = [];
  let u = 0;
  text.points.forEach((p, i) => {
    map[u] = i;
    if (p.length === 2) map[u + 1] = i;
    u += p.length;
  });
  map[u] = text.points.length;
  return map;
}

function renderMetaTable(report) {
  const record = report.record || {};
  const md = record.metadata || {};
  const p = report.provenance || {};
  const j = md.jurisdiction;
  const link = (url) => (/^https?:\/\//i.test(url) ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url) : url);
  const pages = record.pages || [];
  const rows = [
    ['标题', md.title || '（文中未写明）'],
    ['辖区', j && j.name ? [jurisdictionLabel(j), h('br'), `代码 ${j.code || '—'} · ${levelLabel(j.level)}`, j.nameAsWritten && j.nameAsWritten !== j.name ? `（文中作“${j.nameAsWritten}”）` : ''] : '未识别'],
    ['年度', md.reportYear ? `${md.reportYear} 年` : '未知'],
    ['发布日期', md.publishedOn],
    ['报告日期', md.deliveredOn],
    ['发文机关', (md.issuers || []).join('、')],
    ['文号', md.docNumber],
    ['索引号', md.indexNumber],
    ['文件类型', kindLabel(md.documentKind)],
    ['原始格式', [p.originalFormat || '', p.originalEncoding ? ` · ${p.originalEncoding}` : '', p.originalSizeBytes ? ` · ${formatBytes(p.originalSizeBytes)}` : '']],
    ['转换器', p.converter || '（文本/HTML，无需转换）'],
    ['页数', pages.length ? `${pages.length} 页${pages.some((x) => x.ocr) ? `（其中 ${pages.filter((x) => x.ocr).length} 页经 OCR 识别）` : ''}` : ''],
    ['文件名', p.fileName],
    ['来源网址', p.sourceUrl ? link(p.sourceUrl) : md.sourceUrl ? link(md.sourceUrl) : '未知'],
    ['SHA-256', h('code', { class: 'hash' }, p.contentSha256 || '')],
    ['获取时间', formatTime(p.retrievedTime)],
    ['入库时间', formatTime(p.ingestTime)],
    ['提取时间', formatTime(report.extractTime)],
    ['状态', [STATES[report.state] || report.state || '', report.error ? ` · ${report.error}` : '']],
    ['提取器', [record.extractorVersion || '', record.indicatorSetVersion ? ` · ${record.indicatorSetVersion}` : '', report.normalizerVersion ? ` · ${report.normalizerVersion}` : '']],
    ['正文长度', `${int(report.textLength).toLocaleString('zh-CN')} 字`],
    ['编号', h('code', {}, report.name || '')],
  ];
  return h('table', { id: 'report-meta', class: 'meta-table' },
    h('tbody', {}, rows
      .filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.every((x) => x === '')))
      .map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))));
}

function renderIndicatorList(indicators, names) {
  if (!indicators.length) return h('p', { id: 'indicator-list', class: 'muted' }, '本报告未提取到指标。');
  return h('ul', { id: 'indicator-list', class: 'indicator-list' },
    indicators.map((ind) => {
      const meta = names.get(ind.id);
      const flags = [
        ind.approximate ? h('span', { class: 'badge approx', title: '文中为约数或界限' }, '约') : null,
        ind.bound === 'lower' ? h('span', { class: 'badge', title: '下限' }, '≥') : ind.bound === 'upper' ? h('span', { class: 'badge', title: '上限' }, '≤') : null,
        ind.suspect ? h('span', { class: 'badge warn', title: '数值可能有误' }, '存疑') : null,
      ];
      return h('li', { class: 'indicator-item', dataset: { indicator: ind.id } },
        h('button', { type: 'button', class: 'indicator-button', dataset: { indicator: ind.id }, title: ind.evidence || '' },
          h('span', { class: 'indicator-name' }, meta ? meta.name : ind.id),
          h('span', { class: 'indicator-value' }, formatNumber(ind.value), h('small', {}, ind.unit || ''), flags)));
    }));
}

function renderOutline(sections) {
  if (!sections.length) return h('p', { id: 'outline', class: 'muted' }, '未识别到章节。');
  const root = h('ol', { id: 'outline', class: 'outline' });
  const stack = [{ level: 0, list: root }];
  sections.forEach((s, i) => {
    while (stack.length > 1 && stack[stack.length - 1].level >= s.level) stack.pop();
    const parent = stack[stack.length - 1];
    const sub = h('ol', {});
    const li = h('li', { class: `outline-item level-${s.level}` },
      h('button', { type: 'button', class: 'outline-link', dataset: { section: String(i) } },
        h('span', { class: 'marker' }, s.marker || ''), s.heading || '（无标题）',
        s.part ? h('span', { class: 'badge part' }, PARTS[s.part] || s.part) : null));
    li.append(sub);
    parent.list.append(li);
    stack.push({ level: s.level, list: sub });
  });
  for (const ol of root.querySelectorAll('ol')) if (!ol.children.length) ol.remove();
  return root;
}

function renderCitations(citations) {
  return h('ul', { class: 'citation-list' },
    citations.map((c) => h('li', {}, `《${c.title}》`, h('span', { class: 'muted' }, ` ${CITATION_KINDS[c.kind] || c.kind || ''}`))));
}

function renderLegend(textBox) {
  return h('fieldset', { class: 'legend', id: 'mark-legend' },
    h('legend', {}, '标注'),
    MARK_TYPES.map(([cls, label]) => {
      const box = h('input', { type: 'checkbox', checked: true, id: `show-${cls}` });
      box.addEventListener('change', () => textBox.classList.toggle(`hide-${cls}`, !box.checked));
      return h('label', { class: `legend-item swatch-${cls}` }, box, h('span', { class: 'swatch' }), label);
    }));
}
