// fazhi's JSON API (fazhi-web, same origin): the proto3 JSON mapping of fazhi.v1.QueryService.
// int64 fields arrive as strings, enums as names; errors as {"error": {code, status, message}}.

export class ApiError extends Error {
  constructor(httpStatus, status, message) {
    super(message);
    this.httpStatus = httpStatus;
    this.status = status;
  }
}

// GET path?params (params: object; empty values are left out) → parsed JSON, or throws ApiError.
export async function get(path, params = {}, { signal } = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const url = query.toString() ? `${path}?${query}` : path;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'UNAVAILABLE', `无法连接服务器（${e.message}）`);
  }
  const body = await response.text();
  let json = null;
  try {
    json = body ? JSON.parse(body) : {};
  } catch {
    json = null;
  }
  if (!response.ok) {
    const err = json && json.error;
    const message = (err && err.message) || body.trim() || response.statusText;
    throw new ApiError(response.status, (err && err.status) || String(response.status), message);
  }
  if (json === null) throw new ApiError(response.status, 'BAD_RESPONSE', `服务器返回的不是 JSON：${url}`);
  return json;
}

// An int64 of the JSON mapping (a string) or a number → number.
export function int(value) {
  if (value === undefined || value === null || value === '') return 0;
  return Number(value);
}

// "reports/{id}" → id.
export function reportId(name) {
  return String(name || '').replace(/^reports\//, '');
}

// Filter strings of query.proto: comparisons joined by AND. Strings are quoted with \ escapes.
export function quote(value) {
  return `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// {province, level, kind, from, to, code} → `province = "…" AND …`.
export function buildFilter(f) {
  const parts = [];
  if (f.province) parts.push(`province = ${quote(f.province)}`);
  if (f.prefecture) parts.push(`prefecture = ${quote(f.prefecture)}`);
  if (f.level) parts.push(`level = ${quote(f.level)}`);
  if (f.kind) parts.push(`document_kind = ${quote(f.kind)}`);
  if (f.from && /^\d+$/.test(f.from)) parts.push(`report_year >= ${Number(f.from)}`);
  if (f.to && /^\d+$/.test(f.to)) parts.push(`report_year <= ${Number(f.to)}`);
  if (f.code) parts.push(`jurisdiction_code: ${quote(f.code)}`);
  return parts.join(' AND ');
}

// Cached GETs for data that does not change within a session (indicator list, unfiltered facets).
const cache = new Map();
export function cached(path, params = {}) {
  const key = path + '?' + JSON.stringify(params);
  if (!cache.has(key)) {
    const promise = get(path, params).catch((e) => {
      cache.delete(key);
      throw e;
    });
    cache.set(key, promise);
  }
  return cache.get(key);
}
