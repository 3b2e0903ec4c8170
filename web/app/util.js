// DOM helpers and the Chinese labels of the API's values.

// h('a', {href, class: 'x', dataset: {…}, onclick}, child, …) → an element. Children: nodes,
// strings, arrays, null/false (skipped).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const LEVELS = {
  national: '国家级',
  province: '省级',
  prefecture: '地市级',
  county: '县级',
  township: '乡镇级',
};

export const KINDS = {
  rule_of_law_report: '法治政府建设报告',
  government_work_report: '政府工作报告',
  department_report: '部门法治报告',
  information_disclosure_report: '政府信息公开年报',
  other: '其他',
};

export const STATES = {
  REPORT_STATE_PENDING: '待提取',
  REPORT_STATE_EXTRACTED: '已提取',
  REPORT_STATE_FAILED: '提取失败',
  REPORT_STATE_UNSPECIFIED: '未知',
};

export const CITATION_KINDS = {
  law: '法律',
  regulation: '法规',
  rule: '规章',
  normative_document: '规范性文件',
  plan: '规划',
  other: '其他',
};

export const PARTS = {
  achievements: '成效',
  problems: '问题',
  plans: '计划',
  leaders_duties: '主要负责人职责',
  appendix: '附录',
};

export function levelLabel(level) {
  return LEVELS[level] || level || '未知层级';
}

export function kindLabel(kind) {
  return KINDS[kind] || kind || '未知类型';
}

// A number as the reports write it: thousands separators, at most 4 decimals.
export function formatNumber(value) {
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
}

// An RFC 3339 timestamp of the JSON mapping → local "YYYY-MM-DD HH:MM:SS".
export function formatTime(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatBytes(n) {
  n = Number(n);
  if (!n) return '0 B';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// A jurisdiction's display name: "四川省 · 凉山彝族自治州 · 雷波县".
export function jurisdictionLabel(j) {
  if (!j || !j.name) return '未识别辖区';
  const parts = [];
  if (j.province && j.province !== j.name) parts.push(j.province);
  if (j.prefecture && j.prefecture !== j.name) parts.push(j.prefecture);
  if (j.county && j.county !== j.name) parts.push(j.county);
  parts.push(j.name);
  return parts.join(' · ');
}

// A report's title to show: its own, else its jurisdiction and year, else its file name or id.
export function reportTitle(report) {
  const md = (report.record && report.record.metadata) || {};
  if (md.title) return md.title;
  const j = md.jurisdiction;
  if (j && j.name) return `${j.name}${md.reportYear ? ` ${md.reportYear}年` : ''}报告`;
  const p = report.provenance || {};
  return p.fileName || report.name;
}
