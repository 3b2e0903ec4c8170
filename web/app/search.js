// 搜索: the query box, filter controls, facet counts, hits with highlighted snippets, paging.
// An empty query lists the reports matching the filter instead (GET /v1/reports).

import { get, cached, int, reportId, buildFilter } from './api.js';
import { h, levelLabel, kindLabel, jurisdictionLabel, reportTitle, LEVELS, KINDS } from './util.js';
import { highlightNodes } from './text.js';
import { hashUrl, navigate } from './nav.js';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['province', 'level', 'kind', 'from', 'to'];
const FACET_PARAM = { province: 'province', level: 'level', document_kind: 'kind', report_year: 'year' };
const FACET_TITLES = { province: '省份', level: '层级', report_year: '年度', document_kind: '文件类型' };
const ORDERS = {
  '': '按名称',
  'report_year desc': '年度（新→旧）',
  report_year: '年度（旧→新）',
  'ingest_time desc': '入库时间（新→旧）',
};

// Page tokens already seen, per query+filter+order: tokens[k] fetches page k+1.
const tokenCache = new Map();

function stateFromParams(params) {
  const s = { q: (params.get('q') || '').trim(), page: Math.max(1, parseInt(params.get('page') || '1', 10) || 1) };
  for (const key of FILTER_KEYS) s[key] = params.get(key) || '';
  s.order = params.get('order') || '';
  return s;
}

function urlFor(state, changes = {}) {
  const s = { ...state, ...changes };
  return hashUrl('/search', {
    q: s.q,
    province: s.province,
    level: s.level,
    kind: s.kind,
    from: s.from,
    to: s.to,
    order: s.q ? '' : s.order,
    page: s.page > 1 ? s.page : '',
  });
}

export async function renderSearch(ctx) {
  const state = stateFromParams(ctx.params);
  const filter = buildFilter(state);
  document.title = state.q ? `${state.q} · 搜索 · 法治报告档案` : '搜索 · 法治报告档案';

  // The page's frame is built at once (the query box stays usable while results load).
  const input = h('input', {
    id: 'search-input',
    type: 'search',
    name: 'q',
    value: state.q,
    placeholder: '例如：行政复议　调解 OR 仲裁　"依法 行政" -撤销',
    autocomplete: 'off',
    'aria-describedby': 'query-help',
  });
  input.value = state.q;
  const selects = {
    province: h('select', { id: 'filter-province', name: 'province' }),
    level: h('select', { id: 'filter-level', name: 'level' }),
    kind: h('select', { id: 'filter-kind', name: 'kind' }),
    from: h('select', { id: 'filter-from', name: 'from' }),
    to: h('select', { id: 'filter-to', name: 'to' }),
  };
  const form = h(
    'form',
    { id: 'search-form', role: 'search', class: 'search-form' },
    h('label', { for: 'search-input', class: 'search-label' }, '全文检索'),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', id: 'search-submit', class: 'primary' }, '搜索')),
    queryHelp(),
    h(
      'fieldset',
      { class: 'filters', id: 'filters' },
      h('legend', {}, '筛选条件'),
      field('省份', selects.province),
      field('层级', selects.level),
      field('文件类型', selects.kind),
      h('div', { class: 'field year-range' },
        h('label', { for: 'filter-from' }, '年度'),
        h('div', { class: 'year-pair' }, selects.from, h('span', { 'aria-hidden': 'true' }, '至'), h('label', { for: 'filter-to', class: 'visually-hidden' }, '截止年度'), selects.to)),
      h('a', { href: urlFor({ q: state.q, page: 1 }), id: 'filter-clear', class: 'button-link' }, '清除筛选'),
    ),
  );
  const submit = () => {
    const next = { ...state, q: input.value.trim(), page: 1 };
    for (const key of FILTER_KEYS) next[key] = selects[key].value;
    navigate(urlFor(next));
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  for (const select of Object.values(selects)) select.addEventListener('change', submit);

  const facetsBox = h('aside', { id: 'facets', class: 'facets', 'aria-label': '分面统计' }, h('p', { class: 'loading' }, '统计中…'));
  const summary = h('p', { id: 'result-summary', class: 'result-summary', 'aria-live': 'polite' }, '检索中…');
  const results = h('ol', { id: 'results', class: 'results' });
  const pager = h('nav', { id: 'pager', class: 'pager', 'aria-label': '翻页' });
  const orderSelect = state.q
    ? null
    : h('select', { id: 'list-order', onchange: (e) => navigate(urlFor(state, { order: e.target.value, page: 1 })) },
        Object.entries(ORDERS).map(([value, label]) => h('option', { value, selected: value === state.order }, label)));
  ctx.view.replaceChildren(
    h('div', { class: 'search-page' },
      h('h1', { class: 'visually-hidden' }, '搜索报告'),
      form,
      h('div', { class: 'search-layout' },
        h('section', { class: 'results-column', 'aria-label': state.q ? '检索结果' : '报告列表' },
          h('div', { class: 'results-head' }, summary, orderSelect && h('label', { class: 'order' }, '排序 ', orderSelect)),
          results,
          pager),
        facetsBox)));

  const [options, facets, page] = await Promise.all([
    cached('/v1/reports:facets'),
    get('/v1/reports:facets', { filter }),
    fetchPage(state, filter),
  ]);
  if (!ctx.isCurrent()) return;

  fillSelects(selects, options, state);
  renderFacets(facetsBox, facets, state);
  renderResults(results, summary, pager, page, state);
  document.body.dataset.total = String(page.totalSize);
  ctx.ready('search');
}

function field(label, control) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

function queryHelp() {
  return h(
    'details',
    { class: 'query-help', id: 'query-help' },
    h('summary', {}, '检索语法'),
    h('ul', {},
      h('li', {}, h('code', {}, '行政复议'), '：包含该词语（任意长度，一个字也可）'),
      h('li', {}, h('code', {}, '行政复议 调解'), ' 或 ', h('code', {}, '行政复议 AND 调解'), '：同时包含'),
      h('li', {}, h('code', {}, '调解 OR 仲裁'), '：包含其一'),
      h('li', {}, h('code', {}, '行政复议 -撤销'), ' 或 ', h('code', {}, 'NOT 撤销'), '：排除'),
      h('li', {}, h('code', {}, '"依法 行政"'), '：带空格的短语用英文双引号'),
      h('li', {}, h('code', {}, '(调解 OR 仲裁) AND 2021'), '：括号分组')),
    h('p', {}, '留空检索词则按筛选条件列出全部报告。'),
  );
}

// The page of hits (search) or reports (list) for state.page, walking earlier pages for their
// tokens when the URL names a page this session has not seen.
async function fetchPage(state, filter) {
  const key = JSON.stringify([state.q, filter, state.q ? '' : state.order]);
  if (!tokenCache.has(key)) tokenCache.set(key, ['']);
  const tokens = tokenCache.get(key);
  const fetchOne = (token) =>
    state.q
      ? get('/v1/reports:search', { query: state.q, filter, pageSize: PAGE_SIZE, pageToken: token })
      : get('/v1/reports', { filter, pageSize: PAGE_SIZE, pageToken: token, orderBy: state.order });
  let pageIndex = state.page - 1;
  while (tokens.length <= pageIndex) {
    const k = tokens.length - 1;
    const previous = await fetchOne(tokens[k]);
    if (!previous.nextPageToken) {
      pageIndex = k; // the URL's page is past the last one: show the last
      state.page = k + 1;
      break;
    }
    tokens.push(previous.nextPageToken);
  }
  const page = await fetchOne(tokens[pageIndex]);
  if (page.nextPageToken) tokens[pageIndex + 1] = page.nextPageToken;
  return { ...page, totalSize: int(page.totalSize), hasNext: !!page.nextPageToken };
}

function fillSelects(selects, options, state) {
  const values = (field) => {
    const facet = (options.facets || []).find((f) => f.field === field);
    return facet ? facet.counts.map((c) => c.value).filter((v) => v !== '') : [];
  };
  const fill = (select, entries, anyLabel, current) => {
    const present = new Set(entries.map(([v]) => v));
    if (current && !present.has(current)) entries.push([current, current]);
    select.replaceChildren(
      h('option', { value: '' }, anyLabel),
      ...entries.map(([value, label]) => h('option', { value, selected: value === current }, label)),
    );
    select.value = current;
  };
  const provinces = values('province').sort((a, b) => a.localeCompare(b, 'zh-CN'));
  fill(selects.province, provinces.map((p) => [p, p]), '全部省份', state.province);
  const levelOrder = Object.keys(LEVELS);
  const levels = values('level').sort((a, b) => levelOrder.indexOf(a) - levelOrder.indexOf(b));
  fill(selects.level, levels.map((l) => [l, levelLabel(l)]), '全部层级', state.level);
  const kinds = values('document_kind');
  for (const k of Object.keys(KINDS)) if (!kinds.includes(k)) kinds.push(k);
  fill(selects.kind, kinds.map((k) => [k, kindLabel(k)]), '全部类型', state.kind);
  const years = values('report_year').filter((y) => y !== '0').sort();
  fill(selects.from, years.map((y) => [y, `${y} 年`]), '最早', state.from);
  fill(selects.to, years.map((y) => [y, `${y} 年`]), '最晚', state.to);
}

function renderFacets(box, facets, state) {
  const base = { ...state, page: 1 };
  const groups = ['province', 'level', 'report_year', 'document_kind'].map((field) => {
    const facet = (facets.facets || []).find((f) => f.field === field) || { counts: [] };
    const param = FACET_PARAM[field];
    const items = facet.counts.map((c) => {
      const label =
        field === 'level' ? levelLabel(c.value) :
        field === 'document_kind' ? kindLabel(c.value) :
        field === 'report_year' ? (c.value && c.value !== '0' ? `${c.value} 年` : '年度未知') :
        c.value || '未知';
      let selected;
      let href;
      if (field === 'report_year') {
        selected = state.from === c.value && state.to === c.value;
        href = urlFor(base, selected ? { from: '', to: '' } : { from: c.value, to: c.value });
      } else {
        selected = state[param] === c.value;
        href = urlFor(base, { [param]: selected ? '' : c.value });
      }
      const usable = c.value !== '' && !(field === 'report_year' && c.value === '0');
      return h('li', { class: 'facet-value' + (selected ? ' selected' : ''), dataset: { field, value: c.value, count: String(int(c.count)) } },
        usable
          ? h('a', { href, 'aria-pressed': selected ? 'true' : 'false', title: selected ? '取消此筛选' : '按此筛选' }, label)
          : h('span', {}, label),
        h('span', { class: 'count' }, String(int(c.count))));
    });
    return h('section', { class: 'facet', dataset: { field } },
      h('h2', {}, FACET_TITLES[field]),
      items.length ? h('ul', {}, items) : h('p', { class: 'muted' }, '无'));
  });
  box.replaceChildren(
    h('p', { class: 'facet-total' }, '符合筛选条件的报告 ', h('strong', { id: 'facet-total' }, String(int(facets.totalSize))), ' 份',
      state.q ? h('span', { class: 'muted' }, '（统计不计检索词）') : null),
    ...groups,
  );
}

function renderResults(list, summary, pager, page, state) {
  const items = state.q ? page.hits || [] : (page.reports || []).map((report) => ({ report }));
  const from = (state.page - 1) * PAGE_SIZE;
  if (items.length === 0) {
    summary.textContent = state.q ? `没有找到包含“${state.q}”的报告。` : '没有符合筛选条件的报告。';
  } else {
    summary.replaceChildren(
      state.q ? `“${state.q}”：` : '',
      '共 ', h('strong', { id: 'total-size' }, String(page.totalSize)), ' 份报告',
      `，第 ${from + 1}–${from + items.length} 份`,
    );
  }
  list.setAttribute('start', String(from + 1));
  list.replaceChildren(...items.map((hit) => renderHit(hit, state)));

  const prev = state.page > 1 ? h('a', { href: urlFor(state, { page: state.page - 1 }), id: 'page-prev', rel: 'prev', class: 'button-link' }, '‹ 上一页') : h('span', { class: 'button-link disabled', 'aria-disabled': 'true' }, '‹ 上一页');
  const next = page.hasNext ? h('a', { href: urlFor(state, { page: state.page + 1 }), id: 'page-next', rel: 'next', class: 'button-link' }, '下一页 ›') : h('span', { class: 'button-link disabled', 'aria-disabled': 'true' }, '下一页 ›');
  const pages = Math.max(1, Math.ceil(page.totalSize / PAGE_SIZE));
  pager.replaceChildren(prev, h('span', { class: 'page-number', id: 'page-number' }, `第 ${state.page} / ${pages} 页`), next);
  pager.hidden = items.length === 0 && state.page === 1;
}

function renderHit(hit, state) {
  const report = hit.report || {};
  const id = reportId(report.name);
  const md = (report.record && report.record.metadata) || {};
  const reportHref = hashUrl(`/reports/${encodeURIComponent(id)}`, state.q ? { q: state.q } : {});
  const meta = [
    jurisdictionLabel(md.jurisdiction),
    md.reportYear ? `${md.reportYear} 年度` : null,
    kindLabel(md.documentKind),
    md.publishedOn ? `发布于 ${md.publishedOn}` : null,
    md.jurisdiction && md.jurisdiction.level ? levelLabel(md.jurisdiction.level) : null,
  ].filter(Boolean);
  const snippets = (hit.snippets || []).map((s) => {
    const first = (s.highlights || [])[0];
    const offset = int(s.offset);
    const href = first
      ? hashUrl(`/reports/${encodeURIComponent(id)}`, { q: state.q, span: `${offset + int(first.begin)}-${offset + int(first.end)}` })
      : reportHref;
    return h('li', { class: 'snippet' }, h('a', { href, title: '在报告中查看此处' }, '…', highlightNodes(s.text || '', s.highlights), '…'));
  });
  return h('li', { class: 'hit', dataset: { report: id } },
    h('h3', { class: 'hit-title' }, h('a', { href: reportHref }, reportTitle(report))),
    h('p', { class: 'hit-meta' },
      meta.join(' · '),
      state.q ? h('span', { class: 'match-count', dataset: { count: String(int(hit.matchCount)) } }, `匹配 ${int(hit.matchCount)} 处`) : null,
      report.state && report.state !== 'REPORT_STATE_EXTRACTED' ? h('span', { class: 'badge warn' }, report.state === 'REPORT_STATE_FAILED' ? '提取失败' : '待提取') : null),
    snippets.length ? h('ul', { class: 'snippets' }, snippets) : null);
}
