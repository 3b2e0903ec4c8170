// 指标: one indicator of one jurisdiction over the years (a line chart), or one indicator across
// the jurisdictions matching a filter for one year (a sorted horizontal bar chart with coverage
// and summary statistics). Every point opens its report at its evidence.
//
// URL: #/indicators?id=litigation.cases&code=513327
//      #/indicators?id=litigation.cases&mode=compare&year=2021&province=四川省&level=county&kind=…&order=desc
// The plotted points are exposed as window.__fazhiChart = {kind, indicatorId, points: [...]}.

import { get, cached, int, reportId, buildFilter } from './api.js';
import { h, formatNumber, levelLabel, kindLabel, jurisdictionLabel, LEVELS, KINDS } from './util.js';
import { hashUrl, navigate } from './nav.js';

let chart = null;
let resizeBound = false;

function disposeChart() {
  if (chart) {
    chart.dispose();
    chart = null;
  }
  window.__fazhiChart = null;
}

function stateFromParams(params) {
  const s = {
    id: params.get('id') || '',
    mode: params.get('mode') === 'compare' ? 'compare' : 'series',
    code: (params.get('code') || '').trim(),
    year: params.get('year') || '',
    province: params.get('province') || '',
    level: params.get('level') || '',
    kind: params.get('kind') || '',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
  };
  return s;
}

function urlFor(s) {
  return s.mode === 'compare'
    ? hashUrl('/indicators', { id: s.id, mode: 'compare', year: s.year, province: s.province, level: s.level, kind: s.kind, order: s.order === 'asc' ? 'asc' : '' })
    : hashUrl('/indicators', { id: s.id, code: s.code });
}

// The report page at a value's evidence.
function evidenceHref(v) {
  const params = { ind: v.indicatorId };
  if (v.span && int(v.span.end) > int(v.span.begin)) params.span = `${int(v.span.begin)}-${int(v.span.end)}`;
  return hashUrl(`/reports/${encodeURIComponent(reportId(v.report))}`, params);
}

export async function renderIndicators(ctx) {
  disposeChart();
  if (!resizeBound) {
    window.addEventListener('resize', () => chart && chart.resize());
    resizeBound = true;
  }
  const state = stateFromParams(ctx.params);
  document.title = '指标 · 法治报告档案';
  ctx.view.replaceChildren(h('p', { class: 'loading' }, '正在加载指标…'));
  const [indicatorList, facets, jurisdictions] = await Promise.all([
    cached('/v1/indicators'),
    cached('/v1/reports:facets'),
    knownJurisdictions(),
  ]);
  if (!ctx.isCurrent()) return;
  const indicators = indicatorList.indicators || [];
  const byId = new Map(indicators.map((i) => [i.id, i]));
  if (!state.id && indicators.length) state.id = indicators[0].id;
  const indicator = byId.get(state.id);

  // The form.
  const groups = new Map();
  for (const ind of indicators) {
    const g = ind.group || '其他';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(ind);
  }
  const indicatorSelect = h('select', { id: 'indicator-select', name: 'id' },
    [...groups].map(([group, list]) => h('optgroup', { label: group },
      list.map((ind) => h('option', { value: ind.id, selected: ind.id === state.id }, `${ind.name}${ind.unit ? `（${ind.unit}）` : ''}`)))));
  indicatorSelect.value = state.id;
  const modeSeries = h('input', { type: 'radio', name: 'mode', value: 'series', id: 'mode-series', checked: state.mode === 'series' });
  const modeCompare = h('input', { type: 'radio', name: 'mode', value: 'compare', id: 'mode-compare', checked: state.mode === 'compare' });
  const codeInput = h('input', { id: 'jurisdiction-code', name: 'code', list: 'jurisdiction-options', value: state.code, inputmode: 'numeric', placeholder: '如 513327', autocomplete: 'off' });
  codeInput.value = state.code;
  const datalist = h('datalist', { id: 'jurisdiction-options' },
    jurisdictions.map((j) => h('option', { value: j.code }, `${jurisdictionLabel(j)}（${levelLabel(j.level)}）`)));
  const facetValues = (field) => {
    const f = (facets.facets || []).find((x) => x.field === field);
    return f ? f.counts.map((c) => c.value).filter((v) => v && v !== '0') : [];
  };
  const select = (id, name, anyLabel, entries, current) => {
    if (current && !entries.some(([v]) => v === current)) entries.push([current, current]);
    const el = h('select', { id, name }, anyLabel !== null ? h('option', { value: '' }, anyLabel) : null,
      entries.map(([v, label]) => h('option', { value: v, selected: v === current }, label)));
    el.value = current;
    return el;
  };
  const years = facetValues('report_year').sort().reverse();
  const yearSelect = select('compare-year', 'year', '全部年份', years.map((y) => [y, `${y} 年`]), state.year);
  const provinceSelect = select('compare-province', 'province', '全部省份', facetValues('province').sort((a, b) => a.localeCompare(b, 'zh-CN')).map((p) => [p, p]), state.province);
  const levelSelect = select('compare-level', 'level', '全部层级', Object.keys(LEVELS).filter((l) => facetValues('level').includes(l)).map((l) => [l, levelLabel(l)]), state.level);
  const kindSelect = select('compare-kind', 'kind', '全部类型', Object.keys(KINDS).map((k) => [k, kindLabel(k)]), state.kind);
  const orderSelect = select('compare-order', 'order', null, [['desc', '从大到小'], ['asc', '从小到大']], state.order);

  const seriesFields = h('div', { class: 'mode-fields', id: 'series-fields' },
    h('div', { class: 'field' }, h('label', { for: 'jurisdiction-code' }, '辖区代码'), codeInput, datalist,
      h('small', { class: 'muted' }, '6 位行政区划代码；可从列表中选择已收录的辖区')));
  const compareFields = h('div', { class: 'mode-fields', id: 'compare-fields' },
    h('div', { class: 'field' }, h('label', { for: 'compare-year' }, '年度'), yearSelect),
    h('div', { class: 'field' }, h('label', { for: 'compare-province' }, '省份'), provinceSelect),
    h('div', { class: 'field' }, h('label', { for: 'compare-level' }, '层级'), levelSelect),
    h('div', { class: 'field' }, h('label', { for: 'compare-kind' }, '文件类型'), kindSelect),
    h('div', { class: 'field' }, h('label', { for: 'compare-order' }, '排序'), orderSelect));
  const showMode = () => {
    seriesFields.hidden = !modeSeries.checked;
    compareFields.hidden = !modeCompare.checked;
  };
  modeSeries.addEventListener('change', showMode);
  modeCompare.addEventListener('change', showMode);
  showMode();
  const form = h('form', { id: 'indicator-form', class: 'indicator-form' },
    h('div', { class: 'field' }, h('label', { for: 'indicator-select' }, '指标'), indicatorSelect),
    h('fieldset', { class: 'mode' }, h('legend', {}, '查看方式'),
      h('label', {}, modeSeries, ' 历年变化（单个辖区）'),
      h('label', {}, modeCompare, ' 横向比较（多个辖区）')),
    seriesFields,
    compareFields,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', id: 'indicator-submit' }, '显示')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(urlFor({
      id: indicatorSelect.value,
      mode: modeCompare.checked ? 'compare' : 'series',
      code: codeInput.value.trim(),
      year: yearSelect.value,
      province: provinceSelect.value,
      level: levelSelect.value,
      kind: kindSelect.value,
      order: orderSelect.value,
    }));
  });

  const output = h('section', { id: 'indicator-output', class: 'indicator-output', 'aria-live': 'polite' });
  ctx.view.replaceChildren(h('div', { class: 'indicators-page' },
    h('h1', {}, '指标'),
    h('div', { class: 'indicators-layout' }, form, output)));

  if (!indicator) {
    output.replaceChildren(h('p', { class: 'muted' }, state.id ? `未知指标：${state.id}` : '暂无指标。'));
    ctx.ready('indicators');
    return;
  }
  if (state.mode === 'series') {
    if (!/^\d{6}(\d{3})?$/.test(state.code)) {
      output.replaceChildren(h('p', { class: 'hint' }, state.code ? `“${state.code}”不是有效的辖区代码（6 位或 9 位数字）。` : '请输入辖区代码，查看该指标的历年变化；或选择“横向比较”。'));
      ctx.ready('indicators');
      return;
    }
    const series = await get(`/v1/indicators/${encodeURIComponent(state.id)}:series`, { jurisdictionCode: state.code });
    if (!ctx.isCurrent()) return;
    renderSeries(output, indicator, state, series.points || [], jurisdictions);
    ctx.ready('series');
  } else {
    const filter = buildFilter({ province: state.province, level: state.level, kind: state.kind });
    const compare = await get(`/v1/indicators/${encodeURIComponent(state.id)}:compare`, {
      reportYear: state.year || '',
      filter,
      descending: state.order === 'desc' ? 'true' : '',
      pageSize: 1000,
    });
    if (!ctx.isCurrent()) return;
    renderCompare(output, indicator, state, compare);
    ctx.ready('compare');
  }
}

// Jurisdictions of the archived reports (for the code field's suggestions).
async function knownJurisdictions() {
  try {
    const list = await cached('/v1/reports', { pageSize: 1000 });
    const seen = new Map();
    for (const r of list.reports || []) {
      const j = r.record && r.record.metadata && r.record.metadata.jurisdiction;
      if (j && j.code && !seen.has(j.code)) seen.set(j.code, j);
    }
    return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
  } catch {
    return [];
  }
}

function flagsText(v) {
  return [v.approximate ? '约数' : '', v.suspect ? '存疑' : ''].filter(Boolean).join('，');
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function tooltip(v, title) {
  const flags = flagsText(v);
  return `<div class="chart-tip"><b>${escapeHtml(title)}</b><br>${escapeHtml(formatNumber(v.value))} ${escapeHtml(v.unit || '')}` +
    `${flags ? ` <span style="color:#b45309">（${escapeHtml(flags)}）</span>` : ''}` +
    `<br><span style="white-space:normal;display:inline-block;max-width:320px">${escapeHtml(v.evidence || '')}</span><br><i>点击查看报告原文</i></div>`;
}

function renderSeries(output, indicator, state, points, jurisdictions) {
  const j = (points[0] && points[0].jurisdiction) || jurisdictions.find((x) => x.code === state.code);
  const heading = h('h2', {}, `${indicator.name} · ${j ? jurisdictionLabel(j) : state.code}`);
  const chartBox = h('div', { id: 'series-chart', class: 'chart', role: 'img', 'aria-label': `${indicator.name}历年变化折线图` });
  window.__fazhiChart = {
    kind: 'series',
    indicatorId: state.id,
    jurisdictionCode: state.code,
    points: points.map((p) => ({
      report: p.report, reportYear: p.reportYear, value: p.value, unit: p.unit, approximate: !!p.approximate,
      suspect: !!p.suspect, span: p.span ? { begin: int(p.span.begin), end: int(p.span.end) } : null, href: evidenceHref(p),
    })),
  };
  if (!points.length) {
    output.replaceChildren(heading, h('p', { class: 'muted', id: 'series-empty' }, '该辖区的报告中未找到此指标。'), chartBox);
    chartBox.hidden = true;
    return;
  }
  const table = valueTable('series-table', ['年度', '数值', '依据'], points.map((p) => [
    `${p.reportYear || '未知'} 年`,
    valueCell(p),
    h('a', { href: evidenceHref(p) }, p.evidence || '查看报告'),
  ]), points);
  output.replaceChildren(heading, h('p', { class: 'muted' }, `${points.length} 个年度数据点；单位：${indicator.unit || points[0].unit || '—'}。点击数据点查看报告原文中的依据。`), chartBox, table);

  const seen = new Map();
  const categories = points.map((p) => {
    const y = String(p.reportYear || '未知');
    const n = (seen.get(y) || 0) + 1;
    seen.set(y, n);
    return n > 1 ? `${y}（${n}）` : y;
  });
  chart = echarts.init(chartBox, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    grid: { left: 64, right: 24, top: 32, bottom: points.length > 8 ? 72 : 40 },
    tooltip: { trigger: 'item', confine: true, formatter: (param) => tooltip(points[param.dataIndex], `${categories[param.dataIndex]} 年`) },
    xAxis: { type: 'category', data: categories, name: '年度', boundaryGap: points.length === 1 },
    yAxis: { type: 'value', name: points[0].unit || indicator.unit || '', scale: false },
    dataZoom: points.length > 8 ? [{ type: 'inside' }, { type: 'slider', bottom: 16 }] : [],
    series: [{
      type: 'line',
      name: indicator.name,
      data: points.map((p) => ({
        value: p.value,
        symbol: p.suspect ? 'triangle' : 'circle',
        symbolSize: p.suspect ? 14 : 10,
        itemStyle: p.suspect ? { color: '#d97706' } : undefined,
      })),
      label: { show: true, position: 'top', formatter: (param) => formatNumber(param.value) + (points[param.dataIndex].suspect ? ' ⚠' : '') },
      lineStyle: { width: 2 },
      itemStyle: { color: '#b91c1c' },
    }],
  });
  chart.on('click', (param) => {
    if (param.componentType === 'series') location.hash = evidenceHref(points[param.dataIndex]);
  });
}

function renderCompare(output, indicator, state, response) {
  const rows = response.rows || [];
  const s = response.summary || {};
  const reportCount = int(s.reportCount);
  const statingCount = int(s.statingCount);
  const scope = [
    state.year ? `${state.year} 年` : '全部年份',
    state.province || '全部省份',
    state.level ? levelLabel(state.level) : '',
    state.kind ? kindLabel(state.kind) : '',
  ].filter(Boolean).join(' · ');
  const unit = (rows[0] && rows[0].unit) || indicator.unit || '';
  // The statistics are absent when no value is left to summarize (suspect values are left out):
  // shown as a dash, never as 0.
  const stat = (v, format = formatNumber) => (v === undefined || v === null ? '—' : format(v));
  const suspectCount = Number(s.suspectCount || 0);
  const summary = h('dl', { id: 'compare-summary', class: 'summary',
    dataset: { reportCount: String(reportCount), statingCount: String(statingCount), suspectCount: String(suspectCount), min: String(s.min ?? ''), median: String(s.median ?? ''), max: String(s.max ?? ''), mean: String(s.mean ?? '') } },
    h('div', {}, h('dt', {}, '覆盖'), h('dd', { id: 'compare-coverage' }, `${statingCount}/${reportCount}`,
      h('small', {}, reportCount ? `（${((statingCount / reportCount) * 100).toFixed(0)}% 的报告写明）` : ''),
      h('small', {}, suspectCount ? `（${suspectCount} 个存疑值未计入统计）` : ''))),
    h('div', {}, h('dt', {}, '最小'), h('dd', {}, stat(s.min), h('small', {}, unit))),
    h('div', {}, h('dt', {}, '中位数'), h('dd', {}, stat(s.median), h('small', {}, unit))),
    h('div', {}, h('dt', {}, '最大'), h('dd', {}, stat(s.max), h('small', {}, unit))),
    h('div', {}, h('dt', {}, '平均'), h('dd', {}, stat(s.mean, (v) => formatNumber(Number(v).toFixed(2))), h('small', {}, unit))));
  const label = (r) => `${r.jurisdiction && r.jurisdiction.name ? r.jurisdiction.name : reportId(r.report)}${state.year ? '' : ` ${r.reportYear}`}`;
  const chartBox = h('div', { id: 'compare-chart', class: 'chart', role: 'img', 'aria-label': `${indicator.name}各辖区比较条形图`,
    style: `height:${Math.max(200, Math.min(rows.length, 40) * 28 + 80)}px` });
  window.__fazhiChart = {
    kind: 'compare',
    indicatorId: state.id,
    reportYear: Number(state.year || 0),
    points: rows.map((r) => ({
      report: r.report, jurisdictionCode: r.jurisdiction ? r.jurisdiction.code : '', label: label(r), reportYear: r.reportYear,
      value: r.value, unit: r.unit, approximate: !!r.approximate, suspect: !!r.suspect,
      span: r.span ? { begin: int(r.span.begin), end: int(r.span.end) } : null, href: evidenceHref(r),
    })),
    summary: { reportCount, statingCount, suspectCount, min: s.min ?? null, median: s.median ?? null, max: s.max ?? null, mean: s.mean ?? null },
  };
  const heading = h('h2', {}, `${indicator.name} · ${scope}`);
  if (!rows.length) {
    output.replaceChildren(heading, summary, h('p', { class: 'muted', id: 'compare-empty' }, '没有报告写明此指标。'), chartBox);
    chartBox.hidden = true;
    return;
  }
  const table = valueTable('compare-table', ['辖区', '年度', '数值', '依据'], rows.map((r) => [
    r.jurisdiction ? jurisdictionLabel(r.jurisdiction) : reportId(r.report),
    `${r.reportYear || '未知'}`,
    valueCell(r),
    h('a', { href: evidenceHref(r) }, r.evidence || '查看报告'),
  ]), rows);
  output.replaceChildren(heading, summary,
    h('p', { class: 'muted' }, `${rows.length} 个辖区（${state.order === 'asc' ? '从小到大' : '从大到小'}）；橙色为存疑数值。点击条形查看报告原文中的依据。`),
    chartBox, table);

  chart = echarts.init(chartBox, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    grid: { left: 8, right: 72, top: 24, bottom: 32, containLabel: true },
    tooltip: { trigger: 'item', confine: true, formatter: (param) => tooltip(rows[param.dataIndex], jurisdictionLabel(rows[param.dataIndex].jurisdiction)) },
    xAxis: { type: 'value', name: unit, position: 'top' },
    yAxis: { type: 'category', data: rows.map(label), inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
    dataZoom: rows.length > 40 ? [{ type: 'slider', yAxisIndex: 0, right: 8, startValue: 0, endValue: 39 }, { type: 'inside', yAxisIndex: 0 }] : [],
    series: [{
      type: 'bar',
      name: indicator.name,
      barMaxWidth: 28,
      data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.suspect ? '#d97706' : '#b91c1c' } })),
      label: { show: true, position: 'right', formatter: (param) => formatNumber(param.value) + (rows[param.dataIndex].suspect ? ' 存疑' : rows[param.dataIndex].approximate ? ' 约' : '') },
      markLine: rows.length > 1 && s.median !== undefined && s.median !== null ? {
        symbol: 'none',
        label: { formatter: (p) => `${p.name} ${formatNumber(p.value)}` , position: 'end' },
        lineStyle: { type: 'dashed', color: '#475569' },
        data: [{ name: '中位数', xAxis: Number(s.median) }],
      } : undefined,
    }],
  });
  chart.on('click', (param) => {
    if (param.componentType === 'series' && param.seriesType === 'bar') location.hash = evidenceHref(rows[param.dataIndex]);
  });
}

function valueCell(v) {
  return h('span', { class: 'value' + (v.suspect ? ' suspect' : '') }, formatNumber(v.value), ' ', v.unit || '',
    v.approximate ? h('span', { class: 'badge approx' }, '约') : null,
    v.suspect ? h('span', { class: 'badge warn' }, '存疑') : null);
}

function valueTable(id, headers, rows, values) {
  return h('div', { class: 'table-wrap' },
    h('table', { id, class: 'data-table' },
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((cells, i) => h('tr', { dataset: { report: reportId(values[i].report) }, class: values[i].suspect ? 'suspect' : '' },
        cells.map((c) => h('td', {}, c)))))));
}
